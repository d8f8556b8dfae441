#pragma once

#include "plexus/core/engine/CurrentSource.h"
#include "plexus/core/model/ParameterSet.h"

namespace plexus::plugins {

/// Injects the step average of offset + amplitude sin(omega t + phase).
class SineCurrentSource : public core::CurrentSource {
public:
    /// The sine of `params` sampled as step averages for step `dtMs`.
    SineCurrentSource(const core::ParameterSet& params, double dtMs);
    void inject(const core::StepContext& ctx, float* input, const std::int32_t* targets,
                std::size_t count) override;

    /// Current averaged over step `step`.
    double stepAverage(std::int64_t step) const;

private:
    double m_amplitude, m_offset, m_omega, m_phase, m_dtMs;
};

} // namespace plexus::plugins
