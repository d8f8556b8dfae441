#pragma once

#include "plexus/core/plugin/SynapseModel.h"

namespace plexus::plugins {

/// Tsodyks–Markram short-term depression and facilitation.
class TsodyksMarkramModel : public core::SynapseModel {
public:
    TsodyksMarkramModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::SynapseDynamics> create(const core::SynapseSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
