#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// Two-compartment integrate-and-fire neuron: a LIF soma coupled to a passive dendrite by a
/// conductance, current-based exponential synapses on both ("two_compartment").
class TwoCompartmentModel : public core::NeuronModel {
public:
    TwoCompartmentModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
