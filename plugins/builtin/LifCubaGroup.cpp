#include "LifCubaGroup.h"

#include "SimdSupport.h"

#include <cmath>
#include <immintrin.h>

namespace plexus::plugins {

namespace {

using Constants = LifCubaGroup::Constants;

struct Arrays {
    float* __restrict v;
    float* __restrict iExc;
    float* __restrict iInh;
    float* __restrict refractory;
    float* __restrict inExc;
    float* __restrict inInh;
    float* __restrict inCurrent; // may be nullptr
};

/// One neuron, scalar. Shared by the fallback and the SIMD tail.
template <bool E, bool I, bool C>
inline bool stepOne(const Constants& c, const Arrays& a, std::size_t i) {
    const float xe = a.iExc[i] + (E ? a.inExc[i] : 0.0f);
    const float xi = a.iInh[i] + (I ? a.inInh[i] : 0.0f);
    const float current = C ? a.inCurrent[i] : 0.0f;
    if constexpr (E)
        a.inExc[i] = 0.0f;
    if constexpr (I)
        a.inInh[i] = 0.0f;
    if constexpr (C)
        a.inCurrent[i] = 0.0f;
    const float v = a.v[i];
    const float ref = a.refractory[i];
    float vNew = v * c.pm + c.k0 + xe * c.pe + xi * c.pi + current * c.pc;
    const bool frozen = ref > 0.0f;
    if (frozen)
        vNew = v;
    const bool spike = !frozen && vNew > c.vThresh;
    a.v[i] = spike ? c.vReset : vNew;
    a.refractory[i] = spike ? c.refSteps : (frozen ? ref - 1.0f : 0.0f);
    a.iExc[i] = xe * c.de;
    a.iInh[i] = xi * c.di;
    return spike;
}

template <bool E, bool I, bool C>
void updateScalar(const Constants& c, const Arrays& a, std::size_t begin, std::size_t end,
                  std::vector<std::int32_t>& spikes) {
    for (std::size_t i = begin; i < end; ++i)
        if (stepOne<E, I, C>(c, a, i))
            spikes.push_back(static_cast<std::int32_t>(i));
}

template <bool E, bool I, bool C>
__attribute__((target("avx2,fma"))) void updateAvx2(const Constants& c, const Arrays& a,
                                                    std::size_t begin, std::size_t end,
                                                    std::vector<std::int32_t>& spikes) {
    const __m256 k0 = _mm256_set1_ps(c.k0), pm = _mm256_set1_ps(c.pm), pe = _mm256_set1_ps(c.pe),
                 pi = _mm256_set1_ps(c.pi), pc = _mm256_set1_ps(c.pc), de = _mm256_set1_ps(c.de),
                 di = _mm256_set1_ps(c.di), vt = _mm256_set1_ps(c.vThresh),
                 vr = _mm256_set1_ps(c.vReset), refSteps = _mm256_set1_ps(c.refSteps),
                 one = _mm256_set1_ps(1.0f), zero = _mm256_setzero_ps();
    std::size_t i = begin;
    for (; i + 8 <= end; i += 8) {
        __m256 xe = _mm256_loadu_ps(a.iExc + i);
        if constexpr (E) {
            xe = _mm256_add_ps(xe, _mm256_loadu_ps(a.inExc + i));
            _mm256_storeu_ps(a.inExc + i, zero);
        }
        __m256 xi = _mm256_loadu_ps(a.iInh + i);
        if constexpr (I) {
            xi = _mm256_add_ps(xi, _mm256_loadu_ps(a.inInh + i));
            _mm256_storeu_ps(a.inInh + i, zero);
        }
        const __m256 v = _mm256_loadu_ps(a.v + i);
        const __m256 ref = _mm256_loadu_ps(a.refractory + i);
        __m256 u = _mm256_fmadd_ps(v, pm, k0);
        u = _mm256_fmadd_ps(xe, pe, u);
        u = _mm256_fmadd_ps(xi, pi, u);
        if constexpr (C) {
            u = _mm256_fmadd_ps(_mm256_loadu_ps(a.inCurrent + i), pc, u);
            _mm256_storeu_ps(a.inCurrent + i, zero);
        }
        const __m256 frozen = _mm256_cmp_ps(ref, zero, _CMP_GT_OQ);
        const __m256 vNew = _mm256_blendv_ps(u, v, frozen);
        const __m256 spike = _mm256_andnot_ps(frozen, _mm256_cmp_ps(vNew, vt, _CMP_GT_OQ));
        _mm256_storeu_ps(a.v + i, _mm256_blendv_ps(vNew, vr, spike));
        const __m256 refNext = _mm256_max_ps(_mm256_sub_ps(ref, one), zero);
        _mm256_storeu_ps(a.refractory + i, _mm256_blendv_ps(refNext, refSteps, spike));
        _mm256_storeu_ps(a.iExc + i, _mm256_mul_ps(xe, de));
        _mm256_storeu_ps(a.iInh + i, _mm256_mul_ps(xi, di));
        const unsigned mask = static_cast<unsigned>(_mm256_movemask_ps(spike));
        if (mask)
            appendMaskedIndices(mask, i, spikes);
    }
    updateScalar<E, I, C>(c, a, i, end, spikes);
}

using Kernel = void (*)(const Constants&, const Arrays&, std::size_t, std::size_t,
                        std::vector<std::int32_t>&);

/// Kernel for the inputs present (bit 0: exc ring, bit 1: inh ring, bit 2: current).
Kernel selectKernel(unsigned inputs) {
    static const Kernel simd[8] = {updateAvx2<false, false, false>, updateAvx2<true, false, false>,
                                   updateAvx2<false, true, false>,  updateAvx2<true, true, false>,
                                   updateAvx2<false, false, true>,  updateAvx2<true, false, true>,
                                   updateAvx2<false, true, true>,   updateAvx2<true, true, true>};
    static const Kernel scalar[8] = {
        updateScalar<false, false, false>, updateScalar<true, false, false>,
        updateScalar<false, true, false>,  updateScalar<true, true, false>,
        updateScalar<false, false, true>,  updateScalar<true, false, true>,
        updateScalar<false, true, true>,   updateScalar<true, true, true>};
    return hasAvx2Fma() ? simd[inputs] : scalar[inputs];
}

} // namespace

LifCubaGroup::LifCubaGroup(const core::ParameterSet& params, std::size_t size, double dtMs)
    : m_size(size)
    , m_v(size, static_cast<float>(params.get("e_l")))
    , m_iExc(size, 0.0f)
    , m_iInh(size, 0.0f)
    , m_refractory(size, 0.0f) {
    const double tauM = params.get("tau_m");
    const double tauE = params.get("tau_syn_exc");
    const double tauI = params.get("tau_syn_inh");
    const double pm = std::exp(-dtMs / tauM);
    // Response of v to a unit exponential input with time constant tauS over one step.
    auto coupling = [&](double tauS) {
        if (std::fabs(tauS - tauM) < 1e-9 * tauM)
            return dtMs / tauM * pm;
        return tauS / (tauS - tauM) * (std::exp(-dtMs / tauS) - pm);
    };
    m_c.vThresh = static_cast<float>(params.get("v_thresh"));
    m_c.vReset = static_cast<float>(params.get("v_reset"));
    m_c.pm = static_cast<float>(pm);
    m_c.pe = static_cast<float>(coupling(tauE));
    m_c.pi = static_cast<float>(coupling(tauI));
    m_c.pc = static_cast<float>(tauM / params.get("c_m") * (1.0 - pm));
    m_c.de = static_cast<float>(std::exp(-dtMs / tauE));
    m_c.di = static_cast<float>(std::exp(-dtMs / tauI));
    m_c.k0 = static_cast<float>(params.get("e_l") * (1.0 - pm) + params.get("i_e") * m_c.pc);
    m_c.refSteps = static_cast<float>(std::round(params.get("t_ref") / dtMs));
}

void LifCubaGroup::update(const core::StepContext&, float* const* inputs, std::size_t begin,
                          std::size_t end, std::vector<std::int32_t>& spikes) {
    const Arrays a{m_v.data(), m_iExc.data(), m_iInh.data(), m_refractory.data(),
                   inputs[0],  inputs[1],     inputs[2]};
    const unsigned present = (inputs[0] ? 1u : 0u) | (inputs[1] ? 2u : 0u) | (inputs[2] ? 4u : 0u);
    selectKernel(present)(m_c, a, begin, end, spikes);
}

float* LifCubaGroup::directInput(std::size_t receptor) {
    return receptor == 0 ? m_iExc.data() : receptor == 1 ? m_iInh.data() : nullptr;
}

float* LifCubaGroup::state(std::size_t index) {
    switch (index) {
    case 0:
        return m_v.data();
    case 1:
        return m_iExc.data();
    case 2:
        return m_iInh.data();
    default:
        return nullptr;
    }
}

void LifCubaGroup::carryHiddenState(const core::NeuronGroup& previous) {
    if (const auto* same = dynamic_cast<const LifCubaGroup*>(&previous);
        same && same->size() == size())
        m_refractory = same->m_refractory;
}

} // namespace plexus::plugins
