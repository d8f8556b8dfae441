#include "IzhikevichModel.h"

#include "IzhikevichGroup.h"

namespace plexus::plugins {

IzhikevichModel::IzhikevichModel() {
    m_info.name = "izhikevich";
    m_info.label = "Izhikevich (2003)";
    m_info.kind = core::ModelKind::Neuron;
    m_info.category = "Integrate-and-fire";
    m_info.tags = {"Izhikevich", "regular spiking", "fast spiking", "chattering", "bursting"};
    m_info.version = "1.0";
    m_info.equations =
        "dv/dt = 0.04 v^2 + 5 v + 140 - u + I\n"
        "du/dt = a (b v - u)\n"
        "v >= v_peak: spike, v <- c, u <- u + d\n"
        "I = i_bias + I_current + f_exc i_syn_exc + f_inh i_syn_inh,  f = (tau/dt)(1 - "
        "exp(-dt/tau))\n"
        "tau_syn_exc di_syn_exc/dt = -i_syn_exc;  tau_syn_inh di_syn_inh/dt = -i_syn_inh";
    m_info.references =
        "Izhikevich EM (2003) Simple model of spiking neurons. IEEE Trans Neural Netw "
        "14:1569-1572. Izhikevich EM (2004) Which model to use for cortical spiking neurons? "
        "IEEE Trans Neural Netw 15:1063-1070.";
    m_info.doc =
        "Time in ms, v and the reset c in mV. The input I has the units of dv/dt (mV/ms): the "
        "model has unit capacitance, so '1 mV/ms' is the current that charges the membrane by 1 "
        "mV per ms (Izhikevich's dimensionless I; I = 10 is his standard step). a, b, c and d "
        "are state variables, so a population can mix cell types: the parameters a, b, c, d "
        "give every neuron's starting value and an 'initial' distribution of the state variable "
        "overrides it per neuron (e.g. Izhikevich's c = -65 + 15 r^2 networks). u starts at "
        "b v_init.\n"
        "Synapses are current jumps with exponential decay: a weight (mV/ms) arriving at 'exc' "
        "or 'inh' is added to i_syn_exc or i_syn_inh, which decay with tau_syn_exc / "
        "tau_syn_inh. Within a step the synaptic current enters as its exact step average (the "
        "factor f), so a weight w delivers the charge w tau whatever dt is; with the default "
        "tau of 1 ms this is the effect of Izhikevich's 2003 network, where a spike adds its "
        "weight to I for one 1-ms step. The 'current' input is I during the step.\n"
        "Integration: each step dt is split into n = ceil(dt / substep_ms) equal substeps h; "
        "each substep is a forward Euler step of v followed by the exact update of u for that v, "
        "u <- b v + (u - b v) exp(-a h) (the order of Izhikevich's code; for a h << 1 it equals "
        "his Euler step of u and it stays stable for any a h), then the spike test v >= v_peak "
        "with reset. Izhikevich "
        "(2003) advanced v in two 0.5 ms half steps per 1 ms step (substep_ms = 0.5 with dt = 1 "
        "ms). The scheme converges to first order; with the default 0.025 ms substep the 14th "
        "spike of a regular-spiking cell at I = 10 comes 1.5 ms (0.3 %) late against a "
        "1 us-substep reference, with 0.1 ms 6 ms late. The "
        "burst structure of chattering cells depends on the step: at I = 10 the converged "
        "model fires bursts of 5 spikes, the 1 ms scheme of the 2003 paper bursts of 2-4. v is "
        "kept within [-1000, 1000] mV and u within +-1e9 mV/ms so that extreme inputs cannot "
        "overflow.";
    m_info.parameters = {
        {"a", "Recovery time scale a", "1/ms", 0.02, -10.0, 10.0,
         "Default a of every neuron (state variable a). RS/IB/CH 0.02, FS 0.1."},
        {"b", "Recovery sensitivity b", "", 0.2, -10.0, 10.0,
         "Default b of every neuron (state variable b)."},
        {"c", "Reset potential c", "mV", -65.0, -200.0, 200.0,
         "Default c of every neuron. RS -65, IB -55, CH -50."},
        {"d", "Recovery jump d", "mV/ms", 8.0, -1000.0, 1000.0,
         "Default d of every neuron. RS 8, IB 4, CH/FS 2."},
        {"v_peak", "Spike cut-off", "mV", 30.0, -100.0, 500.0, "Spike and reset at v >= v_peak."},
        {"v_init", "Initial potential", "mV", -65.0, -200.0, 200.0, "v at t = 0; u = b v_init."},
        {"i_bias", "Bias input", "mV/ms", 0.0, -1e6, 1e6, "Constant input I of every neuron."},
        {"tau_syn_exc", "Excitatory synaptic time constant", "ms", 1.0, 0.01, 1e5,
         "Decay of i_syn_exc."},
        {"tau_syn_inh", "Inhibitory synaptic time constant", "ms", 1.0, 0.01, 1e5,
         "Decay of i_syn_inh."},
        {"substep_ms", "Largest integration substep", "ms", 0.025, 0.001, 1.0,
         "Each step is split into ceil(dt / substep_ms) substeps."},
    };
    m_info.stateVariables = {
        {"v", "Membrane potential", "mV", ""},
        {"u", "Recovery variable", "mV/ms", ""},
        {"a", "Recovery time scale a", "1/ms", "Per-neuron a."},
        {"b", "Recovery sensitivity b", "", "Per-neuron b."},
        {"c", "Reset potential c", "mV", "Per-neuron c."},
        {"d", "Recovery jump d", "mV/ms", "Per-neuron d."},
        {"i_syn_exc", "Excitatory synaptic input", "mV/ms", ""},
        {"i_syn_inh", "Inhibitory synaptic input", "mV/ms", ""},
    };
    m_info.receptors = {
        {"exc", "mV/ms", "Weight added to i_syn_exc."},
        {"inh", "mV/ms", "Weight added to i_syn_inh (use negative weights to inhibit)."},
        {"current", "mV/ms", "Input I during the step."},
    };
}

std::unique_ptr<core::NeuronGroup>
IzhikevichModel::createGroup(const core::GroupSetup& setup) const {
    return std::make_unique<IzhikevichGroup>(*setup.params, setup.size, setup.dtMs);
}

} // namespace plexus::plugins
