#include "LifAlphaGroup.h"

#include "plexus/core/base/Error.h"

#include <cmath>

namespace plexus::plugins {

LifAlphaGroup::LifAlphaGroup(const core::ParameterSet& p, std::size_t size, double h,
                             bool conductance)
    : m_conductance(conductance)
    , m_v(size, static_cast<float>(p.get("e_l")))
    , m_refractory(size, 0) {
    const double tauM = p.get("tau_m");
    if (conductance && tauM <= h)
        throw core::Error("params.tau_m: must exceed the step for forward Euler");
    m_el = p.get("e_l");
    m_vThresh = p.get("v_thresh");
    m_vReset = p.get("v_reset");
    m_pm = std::exp(-h / tauM);
    m_refSteps = static_cast<int>(std::lround(p.get("t_ref") / h));
    m_bias = p.get("i_e");
    if (conductance) {
        m_dtOverTau = h / tauM;
        m_invGl = 1.0 / p.get("g_l");
        m_pc = 0;
    } else {
        m_pc = tauM / p.get("c_m") * (1.0 - m_pm);
    }
    const char* taus[2] = {"tau_syn_exc", "tau_syn_inh"};
    for (int r = 0; r < 2; ++r) {
        const double tau = p.get(taus[r]);
        Synapse& s = m_syn[r];
        s.decay = std::exp(-h / tau);
        s.riseToS = std::exp(1.0) * h / tau * s.decay;
        if (!conductance) {
            const double a = 1.0 / tau - 1.0 / tauM;
            s.sToV =
                std::fabs(a) * tau < 1e-9 ? h / tauM * m_pm : tau / (tau - tauM) * (s.decay - m_pm);
            const double integral = std::fabs(a) * h < 1e-6
                                        ? h * h / 2.0
                                        : (1.0 - std::exp(-a * h) * (1.0 + a * h)) / (a * a);
            s.yToV = std::exp(1.0) / (tau * tauM) * m_pm * integral;
        }
        m_y[r].assign(size, 0.0f);
        m_s[r].assign(size, 0.0f);
    }
    if (conductance) {
        m_syn[0].reversal = p.get("e_exc");
        m_syn[1].reversal = p.get("e_inh");
    }
}

void LifAlphaGroup::update(const core::StepContext&, float* const* inputs, std::size_t begin,
                           std::size_t end, std::vector<std::int32_t>& spikes) {
    for (std::size_t i = begin; i < end; ++i) {
        double y[2], s[2];
        for (int r = 0; r < 2; ++r) {
            y[r] = m_y[r][i] + (inputs[r] ? inputs[r][i] : 0.0f);
            s[r] = m_s[r][i];
        }
        const double current = m_bias + (inputs[2] ? inputs[2][i] : 0.0f);
        const double v = m_v[i];
        double vNew;
        if (m_conductance) {
            double drive = (m_el - v) + current * m_invGl;
            for (int r = 0; r < 2; ++r)
                drive += s[r] * m_invGl * (m_syn[r].reversal - v);
            vNew = v + drive * m_dtOverTau;
        } else {
            vNew = m_el + (v - m_el) * m_pm + current * m_pc;
            for (int r = 0; r < 2; ++r)
                vNew += s[r] * m_syn[r].sToV + y[r] * m_syn[r].yToV;
        }
        for (int r = 0; r < 2; ++r) {
            m_s[r][i] = static_cast<float>(s[r] * m_syn[r].decay + y[r] * m_syn[r].riseToS);
            m_y[r][i] = static_cast<float>(y[r] * m_syn[r].decay);
        }
        if (m_refractory[i] > 0) {
            --m_refractory[i];
            continue;
        }
        if (vNew > m_vThresh) {
            vNew = m_vReset;
            m_refractory[i] = m_refSteps;
            spikes.push_back(static_cast<std::int32_t>(i));
        }
        m_v[i] = static_cast<float>(vNew);
    }
}

float* LifAlphaGroup::state(std::size_t index) {
    switch (index) {
    case 0:
        return m_v.data();
    case 1:
        return m_s[0].data();
    case 2:
        return m_s[1].data();
    case 3:
        return m_y[0].data();
    case 4:
        return m_y[1].data();
    default:
        return nullptr;
    }
}

void LifAlphaGroup::carryHiddenState(const core::NeuronGroup& previous) {
    if (const auto* same = dynamic_cast<const LifAlphaGroup*>(&previous);
        same && same->size() == size())
        m_refractory = same->m_refractory;
}

} // namespace plexus::plugins
