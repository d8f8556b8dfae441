#include "PoissonInhomogeneousGroup.h"

#include "plexus/core/base/RandomStream.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace plexus::plugins {

PoissonInhomogeneousGroup::PoissonInhomogeneousGroup(const core::ParameterSet& params,
                                                     std::size_t size, double dtMs,
                                                     std::uint64_t seed)
    : m_size(size)
    , m_rate(params.get("rate_hz"))
    , m_amplitude(params.get("amplitude_hz"))
    , m_omega(2.0 * std::numbers::pi * params.get("frequency_hz") * 1e-3) // rad per ms
    , m_phase(params.get("phase_deg") * std::numbers::pi / 180.0)
    , m_dtMs(dtMs)
    , m_seed(seed) {}

double PoissonInhomogeneousGroup::rateAt(double tMs) const {
    return std::max(0.0, m_rate + m_amplitude * std::sin(m_omega * tMs + m_phase));
}

void PoissonInhomogeneousGroup::update(const core::StepContext& ctx, float* const*,
                                       std::size_t begin, std::size_t end,
                                       std::vector<std::int32_t>& spikes) {
    const double p = rateAt((static_cast<double>(ctx.step) + 0.5) * m_dtMs) * m_dtMs * 1e-3;
    if (p <= 0.0)
        return;
    const bool always = p >= 1.0;
    const std::uint64_t threshold = always ? ~0ULL : static_cast<std::uint64_t>(std::ldexp(p, 64));
    const std::uint64_t stepKey = core::mix64(m_seed ^ static_cast<std::uint64_t>(ctx.step));
    for (std::size_t i = begin; i < end; ++i)
        if (always || core::mix64(stepKey + i * 0x9e3779b97f4a7c15ULL) < threshold)
            spikes.push_back(static_cast<std::int32_t>(i));
}

} // namespace plexus::plugins
