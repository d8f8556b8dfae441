#include "AstrocyteModel.h"

#include "AstrocyteGroup.h"

namespace plexus::plugins {

AstrocyteModel::AstrocyteModel() {
    m_info.name = "astrocyte";
    m_info.label = "Astrocyte unit";
    m_info.kind = core::ModelKind::Neuron;
    m_info.category = "Glia";
    m_info.tags = {"astrocyte", "glia", "calcium", "gliotransmission"};
    m_info.equations = "tau_ip3 ds/dt = -s  (+ weights of synaptic events arriving at \"syn\")\n"
                       "tau_ca dr/dt = -r + s\n"
                       "r crosses threshold upward (outside refractoriness): release event";
    m_info.references = "Volman V, Ben-Jacob E, Levine H (2007) Neural Comput 19:303-326. "
                        "De Pittà M, Brunel N, Volterra A (2016) Neuroscience 323:43-61.";
    m_info.doc = "Integrates the activity of the synapses it ensheathes (connect neurons to its "
                 "\"syn\" input) into a slow calcium signal r. Release events (its spikes) can "
                 "drive synapses or serve as the modulator of a plasticity rule; r itself is "
                 "read by \"rate\" couplings to scale inputs continuously.";
    m_info.parameters = {
        {"tau_ip3", "IP3 time constant", "ms", 300.0, 0.1, 1e6, "Decay of the synaptic drive."},
        {"tau_ca", "Calcium time constant", "ms", 1000.0, 0.1, 1e6, ""},
        {"threshold", "Release threshold", "", 1.0, 1e-6, 1e6, "Calcium level of a release."},
        {"t_ref", "Release refractoriness", "ms", 500.0, 0.0, 1e6, ""},
    };
    m_info.stateVariables = {{"s", "IP3 drive", "", ""}, {"r", "Calcium", "", ""}};
    m_info.receptors = {{"syn", "", "Synaptic activity (each event adds its weight to s)."}};
}

std::unique_ptr<core::NeuronGroup>
AstrocyteModel::createGroup(const core::GroupSetup& setup) const {
    const auto& p = *setup.params;
    return std::make_unique<AstrocyteGroup>(setup.size, p.get("tau_ip3"), p.get("tau_ca"),
                                            p.get("threshold"), p.get("t_ref"), setup.dtMs);
}

} // namespace plexus::plugins
