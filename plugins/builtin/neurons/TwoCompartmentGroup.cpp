#include "TwoCompartmentGroup.h"

#include "simd/SimdSupport.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <unsupported/Eigen/MatrixFunctions>

namespace plexus::plugins {

namespace {

using Constants = TwoCompartmentGroup::Constants;

struct Arrays {
    float* __restrict vs;
    float* __restrict vd;
    float* __restrict se;
    float* __restrict si;
    float* __restrict de;
    float* __restrict di;
    float* __restrict refractory;
    float* __restrict in[6]; // exc, inh, current, dend_exc, dend_inh, dend_current; may be null
};

inline float take(float* __restrict in, std::size_t i) {
    if (!in)
        return 0.0f;
    const float x = in[i];
    in[i] = 0.0f;
    return x;
}

/// One neuron. Inlined into both the portable and the AVX2 loop (auto-vectorised); the two agree
/// to float rounding (TestKernelPaths measures 1e-6 relative after 40 steps).
inline bool stepOne(const Constants& c, const Arrays& a, std::size_t i) {
    const float se = a.se[i] + take(a.in[0], i);
    const float si = a.si[i] + take(a.in[1], i);
    const float is = c.biasSoma + take(a.in[2], i);
    const float de = a.de[i] + take(a.in[3], i);
    const float di = a.di[i] + take(a.in[4], i);
    const float id = c.biasDend + take(a.in[5], i);
    const float us = a.vs[i] - c.el, ud = a.vd[i] - c.el;
    const float x[8] = {us, ud, se, si, de, di, is, id};
    float freeSoma = 0.0f, freeDend = 0.0f, heldDend = 0.0f;
    for (int k = 0; k < 8; ++k) {
        freeSoma += c.soma[k] * x[k];
        freeDend += c.dend[k] * x[k];
        heldDend += c.dendClamped[k] * x[k];
    }
    const float ref = a.refractory[i];
    const bool held = ref > 0.0f;
    const bool spike = !held && freeSoma > c.thresh;
    const float usNew = held ? us : (spike ? c.reset : freeSoma);
    a.vs[i] = usNew + c.el;
    a.vd[i] = (held ? heldDend : freeDend) + c.el;
    a.refractory[i] = spike ? c.refSteps : (held ? ref - 1.0f : 0.0f);
    a.se[i] = se * c.decayExc;
    a.si[i] = si * c.decayInh;
    a.de[i] = de * c.decayExc;
    a.di[i] = di * c.decayInh;
    return spike;
}

inline void updateLoop(const Constants& c, const Arrays& a, std::size_t begin, std::size_t end,
                       std::vector<std::int32_t>& spikes) {
    for (std::size_t i = begin; i < end; ++i)
        if (stepOne(c, a, i))
            spikes.push_back(static_cast<std::int32_t>(i));
}

void updatePortable(const Constants& c, const Arrays& a, std::size_t begin, std::size_t end,
                    std::vector<std::int32_t>& spikes) {
    updateLoop(c, a, begin, end, spikes);
}

__attribute__((target("avx2,fma"))) void updateAvx2(const Constants& c, const Arrays& a,
                                                    std::size_t begin, std::size_t end,
                                                    std::vector<std::int32_t>& spikes) {
    updateLoop(c, a, begin, end, spikes);
}

/// exp(A dt) of the system x' = A x + B (I_s, I_d) with (I_s, I_d) constant, as the rows of
/// u_s and u_d in the augmented form [x; I_s; I_d]. `somaHeld` freezes u_s.
void propagatorRows(const core::ParameterSet& p, double dt, bool somaHeld,
                    std::array<float, 8>& soma, std::array<float, 8>& dend) {
    const double cs = p.get("c_s"), cd = p.get("c_d"), gls = p.get("g_ls"), gld = p.get("g_ld"),
                 gc = p.get("g_c");
    const double tauE = p.get("tau_syn_exc"), tauI = p.get("tau_syn_inh");
    Eigen::Matrix<double, 8, 8> a = Eigen::Matrix<double, 8, 8>::Zero();
    if (!somaHeld) {
        a(0, 0) = -(gls + gc) / cs;
        a(0, 1) = gc / cs;
        a(0, 2) = a(0, 3) = a(0, 6) = 1.0 / cs;
    }
    a(1, 0) = gc / cd;
    a(1, 1) = -(gld + gc) / cd;
    a(1, 4) = a(1, 5) = a(1, 7) = 1.0 / cd;
    a(2, 2) = a(4, 4) = -1.0 / tauE;
    a(3, 3) = a(5, 5) = -1.0 / tauI;
    const Eigen::Matrix<double, 8, 8> e = (a * dt).exp();
    for (int k = 0; k < 8; ++k) {
        soma[static_cast<std::size_t>(k)] = static_cast<float>(e(0, k));
        dend[static_cast<std::size_t>(k)] = static_cast<float>(e(1, k));
    }
}

} // namespace

TwoCompartmentGroup::TwoCompartmentGroup(const core::ParameterSet& params, std::size_t size,
                                         double dtMs)
    : m_size(size)
    , m_avx2(useAvx2Kernels())
    , m_vs(size, static_cast<float>(params.get("e_l")))
    , m_vd(size, static_cast<float>(params.get("e_l")))
    , m_se(size, 0.0f)
    , m_si(size, 0.0f)
    , m_de(size, 0.0f)
    , m_di(size, 0.0f)
    , m_refractory(size, 0.0f) {
    std::array<float, 8> unused{};
    propagatorRows(params, dtMs, false, m_c.soma, m_c.dend);
    propagatorRows(params, dtMs, true, unused, m_c.dendClamped);
    m_c.decayExc = static_cast<float>(std::exp(-dtMs / params.get("tau_syn_exc")));
    m_c.decayInh = static_cast<float>(std::exp(-dtMs / params.get("tau_syn_inh")));
    const double el = params.get("e_l");
    m_c.el = static_cast<float>(el);
    m_c.thresh = static_cast<float>(params.get("v_thresh") - el);
    m_c.reset = static_cast<float>(params.get("v_reset") - el);
    m_c.biasSoma = static_cast<float>(params.get("i_e_soma"));
    m_c.biasDend = static_cast<float>(params.get("i_e_dend"));
    m_c.refSteps = static_cast<float>(std::round(params.get("t_ref") / dtMs));
}

void TwoCompartmentGroup::update(const core::StepContext&, float* const* inputs, std::size_t begin,
                                 std::size_t end, std::vector<std::int32_t>& spikes) {
    const Arrays a{
        m_vs.data(),         m_vd.data(),
        m_se.data(),         m_si.data(),
        m_de.data(),         m_di.data(),
        m_refractory.data(), {inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5]}};
    if (m_avx2)
        updateAvx2(m_c, a, begin, end, spikes);
    else
        updatePortable(m_c, a, begin, end, spikes);
}

float* TwoCompartmentGroup::directInput(std::size_t receptor) {
    switch (receptor) {
    case 0:
        return m_se.data();
    case 1:
        return m_si.data();
    case 3:
        return m_de.data();
    case 4:
        return m_di.data();
    default:
        return nullptr;
    }
}

float* TwoCompartmentGroup::state(std::size_t index) {
    float* const arrays[] = {m_vs.data(), m_vd.data(), m_se.data(),
                             m_si.data(), m_de.data(), m_di.data()};
    return index < std::size(arrays) ? arrays[index] : nullptr;
}

void TwoCompartmentGroup::carryHiddenState(const core::NeuronGroup& previous) {
    if (const auto* same = dynamic_cast<const TwoCompartmentGroup*>(&previous);
        same && same->size() == size())
        m_refractory = same->m_refractory;
}

} // namespace plexus::plugins
