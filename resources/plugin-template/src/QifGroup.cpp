#include "QifGroup.h"

#include <cmath>
#include <plexus/core/base/Error.h>

namespace plexus::examples {

namespace {

/// Below this |c| (mV^2) the c = 0 solution is used: it differs from the exact one by less
/// than 1e-8 mV per step for any sensible tau_m and delta_v, and avoids 0/0 in the others.
constexpr double kParabolicBand = 1e-6;

} // namespace

QifGroup::QifGroup(const core::ParameterSet& params, std::size_t size, double dtMs)
    : m_size(size)
    , m_v(size, static_cast<float>(params.get("v_rest")))
    , m_refractory(size, 0.0f) {
    const double vRest = params.get("v_rest");
    const double vCrit = params.get("v_crit");
    const double vPeak = params.get("v_peak");
    const double vReset = params.get("v_reset");
    if (vCrit <= vRest)
        throw core::Error("params.v_crit: must be greater than v_rest");
    if (vPeak <= vCrit)
        throw core::Error("params.v_peak: must be greater than v_crit");
    if (vReset >= vPeak)
        throw core::Error("params.v_reset: must be below v_peak");
    m_mid = 0.5 * (vRest + vCrit);
    m_halfWidth2 = 0.25 * (vCrit - vRest) * (vCrit - vRest);
    m_tauDelta = params.get("tau_m") * params.get("delta_v");
    m_s = dtMs / m_tauDelta;
    m_uPeak = vPeak - m_mid;
    m_perPa = 1.0 / params.get("c_m");
    m_bias = params.get("i_e") * m_perPa;
    m_vReset = static_cast<float>(vReset);
    m_refSteps = static_cast<float>(std::round(params.get("t_ref") / dtMs));
}

bool QifGroup::flow(double& u, double c) const {
    if (u >= m_uPeak)
        return true;
    if (c > kParabolicBand) {
        // u(t) = w tan(atan(u0 / w) + w t / (tau delta)), w = sqrt(c): always reaches the peak.
        const double w = std::sqrt(c);
        const double theta = std::atan(u / w) + w * m_s;
        if (theta >= std::atan(m_uPeak / w))
            return true;
        u = w * std::tan(theta);
        return false;
    }
    if (c < -kParabolicBand) {
        // Fixed points -k (stable) and +k (unstable), k = sqrt(-c):
        // u(t) = k ((u0 + k) f + (u0 - k)) / ((u0 + k) f - (u0 - k)), f = exp(-2 k t / (tau
        // delta)). The denominator reaches zero (blow-up) only when u0 > k.
        const double k = std::sqrt(-c);
        const double f = std::exp(-2.0 * k * m_s);
        const double den = (u + k) * f - (u - k);
        if (den <= 0.0)
            return true;
        const double next = k * ((u + k) * f + (u - k)) / den;
        if (next >= m_uPeak)
            return true;
        u = next;
        return false;
    }
    // c = 0: u(t) = u0 / (1 - u0 t / (tau delta)).
    const double den = 1.0 - u * m_s;
    if (den <= 0.0)
        return true;
    const double next = u / den;
    if (next >= m_uPeak)
        return true;
    u = next;
    return false;
}

void QifGroup::update(const core::StepContext&, float* const* inputs, std::size_t begin,
                      std::size_t end, std::vector<std::int32_t>& spikes) {
    // Any input may be absent (nullptr) when nothing feeds it this step.
    float* const exc = inputs[0];
    float* const inh = inputs[1];
    float* const current = inputs[2];
    const double cNoCurrent = m_bias * m_tauDelta - m_halfWidth2;
    for (std::size_t i = begin; i < end; ++i) {
        const float jump = (exc ? exc[i] : 0.0f) + (inh ? inh[i] : 0.0f);
        const float injected = current ? current[i] : 0.0f;
        if (exc)
            exc[i] = 0.0f;
        if (inh)
            inh[i] = 0.0f;
        if (current)
            current[i] = 0.0f;
        if (m_refractory[i] > 0.0f) {
            // Clamped at v_reset; inputs arriving now are lost.
            m_refractory[i] -= 1.0f;
            continue;
        }
        double u = static_cast<double>(m_v[i]) + jump - m_mid;
        const double c = current ? cNoCurrent + static_cast<double>(injected) * m_perPa * m_tauDelta
                                 : cNoCurrent;
        if (flow(u, c)) {
            m_v[i] = m_vReset;
            m_refractory[i] = m_refSteps;
            spikes.push_back(static_cast<std::int32_t>(i));
        } else {
            m_v[i] = static_cast<float>(u + m_mid);
        }
    }
}

float* QifGroup::state(std::size_t index) {
    return index == 0 ? m_v.data() : nullptr;
}

} // namespace plexus::examples
