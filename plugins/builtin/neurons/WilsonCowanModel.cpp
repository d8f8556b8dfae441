#include "WilsonCowanModel.h"

#include "WilsonCowanGroup.h"

namespace plexus::plugins {

WilsonCowanModel::WilsonCowanModel() {
    m_info.name = "wilson_cowan";
    m_info.label = "Wilson–Cowan unit";
    m_info.kind = core::ModelKind::Neuron;
    m_info.category = "Rate units";
    m_info.tags = {"rate", "population", "Wilson-Cowan", "E/I"};
    m_info.equations = "tau dr/dt = -r + (k - rho r) S(input + bias)\n"
                       "S(x) = 1/(1 + exp(-a (x - theta))) - 1/(1 + exp(a theta))";
    m_info.references = "Wilson HR, Cowan JD (1972) Biophys J 12:1-24.";
    m_info.doc = "Fraction of active cells in a population. Integrated exactly for input held "
                 "constant over a step. Connect E and I units with the \"rate\" synapse "
                 "(negative weights for inhibition).";
    m_info.parameters = {
        {"tau", "Time constant", "ms", 10.0, 0.01, 1e6, ""},
        {"a", "Sigmoid slope", "", 1.2, 1e-3, 1e3, ""},
        {"theta", "Sigmoid threshold", "", 2.8, -1e3, 1e3, ""},
        {"k", "Maximum response", "", 1.0, 0.0, 1e3, ""},
        {"rho", "Refractoriness", "", 1.0, 0.0, 1e3, ""},
        {"bias", "External input", "", 0.0, -1e6, 1e6, ""},
    };
    m_info.stateVariables = {{"r", "Activity", "", "Fraction of active cells."}};
    m_info.receptors = {{"exc", "", "Added to the input."}, {"inh", "", "Added to the input."}};
}

std::unique_ptr<core::NeuronGroup>
WilsonCowanModel::createGroup(const core::GroupSetup& setup) const {
    const auto& p = *setup.params;
    return std::make_unique<WilsonCowanGroup>(
        setup.size,
        WilsonCowanGroup::Constants{p.get("tau"), p.get("a"), p.get("theta"), p.get("k"),
                                    p.get("rho"), p.get("bias"), setup.dtMs});
}

} // namespace plexus::plugins
