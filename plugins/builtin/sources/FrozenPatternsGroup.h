#pragma once

#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/ParameterSet.h"

#include <cstdint>
#include <vector>

namespace plexus::plugins {

/// Channels of FrozenPatternsModel. Each channel keeps the steps of its pending pattern spikes
/// (the presentations prepared so far, jittered) and is touched only by the slice that owns it,
/// so the spikes do not depend on how the channels are split across threads.
class FrozenPatternsGroup : public core::NeuronGroup {
public:
    /// `size` channels; step `dtMs`; jitter and noise drawn from `seed` (the run's stream).
    /// Throws core::Error when `pattern` is not an integer in [0, patterns).
    FrozenPatternsGroup(const core::ParameterSet& params, std::size_t size, double dtMs,
                        std::uint64_t seed);

    std::size_t size() const override { return m_channels.size(); }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    float* state(std::size_t) override { return nullptr; }

    /// The template of pattern `pattern` on `channel`: sorted Poisson spike times (ms, from the
    /// pattern's start) at `rateHz` over [0, durationMs), a pure function of its arguments.
    static std::vector<double> templateTimes(std::uint64_t patternSeed, std::uint64_t pattern,
                                             std::uint64_t channel, double rateHz,
                                             double durationMs);

private:
    struct Channel {
        std::vector<double> templateMs;     ///< the selected pattern's spike times
        std::vector<std::int64_t> pending;  ///< steps of prepared spikes, sorted
        std::size_t cursor = 0;             ///< first pending step not yet emitted
        std::int64_t nextPresentation = -1; ///< next presentation to prepare (-1: not started)
    };

    /// First step of presentation `p`.
    std::int64_t startStep(std::int64_t p) const;
    /// Add the jittered spikes of presentation `p` on channel `i` that fall at or after `now`.
    void prepare(std::size_t i, std::int64_t p, std::int64_t now);

    std::vector<Channel> m_channels;
    double m_dtMs, m_onsetMs, m_periodMs, m_jitterMs;
    std::int64_t m_leadSteps;    ///< steps before a presentation's start at which it is prepared
    std::int64_t m_patternSteps; ///< steps from a presentation's start past its last spike
    std::uint64_t m_seed, m_noiseThreshold;
    bool m_noise;
};

} // namespace plexus::plugins
