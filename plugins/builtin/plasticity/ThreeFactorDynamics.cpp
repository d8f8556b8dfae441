#include "ThreeFactorDynamics.h"

#include "WeightBounds.h"

#include <algorithm>

namespace plexus::plugins {

ThreeFactorDynamics::ThreeFactorDynamics(const Rule& rule, std::size_t numSources,
                                         std::size_t numTargets, std::size_t partitions)
    : m_rule(rule)
    , m_state(partitions) {
    for (auto& st : m_state) {
        st.pre = SpikeTraces<1>(numSources);
        st.post = SpikeTraces<1>(numTargets);
    }
}

void ThreeFactorDynamics::attach(core::SynapseMatrix& matrix) {
    for (std::size_t k = 0; k < m_state.size() && k < matrix.numPartitions(); ++k) {
        State& st = m_state[k];
        st.synapses = &matrix.partition(k);
        const std::size_t n = st.synapses->targets.size();
        st.eligibility.assign(n, 0.0f);
        st.eligibilityStep.assign(n, 0);
        st.residual.assign(n, 0.0f);
        st.listed.assign(n, 0);
        st.active.clear();
    }
}

void ThreeFactorDynamics::addEligibility(State& st, std::uint32_t q, std::int64_t step,
                                         double amount) {
    const double e = st.eligibility[q] * m_rule.eligibility(step - st.eligibilityStep[q]);
    st.eligibility[q] = static_cast<float>(e + amount);
    st.eligibilityStep[q] = step;
    if (!st.listed[q] && st.eligibility[q] != 0.0f) {
        st.listed[q] = 1;
        st.active.push_back(q);
    }
}

void ThreeFactorDynamics::applyPendingPost(State& st) {
    const Rule& r = m_rule;
    const core::SynapsePartition& syn = *st.synapses;
    const std::int64_t step = st.pendingStep;
    for (const std::int32_t j : st.pendingPost)
        for (std::uint32_t c = syn.columnStart[j], e = syn.columnStart[j + 1]; c < e; ++c) {
            const std::uint32_t q = syn.columnSynapses[c];
            const std::int32_t i = syn.sources[q];
            const double x = st.pre.at(0, i, step, r.plus);
            if (x != 0.0)
                addEligibility(st, q, step, r.aPlus * x);
        }
    st.pendingPost.clear();
}

void ThreeFactorDynamics::integrateStep(State& st, std::int64_t step) {
    const Rule& r = m_rule;
    const double m = st.modulator * r.modulator(step - st.modulatorStep);
    // Integral of M(t) e(t) over the step per unit eligibility at its start.
    const double drive = m * r.overlapIntegral - r.baseline * r.eligibilityIntegral;
    if (drive == 0.0 || st.active.empty() || !st.synapses)
        return;
    const double gain = r.learningRate * drive;
    float* weights = st.synapses->weights.data();
    std::size_t keep = 0;
    for (std::size_t a = 0; a < st.active.size(); ++a) {
        const std::uint32_t q = st.active[a];
        const double e = st.eligibility[q] * r.eligibility(step - st.eligibilityStep[q]);
        if (e == 0.0) {
            // Died out: drop it from the list until the next pairing.
            st.eligibility[q] = 0.0f;
            st.listed[q] = 0;
            continue;
        }
        const double exact = static_cast<double>(weights[q]) + st.residual[q] + gain * e;
        weights[q] = boundedWeight(exact, r.wMin, r.wMax);
        st.residual[q] = exact > r.wMin && exact < r.wMax
                             ? static_cast<float>(exact - static_cast<double>(weights[q]))
                             : 0.0f;
        st.active[keep++] = q;
    }
    st.active.resize(keep);
}

void ThreeFactorDynamics::modulatorSpikes(std::int64_t spikeStep, std::size_t partition,
                                          std::size_t count) {
    State& st = m_state[partition];
    for (std::int64_t s = st.integratedTo; s < spikeStep; ++s)
        integrateStep(st, s);
    st.integratedTo = std::max(st.integratedTo, spikeStep);
    if (!st.pendingPost.empty() && st.pendingStep == spikeStep)
        applyPendingPost(st);
    if (count > 0) {
        // m is kept as of its last jump, so that it reaches exactly 0 once it has decayed.
        st.modulator = st.modulator * m_rule.modulator(spikeStep - st.modulatorStep) +
                       static_cast<double>(count) * m_rule.jump;
        st.modulatorStep = spikeStep;
    }
}

void ThreeFactorDynamics::deliver(std::int64_t spikeStep, std::size_t partition,
                                  core::SynapsePartition& syn, std::span<const std::int32_t> spikes,
                                  float* buffer) {
    State& st = m_state[partition];
    const Rule& r = m_rule;
    st.synapses = &syn;
    const std::uint32_t* rowStart = syn.rowStart.data();
    const std::int32_t* targets = syn.targets.data();
    const float* weights = syn.weights.data();
    for (const std::int32_t src : spikes) {
        // Depression of the eligibility: the presynaptic spike meets the postsynaptic traces.
        for (std::uint32_t q = rowStart[src], e = rowStart[src + 1]; q < e; ++q) {
            const std::int32_t j = targets[q];
            const double y = st.post.at(0, j, spikeStep, r.minus);
            if (y != 0.0)
                addEligibility(st, q, spikeStep, -r.aMinus * y);
            buffer[j] += weights[q];
        }
        st.pre.spike(src, spikeStep, false, r.plus);
    }
}

void ThreeFactorDynamics::postSpikes(std::int64_t spikeStep, std::size_t partition,
                                     core::SynapsePartition& syn,
                                     std::span<const std::int32_t> spikes) {
    State& st = m_state[partition];
    const Rule& r = m_rule;
    st.synapses = &syn;
    // Spikes still held from an earlier step mean that no modulator reports: the eligibility
    // then has no effect and the held spikes are dropped.
    if (st.pendingStep != spikeStep)
        st.pendingPost.clear();
    st.pendingStep = spikeStep;
    for (const std::int32_t j : spikes) {
        st.pendingPost.push_back(j);
        st.post.spike(j, spikeStep, false, r.minus);
    }
}

} // namespace plexus::plugins
