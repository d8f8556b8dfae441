#include "ThreeFactorModel.h"

#include "ThreeFactorDynamics.h"
#include "WeightBounds.h"

#include <cmath>

namespace plexus::plugins {

ThreeFactorModel::ThreeFactorModel() {
    m_info.name = "three_factor";
    m_info.label = "Three-factor STDP (eligibility trace, modulator)";
    m_info.kind = core::ModelKind::Synapse;
    m_info.category = "Plasticity";
    m_info.tags = {"three-factor", "reward", "eligibility trace", "neuromodulation"};
    m_info.equations =
        "pre spike:  e <- e - a_minus y;   x <- x + 1        (dx/dt = -x/tau_plus)\n"
        "post spike: e <- e + a_plus x;    y <- y + 1        (dy/dt = -y/tau_minus)\n"
        "de/dt = -e/tau_e\n"
        "modulator spike: m <- m + modulator_amplitude / tau_m;   dm/dt = -m/tau_m\n"
        "M(t) = m(t) - modulator_amplitude * baseline_hz / 1000\n"
        "dw/dt = learning_rate * M(t) * e(t)   (t in ms),  w kept in [w_min, w_max]";
    m_info.references =
        "Izhikevich EM (2007) Solving the distal reward problem through linkage of STDP and "
        "dopamine signaling. Cereb Cortex 17:2443-2452. "
        "Frémaux N, Gerstner W (2016) Neuromodulated spike-timing-dependent plasticity, and "
        "theory of three-factor learning rules. Front Neural Circuits 9:85. "
        "Potjans W, Morrison A, Diesmann M (2010) Enabling functional neural circuit "
        "simulations with distributed computing of neuromodulated plasticity. Front Comput "
        "Neurosci 4:141.";
    m_info.doc =
        "Pair STDP does not change the weight directly: it writes into an eligibility trace e "
        "per synapse, which decays with tau_e. The third factor is the spiking of the "
        "projection's modulator population (the projection's 'modulator', e.g. a reward or "
        "error signal): each of its spikes adds modulator_amplitude / tau_m to m. A pre/post "
        "pair with lag dt followed d ms later by one modulator spike changes the weight by "
        "learning_rate * modulator_amplitude * W(dt) * exp(-d/tau_e) * tau_e / (tau_e + tau_m), "
        "with W(dt) = a_plus exp(-dt/tau_plus) (dt > 0) or -a_minus exp(dt/tau_minus) "
        "(dt <= 0); for tau_m << tau_e this is learning_rate * amplitude * W * exp(-d/tau_e). "
        "A negative modulator_amplitude (an error signal) reverses the sign. With baseline_hz "
        "> 0 the modulator rate is compared with that baseline, so a rate below it (also "
        "silence) reverses the change. Without modulator spikes and with baseline 0, or without "
        "a modulator population, weights do not change. The integration is exact for spikes on "
        "the time grid; its cost per step is proportional to the synapses with a non-zero "
        "eligibility while M is non-zero. The projection needs one delay.";
    m_info.parameters = {
        {"a_plus", "Eligibility per causal pair", "", 1.0, 0.0, 1e6,
         "Added to e at a postsynaptic spike, times the presynaptic trace."},
        {"a_minus", "Eligibility per anti-causal pair", "", 1.5, 0.0, 1e6,
         "Removed from e at a presynaptic spike, times the postsynaptic trace."},
        {"tau_plus", "Potentiation window", "ms", 20.0, 0.01, 1e6, "Presynaptic trace decay."},
        {"tau_minus", "Depression window", "ms", 20.0, 0.01, 1e6, "Postsynaptic trace decay."},
        {"tau_e", "Eligibility time constant", "ms", 1000.0, 0.01, 1e6,
         "How long a pairing stays eligible for modulation."},
        {"tau_m", "Modulator time constant", "ms", 200.0, 0.01, 1e6,
         "Decay of the modulator trace (e.g. dopamine clearance)."},
        {"learning_rate", "Learning rate", "weight", 0.01, 0.0, 1e6,
         "Weight change per unit of eligibility and of integrated modulator."},
        {"modulator_amplitude", "Modulator amplitude", "", 1.0, -1e6, 1e6,
         "Integrated M per modulator spike; negative for an error or punishment signal."},
        {"baseline_hz", "Baseline modulator rate", "Hz", 0.0, 0.0, 1e5,
         "Modulator rate that counts as no modulation (e.g. expected reward rate)."},
        {"w_min", "Lower weight bound", "weight", 0.0, -1e9, 1e9, "Hard lower bound."},
        {"w_max", "Upper weight bound", "weight", 1.0, -1e9, 1e9,
         "Hard upper bound (not below w_min)."},
    };
}

std::unique_ptr<core::SynapseDynamics>
ThreeFactorModel::create(const core::SynapseSetup& setup) const {
    const core::ParameterSet& p = *setup.params;
    ThreeFactorDynamics::Rule rule;
    rule.aPlus = p.get("a_plus");
    rule.aMinus = p.get("a_minus");
    rule.learningRate = p.get("learning_rate");
    const double amplitude = p.get("modulator_amplitude");
    const double tauE = p.get("tau_e");
    const double tauM = p.get("tau_m");
    rule.jump = amplitude / tauM;
    rule.baseline = amplitude * p.get("baseline_hz") / 1000.0;
    const double tauC = 1.0 / (1.0 / tauM + 1.0 / tauE);
    rule.overlapIntegral = -tauC * std::expm1(-setup.dtMs / tauC);
    rule.eligibilityIntegral = -tauE * std::expm1(-setup.dtMs / tauE);
    const WeightBounds bounds = WeightBounds::read(p);
    rule.wMin = bounds.min;
    rule.wMax = bounds.max;
    rule.plus = TraceDecay(p.get("tau_plus"), setup.dtMs);
    rule.minus = TraceDecay(p.get("tau_minus"), setup.dtMs);
    rule.eligibility = TraceDecay(tauE, setup.dtMs);
    rule.modulator = TraceDecay(tauM, setup.dtMs);
    return std::make_unique<ThreeFactorDynamics>(rule, setup.numSources, setup.numTargets,
                                                 setup.partitions);
}

} // namespace plexus::plugins
