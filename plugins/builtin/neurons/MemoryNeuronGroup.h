#pragma once

#include "plexus/core/base/AlignedVector.h"
#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/ParameterSet.h"

#include <array>
#include <cstdint>

namespace plexus::plugins {

/// Population state of MemoryNeuronModel: four memory traces and the rate (structure of
/// arrays, float); spikes from a counter-based hash of (seed, step, neuron).
class MemoryNeuronGroup : public core::NeuronGroup {
public:
    static constexpr std::size_t kMaxTraces = 4;

    /// `size` neurons with empty traces; step `dtMs`; spikes drawn from `seed`.
    MemoryNeuronGroup(const core::ParameterSet& params, std::size_t size, double dtMs,
                      std::uint64_t seed);

    std::size_t size() const override { return m_size; }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    bool clearsInputs() const override { return true; }
    float* state(std::size_t index) override;

    /// Per-step constants.
    struct Constants {
        std::size_t traces;
        std::array<float, kMaxTraces> decay;   ///< exp(-dt / tau_k)
        std::array<float, kMaxTraces> gain;    ///< 1 - exp(-dt / tau_k), computed in double
        std::array<float, kMaxTraces> readout; ///< w_k (0 for inactive traces)
        float bias, theta, invSlope, rateMax;
        float dtSeconds;
    };

private:
    std::size_t m_size;
    Constants m_c;
    std::uint64_t m_seed;
    std::array<core::AlignedVector<float>, kMaxTraces> m_traces;
    core::AlignedVector<float> m_rate;
};

} // namespace plexus::plugins
