#include "StdpTripletDynamics.h"

#include "WeightBounds.h"

#include <algorithm>

namespace plexus::plugins {

StdpTripletDynamics::StdpTripletDynamics(const Rule& rule, std::size_t numSources,
                                         std::size_t numTargets, std::size_t partitions)
    : m_rule(rule)
    , m_traces(partitions) {
    for (auto& t : m_traces) {
        t.pre = SpikeTraces<2>(numSources);
        t.post = SpikeTraces<2>(numTargets);
    }
}

void StdpTripletDynamics::deliver(std::int64_t spikeStep, std::size_t partition,
                                  core::SynapsePartition& syn, std::span<const std::int32_t> spikes,
                                  float* buffer) {
    Traces& tr = m_traces[partition];
    const Rule& r = m_rule;
    const std::uint32_t* rowStart = syn.rowStart.data();
    const std::int32_t* targets = syn.targets.data();
    float* weights = syn.weights.data();
    for (const std::int32_t src : spikes) {
        // r2 just before this spike: the triplet term of depression.
        const double r2 = tr.pre.at(1, src, spikeStep, r.x);
        const double depression = r.a2Minus + r.a3Minus * r2;
        for (std::uint32_t q = rowStart[src], e = rowStart[src + 1]; q < e; ++q) {
            const std::int32_t j = targets[q];
            const double o1 = tr.post.at(0, j, spikeStep, r.minus);
            const double w = static_cast<double>(weights[q]) - o1 * depression;
            weights[q] = boundedWeight(w, r.wMin, r.wMax);
            buffer[j] += weights[q];
        }
        tr.pre.spike(src, spikeStep, r.nearest, r.plus, r.x);
    }
}

void StdpTripletDynamics::postSpikes(std::int64_t spikeStep, std::size_t partition,
                                     core::SynapsePartition& syn,
                                     std::span<const std::int32_t> spikes) {
    Traces& tr = m_traces[partition];
    const Rule& r = m_rule;
    float* weights = syn.weights.data();
    for (const std::int32_t j : spikes) {
        // o2 just before this spike: the triplet term of potentiation.
        const double o2 = tr.post.at(1, j, spikeStep, r.y);
        const double potentiation = r.a2Plus + r.a3Plus * o2;
        for (std::uint32_t c = syn.columnStart[j], e = syn.columnStart[j + 1]; c < e; ++c) {
            const std::uint32_t q = syn.columnSynapses[c];
            const std::int32_t i = syn.sources[q];
            const double r1 = tr.pre.at(0, i, spikeStep, r.plus);
            const double w = static_cast<double>(weights[q]) + r1 * potentiation;
            weights[q] = boundedWeight(w, r.wMin, r.wMax);
        }
        tr.post.spike(j, spikeStep, r.nearest, r.minus, r.y);
    }
}

} // namespace plexus::plugins
