#include "LifCobaGroup.h"

#include "SimdSupport.h"
#include "plexus/core/Error.h"

#include <cmath>
#include <immintrin.h>

namespace plexus::plugins {

namespace {

using Constants = LifCobaGroup::Constants;

struct Arrays {
    float* __restrict v;
    float* __restrict gExc;
    float* __restrict gInh;
    float* __restrict refractory;
    float* __restrict inExc;
    float* __restrict inInh;
    float* __restrict inCurrent; // may be nullptr
};

template <bool E, bool I, bool C>
inline bool stepOne(const Constants& c, const Arrays& a, std::size_t i) {
    const float ge = a.gExc[i] + (E ? a.inExc[i] : 0.0f);
    const float gi = a.gInh[i] + (I ? a.inInh[i] : 0.0f);
    const float current = c.iBias + (C ? a.inCurrent[i] : 0.0f);
    if constexpr (E)
        a.inExc[i] = 0.0f;
    if constexpr (I)
        a.inInh[i] = 0.0f;
    if constexpr (C)
        a.inCurrent[i] = 0.0f;
    const float v = a.v[i];
    const float ref = a.refractory[i];
    const float drive =
        (c.el - v) + ge * c.invGl * (c.eExc - v) + gi * c.invGl * (c.eInh - v) + current * c.invGl;
    const bool frozen = ref > 0.0f;
    const float vNew = frozen ? v : v + drive * c.dtOverTau;
    const bool spike = !frozen && vNew > c.vThresh;
    a.v[i] = spike ? c.vReset : vNew;
    a.refractory[i] = spike ? c.refSteps : (frozen ? ref - 1.0f : 0.0f);
    a.gExc[i] = ge * c.de;
    a.gInh[i] = gi * c.di;
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
    const __m256 el = _mm256_set1_ps(c.el), eExc = _mm256_set1_ps(c.eExc),
                 eInh = _mm256_set1_ps(c.eInh), invGl = _mm256_set1_ps(c.invGl),
                 k = _mm256_set1_ps(c.dtOverTau), de = _mm256_set1_ps(c.de),
                 di = _mm256_set1_ps(c.di), bias = _mm256_set1_ps(c.iBias),
                 vt = _mm256_set1_ps(c.vThresh), vr = _mm256_set1_ps(c.vReset),
                 refSteps = _mm256_set1_ps(c.refSteps), one = _mm256_set1_ps(1.0f),
                 zero = _mm256_setzero_ps();
    std::size_t i = begin;
    for (; i + 8 <= end; i += 8) {
        __m256 ge = _mm256_loadu_ps(a.gExc + i);
        if constexpr (E) {
            ge = _mm256_add_ps(ge, _mm256_loadu_ps(a.inExc + i));
            _mm256_storeu_ps(a.inExc + i, zero);
        }
        __m256 gi = _mm256_loadu_ps(a.gInh + i);
        if constexpr (I) {
            gi = _mm256_add_ps(gi, _mm256_loadu_ps(a.inInh + i));
            _mm256_storeu_ps(a.inInh + i, zero);
        }
        __m256 current = bias;
        if constexpr (C) {
            current = _mm256_add_ps(current, _mm256_loadu_ps(a.inCurrent + i));
            _mm256_storeu_ps(a.inCurrent + i, zero);
        }
        const __m256 v = _mm256_loadu_ps(a.v + i);
        const __m256 ref = _mm256_loadu_ps(a.refractory + i);
        __m256 drive = _mm256_add_ps(_mm256_sub_ps(el, v), _mm256_mul_ps(current, invGl));
        drive = _mm256_fmadd_ps(_mm256_mul_ps(ge, invGl), _mm256_sub_ps(eExc, v), drive);
        drive = _mm256_fmadd_ps(_mm256_mul_ps(gi, invGl), _mm256_sub_ps(eInh, v), drive);
        const __m256 frozen = _mm256_cmp_ps(ref, zero, _CMP_GT_OQ);
        const __m256 vNew = _mm256_blendv_ps(_mm256_fmadd_ps(drive, k, v), v, frozen);
        const __m256 spike = _mm256_andnot_ps(frozen, _mm256_cmp_ps(vNew, vt, _CMP_GT_OQ));
        _mm256_storeu_ps(a.v + i, _mm256_blendv_ps(vNew, vr, spike));
        const __m256 refNext = _mm256_max_ps(_mm256_sub_ps(ref, one), zero);
        _mm256_storeu_ps(a.refractory + i, _mm256_blendv_ps(refNext, refSteps, spike));
        _mm256_storeu_ps(a.gExc + i, _mm256_mul_ps(ge, de));
        _mm256_storeu_ps(a.gInh + i, _mm256_mul_ps(gi, di));
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

LifCobaGroup::LifCobaGroup(const core::ParameterSet& params, std::size_t size, double dtMs)
    : m_size(size)
    , m_v(size, static_cast<float>(params.get("e_l")))
    , m_gExc(size, 0.0f)
    , m_gInh(size, 0.0f)
    , m_refractory(size, 0.0f) {
    for (const char* key : {"tau_m", "tau_syn_exc", "tau_syn_inh"})
        if (params.get(key) <= dtMs)
            throw core::Error(std::string("params.") + key + ": must exceed the step dt (" +
                              std::to_string(dtMs) + " ms) for forward Euler");
    m_c.el = static_cast<float>(params.get("e_l"));
    m_c.eExc = static_cast<float>(params.get("e_exc"));
    m_c.eInh = static_cast<float>(params.get("e_inh"));
    m_c.vThresh = static_cast<float>(params.get("v_thresh"));
    m_c.vReset = static_cast<float>(params.get("v_reset"));
    m_c.dtOverTau = static_cast<float>(dtMs / params.get("tau_m"));
    m_c.invGl = static_cast<float>(1.0 / params.get("g_l"));
    m_c.de = static_cast<float>(1.0 - dtMs / params.get("tau_syn_exc"));
    m_c.di = static_cast<float>(1.0 - dtMs / params.get("tau_syn_inh"));
    m_c.iBias = static_cast<float>(params.get("i_e"));
    m_c.refSteps = static_cast<float>(std::round(params.get("t_ref") / dtMs));
}

void LifCobaGroup::update(const core::StepContext&, float* const* inputs, std::size_t begin,
                          std::size_t end, std::vector<std::int32_t>& spikes) {
    const Arrays a{m_v.data(), m_gExc.data(), m_gInh.data(), m_refractory.data(),
                   inputs[0],  inputs[1],     inputs[2]};
    const unsigned present = (inputs[0] ? 1u : 0u) | (inputs[1] ? 2u : 0u) | (inputs[2] ? 4u : 0u);
    selectKernel(present)(m_c, a, begin, end, spikes);
}

float* LifCobaGroup::directInput(std::size_t receptor) {
    return receptor == 0 ? m_gExc.data() : receptor == 1 ? m_gInh.data() : nullptr;
}

float* LifCobaGroup::state(std::size_t index) {
    switch (index) {
    case 0:
        return m_v.data();
    case 1:
        return m_gExc.data();
    case 2:
        return m_gInh.data();
    default:
        return nullptr;
    }
}

void LifCobaGroup::carryHiddenState(const core::NeuronGroup& previous) {
    if (const auto* same = dynamic_cast<const LifCobaGroup*>(&previous);
        same && same->size() == size())
        m_refractory = same->m_refractory;
}

} // namespace plexus::plugins
