#pragma once

#include "plexus/core/engine/CurrentSource.h"
#include "plexus/core/model/ParameterSet.h"

#include <cstdint>
#include <vector>

namespace plexus::plugins {

/// Independent Ornstein-Uhlenbeck currents for the targeted neurons, advanced exactly.
///
/// The engine hands inject() one fixed, sorted list of targets per thread slice. Each list
/// keeps its own process values, found by the list's first neuron (slices are disjoint), so
/// no neuron's current depends on the others or on the split.
class NoiseCurrentSource : public core::CurrentSource {
public:
    /// Processes of `params` for step `dtMs`; deviates drawn from `seed`.
    NoiseCurrentSource(const core::ParameterSet& params, double dtMs, std::uint64_t seed,
                       std::size_t populationSize);
    void inject(const core::StepContext& ctx, float* input, const std::int32_t* targets,
                std::size_t count) override;

    /// Standard normal deviate of neuron `neuron` for step `step` (step -1: initial value).
    double normal(std::int64_t step, std::int32_t neuron) const;

private:
    double m_mean, m_sigma, m_rho, m_kick;
    std::uint64_t m_seed;
    std::vector<double> m_current;    ///< per neuron of the target population
    std::vector<std::int64_t> m_step; ///< step each neuron's current belongs to, -1: not yet
};

} // namespace plexus::plugins
