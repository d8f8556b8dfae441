#pragma once

#include "plexus/core/plugin/SynapseModel.h"

namespace plexus::plugins {

/// Learnable per-synapse transmission delays: each postsynaptic spike moves the delays of its
/// recently active inputs toward the observed pre-to-post lag, so inputs arrive in coincidence.
class DelayLearningModel : public core::SynapseModel {
public:
    DelayLearningModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::SynapseDynamics> create(const core::SynapseSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
