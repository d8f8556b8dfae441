#pragma once

#include "plexus/core/plugin/SynapseModel.h"

namespace plexus::plugins {

/// Pair STDP balanced by the global feedback of an astrocyte ("astro_feedback_stdp"): the
/// astrocyte integrates the projection's presynaptic spikes against the spikes of the
/// projection's modulator population and tilts plasticity toward depression or potentiation,
/// after the neuron-astrocyte liquid state machine (Ivanov & Michmizos 2021).
class AstroFeedbackStdpModel : public core::SynapseModel {
public:
    AstroFeedbackStdpModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::SynapseDynamics> create(const core::SynapseSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
