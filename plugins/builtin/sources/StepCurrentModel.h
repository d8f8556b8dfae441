#pragma once

#include "plexus/core/plugin/CurrentSourceModel.h"

#include <string>

namespace plexus::plugins {

/// Constant current switched on at `start_ms` and off at `stop_ms` ("step_current"), or always
/// on ("dc_current").
class StepCurrentModel : public core::CurrentSourceModel {
public:
    /// `withWindow` false gives the dc_current variant (amplitude only).
    explicit StepCurrentModel(bool withWindow);
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::CurrentSource> createSource(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
    bool m_withWindow;
};

} // namespace plexus::plugins
