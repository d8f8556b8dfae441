#include "LifCubaModel.h"

#include "LifCubaGroup.h"

#include <cmath>

namespace plexus::plugins {

LifCubaModel::LifCubaModel() {
    m_info.name = "lif_cuba";
    m_info.label = "LIF, current-based synapses (exact)";
    m_info.kind = core::ModelKind::Neuron;
    m_info.category = "Integrate-and-fire";
    m_info.tags = {"LIF", "integrate-and-fire", "current-based", "exact integration", "CUBA"};
    m_info.version = "1.0";
    m_info.equations = "tau_m dv/dt = -(v - e_l) + i_exc + i_inh + (i_e + I) tau_m / c_m\n"
                       "tau_syn_exc di_exc/dt = -i_exc;  tau_syn_inh di_inh/dt = -i_inh\n"
                       "v > v_thresh: spike, v <- v_reset, v clamped for t_ref";
    m_info.references = "Brette R et al. (2007) Simulation of networks of spiking neurons: a "
                        "review of tools and strategies. J Comput Neurosci 23:349-398 (CUBA). "
                        "Rotter S, Diesmann M (1999) Exact digital simulation of time-invariant "
                        "linear systems. Biol Cybern 81:381-402.";
    m_info.doc = "Synaptic currents are expressed as the voltage they drive (mV): a spike adds "
                 "its weight to i_exc or i_inh. The linear subthreshold dynamics are integrated "
                 "exactly, so results do not depend on dt between spikes.";
    m_info.parameters = {
        {"tau_m", "Membrane time constant", "ms", 10.0, 0.01, 1e5, "Leak time constant."},
        {"tau_syn_exc", "Excitatory synaptic time constant", "ms", 2.0, 0.01, 1e5,
         "Decay time of i_exc."},
        {"tau_syn_inh", "Inhibitory synaptic time constant", "ms", 2.0, 0.01, 1e5,
         "Decay time of i_inh."},
        {"e_l", "Resting potential", "mV", -70.0, -200.0, 200.0, "Leak reversal potential."},
        {"v_thresh", "Spike threshold", "mV", -55.0, -200.0, 200.0,
         "A spike is emitted when v exceeds it."},
        {"v_reset", "Reset potential", "mV", -70.0, -200.0, 200.0, "v after a spike."},
        {"t_ref", "Refractory period", "ms", 2.0, 0.0, 1e4, "v is clamped at v_reset."},
        {"c_m", "Membrane capacitance", "pF", 250.0, 1e-3, 1e7,
         "Converts injected current (pA) into voltage."},
        {"i_e", "Bias current", "pA", 0.0, -1e6, 1e6, "Constant injected current."},
    };
    m_info.stateVariables = {
        {"v", "Membrane potential", "mV", ""},
        {"i_exc", "Excitatory synaptic input", "mV",
         "Excitatory current times membrane resistance."},
        {"i_inh", "Inhibitory synaptic input", "mV",
         "Inhibitory current times membrane resistance."},
    };
    m_info.receptors = {
        {"exc", "mV", "Weight added to i_exc."},
        {"inh", "mV", "Weight added to i_inh (use negative weights to inhibit)."},
        {"current", "pA", "Injected current during the step."},
    };
}

std::unique_ptr<core::NeuronGroup> LifCubaModel::createGroup(const core::GroupSetup& setup) const {
    return std::make_unique<LifCubaGroup>(*setup.params, setup.size, setup.dtMs);
}

std::vector<core::DerivedValue> LifCubaModel::derivedValues(const core::ParameterSet& p,
                                                            double dtMs) const {
    const double r = p.get("tau_m") / p.get("c_m") * 1e3; // MOhm
    return {{"r_m", "Membrane resistance", "MOhm", r},
            {"rheobase", "Rheobase current", "pA", (p.get("v_thresh") - p.get("e_l")) / r * 1e3},
            {"p_m", "Membrane propagator exp(-dt/tau_m)", "", std::exp(-dtMs / p.get("tau_m"))}};
}

} // namespace plexus::plugins
