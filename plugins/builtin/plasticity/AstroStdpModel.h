#pragma once

#include "plexus/core/plugin/SynapseModel.h"

namespace plexus::plugins {

/// Astrocyte-gated pair STDP ("astro_stdp"): plasticity is enabled by a slow calcium-like
/// variable per postsynaptic neuron that integrates the presynaptic activity arriving at it.
class AstroStdpModel : public core::SynapseModel {
public:
    AstroStdpModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::SynapseDynamics> create(const core::SynapseSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
