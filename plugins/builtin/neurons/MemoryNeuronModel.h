#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// Multi-timescale leaky-memory neuron ("memory_neuron"): up to four leaky memory traces with
/// their own time constants, read out by a sigmoid into a firing rate that drives Bernoulli
/// spikes.
class MemoryNeuronModel : public core::NeuronModel {
public:
    MemoryNeuronModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
