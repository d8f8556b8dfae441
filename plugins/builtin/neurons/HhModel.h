#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// Single-compartment Hodgkin-Huxley (1952) neuron, identical to NEURON's built-in `hh`
/// mechanism (squid axon at 6.3 degC) in a cell of given membrane area, integrated with
/// NEURON's fixed-step scheme ("hh").
class HhModel : public core::NeuronModel {
public:
    HhModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
