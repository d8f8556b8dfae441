#include "StdpTripletDynamics.h"

#include <algorithm>
#include <limits>

namespace plexus::plugins {

namespace {
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min() / 2;

/// `w` limited to [lo, hi] (lo for NaN), as float.
float bounded(double w, float lo, float hi) {
    return w >= hi ? hi : (w > lo ? static_cast<float>(w) : lo);
}
} // namespace

StdpTripletDynamics::StdpTripletDynamics(const Rule& rule, std::size_t numSources,
                                         std::size_t numTargets, std::size_t partitions)
    : m_rule(rule)
    , m_traces(partitions) {
    for (auto& t : m_traces) {
        t.r1.assign(numSources, 0.0f);
        t.r2.assign(numSources, 0.0f);
        t.preStep.assign(numSources, kNever);
        t.o1.assign(numTargets, 0.0f);
        t.o2.assign(numTargets, 0.0f);
        t.postStep.assign(numTargets, kNever);
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
        const std::int64_t gap = spikeStep - tr.preStep[src];
        // r2 just before this spike: the triplet term of depression.
        const double r2 = tr.r2[src] * r.x(gap);
        const double depression = r.a2Minus + r.a3Minus * r2;
        for (std::uint32_t q = rowStart[src], e = rowStart[src + 1]; q < e; ++q) {
            const std::int32_t j = targets[q];
            const double o1 = tr.o1[j] * r.minus(spikeStep - tr.postStep[j]);
            const double w = static_cast<double>(weights[q]) - o1 * depression;
            weights[q] = bounded(w, r.wMin, r.wMax);
            buffer[j] += weights[q];
        }
        if (r.nearest) {
            tr.r1[src] = 1.0f;
            tr.r2[src] = 1.0f;
        } else {
            tr.r1[src] = tr.r1[src] * r.plus(gap) + 1.0f;
            tr.r2[src] = static_cast<float>(r2) + 1.0f;
        }
        tr.preStep[src] = spikeStep;
    }
}

void StdpTripletDynamics::postSpikes(std::int64_t spikeStep, std::size_t partition,
                                     core::SynapsePartition& syn,
                                     std::span<const std::int32_t> spikes) {
    Traces& tr = m_traces[partition];
    const Rule& r = m_rule;
    float* weights = syn.weights.data();
    for (const std::int32_t j : spikes) {
        const std::int64_t gap = spikeStep - tr.postStep[j];
        // o2 just before this spike: the triplet term of potentiation.
        const double o2 = tr.o2[j] * r.y(gap);
        const double potentiation = r.a2Plus + r.a3Plus * o2;
        for (std::uint32_t c = syn.columnStart[j], e = syn.columnStart[j + 1]; c < e; ++c) {
            const std::uint32_t q = syn.columnSynapses[c];
            const std::int32_t i = syn.sources[q];
            const double r1 = tr.r1[i] * r.plus(spikeStep - tr.preStep[i]);
            const double w = static_cast<double>(weights[q]) + r1 * potentiation;
            weights[q] = bounded(w, r.wMin, r.wMax);
        }
        if (r.nearest) {
            tr.o1[j] = 1.0f;
            tr.o2[j] = 1.0f;
        } else {
            tr.o1[j] = tr.o1[j] * r.minus(gap) + 1.0f;
            tr.o2[j] = static_cast<float>(o2) + 1.0f;
        }
        tr.postStep[j] = spikeStep;
    }
}

} // namespace plexus::plugins
