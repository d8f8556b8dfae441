#include "NoiseCurrentSource.h"

#include "plexus/core/base/RandomStream.h"

#include <cmath>
#include <numbers>

namespace plexus::plugins {

NoiseCurrentSource::NoiseCurrentSource(const core::ParameterSet& params, double dtMs,
                                       std::uint64_t seed, std::size_t populationSize)
    : m_mean(params.get("mean_pa"))
    , m_sigma(params.get("sigma_pa"))
    , m_rho(std::exp(-dtMs / params.get("tau_ms")))
    , m_kick(params.get("sigma_pa") * std::sqrt(-std::expm1(-2.0 * dtMs / params.get("tau_ms"))))
    , m_seed(seed)
    , m_current(populationSize, 0.0)
    , m_step(populationSize, -1) {}

double NoiseCurrentSource::normal(std::int64_t step, std::int32_t neuron) const {
    // Two independent 64-bit hashes of (seed, step, neuron) -> Box-Muller.
    const std::uint64_t key = core::mix64(m_seed ^ core::mix64(static_cast<std::uint64_t>(step))) +
                              static_cast<std::uint64_t>(neuron) * 0x9e3779b97f4a7c15ULL;
    const std::uint64_t h1 = core::mix64(key);
    const std::uint64_t h2 = core::mix64(key ^ 0xd1b54a32d192ed03ULL);
    const double u1 = static_cast<double>((h1 >> 11) + 1) * 0x1.0p-53; // (0, 1]
    const double u2 = static_cast<double>(h2 >> 11) * 0x1.0p-53;       // [0, 1)
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

void NoiseCurrentSource::inject(const core::StepContext& ctx, float* input,
                                const std::int32_t* targets, std::size_t count) {
    for (std::size_t k = 0; k < count; ++k) {
        const std::int32_t n = targets[k];
        double& current = m_current[n];
        std::int64_t& step = m_step[n];
        if (step < 0) {
            // First use: every process starts in its stationary distribution N(mean, sigma^2).
            current = m_mean + m_sigma * normal(-1, n);
            step = ctx.step;
        }
        // Bring the process to this step (one update per step elapsed since the last call).
        for (; step < ctx.step; ++step)
            current = m_mean + (current - m_mean) * m_rho + m_kick * normal(step, n);
        input[n] += static_cast<float>(current);
    }
}

} // namespace plexus::plugins
