#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// Rate-coded input of a time series ("time_series"): N inhomogeneous Poisson channels with
/// rate(t) = max(0, baseline_hz + gain_hz u(t)), u(t) generated (uniform, NARMA-10 input, sine,
/// chirp; core::TimeSeriesSignal) or given by the stimulus.
class TimeSeriesSourceModel : public core::NeuronModel {
public:
    TimeSeriesSourceModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
