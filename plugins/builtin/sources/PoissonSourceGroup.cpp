#include "PoissonSourceGroup.h"

#include "plexus/core/base/RandomStream.h"

#include <cmath>

namespace plexus::plugins {

PoissonSourceGroup::PoissonSourceGroup(std::size_t size, double rateHz, double dtMs,
                                       std::uint64_t seed)
    : m_size(size)
    , m_seed(seed) {
    const double p = rateHz * dtMs * 1e-3;
    m_always = p >= 1.0;
    m_threshold = m_always ? ~0ULL : static_cast<std::uint64_t>(std::ldexp(p, 64));
}

void PoissonSourceGroup::update(const core::StepContext& ctx, float* const*, std::size_t begin,
                                std::size_t end, std::vector<std::int32_t>& spikes) {
    const std::uint64_t stepKey = core::mix64(m_seed ^ static_cast<std::uint64_t>(ctx.step));
    for (std::size_t i = begin; i < end; ++i)
        if (m_always || core::mix64(stepKey + i * 0x9e3779b97f4a7c15ULL) < m_threshold)
            spikes.push_back(static_cast<std::int32_t>(i));
}

} // namespace plexus::plugins
