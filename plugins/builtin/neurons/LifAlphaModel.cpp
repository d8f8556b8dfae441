#include "LifAlphaModel.h"

#include "LifAlphaGroup.h"

namespace plexus::plugins {

LifAlphaModel::LifAlphaModel(bool conductance)
    : m_conductance(conductance) {
    m_info.name = conductance ? "lif_coba_alpha" : "lif_cuba_alpha";
    m_info.label = conductance ? "LIF, alpha conductances" : "LIF, alpha current synapses (exact)";
    m_info.kind = core::ModelKind::Neuron;
    m_info.category = "Integrate-and-fire";
    m_info.tags = {"LIF", "integrate-and-fire", "alpha synapse"};
    const char* unit = conductance ? "nS" : "mV";
    if (conductance) {
        m_info.equations =
            "tau_m dv/dt = -(v - e_l) + g_exc/g_l (e_exc - v) + g_inh/g_l (e_inh - v) + I/g_l\n"
            "tau dy/dt = -y;  tau dg/dt = -g + e y   (a spike adds its weight to y: g peaks at "
            "the weight, tau after the spike)";
        m_info.doc = "Alpha-function conductances (exact); v by forward Euler at the step.";
    } else {
        m_info.equations = "tau_m dv/dt = -(v - e_l) + i_exc + i_inh + I tau_m / c_m\n"
                           "tau dy/dt = -y;  tau di/dt = -i + e y   (a spike adds its weight "
                           "to y: i peaks at the weight, tau after the spike)";
        m_info.doc = "Alpha-function current synapses; the whole linear system is integrated "
                     "exactly.";
    }
    m_info.references = "Rall W (1967) J Neurophysiol 30:1138-1168. Rotter S, Diesmann M (1999) "
                        "Biol Cybern 81:381-402.";
    m_info.parameters = {
        {"tau_m", "Membrane time constant", "ms", conductance ? 20.0 : 10.0, 0.01, 1e5, ""},
        {"tau_syn_exc", "Excitatory alpha time constant", "ms", conductance ? 1.0 : 2.0, 0.01, 1e5,
         "Time to peak."},
        {"tau_syn_inh", "Inhibitory alpha time constant", "ms", conductance ? 3.0 : 2.0, 0.01, 1e5,
         "Time to peak."},
        {"e_l", "Resting potential", "mV", conductance ? -60.0 : -70.0, -200.0, 200.0, ""},
        {"v_thresh", "Spike threshold", "mV", conductance ? -50.0 : -55.0, -200.0, 200.0, ""},
        {"v_reset", "Reset potential", "mV", conductance ? -60.0 : -70.0, -200.0, 200.0, ""},
        {"t_ref", "Refractory period", "ms", 2.0, 0.0, 1e4, ""},
        {"i_e", "Bias current", "pA", 0.0, -1e6, 1e6, ""},
    };
    if (conductance) {
        m_info.parameters.push_back({"e_exc", "Excitatory reversal", "mV", 0.0, -200.0, 200.0, ""});
        m_info.parameters.push_back(
            {"e_inh", "Inhibitory reversal", "mV", -80.0, -200.0, 200.0, ""});
        m_info.parameters.push_back({"g_l", "Leak conductance", "nS", 10.0, 1e-6, 1e6, ""});
    } else {
        m_info.parameters.push_back({"c_m", "Membrane capacitance", "pF", 250.0, 1e-3, 1e7, ""});
    }
    m_info.stateVariables = {
        {"v", "Membrane potential", "mV", ""},
        {conductance ? "g_exc" : "i_exc", "Excitatory synapse", unit, ""},
        {conductance ? "g_inh" : "i_inh", "Inhibitory synapse", unit, ""},
        {"y_exc", "Excitatory rise variable", unit, ""},
        {"y_inh", "Inhibitory rise variable", unit, ""},
    };
    m_info.receptors = {{"exc", unit, "Weight added to y_exc (peak of the alpha)."},
                        {"inh", unit,
                         conductance ? "Weight added to y_inh."
                                     : "Weight added to y_inh "
                                       "(negative to inhibit)."},
                        {"current", "pA", "Injected current."}};
}

std::unique_ptr<core::NeuronGroup> LifAlphaModel::createGroup(const core::GroupSetup& setup) const {
    return std::make_unique<LifAlphaGroup>(*setup.params, setup.size, setup.dtMs, m_conductance);
}

} // namespace plexus::plugins
