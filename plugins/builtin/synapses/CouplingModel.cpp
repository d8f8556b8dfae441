#include "CouplingModel.h"

namespace plexus::plugins {

CouplingModel::CouplingModel(core::Coupling coupling)
    : m_coupling(coupling) {
    m_info.kind = core::ModelKind::Synapse;
    if (coupling == core::Coupling::Gap) {
        m_info.name = "gap_junction";
        m_info.label = "Gap junction (electrical synapse)";
        m_info.category = "Synapses";
        m_info.tags = {"gap junction", "electrical synapse", "coupling"};
        m_info.equations = "I_target += g (v_source - v_target)   (g = weight, nS; I in pA)";
        m_info.references = "Bennett MVL, Zukin RS (2004) Neuron 41:495-511.";
        m_info.doc = "Ohmic coupling of membrane potentials, computed every step from the "
                     "potentials at the end of the previous step and fed into the target's "
                     "current input. Connect both directions for a symmetric junction. The "
                     "weight is the junction conductance in nS.";
    } else {
        m_info.name = "rate";
        m_info.label = "Rate coupling";
        m_info.category = "Synapses";
        m_info.tags = {"rate", "coupling", "continuous"};
        m_info.equations = "input_target += w r_source";
        m_info.doc = "Continuous transmission between rate units: every step each target "
                     "receives the weighted sum of its sources' rates r at the end of the "
                     "previous step.";
    }
}

} // namespace plexus::plugins
