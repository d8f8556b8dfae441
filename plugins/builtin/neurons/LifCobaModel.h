#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// Leaky integrate-and-fire neuron with exponentially decaying conductances (the COBA network
/// of Brette et al. 2007, benchmark 1), forward Euler as in the reference implementations.
class LifCobaModel : public core::NeuronModel {
public:
    LifCobaModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;
    std::vector<core::DerivedValue> derivedValues(const core::ParameterSet& params,
                                                  double dtMs) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
