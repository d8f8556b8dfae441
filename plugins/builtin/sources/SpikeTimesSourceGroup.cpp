#include "SpikeTimesSourceGroup.h"

#include <algorithm>
#include <cmath>

namespace plexus::plugins {

SpikeTimesSourceGroup::SpikeTimesSourceGroup(std::size_t size, const std::vector<double>& timesMs,
                                             const std::vector<std::int64_t>& indices, double dtMs)
    : m_size(size) {
    m_events.reserve(timesMs.size());
    for (std::size_t k = 0; k < timesMs.size(); ++k)
        m_events.emplace_back(std::llround(timesMs[k] / dtMs),
                              static_cast<std::int32_t>(indices.empty() ? 0 : indices[k]));
    std::sort(m_events.begin(), m_events.end());
    m_events.erase(std::unique(m_events.begin(), m_events.end()), m_events.end());
}

void SpikeTimesSourceGroup::update(const core::StepContext& ctx, float* const*, std::size_t begin,
                                   std::size_t end, std::vector<std::int32_t>& spikes) {
    auto it = std::lower_bound(m_events.begin(), m_events.end(),
                               std::make_pair(ctx.step, static_cast<std::int32_t>(begin)));
    for (; it != m_events.end() && it->first == ctx.step &&
           it->second < static_cast<std::int32_t>(end);
         ++it)
        spikes.push_back(it->second);
}

} // namespace plexus::plugins
