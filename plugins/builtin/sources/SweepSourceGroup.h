#pragma once

#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/ParameterSet.h"

#include <cstdint>
#include <vector>

namespace plexus::plugins {

/// Channels of SweepSourceModel. The spike steps are a pure function of the step (no state),
/// so they do not depend on how the channels are split across threads or when the group starts.
class SweepSourceGroup : public core::NeuronGroup {
public:
    /// `size` channels; step `dtMs`; noise drawn from `seed`. Throws core::Error when
    /// `direction` is not +1 or -1, or a sweep lasts as long as the period or longer.
    SweepSourceGroup(const core::ParameterSet& params, std::size_t size, double dtMs,
                     std::uint64_t seed);

    std::size_t size() const override { return m_offsets.size(); }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    float* state(std::size_t) override { return nullptr; }

    /// Time (ms, from the sweep's start) at which channel `channel` of `size` fires.
    static double channelTimeMs(std::size_t channel, std::size_t size, double spacingUm,
                                double speedMmS, int direction);

private:
    /// First step of sweep `p`.
    std::int64_t startStep(std::int64_t p) const;

    std::vector<std::int64_t> m_offsets; ///< per channel: steps from a sweep's start
    double m_dtMs, m_onsetMs, m_periodMs;
    std::uint64_t m_seed, m_noiseThreshold;
    bool m_noise;
};

} // namespace plexus::plugins
