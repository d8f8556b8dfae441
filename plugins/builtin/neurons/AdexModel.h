#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// Adaptive exponential integrate-and-fire neuron (Brette & Gerstner 2005) with
/// current-based exponential synapses ("adex").
class AdexModel : public core::NeuronModel {
public:
    AdexModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
