#include "StepCurrentSource.h"

namespace plexus::plugins {

StepCurrentSource::StepCurrentSource(double amplitudePa, std::int64_t startStep,
                                     std::int64_t stopStep)
    : m_amplitude(static_cast<float>(amplitudePa))
    , m_start(startStep)
    , m_stop(stopStep) {}

void StepCurrentSource::inject(const core::StepContext& ctx, float* input,
                               const std::int32_t* targets, std::size_t count) {
    if (ctx.step < m_start || ctx.step >= m_stop)
        return;
    for (std::size_t k = 0; k < count; ++k)
        input[targets[k]] += m_amplitude;
}

} // namespace plexus::plugins
