#pragma once

#include "plexus/core/plugin/SynapseModel.h"

namespace plexus::plugins {

/// Oja's normalised Hebbian rule on spike-rate traces, with an anti-Hebbian variant for lateral
/// decorrelation ("oja").
class OjaModel : public core::SynapseModel {
public:
    OjaModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::SynapseDynamics> create(const core::SynapseSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
