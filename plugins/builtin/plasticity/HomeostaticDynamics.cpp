#include "HomeostaticDynamics.h"

#include "WeightBounds.h"
#include "plexus/core/base/RandomStream.h"

#include <cmath>

namespace plexus::plugins {

std::vector<double> HomeostaticDynamics::targetRates(double rho0, double cv, std::size_t numTargets,
                                                     std::uint64_t seed) {
    std::vector<double> rates(numTargets, rho0);
    if (cv <= 0.0 || rho0 <= 0.0)
        return rates;
    // ln r ~ N(mu, s^2) with mean exp(mu + s^2 / 2) = rho0 and CV sqrt(exp(s^2) - 1) = cv.
    const double s2 = std::log1p(cv * cv);
    const double mu = std::log(rho0) - 0.5 * s2;
    core::RandomStream rng(core::streamSeed(seed, 0x7268306376ULL)); // "rh0cv"
    for (double& r : rates)
        r = std::exp(rng.normal(mu, std::sqrt(s2)));
    return rates;
}

HomeostaticDynamics::HomeostaticDynamics(const Rule& rule, std::size_t numSources,
                                         std::size_t numTargets, std::size_t partitions)
    : m_rule(rule)
    , m_traces(partitions) {
    for (auto& t : m_traces) {
        t.pre = SpikeTraces<1>(numSources);
        t.post = SpikeTraces<1>(numTargets);
    }
}

void HomeostaticDynamics::deliver(std::int64_t spikeStep, std::size_t partition,
                                  core::SynapsePartition& syn, std::span<const std::int32_t> spikes,
                                  float* buffer) {
    Traces& tr = m_traces[partition];
    const Rule& r = m_rule;
    const std::uint32_t* rowStart = syn.rowStart.data();
    const std::int32_t* targets = syn.targets.data();
    float* weights = syn.weights.data();
    for (const std::int32_t src : spikes) {
        for (std::uint32_t q = rowStart[src], e = rowStart[src + 1]; q < e; ++q) {
            const std::int32_t j = targets[q];
            const double y = tr.post.at(0, j, spikeStep, r.decay);
            const double alpha = r.alphas.empty() ? r.alpha : r.alphas[j];
            weights[q] = boundedWeight(weights[q] + r.eta * (y - alpha), r.wMin, r.wMax);
            buffer[j] += weights[q];
        }
        tr.pre.spike(src, spikeStep, false, r.decay);
    }
}

void HomeostaticDynamics::postSpikes(std::int64_t spikeStep, std::size_t partition,
                                     core::SynapsePartition& syn,
                                     std::span<const std::int32_t> spikes) {
    Traces& tr = m_traces[partition];
    const Rule& r = m_rule;
    float* weights = syn.weights.data();
    for (const std::int32_t j : spikes) {
        for (std::uint32_t c = syn.columnStart[j], e = syn.columnStart[j + 1]; c < e; ++c) {
            const std::uint32_t q = syn.columnSynapses[c];
            const std::int32_t i = syn.sources[q];
            const double x = tr.pre.at(0, i, spikeStep, r.decay);
            weights[q] = boundedWeight(weights[q] + r.eta * x, r.wMin, r.wMax);
        }
        tr.post.spike(j, spikeStep, false, r.decay);
    }
}

} // namespace plexus::plugins
