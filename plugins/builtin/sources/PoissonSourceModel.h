#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// Independent Poisson spike trains at a constant rate.
class PoissonSourceModel : public core::NeuronModel {
public:
    PoissonSourceModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
