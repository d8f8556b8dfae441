#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// Wilson–Cowan population rate unit with a sigmoidal response and refractoriness.
class WilsonCowanModel : public core::NeuronModel {
public:
    WilsonCowanModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
