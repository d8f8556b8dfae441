#include "HhModel.h"

#include "HhGroup.h"

namespace plexus::plugins {

HhModel::HhModel() {
    m_info.name = "hh";
    m_info.label = "Hodgkin-Huxley (NEURON hh)";
    m_info.kind = core::ModelKind::Neuron;
    m_info.category = "Conductance-based";
    m_info.tags = {"Hodgkin-Huxley", "conductance-based", "sodium", "potassium", "NEURON"};
    m_info.version = "1.0";
    m_info.equations =
        "c_m dv/dt = -gnabar m^3 h (v - ena) - gkbar n^4 (v - ek) - gl (v - el) + I / area\n"
        "I = i_bias + i_stim + I_current + i_syn_exc + i_syn_inh   (nA; 1 nA/um^2 = 100 mA/cm^2)\n"
        "dx/dt = (x_inf(v) - x) / tau_x(v),  x in {m, h, n},  tau_x = 1 / (q10 (alpha_x + "
        "beta_x)),  x_inf = alpha_x / (alpha_x + beta_x)\n"
        "q10 = 3^((celsius - 6.3) / 10)\n"
        "alpha_m = 0.1 vtrap(-(v + 40), 10),  beta_m = 4 exp(-(v + 65) / 18)\n"
        "alpha_h = 0.07 exp(-(v + 65) / 20),  beta_h = 1 / (exp(-(v + 35) / 10) + 1)\n"
        "alpha_n = 0.01 vtrap(-(v + 55), 10),  beta_n = 0.125 exp(-(v + 65) / 80)\n"
        "vtrap(x, y) = x / (exp(x / y) - 1)  (y (1 - x / y / 2) when |x / y| < 1e-6)\n"
        "tau_syn_exc di_syn_exc/dt = -i_syn_exc;  tau_syn_inh di_syn_inh/dt = -i_syn_inh\n"
        "spike: v crosses v_spike upwards";
    m_info.references =
        "Hodgkin AL, Huxley AF (1952) A quantitative description of membrane current and its "
        "application to conduction and excitation in nerve. J Physiol 117:500-544. "
        "Hines ML, Carnevale NT (1997) The NEURON simulation environment. Neural Comput "
        "9:1179-1209 (fixed-step scheme; mechanism hh.mod). "
        "Carnevale NT, Hines ML (2006) The NEURON Book, ch. 4 (staggered time steps).";
    m_info.doc =
        "Reproduces NEURON's built-in hh mechanism in a single compartment of membrane area "
        "area_um2, step for step. Each step first advances v by backward Euler with the gates "
        "held fixed (NEURON's linearised implicit solve: c_m/dt + g_total on the diagonal), then "
        "advances m, h, n with the new v by the exact exponential update of NEURON's 'cnexp' "
        "method, x += (1 - exp(-dt/tau_x)) (x_inf - x); gates are thus staggered half a step "
        "from v, as in NEURON. With use_table = 1 (NEURON's default, usetable_hh = 1) x_inf and "
        "tau_x are linearly interpolated in NEURON's table of 201 points from -100 to 100 mV "
        "(clamped outside); with use_table = 0 the rate functions are evaluated directly. The "
        "initial state is v = v_init with every gate at its steady state (NEURON's "
        "finitialize(v_init)). Spikes are counted when v crosses v_spike upwards, like a NetCon "
        "with threshold v_spike; NEURON checks the threshold at the start of the next step, so "
        "a crossing in the very last step of a run is not in NEURON's count but is in Plexus'.\n"
        "Currents are in nA, as NEURON's IClamp: the 'current' input is the current during the "
        "step (a dc_current or step_current stimulus aimed at it injects its amplitude number in "
        "nA), i_bias is the same for every neuron, and the state variable i_stim is a per-neuron "
        "constant current. i_stim starts as the linear ramp i_stim_ramp_max * i / N for neuron i "
        "of N (0 by default); an 'initial' distribution for i_stim replaces the ramp. Synaptic "
        "inputs are current-based exponential synapses: a weight (nA) arriving at 'exc' or 'inh' "
        "is added to i_syn_exc or i_syn_inh, which decay with tau_syn_exc / tau_syn_inh.\n"
        "State is float; the gate update uses a vectorised expm1 (about 1 ulp) and the AVX2 "
        "kernel processes eight neurons at a time (a partial block is padded, so every neuron "
        "takes the same code path whatever the thread split).";
    m_info.parameters = {
        {"area_um2", "Membrane area", "um^2", 500.0, 1e-3, 1e9,
         "Membrane area of the compartment; converts currents (nA) to densities."},
        {"c_m", "Specific membrane capacitance", "uF/cm^2", 1.0, 1e-3, 1e3, "NEURON's cm."},
        {"gnabar", "Maximal sodium conductance", "S/cm^2", 0.12, 0.0, 1e3, "hh gnabar."},
        {"gkbar", "Maximal potassium conductance", "S/cm^2", 0.036, 0.0, 1e3, "hh gkbar."},
        {"gl", "Leak conductance", "S/cm^2", 0.0003, 0.0, 1e3, "hh gl."},
        {"ena", "Sodium reversal potential", "mV", 50.0, -200.0, 200.0, "NEURON's default ena."},
        {"ek", "Potassium reversal potential", "mV", -77.0, -200.0, 200.0, "NEURON's default ek."},
        {"el", "Leak reversal potential", "mV", -54.3, -200.0, 200.0, "hh el."},
        {"celsius", "Temperature", "degC", 6.3, -50.0, 60.0,
         "Rates are multiplied by q10 = 3^((celsius - 6.3) / 10)."},
        {"v_init", "Initial potential", "mV", -65.0, -200.0, 200.0,
         "v at t = 0; the gates start at their steady state for it."},
        {"v_spike", "Spike detection threshold", "mV", 0.0, -200.0, 200.0,
         "A spike is counted when v crosses it upwards."},
        {"i_bias", "Bias current", "nA", 0.0, -1e6, 1e6, "Constant current into every neuron."},
        {"i_stim_ramp_max", "Current ramp maximum", "nA", 0.0, -1e6, 1e6,
         "Neuron i of N starts with i_stim = i_stim_ramp_max * i / N."},
        {"tau_syn_exc", "Excitatory synaptic time constant", "ms", 2.0, 0.01, 1e5,
         "Decay of i_syn_exc."},
        {"tau_syn_inh", "Inhibitory synaptic time constant", "ms", 5.0, 0.01, 1e5,
         "Decay of i_syn_inh."},
        {"use_table", "Use NEURON's rate table", "", 1.0, 0.0, 1.0,
         "1: interpolate NEURON's 1 mV table (usetable_hh = 1); 0: evaluate rates directly."},
    };
    m_info.stateVariables = {
        {"v", "Membrane potential", "mV", ""},
        {"m", "Sodium activation", "", "Gate m in [0, 1]."},
        {"h", "Sodium inactivation", "", "Gate h in [0, 1]."},
        {"n", "Potassium activation", "", "Gate n in [0, 1]."},
        {"i_stim", "Per-neuron stimulus current", "nA",
         "Constant current of this neuron (ramp or 'initial' distribution)."},
        {"i_syn_exc", "Excitatory synaptic current", "nA", ""},
        {"i_syn_inh", "Inhibitory synaptic current", "nA", "Negative values hyperpolarise."},
    };
    m_info.receptors = {
        {"exc", "nA", "Weight added to i_syn_exc."},
        {"inh", "nA", "Weight added to i_syn_inh (use negative weights to inhibit)."},
        {"current", "nA", "Injected current during the step (like an IClamp)."},
    };
}

std::unique_ptr<core::NeuronGroup> HhModel::createGroup(const core::GroupSetup& setup) const {
    return std::make_unique<HhGroup>(*setup.params, setup.size, setup.dtMs);
}

} // namespace plexus::plugins
