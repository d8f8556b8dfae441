#include "TwoCompartmentModel.h"

#include "TwoCompartmentGroup.h"

namespace plexus::plugins {

TwoCompartmentModel::TwoCompartmentModel() {
    m_info.name = "two_compartment";
    m_info.label = "Two-compartment LIF (soma + passive dendrite)";
    m_info.kind = core::ModelKind::Neuron;
    m_info.category = "Integrate-and-fire";
    m_info.tags = {"dendrite", "soma", "compartmental"};
    m_info.version = "1.0";
    m_info.equations =
        "c_s dv_s/dt = -g_ls (v_s - e_l) + g_c (v_d - v_s) + i_s_exc + i_s_inh + i_e_soma + I_s\n"
        "c_d dv_d/dt = -g_ld (v_d - e_l) + g_c (v_s - v_d) + i_d_exc + i_d_inh + i_e_dend + I_d\n"
        "tau_syn_exc di_x_exc/dt = -i_x_exc;  tau_syn_inh di_x_inh/dt = -i_x_inh  (x = s, d)\n"
        "v_s > v_thresh: spike, v_s <- v_reset, v_s held for t_ref (the dendrite is not reset)\n"
        "steady state, DC I_d into the dendrite: (v_s - e_l) / (v_d - e_l) = g_c / (g_ls + g_c)";
    m_info.references =
        "Clopath C, Buesing L, Vasilaki E, Gerstner W (2010) Connectivity reflects coding: a "
        "model of voltage-based STDP with homeostasis. Nat Neurosci 13:344-352. "
        "Urbanczik R, Senn W (2014) Learning by the dendritic prediction of somatic spiking. "
        "Neuron 81:521-528. Rall W (1959) Branching dendritic trees and motoneuron membrane "
        "resistivity. Exp Neurol 1:491-527. Rotter S, Diesmann M (1999) Exact digital "
        "simulation of time-invariant linear systems. Biol Cybern 81:381-402.";
    m_info.doc =
        "Units: mV, ms, pF, nS, pA. The soma is a leaky integrate-and-fire compartment, the "
        "dendrite a passive compartment; they exchange the current g_c (v_d - v_s) through the "
        "coupling conductance (symmetric, like a short cable segment). Synapses are "
        "current-based: a weight (pA) at 'exc'/'inh' is added to i_s_exc/i_s_inh (soma), at "
        "'dend_exc'/'dend_inh' to i_d_exc/i_d_inh (dendrite); 'current' and 'dend_current' are "
        "currents injected during the step into soma and dendrite. Between spikes the system is "
        "linear and is integrated exactly: the 6x6 propagator (with the step's constant "
        "currents as inputs) is the matrix exponential computed once in double precision. "
        "While the soma is refractory it is held at v_reset and the dendrite evolves with its "
        "own exact propagator for that clamp; so a dendritic DC input of I_d gives the somatic "
        "steady state g_c I_d / ((g_ls + g_c)(g_ld + g_c) - g_c^2) above rest, i.e. the "
        "soma/dendrite attenuation g_c / (g_ls + g_c).";
    m_info.parameters = {
        {"c_s", "Somatic capacitance", "pF", 200.0, 1e-3, 1e7, "C of the soma."},
        {"g_ls", "Somatic leak conductance", "nS", 10.0, 1e-6, 1e6, "Soma leak."},
        {"c_d", "Dendritic capacitance", "pF", 100.0, 1e-3, 1e7, "C of the dendrite."},
        {"g_ld", "Dendritic leak conductance", "nS", 5.0, 1e-6, 1e6, "Dendrite leak."},
        {"g_c", "Coupling conductance", "nS", 10.0, 0.0, 1e6,
         "Conductance between soma and dendrite."},
        {"e_l", "Resting potential", "mV", -70.0, -200.0, 200.0, "Leak reversal of both."},
        {"v_thresh", "Spike threshold", "mV", -50.0, -200.0, 200.0, "Somatic threshold."},
        {"v_reset", "Reset potential", "mV", -65.0, -200.0, 200.0, "Soma after a spike."},
        {"t_ref", "Refractory period", "ms", 2.0, 0.0, 1e4, "The soma is held at v_reset."},
        {"tau_syn_exc", "Excitatory synaptic time constant", "ms", 5.0, 0.01, 1e5,
         "Decay of i_s_exc and i_d_exc."},
        {"tau_syn_inh", "Inhibitory synaptic time constant", "ms", 10.0, 0.01, 1e5,
         "Decay of i_s_inh and i_d_inh."},
        {"i_e_soma", "Somatic bias current", "pA", 0.0, -1e6, 1e6, "Constant current."},
        {"i_e_dend", "Dendritic bias current", "pA", 0.0, -1e6, 1e6, "Constant current."},
    };
    m_info.stateVariables = {
        {"v_s", "Somatic potential", "mV", ""},
        {"v_d", "Dendritic potential", "mV", ""},
        {"i_s_exc", "Somatic excitatory current", "pA", ""},
        {"i_s_inh", "Somatic inhibitory current", "pA", ""},
        {"i_d_exc", "Dendritic excitatory current", "pA", ""},
        {"i_d_inh", "Dendritic inhibitory current", "pA", ""},
    };
    m_info.receptors = {
        {"exc", "pA", "Weight added to i_s_exc (soma)."},
        {"inh", "pA", "Weight added to i_s_inh (soma; negative weights inhibit)."},
        {"current", "pA", "Current injected into the soma during the step."},
        {"dend_exc", "pA", "Weight added to i_d_exc (dendrite)."},
        {"dend_inh", "pA", "Weight added to i_d_inh (dendrite; negative weights inhibit)."},
        {"dend_current", "pA", "Current injected into the dendrite during the step."},
    };
}

std::unique_ptr<core::NeuronGroup>
TwoCompartmentModel::createGroup(const core::GroupSetup& setup) const {
    return std::make_unique<TwoCompartmentGroup>(*setup.params, setup.size, setup.dtMs);
}

} // namespace plexus::plugins
