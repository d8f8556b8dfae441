#include "RateTanhModel.h"

#include "RateTanhGroup.h"

namespace plexus::plugins {

RateTanhModel::RateTanhModel() {
    m_info.name = "rate_tanh";
    m_info.label = "Rate unit (tanh)";
    m_info.kind = core::ModelKind::Neuron;
    m_info.category = "Rate units";
    m_info.tags = {"rate", "RNN", "reservoir", "tanh"};
    m_info.equations = "tau dx/dt = -x + input + bias;   r = tanh(gain x)";
    m_info.references = "Sompolinsky H, Crisanti A, Sommers HJ (1988) Phys Rev Lett 61:259. "
                        "Jaeger H (2001) The echo state approach (GMD Report 148).";
    m_info.doc = "Integrated exactly for input held constant over a step. Emits no spikes: "
                 "connect units with the \"rate\" synapse; input from spiking sources adds "
                 "each arriving weight for one step.";
    m_info.parameters = {
        {"tau", "Time constant", "ms", 10.0, 0.01, 1e6, ""},
        {"gain", "Gain", "", 1.0, 0.0, 1e3, "Slope of tanh at 0."},
        {"bias", "Bias input", "", 0.0, -1e6, 1e6, ""},
    };
    m_info.stateVariables = {{"x", "Activation", "", ""},
                             {"r", "Rate (output)", "", "tanh(gain x)"}};
    m_info.receptors = {{"exc", "", "Added to the input."}, {"inh", "", "Added to the input."}};
}

std::unique_ptr<core::NeuronGroup> RateTanhModel::createGroup(const core::GroupSetup& setup) const {
    const auto& p = *setup.params;
    return std::make_unique<RateTanhGroup>(setup.size, p.get("tau"), p.get("gain"), p.get("bias"),
                                           setup.dtMs);
}

} // namespace plexus::plugins
