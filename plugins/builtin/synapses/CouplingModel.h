#pragma once

#include "plexus/core/plugin/SynapseModel.h"

namespace plexus::plugins {

/// Continuous couplings computed by the engine every step: "rate" (target input += w r_source)
/// and "gap_junction" (target current += g (v_source - v_target)).
class CouplingModel : public core::SynapseModel {
public:
    explicit CouplingModel(core::Coupling coupling);
    const core::ModelInfo& info() const override { return m_info; }
    core::Coupling coupling() const override { return m_coupling; }
    std::unique_ptr<core::SynapseDynamics> create(const core::SynapseSetup&) const override {
        return nullptr;
    }

private:
    core::ModelInfo m_info;
    core::Coupling m_coupling;
};

} // namespace plexus::plugins
