#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// Leaky integrate-and-fire neuron with exponentially decaying current-based synapses,
/// integrated exactly (the CUBA network of Brette et al. 2007).
class LifCubaModel : public core::NeuronModel {
public:
    LifCubaModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;
    std::vector<core::DerivedValue> derivedValues(const core::ParameterSet& params,
                                                  double dtMs) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
