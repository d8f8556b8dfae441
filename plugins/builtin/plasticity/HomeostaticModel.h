#pragma once

#include "plexus/core/plugin/SynapseModel.h"

namespace plexus::plugins {

/// Homeostatic spike-timing plasticity that drives each postsynaptic neuron toward a target rate
/// (Vogels, Sprekeler et al. 2011), for inhibitory or excitatory synapses ("homeostatic").
class HomeostaticModel : public core::SynapseModel {
public:
    HomeostaticModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::SynapseDynamics> create(const core::SynapseSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
