#include "OjaDynamics.h"

#include "WeightBounds.h"

namespace plexus::plugins {

OjaDynamics::OjaDynamics(const Rule& rule, std::size_t numSources, std::size_t numTargets,
                         std::size_t partitions)
    : m_rule(rule)
    , m_traces(partitions) {
    for (auto& t : m_traces) {
        t.pre = SpikeTraces<1>(numSources);
        t.post = SpikeTraces<1>(numTargets);
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
        tr.pre.spikeBy(src, spikeStep, m_rule.preJump, m_rule.pre);
    }
}

void OjaDynamics::postSpikes(std::int64_t spikeStep, std::size_t partition,
                             core::SynapsePartition& syn, std::span<const std::int32_t> spikes) {
    Traces& tr = m_traces[partition];
    const Rule& r = m_rule;
    float* weights = syn.weights.data();
    for (const std::int32_t j : spikes) {
        const double y = tr.post.at(0, j, spikeStep, r.post);
        const double decay = r.alpha * y;
        for (std::uint32_t c = syn.columnStart[j], e = syn.columnStart[j + 1]; c < e; ++c) {
            const std::uint32_t q = syn.columnSynapses[c];
            const std::int32_t i = syn.sources[q];
            const double x = tr.pre.at(0, i, spikeStep, r.pre);
            const double w = weights[q];
            weights[q] = boundedWeight(w + r.eta * (r.sign * x - decay * w), r.wMin, r.wMax);
        }
        tr.post.spikeBy(j, spikeStep, r.postJump, r.post);
    }
}

} // namespace plexus::plugins
