#pragma once

#include "plexus/core/plugin/CurrentSourceModel.h"

namespace plexus::plugins {

/// Ornstein-Uhlenbeck noise current ("noise_current") with mean, stationary standard deviation
/// and correlation time, independent per neuron.
class NoiseCurrentModel : public core::CurrentSourceModel {
public:
    NoiseCurrentModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::CurrentSource> createSource(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
