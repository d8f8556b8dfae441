#include "PoissonInhomogeneousModel.h"

#include "PoissonInhomogeneousGroup.h"

namespace plexus::plugins {

PoissonInhomogeneousModel::PoissonInhomogeneousModel() {
    m_info.name = "poisson_inhomogeneous";
    m_info.label = "Poisson spike source, sinusoidal rate";
    m_info.kind = core::ModelKind::SpikeSource;
    m_info.category = "Stimuli";
    m_info.tags = {"Poisson", "inhomogeneous", "oscillation", "stimulus"};
    m_info.version = "1.0";
    m_info.equations = "rate(t) = max(0, rate_hz + amplitude_hz sin(2 pi frequency_hz t + "
                       "phase_deg pi / 180))\n"
                       "P(spike in step s) = min(1, rate((s + 1/2) dt) dt)";
    m_info.references = "Cox DR, Lewis PAW (1966) The statistical analysis of series of events. "
                        "Methuen (inhomogeneous Poisson process). NEST "
                        "sinusoidal_poisson_generator (same parametrisation).";
    m_info.doc = "Every channel fires independently as an inhomogeneous Poisson process whose "
                 "rate is a sine clipped at zero; the clipped rate has the mean "
                 "[r0 (pi + 2 asin(r0 / A)) + 2 A sqrt(1 - (r0 / A)^2)] / (2 pi) when the "
                 "amplitude A exceeds the baseline r0 (r0 otherwise). The rate is taken at the "
                 "middle of each step. A channel spikes in step s when a counter-based hash of "
                 "(seed, s, channel) falls below rate dt, so the trains do not depend on how the "
                 "channels are split across threads.";
    m_info.parameters = {
        {"rate_hz", "Baseline rate", "Hz", 10.0, 0.0, 1e5, "Mean rate r0 of the sine."},
        {"amplitude_hz", "Modulation amplitude", "Hz", 5.0, 0.0, 1e5,
         "Amplitude A of the sine; rates below zero are clipped."},
        {"frequency_hz", "Modulation frequency", "Hz", 10.0, 0.0, 1e5, "Frequency f."},
        {"phase_deg", "Phase", "deg", 0.0, -360.0, 360.0, "Phase of the sine at t = 0."},
    };
}

std::unique_ptr<core::NeuronGroup>
PoissonInhomogeneousModel::createGroup(const core::GroupSetup& setup) const {
    return std::make_unique<PoissonInhomogeneousGroup>(*setup.params, setup.size, setup.dtMs,
                                                       setup.seed);
}

} // namespace plexus::plugins
