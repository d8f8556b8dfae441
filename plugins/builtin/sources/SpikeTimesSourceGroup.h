#pragma once

#include "plexus/core/engine/NeuronGroup.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace plexus::plugins {

/// Replays a list of (time, channel) events, each rounded to the nearest step.
class SpikeTimesSourceGroup : public core::NeuronGroup {
public:
    /// `indices` may be empty, meaning every time belongs to channel 0.
    SpikeTimesSourceGroup(std::size_t size, const std::vector<double>& timesMs,
                          const std::vector<std::int64_t>& indices, double dtMs);

    std::size_t size() const override { return m_size; }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    float* state(std::size_t) override { return nullptr; }

private:
    std::size_t m_size;
    std::vector<std::pair<std::int64_t, std::int32_t>> m_events; ///< (step, channel), sorted
};

} // namespace plexus::plugins
