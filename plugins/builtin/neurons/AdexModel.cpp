#include "AdexModel.h"

#include "AdexGroup.h"

namespace plexus::plugins {

AdexModel::AdexModel() {
    m_info.name = "adex";
    m_info.label = "AdEx, current-based synapses";
    m_info.kind = core::ModelKind::Neuron;
    m_info.category = "Integrate-and-fire";
    m_info.tags = {"AdEx", "adaptation", "bursting", "exponential integrate-and-fire"};
    m_info.version = "1.0";
    m_info.equations =
        "c_m dv/dt = -g_l (v - e_l) + g_l delta_t exp((min(v, v_peak) - v_t) / delta_t) - w + "
        "i_syn_exc + i_syn_inh + i_e + I\n"
        "tau_w dw/dt = a (v - e_l) - w\n"
        "tau_syn_exc di_syn_exc/dt = -i_syn_exc;  tau_syn_inh di_syn_inh/dt = -i_syn_inh\n"
        "v >= v_peak: spike, v <- v_reset, w <- w + b, v held at v_reset for t_ref";
    m_info.references =
        "Brette R, Gerstner W (2005) Adaptive exponential integrate-and-fire model as an "
        "effective description of neuronal activity. J Neurophysiol 94:3637-3642. "
        "Naud R, Marcille N, Clopath C, Gerstner W (2008) Firing patterns in the adaptive "
        "exponential integrate-and-fire model. Biol Cybern 99:335-347.";
    m_info.doc =
        "Units: mV, ms, pF, nS, pA (nS * mV = pA). Defaults are the cortical pyramidal cell of "
        "Brette & Gerstner (2005) with the spike cut at v_peak = 0 mV (Naud et al. 2008; NEST). "
        "Synapses are current-based: a weight (pA) arriving at 'exc' or 'inh' is added to "
        "i_syn_exc or i_syn_inh, which decay exponentially; the 'current' input (pA) is "
        "injected during the step.\n"
        "Integration: each step is split into n = ceil(dt / substep_ms) substeps of explicit "
        "second-order Runge-Kutta (Heun); the synaptic currents enter with their exact values "
        "at the substep ends. The spike test and reset run after every substep, so spike "
        "timing (and the reset) is resolved to the substep, not the step; several spikes in "
        "one step count once. The exponential term uses min(v, v_peak), the intermediate v of "
        "a substep is capped at v_peak and the derivative at +-1e30, so the stiff upswing "
        "cannot overflow; this only shortens the last few microseconds before a spike. While "
        "refractory (the rest of the spiking step and the next round(t_ref / dt) steps) v is "
        "held at v_reset and w keeps evolving. v is kept above -1000 mV.";
    m_info.parameters = {
        {"c_m", "Membrane capacitance", "pF", 281.0, 1e-3, 1e7, "C."},
        {"g_l", "Leak conductance", "nS", 30.0, 1e-6, 1e6, "g_L."},
        {"e_l", "Leak reversal potential", "mV", -70.6, -200.0, 200.0, "E_L."},
        {"v_t", "Threshold slope point", "mV", -50.4, -200.0, 200.0,
         "V_T: the exponential term equals the leak's slope here."},
        {"delta_t", "Slope factor", "mV", 2.0, 0.01, 100.0, "Delta_T: sharpness of spike onset."},
        {"a", "Subthreshold adaptation", "nS", 4.0, -1e5, 1e5, "Coupling of w to v."},
        {"tau_w", "Adaptation time constant", "ms", 144.0, 0.01, 1e6, "tau_w."},
        {"b", "Spike-triggered adaptation", "pA", 80.5, -1e6, 1e6, "Added to w at each spike."},
        {"v_reset", "Reset potential", "mV", -70.6, -200.0, 200.0, "v after a spike."},
        {"v_peak", "Spike cut-off", "mV", 0.0, -200.0, 200.0,
         "A spike is emitted when v reaches it."},
        {"t_ref", "Refractory period", "ms", 0.0, 0.0, 1e4, "v is held at v_reset."},
        {"tau_syn_exc", "Excitatory synaptic time constant", "ms", 5.0, 0.01, 1e5,
         "Decay of i_syn_exc."},
        {"tau_syn_inh", "Inhibitory synaptic time constant", "ms", 10.0, 0.01, 1e5,
         "Decay of i_syn_inh."},
        {"i_e", "Bias current", "pA", 0.0, -1e6, 1e6, "Constant injected current."},
        {"substep_ms", "Largest integration substep", "ms", 0.01, 1e-4, 1.0,
         "Each step is split into ceil(dt / substep_ms) Heun substeps."},
    };
    m_info.stateVariables = {
        {"v", "Membrane potential", "mV", ""},
        {"w", "Adaptation current", "pA", "Subtracted from the membrane current."},
        {"i_syn_exc", "Excitatory synaptic current", "pA", ""},
        {"i_syn_inh", "Inhibitory synaptic current", "pA", "Negative values hyperpolarise."},
    };
    m_info.receptors = {
        {"exc", "pA", "Weight added to i_syn_exc."},
        {"inh", "pA", "Weight added to i_syn_inh (use negative weights to inhibit)."},
        {"current", "pA", "Injected current during the step."},
    };
}

std::unique_ptr<core::NeuronGroup> AdexModel::createGroup(const core::GroupSetup& setup) const {
    return std::make_unique<AdexGroup>(*setup.params, setup.size, setup.dtMs);
}

} // namespace plexus::plugins
