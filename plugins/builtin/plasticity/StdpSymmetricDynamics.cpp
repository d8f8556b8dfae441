#include "StdpSymmetricDynamics.h"

#include "WeightBounds.h"

#include <cmath>
#include <limits>

namespace plexus::plugins {

StdpSymmetricDynamics::StdpSymmetricDynamics(const Rule& rule, std::size_t numSources,
                                             std::size_t numTargets, std::size_t partitions)
    : m_rule(rule)
    , m_numTargets(numTargets)
    , m_traces(partitions)
    , m_initialTotal(numTargets, 0.0) {
    for (auto& t : m_traces) {
        t.pre = SpikeTraces<2>(numSources);
        t.post = SpikeTraces<2>(numTargets);
        t.nextScaling =
            rule.scalingSteps > 0 ? rule.scalingSteps : std::numeric_limits<std::int64_t>::max();
    }
}

void StdpSymmetricDynamics::attach(core::SynapseMatrix& matrix) {
    for (std::size_t k = 0; k < matrix.numPartitions(); ++k) {
        const core::SynapsePartition& syn = matrix.partition(k);
        for (std::size_t j = 0; j < m_numTargets; ++j)
            for (std::uint32_t c = syn.columnStart[j]; c < syn.columnStart[j + 1]; ++c)
                m_initialTotal[j] += syn.weights[syn.columnSynapses[c]];
    }
}

double StdpSymmetricDynamics::targetTotal(std::size_t target) const {
    return m_rule.keepInitialTotal ? m_initialTotal.at(target) : m_rule.targetTotal;
}

void StdpSymmetricDynamics::scaleIfDue(std::int64_t spikeStep, Traces& tr,
                                       core::SynapsePartition& syn) {
    if (spikeStep < tr.nextScaling || spikeStep >= m_rule.learnUntilStep)
        return;
    tr.nextScaling = (spikeStep / m_rule.scalingSteps + 1) * m_rule.scalingSteps;
    float* weights = syn.weights.data();
    for (std::size_t j = 0; j < m_numTargets; ++j) {
        const std::uint32_t begin = syn.columnStart[j], end = syn.columnStart[j + 1];
        if (begin == end)
            continue;
        double sum = 0.0;
        for (std::uint32_t c = begin; c < end; ++c)
            sum += weights[syn.columnSynapses[c]];
        const double factor = targetTotal(j) / sum;
        // A zero sum cannot be scaled; a negative factor would flip the weights' signs.
        if (sum == 0.0 || !(factor >= 0.0) || !std::isfinite(factor))
            continue;
        for (std::uint32_t c = begin; c < end; ++c) {
            const std::uint32_t q = syn.columnSynapses[c];
            weights[q] = boundedWeight(weights[q] * factor, m_rule.wMin, m_rule.wMax);
        }
    }
}

void StdpSymmetricDynamics::deliver(std::int64_t spikeStep, std::size_t partition,
                                    core::SynapsePartition& syn,
                                    std::span<const std::int32_t> spikes, float* buffer) {
    Traces& tr = m_traces[partition];
    const Rule& r = m_rule;
    scaleIfDue(spikeStep, tr, syn);
    const std::uint32_t* rowStart = syn.rowStart.data();
    const std::int32_t* targets = syn.targets.data();
    float* weights = syn.weights.data();
    if (spikeStep >= r.learnUntilStep) {
        // Frozen: deliver only.
        for (const std::int32_t src : spikes)
            for (std::uint32_t q = rowStart[src], e = rowStart[src + 1]; q < e; ++q)
                buffer[targets[q]] += weights[q];
        return;
    }
    for (const std::int32_t src : spikes) {
        // The presynaptic spike meets the postsynaptic traces: the pairs with dt <= 0.
        for (std::uint32_t q = rowStart[src], e = rowStart[src + 1]; q < e; ++q) {
            const std::int32_t j = targets[q];
            const double change = r.aPlus * tr.post.at(0, j, spikeStep, r.plus) -
                                  r.aMinus * tr.post.at(1, j, spikeStep, r.minus);
            weights[q] = boundedWeight(weights[q] + change, r.wMin, r.wMax);
            buffer[j] += weights[q];
        }
        tr.pre.spike(src, spikeStep, false, r.plus, r.minus);
    }
}

void StdpSymmetricDynamics::postSpikes(std::int64_t spikeStep, std::size_t partition,
                                       core::SynapsePartition& syn,
                                       std::span<const std::int32_t> spikes) {
    Traces& tr = m_traces[partition];
    const Rule& r = m_rule;
    if (spikeStep >= r.learnUntilStep)
        return;
    scaleIfDue(spikeStep, tr, syn);
    float* weights = syn.weights.data();
    for (const std::int32_t j : spikes) {
        // The postsynaptic spike meets the presynaptic traces: the pairs with dt > 0.
        for (std::uint32_t c = syn.columnStart[j], e = syn.columnStart[j + 1]; c < e; ++c) {
            const std::uint32_t q = syn.columnSynapses[c];
            const std::int32_t i = syn.sources[q];
            const double change = r.aPlus * tr.pre.at(0, i, spikeStep, r.plus) -
                                  r.aMinus * tr.pre.at(1, i, spikeStep, r.minus);
            weights[q] = boundedWeight(weights[q] + change, r.wMin, r.wMax);
        }
        tr.post.spike(j, spikeStep, false, r.plus, r.minus);
    }
}

} // namespace plexus::plugins
