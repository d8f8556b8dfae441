#include "MemoryNeuronModel.h"

#include "MemoryNeuronGroup.h"

namespace plexus::plugins {

MemoryNeuronModel::MemoryNeuronModel() {
    m_info.name = "memory_neuron";
    m_info.label = "Leaky-memory neuron (multi-timescale)";
    m_info.kind = core::ModelKind::Neuron;
    m_info.category = "Rate and memory";
    m_info.tags = {"multi-timescale", "memory", "expressive leaky memory"};
    m_info.version = "1.0";
    m_info.equations =
        "tau_k dm_k/dt = -m_k + u(t),  k = 1..n_traces;  a weight w at exc/inh: m_k <- m_k + w\n"
        "z = bias + sum_k w_k m_k\n"
        "rate = rate_max_hz / (1 + exp(-(z - theta) / slope))\n"
        "P(spike in a step) = 1 - exp(-rate dt)";
    m_info.references =
        "Spieler A, Rahaman N, Martius G, Schoelkopf B, Levina A (2023) The expressive leaky "
        "memory neuron: an efficient and expressive phenomenological neuron model can solve "
        "long-horizon tasks. arXiv:2306.16922. Gerstner W, Kistler WM, Naud R, Paninski L "
        "(2014) Neuronal Dynamics, ch. 7 and 9 (escape noise, multi-timescale adaptation).";
    m_info.doc =
        "A phenomenological neuron in the spirit of the expressive leaky memory (ELM) neuron: "
        "the input is low-pass filtered by n_traces leaky memory traces with time constants "
        "tau_1..tau_4 (dimensionless, 'a.u.'), a weighted sum of the traces passes a sigmoid "
        "that sets the instantaneous firing rate, and spikes are drawn with the probability "
        "1 - exp(-rate dt) per step (escape noise). The traces are linear and integrated "
        "exactly: a weight arriving at 'exc' or 'inh' is added to every active trace (its "
        "impulse response is w exp(-t / tau_k)), and the 'current' input u is held during the "
        "step, m_k <- m_k exp(-dt / tau_k) + u (1 - exp(-dt / tau_k)), so a step of u gives "
        "m_k(t) = u (1 - exp(-t / tau_k)). Traces beyond n_traces stay 0 and are not read out. "
        "The rate is computed from the traces at the end of the step. Spikes use a "
        "counter-based hash of (seed, step, neuron), so they do not depend on the thread "
        "split.";
    m_info.parameters = {
        {"n_traces", "Number of traces", "", 3.0, 1.0, 4.0, "Active memory traces (1-4)."},
        {"tau_1", "Time constant 1", "ms", 5.0, 0.01, 1e6, "Decay of m_1."},
        {"tau_2", "Time constant 2", "ms", 50.0, 0.01, 1e6, "Decay of m_2."},
        {"tau_3", "Time constant 3", "ms", 500.0, 0.01, 1e6, "Decay of m_3."},
        {"tau_4", "Time constant 4", "ms", 5000.0, 0.01, 1e6, "Decay of m_4."},
        {"w_1", "Readout weight 1", "", 1.0, -1e6, 1e6, "Weight of m_1 in z."},
        {"w_2", "Readout weight 2", "", 0.5, -1e6, 1e6, "Weight of m_2 in z."},
        {"w_3", "Readout weight 3", "", -0.5, -1e6, 1e6, "Weight of m_3 in z."},
        {"w_4", "Readout weight 4", "", 0.0, -1e6, 1e6, "Weight of m_4 in z."},
        {"bias", "Bias", "", 0.0, -1e6, 1e6, "Constant added to z."},
        {"theta", "Sigmoid midpoint", "", 1.0, -1e6, 1e6, "z at which the rate is half maximal."},
        {"slope", "Sigmoid slope", "", 0.25, 1e-6, 1e6, "Width of the sigmoid."},
        {"rate_max_hz", "Maximal rate", "Hz", 100.0, 0.0, 1e5, "Rate for z >> theta."},
    };
    m_info.stateVariables = {
        {"m_1", "Memory trace 1", "", ""},
        {"m_2", "Memory trace 2", "", ""},
        {"m_3", "Memory trace 3", "", ""},
        {"m_4", "Memory trace 4", "", ""},
        {"rate", "Firing rate", "Hz", "Sigmoid output at the end of the step."},
    };
    m_info.receptors = {
        {"exc", "", "Weight added to every active trace."},
        {"inh", "", "Weight added to every active trace (use negative weights)."},
        {"current", "", "Drive u of the traces during the step."},
    };
}

std::unique_ptr<core::NeuronGroup>
MemoryNeuronModel::createGroup(const core::GroupSetup& setup) const {
    return std::make_unique<MemoryNeuronGroup>(*setup.params, setup.size, setup.dtMs, setup.seed);
}

} // namespace plexus::plugins
