#include "StdpDynamics.h"

#include <algorithm>
#include <limits>

namespace plexus::plugins {

namespace {
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min() / 2;
}

StdpDynamics::StdpDynamics(const Rule& rule, std::size_t numSources, std::size_t numTargets,
                           std::size_t partitions)
    : m_rule(rule)
    , m_traces(partitions) {
    for (auto& t : m_traces) {
        t.pre.assign(numSources, 0.0f);
        t.preStep.assign(numSources, kNever);
        t.post.assign(numTargets, 0.0f);
        t.postStep.assign(numTargets, kNever);
    }
}

namespace {

/// Depression of one row's synapses, compiled separately for the additive and multiplicative
/// rules so the inner loop has no rule branches.
template <bool Multiplicative>
void depressRow(const StdpDynamics::Rule& r, std::int64_t spikeStep, std::uint32_t first,
                std::uint32_t last, const std::int32_t* targets, float* weights,
                const float* postTrace, const std::int64_t* postStep, float* buffer) {
    for (std::uint32_t q = first; q < last; ++q) {
        const std::int32_t j = targets[q];
        float w = weights[q];
        const float post = postTrace[j] * r.minus(spikeStep - postStep[j]);
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
                             syn.weights.data(), tr.post.data(), tr.postStep.data(), buffer);
        else
            depressRow<false>(r, spikeStep, rowStart[src], rowStart[src + 1], syn.targets.data(),
                              syn.weights.data(), tr.post.data(), tr.postStep.data(), buffer);
        const float decayed = r.nearest ? 0.0f : tr.pre[src] * r.plus(spikeStep - tr.preStep[src]);
        tr.pre[src] = decayed + 1.0f;
        tr.preStep[src] = spikeStep;
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
            const float pre = tr.pre[i] * r.plus(spikeStep - tr.preStep[i]);
            float w = weights[q];
            w += r.aPlus * (r.multiplicative ? (r.wMax - w) : 1.0f) * pre;
            weights[q] = std::clamp(w, r.wMin, r.wMax);
        }
        const float decayed = r.nearest ? 0.0f : tr.post[j] * r.minus(spikeStep - tr.postStep[j]);
        tr.post[j] = decayed + 1.0f;
        tr.postStep[j] = spikeStep;
    }
}

} // namespace plexus::plugins
