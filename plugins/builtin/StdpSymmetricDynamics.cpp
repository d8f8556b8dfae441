#include "StdpSymmetricDynamics.h"

#include <cmath>
#include <limits>

namespace plexus::plugins {

namespace {
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min() / 2;

/// `w` limited to [lo, hi] (lo for NaN), as float.
float bounded(double w, float lo, float hi) {
    return w >= hi ? hi : (w > lo ? static_cast<float>(w) : lo);
}
} // namespace

StdpSymmetricDynamics::StdpSymmetricDynamics(const Rule& rule, std::size_t numSources,
                                             std::size_t numTargets, std::size_t partitions)
    : m_rule(rule)
    , m_numTargets(numTargets)
    , m_traces(partitions)
    , m_initialTotal(numTargets, 0.0) {
    for (auto& t : m_traces) {
        t.prePlus.assign(numSources, 0.0f);
        t.preMinus.assign(numSources, 0.0f);
        t.preStep.assign(numSources, kNever);
        t.postPlus.assign(numTargets, 0.0f);
        t.postMinus.assign(numTargets, 0.0f);
        t.postStep.assign(numTargets, kNever);
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
    if (spikeStep < tr.nextScaling)
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
            weights[q] = bounded(weights[q] * factor, m_rule.wMin, m_rule.wMax);
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
    for (const std::int32_t src : spikes) {
        // The presynaptic spike meets the postsynaptic traces: the pairs with dt <= 0.
        for (std::uint32_t q = rowStart[src], e = rowStart[src + 1]; q < e; ++q) {
            const std::int32_t j = targets[q];
            const std::int64_t gap = spikeStep - tr.postStep[j];
            const double change = r.aPlus * (tr.postPlus[j] * r.plus(gap)) -
                                  r.aMinus * (tr.postMinus[j] * r.minus(gap));
            weights[q] = bounded(weights[q] + change, r.wMin, r.wMax);
            buffer[j] += weights[q];
        }
        const std::int64_t gap = spikeStep - tr.preStep[src];
        tr.prePlus[src] = tr.prePlus[src] * r.plus(gap) + 1.0f;
        tr.preMinus[src] = tr.preMinus[src] * r.minus(gap) + 1.0f;
        tr.preStep[src] = spikeStep;
    }
}

void StdpSymmetricDynamics::postSpikes(std::int64_t spikeStep, std::size_t partition,
                                       core::SynapsePartition& syn,
                                       std::span<const std::int32_t> spikes) {
    Traces& tr = m_traces[partition];
    const Rule& r = m_rule;
    scaleIfDue(spikeStep, tr, syn);
    float* weights = syn.weights.data();
    for (const std::int32_t j : spikes) {
        // The postsynaptic spike meets the presynaptic traces: the pairs with dt > 0.
        for (std::uint32_t c = syn.columnStart[j], e = syn.columnStart[j + 1]; c < e; ++c) {
            const std::uint32_t q = syn.columnSynapses[c];
            const std::int32_t i = syn.sources[q];
            const std::int64_t gap = spikeStep - tr.preStep[i];
            const double change = r.aPlus * (tr.prePlus[i] * r.plus(gap)) -
                                  r.aMinus * (tr.preMinus[i] * r.minus(gap));
            weights[q] = bounded(weights[q] + change, r.wMin, r.wMax);
        }
        const std::int64_t gap = spikeStep - tr.postStep[j];
        tr.postPlus[j] = tr.postPlus[j] * r.plus(gap) + 1.0f;
        tr.postMinus[j] = tr.postMinus[j] * r.minus(gap) + 1.0f;
        tr.postStep[j] = spikeStep;
    }
}

} // namespace plexus::plugins
