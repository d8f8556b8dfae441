#include "SineCurrentSource.h"

#include <cmath>
#include <numbers>

namespace plexus::plugins {

SineCurrentSource::SineCurrentSource(const core::ParameterSet& params, double dtMs)
    : m_amplitude(params.get("amplitude_pa"))
    , m_offset(params.get("offset_pa"))
    , m_omega(2.0 * std::numbers::pi * params.get("frequency_hz") * 1e-3) // rad per ms
    , m_phase(params.get("phase_deg") * std::numbers::pi / 180.0)
    , m_dtMs(dtMs) {}

double SineCurrentSource::stepAverage(std::int64_t step) const {
    const double t0 = static_cast<double>(step) * m_dtMs;
    const double half = 0.5 * m_omega * m_dtMs;
    // (1/dt) int_t0^t0+dt sin(w t + p) dt = sin(w (t0 + dt/2) + p) sin(w dt/2) / (w dt/2)
    const double sinc = half > 1e-8 ? std::sin(half) / half : 1.0;
    return m_offset + m_amplitude * sinc * std::sin(m_omega * (t0 + 0.5 * m_dtMs) + m_phase);
}

void SineCurrentSource::inject(const core::StepContext& ctx, float* input,
                               const std::int32_t* targets, std::size_t count) {
    const auto value = static_cast<float>(stepAverage(ctx.step));
    for (std::size_t k = 0; k < count; ++k)
        input[targets[k]] += value;
}

} // namespace plexus::plugins
