#include "ActiveDendriteModel.h"

#include "ActiveDendriteGroup.h"

#include <string>

namespace plexus::plugins {

ActiveDendriteModel::ActiveDendriteModel() {
    m_info.name = "active_dendrite";
    m_info.label = "Active-dendrite neuron (NMDA segments)";
    m_info.kind = core::ModelKind::Neuron;
    m_info.category = "Multi-compartment";
    m_info.tags = {"dendrite", "NMDA spike", "plateau", "coincidence detection"};
    m_info.equations =
        "segment k: tau_seg dd_k/dt = -d_k (+ weights arriving at seg_k)\n"
        "  d_k > theta_nmda and no plateau: NMDA spike, plateau for t_plateau, d_k <- 0\n"
        "soma: tau_m dv/dt = -(v - e_l) + i_syn + plateau_drive * (number of segments in "
        "plateau) + I tau_m / c_m\n"
        "tau_syn di_syn/dt = -i_syn;  v > v_thresh: spike, v <- v_reset for t_ref";
    m_info.references = "Schiller J, Major G, Koester HJ, Schiller Y (2000) Nature 404:285-289. "
                        "Hawkins J, Ahmad S (2016) Front Neural Circuits 10:23. "
                        "Poirazi P, Brannon T, Mel BW (2003) Neuron 37:989-999.";
    m_info.doc = "Synapses onto a segment (receptors seg0..seg7) sum locally; only inputs that "
                 "coincide within tau_seg on the same segment reach the NMDA threshold. A "
                 "plateau depolarises the soma for t_plateau, so one recognised pattern on any "
                 "segment makes the neuron fire: it responds to the union of its segments' "
                 "patterns. Inputs spread over segments stay local and sub-threshold.";
    m_info.parameters = {
        {"n_segments", "Segments", "", 4.0, 1.0, maxSegments, "Active segments (1-8)."},
        {"tau_m", "Membrane time constant", "ms", 20.0, 0.1, 1e5, ""},
        {"tau_syn", "Somatic synaptic time constant", "ms", 5.0, 0.1, 1e5, ""},
        {"tau_seg", "Segment time constant", "ms", 5.0, 0.1, 1e5, "Coincidence window."},
        {"theta_nmda", "NMDA threshold", "mV", 10.0, 0.01, 1e4, "Segment depolarisation."},
        {"t_plateau", "Plateau duration", "ms", 40.0, 0.1, 1e4, ""},
        {"plateau_drive", "Plateau drive", "mV", 25.0, 0.0, 1e3, "Somatic drive per plateau."},
        {"e_l", "Resting potential", "mV", -70.0, -200.0, 200.0, ""},
        {"v_thresh", "Spike threshold", "mV", -50.0, -200.0, 200.0, ""},
        {"v_reset", "Reset potential", "mV", -65.0, -200.0, 200.0, ""},
        {"t_ref", "Refractory period", "ms", 2.0, 0.0, 1e4, ""},
        {"c_m", "Membrane capacitance", "pF", 250.0, 1e-3, 1e7, ""},
    };
    m_info.stateVariables = {{"v", "Membrane potential", "mV", ""},
                             {"i_syn", "Somatic synaptic input", "mV", ""}};
    for (int k = 0; k < maxSegments; ++k)
        m_info.stateVariables.push_back({"d" + std::to_string(k),
                                         "Segment " + std::to_string(k) + " depolarisation", "mV",
                                         ""});
    for (int k = 0; k < maxSegments; ++k)
        m_info.stateVariables.push_back({"plateau" + std::to_string(k),
                                         "Segment " + std::to_string(k) + " plateau left", "ms",
                                         ""});
    m_info.receptors = {{"exc", "mV", "Somatic excitatory input (adds to i_syn)."},
                        {"inh", "mV", "Somatic inhibitory input (negative weights)."},
                        {"current", "pA", "Injected current."}};
    for (int k = 0; k < maxSegments; ++k)
        m_info.receptors.push_back(
            {"seg" + std::to_string(k), "mV", "Input onto segment " + std::to_string(k) + "."});
}

std::unique_ptr<core::NeuronGroup>
ActiveDendriteModel::createGroup(const core::GroupSetup& setup) const {
    return std::make_unique<ActiveDendriteGroup>(*setup.params, setup.size, setup.dtMs);
}

} // namespace plexus::plugins
