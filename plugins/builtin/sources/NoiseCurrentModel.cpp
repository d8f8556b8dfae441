#include "NoiseCurrentModel.h"

#include "NoiseCurrentSource.h"

#include <algorithm>

namespace plexus::plugins {

NoiseCurrentModel::NoiseCurrentModel() {
    m_info.name = "noise_current";
    m_info.label = "Ornstein-Uhlenbeck noise current";
    m_info.kind = core::ModelKind::CurrentSource;
    m_info.category = "Stimuli";
    m_info.tags = {"current injection", "noise", "Ornstein-Uhlenbeck", "stimulus"};
    m_info.version = "1.0";
    m_info.equations = "tau_ms dI/dt = mean_pa - I + sigma_pa sqrt(2 tau_ms) xi(t)\n"
                       "I_(s+1) = mean + (I_s - mean) rho + sigma sqrt(1 - rho^2) z_s,  rho = "
                       "exp(-dt / tau_ms),  z_s ~ N(0, 1)";
    m_info.references = "Uhlenbeck GE, Ornstein LS (1930) On the theory of the Brownian motion. "
                        "Phys Rev 36:823-841. Gillespie DT (1996) Exact numerical simulation of "
                        "the Ornstein-Uhlenbeck process and its integral. Phys Rev E "
                        "54:2084-2091.";
    m_info.doc = "Every targeted neuron receives its own Ornstein-Uhlenbeck current, held "
                 "constant during a step and advanced between steps by the exact update, so its "
                 "stationary standard deviation is sigma_pa and its autocorrelation "
                 "exp(-|lag| / tau_ms) for any dt. Each process starts in the stationary "
                 "distribution. The deviate z of neuron n in step s is computed from a "
                 "counter-based hash of (seed, s, n) (Box-Muller on two 53-bit uniforms), so the "
                 "currents do not depend on the thread count or split. Amplitudes are read in "
                 "the unit of the target's input.";
    m_info.parameters = {
        {"mean_pa", "Mean", "pA", 0.0, -1e6, 1e6, "Mean of the current."},
        {"sigma_pa", "Standard deviation", "pA", 100.0, 0.0, 1e6,
         "Stationary standard deviation of the current."},
        {"tau_ms", "Correlation time", "ms", 5.0, 1e-3, 1e6,
         "Time constant of the autocorrelation exp(-|lag| / tau)."},
    };
}

std::unique_ptr<core::CurrentSource>
NoiseCurrentModel::createSource(const core::GroupSetup& setup) const {
    return std::make_unique<NoiseCurrentSource>(*setup.params, setup.dtMs, setup.seed,
                                                std::max(setup.populationSize, setup.size));
}

} // namespace plexus::plugins
