#pragma once

#include "plexus/core/plugin/SynapseModel.h"

namespace plexus::plugins {

/// Symmetric spike-timing-dependent plasticity with multiplicative synaptic scaling
/// ("stdp_symmetric").
class StdpSymmetricModel : public core::SynapseModel {
public:
    StdpSymmetricModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::SynapseDynamics> create(const core::SynapseSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
