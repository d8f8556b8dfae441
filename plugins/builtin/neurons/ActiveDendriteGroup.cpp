#include "ActiveDendriteGroup.h"

#include <cmath>

namespace plexus::plugins {

ActiveDendriteGroup::ActiveDendriteGroup(const core::ParameterSet& p, std::size_t size, double dtMs)
    : m_size(size)
    , m_segments(static_cast<int>(std::lround(p.get("n_segments"))))
    , m_v(size, static_cast<float>(p.get("e_l")))
    , m_iSyn(size, 0.0f)
    , m_refractory(size, 0.0f) {
    const double tauM = p.get("tau_m");
    const double tauS = p.get("tau_syn");
    const double pm = std::exp(-dtMs / tauM);
    m_el = static_cast<float>(p.get("e_l"));
    m_vThresh = static_cast<float>(p.get("v_thresh"));
    m_vReset = static_cast<float>(p.get("v_reset"));
    m_pm = static_cast<float>(pm);
    m_pSyn = static_cast<float>(std::fabs(tauS - tauM) < 1e-9 * tauM
                                    ? dtMs / tauM * pm
                                    : tauS / (tauS - tauM) * (std::exp(-dtMs / tauS) - pm));
    m_pc = static_cast<float>(1.0 - pm); // constant drive (mV) held over a step
    m_synDecay = static_cast<float>(std::exp(-dtMs / tauS));
    m_segDecay = static_cast<float>(std::exp(-dtMs / p.get("tau_seg")));
    m_theta = static_cast<float>(p.get("theta_nmda"));
    m_plateauDrive = static_cast<float>(p.get("plateau_drive"));
    m_refSteps = static_cast<float>(std::round(p.get("t_ref") / dtMs));
    m_plateauSteps = static_cast<float>(std::max(1.0, std::round(p.get("t_plateau") / dtMs)));
    m_currentScale = static_cast<float>(tauM / p.get("c_m"));
    m_dtMs = static_cast<float>(dtMs);
    for (int k = 0; k < kSegments; ++k) {
        m_d[k].assign(size, 0.0f);
        m_plateau[k].assign(size, 0.0f);
    }
}

void ActiveDendriteGroup::update(const core::StepContext&, float* const* inputs, std::size_t begin,
                                 std::size_t end, std::vector<std::int32_t>& spikes) {
    for (std::size_t i = begin; i < end; ++i) {
        // Segments: local summation, NMDA spike on threshold, plateau countdown.
        int active = 0;
        for (int k = 0; k < m_segments; ++k) {
            float& d = m_d[k][i];
            float& plateau = m_plateau[k][i];
            if (const float* in = inputs[3 + k])
                d += in[i];
            if (plateau > 0.5f * m_dtMs) {
                plateau -= m_dtMs;
                ++active;
            } else if (d > m_theta) {
                plateau = (m_plateauSteps - 1.0f) * m_dtMs;
                d = 0.0f;
                ++active;
            }
            d *= m_segDecay;
        }
        // Soma: exact LIF step with synaptic input and the plateau drive held over the step.
        float x = m_iSyn[i];
        if (inputs[0])
            x += inputs[0][i];
        if (inputs[1])
            x += inputs[1][i];
        float drive = static_cast<float>(active) * m_plateauDrive;
        if (inputs[2])
            drive += inputs[2][i] * m_currentScale;
        const float v = m_v[i];
        float vNew = m_el + (v - m_el) * m_pm + x * m_pSyn + drive * m_pc;
        const bool frozen = m_refractory[i] > 0.0f;
        if (frozen) {
            vNew = v;
            m_refractory[i] -= 1.0f;
        }
        if (!frozen && vNew > m_vThresh) {
            vNew = m_vReset;
            m_refractory[i] = m_refSteps;
            spikes.push_back(static_cast<std::int32_t>(i));
        }
        m_v[i] = vNew;
        m_iSyn[i] = x * m_synDecay;
    }
}

float* ActiveDendriteGroup::state(std::size_t index) {
    if (index == 0)
        return m_v.data();
    if (index == 1)
        return m_iSyn.data();
    if (index < 2 + kSegments)
        return m_d[index - 2].data();
    if (index < 2 + 2 * kSegments)
        return m_plateau[index - 2 - kSegments].data();
    return nullptr;
}

void ActiveDendriteGroup::carryHiddenState(const core::NeuronGroup& previous) {
    if (const auto* same = dynamic_cast<const ActiveDendriteGroup*>(&previous);
        same && same->size() == size())
        m_refractory = same->m_refractory;
}

} // namespace plexus::plugins
