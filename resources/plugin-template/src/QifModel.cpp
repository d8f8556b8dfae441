#include "QifModel.h"

#include "QifGroup.h"

namespace plexus::examples {

QifModel::QifModel() {
    m_info.name = "qif_example";
    m_info.label = "Quadratic integrate-and-fire (example plugin)";
    m_info.kind = core::ModelKind::Neuron;
    m_info.category = "Integrate-and-fire";
    m_info.version = "1.0";
    m_info.equations = "dv/dt = (v - v_rest)(v - v_crit) / (tau_m delta_v) + (i_e + I) / c_m\n"
                       "exc, inh: v <- v + w when a spike arrives\n"
                       "v >= v_peak: spike, v <- v_reset, v clamped for t_ref";
    m_info.references =
        "Ermentrout GB, Kopell N (1986) Parabolic bursting in an excitable system coupled with a "
        "slow oscillation. SIAM J Appl Math 46:233-253. Latham PE, Richmond BJ, Nelson PG, "
        "Nirenberg S (2000) Intrinsic dynamics in neuronal networks. I. Theory. "
        "J Neurophysiol 83:808-827.";
    m_info.doc =
        "Without input, v rests at v_rest (stable) and v_crit is the unstable threshold: a "
        "voltage jump that carries v above v_crit makes it run away to a spike. A constant "
        "current above the rheobase c_m (v_crit - v_rest)^2 / (4 tau_m delta_v) gives regular "
        "firing whose rate grows as the square root of the excess current (type-I onset).\n"
        "Synaptic inputs are voltage jumps (mV) added to v at the start of the step; the "
        "'current' input (pA) is held during the step. Between inputs the Riccati equation is "
        "solved in closed form, so spike times do not depend on dt beyond the step on which "
        "they are reported. This model is the example shipped with the plugin template.";
    m_info.parameters = {
        {"tau_m", "Membrane time constant", "ms", 10.0, 0.01, 1e5,
         "Time scale of the quadratic term."},
        {"delta_v", "Voltage scale", "mV", 15.0, 0.01, 1e4,
         "Curvature of the quadratic term; Latham et al. use v_crit - v_rest."},
        {"v_rest", "Resting potential", "mV", -65.0, -200.0, 200.0,
         "Stable fixed point without input; v starts here."},
        {"v_crit", "Critical potential", "mV", -50.0, -200.0, 200.0,
         "Unstable fixed point without input (the threshold for a voltage jump). Must exceed "
         "v_rest."},
        {"v_peak", "Spike cut-off", "mV", 0.0, -200.0, 500.0,
         "A spike is emitted when v reaches it. Must exceed v_crit."},
        {"v_reset", "Reset potential", "mV", -70.0, -200.0, 200.0,
         "v after a spike. Must be below v_peak."},
        {"t_ref", "Refractory period", "ms", 0.0, 0.0, 1e4, "v is clamped at v_reset."},
        {"c_m", "Membrane capacitance", "pF", 250.0, 1e-3, 1e7,
         "Converts injected current (pA) into dv/dt (mV/ms)."},
        {"i_e", "Bias current", "pA", 0.0, -1e6, 1e6, "Constant injected current."},
    };
    m_info.stateVariables = {
        {"v", "Membrane potential", "mV", ""},
    };
    m_info.receptors = {
        {"exc", "mV", "Weight added to v (a voltage jump)."},
        {"inh", "mV", "Weight added to v (use negative weights to inhibit)."},
        {"current", "pA", "Injected current during the step."},
    };
}

std::unique_ptr<core::NeuronGroup> QifModel::createGroup(const core::GroupSetup& setup) const {
    return std::make_unique<QifGroup>(*setup.params, setup.size, setup.dtMs);
}

} // namespace plexus::examples
