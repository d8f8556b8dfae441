#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// Astrocyte unit: a slow calcium-like variable driven by local synaptic activity, emitting
/// gliotransmitter release events when calcium crosses a threshold.
class AstrocyteModel : public core::NeuronModel {
public:
    AstrocyteModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
