#include "LifCobaModel.h"

#include "LifCobaGroup.h"

namespace plexus::plugins {

LifCobaModel::LifCobaModel() {
    m_info.name = "lif_coba";
    m_info.label = "LIF, conductance-based synapses";
    m_info.kind = core::ModelKind::Neuron;
    m_info.category = "Integrate-and-fire";
    m_info.tags = {"LIF", "integrate-and-fire", "conductance-based", "COBA"};
    m_info.version = "1.0";
    m_info.equations =
        "tau_m dv/dt = -(v - e_l) + g_exc/g_l (e_exc - v) + g_inh/g_l (e_inh - v) + (i_e + I)/g_l\n"
        "tau_syn_exc dg_exc/dt = -g_exc;  tau_syn_inh dg_inh/dt = -g_inh\n"
        "v > v_thresh: spike, v <- v_reset, v clamped for t_ref";
    m_info.references = "Brette R et al. (2007) J Comput Neurosci 23:349-398 (benchmark 1, COBA); "
                        "Vogels TP, Abbott LF (2005) J Neurosci 25:10786-10795.";
    m_info.doc = "Conductance jumps (nS) arrive at g_exc and g_inh. Integrated with forward Euler "
                 "at the simulation step, as in the published benchmark.";
    m_info.parameters = {
        {"tau_m", "Membrane time constant", "ms", 20.0, 0.01, 1e5, "C_m / g_l."},
        {"tau_syn_exc", "Excitatory conductance time constant", "ms", 5.0, 0.01, 1e5, ""},
        {"tau_syn_inh", "Inhibitory conductance time constant", "ms", 10.0, 0.01, 1e5, ""},
        {"e_l", "Leak reversal potential", "mV", -60.0, -200.0, 200.0, ""},
        {"e_exc", "Excitatory reversal potential", "mV", 0.0, -200.0, 200.0, ""},
        {"e_inh", "Inhibitory reversal potential", "mV", -80.0, -200.0, 200.0, ""},
        {"v_thresh", "Spike threshold", "mV", -50.0, -200.0, 200.0, ""},
        {"v_reset", "Reset potential", "mV", -60.0, -200.0, 200.0, ""},
        {"t_ref", "Refractory period", "ms", 5.0, 0.0, 1e4, "v is clamped at v_reset."},
        {"g_l", "Leak conductance", "nS", 10.0, 1e-6, 1e6, ""},
        {"i_e", "Bias current", "pA", 0.0, -1e6, 1e6, "Constant injected current."},
    };
    m_info.stateVariables = {
        {"v", "Membrane potential", "mV", ""},
        {"g_exc", "Excitatory conductance", "nS", ""},
        {"g_inh", "Inhibitory conductance", "nS", ""},
    };
    m_info.receptors = {
        {"exc", "nS", "Weight added to g_exc."},
        {"inh", "nS", "Weight added to g_inh."},
        {"current", "pA", "Injected current during the step."},
    };
}

std::unique_ptr<core::NeuronGroup> LifCobaModel::createGroup(const core::GroupSetup& setup) const {
    return std::make_unique<LifCobaGroup>(*setup.params, setup.size, setup.dtMs);
}

std::vector<core::DerivedValue> LifCobaModel::derivedValues(const core::ParameterSet& p,
                                                            double) const {
    return {
        {"c_m", "Membrane capacitance", "pF", p.get("tau_m") * p.get("g_l")},
        {"rheobase", "Rheobase current", "pA", (p.get("v_thresh") - p.get("e_l")) * p.get("g_l")}};
}

} // namespace plexus::plugins
