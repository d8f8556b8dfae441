#include "CueTargetGroup.h"

#include <algorithm>
#include <cmath>

namespace plexus::plugins {

CueTargetGroup::CueTargetGroup(const core::ParameterSet& params, std::size_t size, double dtMs,
                               std::uint64_t seed)
    : m_schedule(params)
    , m_size(size)
    , m_dtMs(dtMs)
    , m_rate(params.get("rate_hz"))
    , m_background(params.get("background_hz"))
    , m_seed(seed) {
    const auto groups =
        static_cast<std::size_t>(m_schedule.cueGroups() + m_schedule.targetGroups());
    if (size < groups)
        throw core::Error("size: " + std::to_string(size) + " channels cannot form " +
                          std::to_string(groups) + " groups (cue_groups + target_groups)");
}

void CueTargetGroup::fire(std::uint64_t stepKey, std::size_t first, std::size_t last, double p,
                          std::vector<std::int32_t>& spikes) const {
    if (p <= 0.0 || first >= last)
        return;
    const bool always = p >= 1.0;
    const std::uint64_t threshold = always ? ~0ULL : static_cast<std::uint64_t>(std::ldexp(p, 64));
    for (std::size_t i = first; i < last; ++i)
        if (always || core::mix64(stepKey + i * 0x9e3779b97f4a7c15ULL) < threshold)
            spikes.push_back(static_cast<std::int32_t>(i));
}

void CueTargetGroup::update(const core::StepContext& ctx, float* const*, std::size_t begin,
                            std::size_t end, std::vector<std::int32_t>& spikes) {
    const double t = ctx.timeMs();
    int shown = -1; // group index (cue groups first, then targets)
    const std::int64_t n = m_schedule.trialAt(t);
    if (n >= 0) {
        const CueTargetSchedule::Trial trial = m_schedule.trial(n);
        if (t >= trial.cueStartMs && t < trial.cueEndMs)
            shown = trial.cue;
        else if (trial.target >= 0 && t >= trial.targetStartMs && t < trial.targetEndMs)
            shown = m_schedule.cueGroups() + trial.target;
    }
    const std::uint64_t stepKey = core::mix64(m_seed ^ static_cast<std::uint64_t>(ctx.step));
    const double scale = m_dtMs * 1e-3;
    if (shown < 0) {
        fire(stepKey, begin, end, m_background * scale, spikes);
        return;
    }
    const auto [first, last] = m_schedule.channels(shown, m_size);
    // Channels in order: background below the shown group, shown, background above it.
    fire(stepKey, begin, std::min(end, first), m_background * scale, spikes);
    fire(stepKey, std::max(begin, first), std::min(end, last), (m_rate + m_background) * scale,
         spikes);
    fire(stepKey, std::max(begin, last), end, m_background * scale, spikes);
}

} // namespace plexus::plugins
