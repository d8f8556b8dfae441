#pragma once

#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/ParameterSet.h"

#include <cstdint>

namespace plexus::plugins {

/// Channels of PoissonInhomogeneousModel: channel i spikes in step s when a counter-based hash
/// of (seed, s, i) falls below the step's spike probability.
class PoissonInhomogeneousGroup : public core::NeuronGroup {
public:
    /// `size` channels; step `dtMs`; spikes drawn from `seed`.
    PoissonInhomogeneousGroup(const core::ParameterSet& params, std::size_t size, double dtMs,
                              std::uint64_t seed);

    std::size_t size() const override { return m_size; }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    float* state(std::size_t) override { return nullptr; }

    /// Rate (Hz, clipped at 0) at time `tMs`.
    double rateAt(double tMs) const;

private:
    std::size_t m_size;
    double m_rate, m_amplitude, m_omega, m_phase, m_dtMs;
    std::uint64_t m_seed;
};

} // namespace plexus::plugins
