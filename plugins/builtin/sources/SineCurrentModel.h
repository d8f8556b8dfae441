#pragma once

#include "plexus/core/plugin/CurrentSourceModel.h"

namespace plexus::plugins {

/// Sinusoidal current ("sine_current"): offset + amplitude sin(2 pi f t + phase).
class SineCurrentModel : public core::CurrentSourceModel {
public:
    SineCurrentModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::CurrentSource> createSource(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
