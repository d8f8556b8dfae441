#include "DelayLearningDynamics.h"

#include <algorithm>
#include <cmath>

namespace plexus::plugins {

DelayLearningDynamics::DelayLearningDynamics(double eta, int windowSteps, int minSteps,
                                             int maxSteps, std::size_t numSources,
                                             std::size_t partitions)
    : m_eta(eta)
    , m_window(windowSteps)
    , m_min(minSteps)
    , m_max(maxSteps)
    , m_lastPre(partitions, std::vector<std::int64_t>(numSources, -1))
    , m_estimate(partitions) {}

void DelayLearningDynamics::attach(core::SynapseMatrix& matrix) {
    for (std::size_t k = 0; k < matrix.numPartitions(); ++k) {
        auto& delays = matrix.partition(k).delays;
        for (auto& d : delays)
            d = static_cast<std::uint16_t>(std::clamp<int>(d, m_min, m_max));
        m_estimate[k].assign(delays.begin(), delays.end());
    }
}

void DelayLearningDynamics::deliverDelayed(std::int64_t spikeStep, std::size_t partition,
                                           core::SynapsePartition& syn,
                                           std::span<const std::int32_t> spikes,
                                           core::DelayedInput& input) {
    auto& last = m_lastPre[partition];
    for (const std::int32_t src : spikes) {
        last[src] = spikeStep;
        for (std::uint32_t q = syn.rowStart[src], e = syn.rowStart[src + 1]; q < e; ++q)
            input.after(syn.delays[q])[syn.targets[q]] += syn.weights[q];
    }
}

void DelayLearningDynamics::postSpikes(std::int64_t spikeStep, std::size_t partition,
                                       core::SynapsePartition& syn,
                                       std::span<const std::int32_t> spikes) {
    const auto& last = m_lastPre[partition];
    auto& estimate = m_estimate[partition];
    for (const std::int32_t j : spikes) {
        for (std::uint32_t c = syn.columnStart[j], e = syn.columnStart[j + 1]; c < e; ++c) {
            const std::uint32_t q = syn.columnSynapses[c];
            const std::int64_t pre = last[syn.sources[q]];
            if (pre < 0)
                continue;
            const std::int64_t lag = spikeStep - pre;
            if (lag <= 0 || lag > m_window)
                continue;
            estimate[q] += static_cast<float>(m_eta * (static_cast<double>(lag) - estimate[q]));
            estimate[q] =
                std::clamp(estimate[q], static_cast<float>(m_min), static_cast<float>(m_max));
            syn.delays[q] = static_cast<std::uint16_t>(std::lround(estimate[q]));
        }
    }
}

} // namespace plexus::plugins
