#pragma once

#include "CueTargetSchedule.h"
#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/ParameterSet.h"

#include <cstdint>
#include <vector>

namespace plexus::plugins {

/// Channels of CueTargetModel: in every step the groups shown by the schedule fire at
/// rate_hz + background_hz, the others at background_hz; channel i spikes when a counter-based
/// hash of (seed, step, i) falls below its probability.
class CueTargetGroup : public core::NeuronGroup {
public:
    /// `size` channels (at least one per group); step `dtMs`; spikes drawn from `seed`.
    CueTargetGroup(const core::ParameterSet& params, std::size_t size, double dtMs,
                   std::uint64_t seed);

    std::size_t size() const override { return m_size; }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    float* state(std::size_t) override { return nullptr; }

    /// The sequence this group plays.
    const CueTargetSchedule& schedule() const { return m_schedule; }

private:
    /// Spikes of channels [first, last) ∩ [begin, end) with probability `p` in this step.
    void fire(std::uint64_t stepKey, std::size_t first, std::size_t last, double p,
              std::vector<std::int32_t>& spikes) const;

    CueTargetSchedule m_schedule;
    std::size_t m_size;
    double m_dtMs, m_rate, m_background;
    std::uint64_t m_seed;
};

} // namespace plexus::plugins
