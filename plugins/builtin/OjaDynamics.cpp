#include "OjaDynamics.h"

#include <limits>

namespace plexus::plugins {

namespace {
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min() / 2;

/// `w` limited to [lo, hi] (lo for NaN), as float.
float bounded(double w, float lo, float hi) {
    return w >= hi ? hi : (w > lo ? static_cast<float>(w) : lo);
}
} // namespace

OjaDynamics::OjaDynamics(const Rule& rule, std::size_t numSources, std::size_t numTargets,
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

void OjaDynamics::deliver(std::int64_t spikeStep, std::size_t partition,
                          core::SynapsePartition& syn, std::span<const std::int32_t> spikes,
                          float* buffer) {
    Traces& tr = m_traces[partition];
    const std::uint32_t* rowStart = syn.rowStart.data();
    const std::int32_t* targets = syn.targets.data();
    const float* weights = syn.weights.data();
    for (const std::int32_t src : spikes) {
        for (std::uint32_t q = rowStart[src], e = rowStart[src + 1]; q < e; ++q)
            buffer[targets[q]] += weights[q];
        tr.pre[src] = tr.pre[src] * m_rule.pre(spikeStep - tr.preStep[src]) + m_rule.preJump;
        tr.preStep[src] = spikeStep;
    }
}

void OjaDynamics::postSpikes(std::int64_t spikeStep, std::size_t partition,
                             core::SynapsePartition& syn, std::span<const std::int32_t> spikes) {
    Traces& tr = m_traces[partition];
    const Rule& r = m_rule;
    float* weights = syn.weights.data();
    for (const std::int32_t j : spikes) {
        const double y = tr.post[j] * r.post(spikeStep - tr.postStep[j]);
        const double decay = r.alpha * y;
        for (std::uint32_t c = syn.columnStart[j], e = syn.columnStart[j + 1]; c < e; ++c) {
            const std::uint32_t q = syn.columnSynapses[c];
            const std::int32_t i = syn.sources[q];
            const double x = tr.pre[i] * r.pre(spikeStep - tr.preStep[i]);
            const double w = weights[q];
            weights[q] = bounded(w + r.eta * (r.sign * x - decay * w), r.wMin, r.wMax);
        }
        tr.post[j] = static_cast<float>(y) + r.postJump;
        tr.postStep[j] = spikeStep;
    }
}

} // namespace plexus::plugins
