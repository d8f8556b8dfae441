#include "AstrocyteGroup.h"

#include <cmath>

namespace plexus::plugins {

AstrocyteGroup::AstrocyteGroup(std::size_t size, double tauIp3Ms, double tauCaMs, double threshold,
                               double refractoryMs, double dtMs)
    : m_ds(std::exp(-dtMs / tauIp3Ms))
    , m_dc(std::exp(-dtMs / tauCaMs))
    , m_threshold(threshold)
    , m_refractoryMs(refractoryMs)
    , m_dt(dtMs)
    , m_s(size, 0.0f)
    , m_r(size, 0.0f)
    , m_refractory(size, 0.0f) {
    // Exact propagator of r driven by the exponentially decaying s over one step.
    m_couple = std::fabs(tauIp3Ms - tauCaMs) < 1e-9 * tauCaMs
                   ? dtMs / tauCaMs * m_dc
                   : tauIp3Ms / (tauIp3Ms - tauCaMs) * (m_ds - m_dc);
}

void AstrocyteGroup::update(const core::StepContext&, float* const* inputs, std::size_t begin,
                            std::size_t end, std::vector<std::int32_t>& spikes) {
    for (std::size_t i = begin; i < end; ++i) {
        double s = m_s[i];
        if (inputs[0])
            s += inputs[0][i];
        const double before = m_r[i];
        const double r = before * m_dc + s * m_couple;
        m_s[i] = static_cast<float>(s * m_ds);
        m_r[i] = static_cast<float>(r);
        if (m_refractory[i] > 0.5 * m_dt) {
            m_refractory[i] -= static_cast<float>(m_dt);
        } else if (before <= m_threshold && r > m_threshold) {
            spikes.push_back(static_cast<std::int32_t>(i));
            m_refractory[i] = static_cast<float>(m_refractoryMs);
        }
    }
}

float* AstrocyteGroup::state(std::size_t index) {
    return index == 0 ? m_s.data() : index == 1 ? m_r.data() : nullptr;
}

void AstrocyteGroup::carryHiddenState(const core::NeuronGroup& previous) {
    if (const auto* same = dynamic_cast<const AstrocyteGroup*>(&previous);
        same && same->size() == size())
        m_refractory = same->m_refractory;
}

} // namespace plexus::plugins
