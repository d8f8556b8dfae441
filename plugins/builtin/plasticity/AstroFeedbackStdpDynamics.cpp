#include "AstroFeedbackStdpDynamics.h"

#include "WeightBounds.h"

#include <cmath>

namespace plexus::plugins {

AstroFeedbackStdpDynamics::AstroFeedbackStdpDynamics(const Rule& rule, std::size_t numSources,
                                                     std::size_t numTargets, std::size_t partitions)
    : m_rule(rule)
    , m_state(partitions) {
    for (auto& st : m_state) {
        st.pre = SpikeTraces<1>(numSources);
        st.post = SpikeTraces<1>(numTargets);
    }
}

void AstroFeedbackStdpDynamics::advanceTo(State& st, std::int64_t step) const {
    if (step <= st.aStep)
        return;
    st.a = (st.a + st.pending) * m_rule.astro(step - st.aStep);
    st.pending = 0.0;
    st.aStep = step;
}

double AstroFeedbackStdpDynamics::astrocyte(std::size_t partition, std::int64_t step) const {
    const State& st = m_state.at(partition);
    if (step <= st.aStep)
        return st.a;
    return (st.a + st.pending) * m_rule.astro(step - st.aStep);
}

double AstroFeedbackStdpDynamics::output(std::size_t partition, std::int64_t step) const {
    return std::tanh(astrocyte(partition, step));
}

void AstroFeedbackStdpDynamics::modulatorSpikes(std::int64_t spikeStep, std::size_t partition,
                                                std::size_t count) {
    State& st = m_state[partition];
    advanceTo(st, spikeStep);
    st.pending -= m_rule.wInput * static_cast<double>(count);
}

void AstroFeedbackStdpDynamics::deliver(std::int64_t spikeStep, std::size_t partition,
                                        core::SynapsePartition& syn,
                                        std::span<const std::int32_t> spikes, float* buffer) {
    State& st = m_state[partition];
    const Rule& r = m_rule;
    advanceTo(st, spikeStep);
    const double depression = r.aMinus * (1.0 + std::tanh(st.a));
    const std::uint32_t* rowStart = syn.rowStart.data();
    const std::int32_t* targets = syn.targets.data();
    float* weights = syn.weights.data();
    for (const std::int32_t src : spikes) {
        for (std::uint32_t q = rowStart[src], e = rowStart[src + 1]; q < e; ++q) {
            const std::int32_t j = targets[q];
            const double y = st.post.at(0, j, spikeStep, r.minus);
            if (y != 0.0)
                weights[q] = boundedWeight(weights[q] - depression * y, r.wMin, r.wMax);
            buffer[j] += weights[q];
        }
        st.pre.spike(src, spikeStep, false, r.plus);
    }
    st.pending += r.wLiquid * static_cast<double>(spikes.size());
}

void AstroFeedbackStdpDynamics::postSpikes(std::int64_t spikeStep, std::size_t partition,
                                           core::SynapsePartition& syn,
                                           std::span<const std::int32_t> spikes) {
    State& st = m_state[partition];
    const Rule& r = m_rule;
    // Presynaptic spikes of this step are delivered later: a is as of before the step.
    const double potentiation = r.aPlus * (1.0 - output(partition, spikeStep));
    float* weights = syn.weights.data();
    for (const std::int32_t j : spikes) {
        if (potentiation != 0.0)
            for (std::uint32_t c = syn.columnStart[j], e = syn.columnStart[j + 1]; c < e; ++c) {
                const std::uint32_t q = syn.columnSynapses[c];
                const std::int32_t i = syn.sources[q];
                const double x = st.pre.at(0, i, spikeStep, r.plus);
                weights[q] = boundedWeight(weights[q] + potentiation * x, r.wMin, r.wMax);
            }
        st.post.spike(j, spikeStep, false, r.minus);
    }
}

} // namespace plexus::plugins
