#include "StdpDynamics.h"

#include <algorithm>

namespace plexus::plugins {

StdpDynamics::StdpDynamics(const Rule& rule, std::size_t numSources, std::size_t numTargets,
                           std::size_t partitions)
    : m_rule(rule)
    , m_traces(partitions) {
    for (auto& t : m_traces) {
        t.pre = SpikeTraces<1>(numSources);
        t.post = SpikeTraces<1>(numTargets);
    }
}

namespace {

/// Depression of one row's synapses, compiled separately for the additive and multiplicative
/// rules so the inner loop has no rule branches.
template <bool Multiplicative>
void depressRow(const StdpDynamics::Rule& r, std::int64_t spikeStep, std::uint32_t first,
                std::uint32_t last, const std::int32_t* targets, float* weights,
                const SpikeTraces<1>& postTraces, float* buffer) {
    for (std::uint32_t q = first; q < last; ++q) {
        const std::int32_t j = targets[q];
        float w = weights[q];
        const float post = postTraces.at(0, j, spikeStep, r.minus);
        w -= r.aMinus * (Multiplicative ? (w - r.wMin) : 1.0f) * post;
        w = w < r.wMin ? r.wMin : (w > r.wMax ? r.wMax : w);
        weights[q] = w;
        buffer[j] += w;
    }
}

} // namespace

void StdpDynamics::deliver(std::int64_t spikeStep, std::size_t partition,
                           core::SynapsePartition& syn, std::span<const std::int32_t> spikes,
                           float* buffer) {
    Traces& tr = m_traces[partition];
    const Rule& r = m_rule;
    const std::uint32_t* rowStart = syn.rowStart.data();
    for (const std::int32_t src : spikes) {
        // Depression: the presynaptic spike meets the postsynaptic traces.
        if (r.multiplicative)
            depressRow<true>(r, spikeStep, rowStart[src], rowStart[src + 1], syn.targets.data(),
                             syn.weights.data(), tr.post, buffer);
        else
            depressRow<false>(r, spikeStep, rowStart[src], rowStart[src + 1], syn.targets.data(),
                              syn.weights.data(), tr.post, buffer);
        tr.pre.spike(src, spikeStep, r.nearest, r.plus);
    }
}

void StdpDynamics::postSpikes(std::int64_t spikeStep, std::size_t partition,
                              core::SynapsePartition& syn, std::span<const std::int32_t> spikes) {
    Traces& tr = m_traces[partition];
    const Rule& r = m_rule;
    float* weights = syn.weights.data();
    for (const std::int32_t j : spikes) {
        // Potentiation: the postsynaptic spike meets the presynaptic traces.
        for (std::uint32_t c = syn.columnStart[j], e = syn.columnStart[j + 1]; c < e; ++c) {
            const std::uint32_t q = syn.columnSynapses[c];
            const std::int32_t i = syn.sources[q];
            const float pre = tr.pre.at(0, i, spikeStep, r.plus);
            float w = weights[q];
            w += r.aPlus * (r.multiplicative ? (r.wMax - w) : 1.0f) * pre;
            weights[q] = std::clamp(w, r.wMin, r.wMax);
        }
        tr.post.spike(j, spikeStep, r.nearest, r.minus);
    }
}

} // namespace plexus::plugins
