#pragma once

#include "plexus/core/engine/NeuronGroup.h"

#include <cstdint>

namespace plexus::plugins {

/// Poisson channels: channel i spikes in step s when a counter-based hash of (seed, s, i) falls
/// below rate * dt, so the trains do not depend on how the channels are split across threads.
class PoissonSourceGroup : public core::NeuronGroup {
public:
    PoissonSourceGroup(std::size_t size, double rateHz, double dtMs, std::uint64_t seed);

    std::size_t size() const override { return m_size; }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    float* state(std::size_t) override { return nullptr; }

private:
    std::size_t m_size;
    std::uint64_t m_threshold; ///< spike when the 64-bit hash is below this
    bool m_always;
    std::uint64_t m_seed;
};

} // namespace plexus::plugins
