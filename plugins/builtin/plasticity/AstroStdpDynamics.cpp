#include "AstroStdpDynamics.h"

#include "WeightBounds.h"

#include <cmath>
#include <limits>

namespace plexus::plugins {

namespace {
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min() / 2;

} // namespace

AstroStdpDynamics::AstroStdpDynamics(const Rule& rule, std::size_t numSources,
                                     std::size_t numTargets, std::size_t partitions)
    : m_rule(rule)
    , m_state(partitions) {
    for (auto& st : m_state) {
        st.pre = SpikeTraces<1>(numSources);
        st.post = SpikeTraces<1>(numTargets);
        st.ca.assign(numTargets, 0.0);
        st.caBefore.assign(numTargets, 0.0);
        st.caStep.assign(numTargets, kNever);
    }
}

double AstroStdpDynamics::gate(double ca) const {
    const Rule& r = m_rule;
    if (r.gateWidth <= 0.0)
        return ca >= r.caThreshold ? 1.0 : 0.0;
    // Logistic gate; exp() saturates to 0 or inf, never NaN, for any finite argument.
    return 1.0 / (1.0 + std::exp(-(ca - r.caThreshold) / r.gateWidth));
}

double AstroStdpDynamics::calcium(std::size_t target, std::int64_t step) const {
    // Only the partition owning the target ever touches its calcium; the others hold 0.
    double sum = 0.0;
    for (const State& st : m_state)
        if (st.caStep.at(target) != kNever)
            sum += st.ca[target] * m_rule.calcium(step - st.caStep[target]);
    return sum;
}

void AstroStdpDynamics::deliver(std::int64_t spikeStep, std::size_t partition,
                                core::SynapsePartition& syn, std::span<const std::int32_t> spikes,
                                float* buffer) {
    State& st = m_state[partition];
    const Rule& r = m_rule;
    const std::uint32_t* rowStart = syn.rowStart.data();
    const std::int32_t* targets = syn.targets.data();
    float* weights = syn.weights.data();
    for (const std::int32_t src : spikes) {
        for (std::uint32_t q = rowStart[src], e = rowStart[src + 1]; q < e; ++q) {
            const std::int32_t j = targets[q];
            if (st.caStep[j] != spikeStep) {
                st.caBefore[j] = st.ca[j] * r.calcium(spikeStep - st.caStep[j]);
                st.ca[j] = st.caBefore[j];
                st.caStep[j] = spikeStep;
            }
            const double y = st.post.at(0, j, spikeStep, r.minus);
            if (y != 0.0) {
                const double g = r.gateDepression ? gate(st.caBefore[j]) : 1.0;
                weights[q] = boundedWeight(weights[q] - r.aMinus * g * y, r.wMin, r.wMax);
            }
            st.ca[j] += r.caIncrement;
            buffer[j] += weights[q];
        }
        st.pre.spike(src, spikeStep, false, r.plus);
    }
}

void AstroStdpDynamics::postSpikes(std::int64_t spikeStep, std::size_t partition,
                                   core::SynapsePartition& syn,
                                   std::span<const std::int32_t> spikes) {
    State& st = m_state[partition];
    const Rule& r = m_rule;
    float* weights = syn.weights.data();
    for (const std::int32_t j : spikes) {
        // Presynaptic spikes of this step are delivered later, so Ca is as of before the step.
        const double g = gate(st.ca[j] * r.calcium(spikeStep - st.caStep[j]));
        if (g != 0.0)
            for (std::uint32_t c = syn.columnStart[j], e = syn.columnStart[j + 1]; c < e; ++c) {
                const std::uint32_t q = syn.columnSynapses[c];
                const std::int32_t i = syn.sources[q];
                const double x = st.pre.at(0, i, spikeStep, r.plus);
                weights[q] = boundedWeight(weights[q] + r.aPlus * g * x, r.wMin, r.wMax);
            }
        st.post.spike(j, spikeStep, false, r.minus);
    }
}

} // namespace plexus::plugins
