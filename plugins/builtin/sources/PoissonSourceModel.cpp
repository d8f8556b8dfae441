#include "PoissonSourceModel.h"

#include "PoissonSourceGroup.h"

namespace plexus::plugins {

PoissonSourceModel::PoissonSourceModel() {
    m_info.name = "poisson";
    m_info.label = "Poisson spike source";
    m_info.kind = core::ModelKind::SpikeSource;
    m_info.category = "Stimuli";
    m_info.tags = {"Poisson", "input", "stimulus"};
    m_info.equations = "P(spike in a step) = rate * dt";
    m_info.doc = "Each channel fires independently with a constant rate. Connect it to "
                 "populations with a projection.";
    m_info.parameters = {
        {"rate_hz", "Rate", "Hz", 10.0, 0.0, 1e5, "Mean firing rate of every channel."},
    };
}

std::unique_ptr<core::NeuronGroup>
PoissonSourceModel::createGroup(const core::GroupSetup& setup) const {
    return std::make_unique<PoissonSourceGroup>(setup.size, setup.params->get("rate_hz"),
                                                setup.dtMs, setup.seed);
}

} // namespace plexus::plugins
