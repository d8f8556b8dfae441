#pragma once

#include "plexus/core/engine/CurrentSource.h"

namespace plexus::plugins {

/// Injects `amplitude` pA during steps [startStep, stopStep).
class StepCurrentSource : public core::CurrentSource {
public:
    StepCurrentSource(double amplitudePa, std::int64_t startStep, std::int64_t stopStep);
    void inject(const core::StepContext& ctx, float* input, const std::int32_t* targets,
                std::size_t count) override;

private:
    float m_amplitude;
    std::int64_t m_start;
    std::int64_t m_stop;
};

} // namespace plexus::plugins
