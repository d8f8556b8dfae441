#include "AdexGroup.h"

#include "PaddedBlock.h"
#include "SimdMath.h"
#include "SimdSupport.h"

#include <algorithm>
#include <cmath>
#include <immintrin.h>

namespace plexus::plugins {

namespace {

using Constants = AdexGroup::Constants;

constexpr float kVMin = -1000.0f;   ///< floor of v, mV
constexpr float kMaxRate = 1e30f;   ///< bound of |dv/dt|, mV/ms
constexpr float kWMax = 1e12f;      ///< bound of |w|, pA
constexpr int kMaxSubsteps = 10000; ///< bound of the substeps per step

struct Arrays {
    float* __restrict v;
    float* __restrict w;
    float* __restrict iExc;
    float* __restrict iInh;
    float* __restrict refractory;
    float* __restrict inExc; // the inputs may be nullptr
    float* __restrict inInh;
    float* __restrict inCurrent;
};

float clampF(float x, float lo, float hi) {
    return std::min(x > lo ? x : lo, hi); // NaN -> lo
}

float dvdt(const Constants& k, float v, float w, float input) {
    const float arg = std::min((v - k.vt) * k.invDeltaT, k.maxExpArg);
    const float rate =
        (k.glDeltaT * simd::clampedExp(arg) - k.gl * (v - k.el) - w + input) * k.invC;
    return clampF(rate, -kMaxRate, kMaxRate);
}

bool stepScalar(const Constants& k, const Arrays& x, std::size_t i) {
    const float xe = x.iExc[i] + (x.inExc ? x.inExc[i] : 0.0f);
    const float xi = x.iInh[i] + (x.inInh ? x.inInh[i] : 0.0f);
    const float constant = k.iBias + (x.inCurrent ? x.inCurrent[i] : 0.0f);
    if (x.inExc)
        x.inExc[i] = 0.0f;
    if (x.inInh)
        x.inInh[i] = 0.0f;
    if (x.inCurrent)
        x.inCurrent[i] = 0.0f;
    float v = x.v[i], w = x.w[i], se = xe, si = xi;
    const float ref = x.refractory[i];
    bool clamped = ref > 0.0f, spiked = false;
    for (int s = 0; s < k.substeps; ++s) {
        const float se1 = se * k.decayExcSub, si1 = si * k.decayInhSub;
        const float k1v = dvdt(k, v, w, constant + se + si);
        const float k1w = (k.a * (v - k.el) - w) * k.invTauW;
        float v1 = clamped ? k.vReset : std::min(v + k.h * k1v, k.vPeak);
        v1 = std::max(v1, kVMin);
        const float w1 = w + k.h * k1w;
        const float k2v = dvdt(k, v1, w1, constant + se1 + si1);
        const float k2w = (k.a * (v1 - k.el) - w1) * k.invTauW;
        float vNew = clamped ? k.vReset : v + 0.5f * k.h * (k1v + k2v);
        float wNew = w + 0.5f * k.h * (k1w + k2w);
        if (!clamped && vNew >= k.vPeak) {
            vNew = k.vReset;
            wNew += k.b;
            spiked = true;
            clamped = k.refSteps > 0.0f;
        }
        v = clampF(vNew, kVMin, k.vPeak);
        w = clampF(wNew, -kWMax, kWMax);
        se = se1;
        si = si1;
    }
    x.v[i] = v;
    x.w[i] = w;
    x.iExc[i] = xe * k.decayExc;
    x.iInh[i] = xi * k.decayInh;
    x.refractory[i] = (spiked && k.refSteps > 0.0f) ? k.refSteps : std::max(ref - 1.0f, 0.0f);
    return spiked;
}

void updateScalar(const Constants& k, const Arrays& x, std::size_t begin, std::size_t end,
                  std::vector<std::int32_t>& spikes) {
    for (std::size_t i = begin; i < end; ++i)
        if (stepScalar(k, x, i))
            spikes.push_back(static_cast<std::int32_t>(i));
}

struct Lanes {
    __m256 gl, el, vt, invDeltaT, maxExpArg, glDeltaT, invC, maxRate, minRate;
};

__attribute__((target("avx2,fma"))) inline __m256 dvdtAvx2(const Lanes& l, __m256 v, __m256 w,
                                                           __m256 input) {
    const __m256 arg =
        _mm256_min_ps(_mm256_mul_ps(_mm256_sub_ps(v, l.vt), l.invDeltaT), l.maxExpArg);
    __m256 current = _mm256_fnmadd_ps(l.gl, _mm256_sub_ps(v, l.el), _mm256_sub_ps(input, w));
    current = _mm256_fmadd_ps(l.glDeltaT, simd::expAvx2(arg), current);
    const __m256 rate = _mm256_mul_ps(current, l.invC);
    return _mm256_min_ps(_mm256_max_ps(rate, l.minRate), l.maxRate); // NaN -> minRate
}

__attribute__((target("avx2,fma"))) inline unsigned blockAvx2(const Constants& k, const Arrays& x,
                                                              std::size_t i) {
    const __m256 zero = _mm256_setzero_ps();
    __m256 xe = _mm256_loadu_ps(x.iExc + i);
    __m256 xi = _mm256_loadu_ps(x.iInh + i);
    __m256 constant = _mm256_set1_ps(k.iBias);
    if (x.inExc) {
        xe = _mm256_add_ps(xe, _mm256_loadu_ps(x.inExc + i));
        _mm256_storeu_ps(x.inExc + i, zero);
    }
    if (x.inInh) {
        xi = _mm256_add_ps(xi, _mm256_loadu_ps(x.inInh + i));
        _mm256_storeu_ps(x.inInh + i, zero);
    }
    if (x.inCurrent) {
        constant = _mm256_add_ps(constant, _mm256_loadu_ps(x.inCurrent + i));
        _mm256_storeu_ps(x.inCurrent + i, zero);
    }
    const Lanes l{
        _mm256_set1_ps(k.gl),        _mm256_set1_ps(k.el),        _mm256_set1_ps(k.vt),
        _mm256_set1_ps(k.invDeltaT), _mm256_set1_ps(k.maxExpArg), _mm256_set1_ps(k.glDeltaT),
        _mm256_set1_ps(k.invC),      _mm256_set1_ps(kMaxRate),    _mm256_set1_ps(-kMaxRate)};
    const __m256 h = _mm256_set1_ps(k.h), halfH = _mm256_set1_ps(0.5f * k.h);
    const __m256 a = _mm256_set1_ps(k.a), invTauW = _mm256_set1_ps(k.invTauW);
    const __m256 vReset = _mm256_set1_ps(k.vReset), vPeak = _mm256_set1_ps(k.vPeak);
    const __m256 vMin = _mm256_set1_ps(kVMin), wMax = _mm256_set1_ps(kWMax),
                 wMin = _mm256_set1_ps(-kWMax), b = _mm256_set1_ps(k.b);
    const __m256 dE = _mm256_set1_ps(k.decayExcSub), dI = _mm256_set1_ps(k.decayInhSub);
    const __m256 holdAfterSpike =
        k.refSteps > 0.0f ? _mm256_castsi256_ps(_mm256_set1_epi32(-1)) : zero;
    const __m256 ref = _mm256_loadu_ps(x.refractory + i);
    __m256 v = _mm256_loadu_ps(x.v + i), w = _mm256_loadu_ps(x.w + i);
    __m256 se = xe, si = xi;
    __m256 clamped = _mm256_cmp_ps(ref, zero, _CMP_GT_OQ);
    __m256 spiked = zero;
    for (int s = 0; s < k.substeps; ++s) {
        const __m256 se1 = _mm256_mul_ps(se, dE), si1 = _mm256_mul_ps(si, dI);
        const __m256 k1v = dvdtAvx2(l, v, w, _mm256_add_ps(constant, _mm256_add_ps(se, si)));
        const __m256 k1w = _mm256_mul_ps(_mm256_fmsub_ps(a, _mm256_sub_ps(v, l.el), w), invTauW);
        __m256 v1 = _mm256_min_ps(_mm256_fmadd_ps(h, k1v, v), vPeak);
        v1 = _mm256_max_ps(_mm256_blendv_ps(v1, vReset, clamped), vMin);
        const __m256 w1 = _mm256_fmadd_ps(h, k1w, w);
        const __m256 k2v = dvdtAvx2(l, v1, w1, _mm256_add_ps(constant, _mm256_add_ps(se1, si1)));
        const __m256 k2w = _mm256_mul_ps(_mm256_fmsub_ps(a, _mm256_sub_ps(v1, l.el), w1), invTauW);
        __m256 vNew = _mm256_fmadd_ps(halfH, _mm256_add_ps(k1v, k2v), v);
        vNew = _mm256_blendv_ps(vNew, vReset, clamped);
        __m256 wNew = _mm256_fmadd_ps(halfH, _mm256_add_ps(k1w, k2w), w);
        const __m256 fired = _mm256_andnot_ps(clamped, _mm256_cmp_ps(vNew, vPeak, _CMP_GE_OQ));
        vNew = _mm256_blendv_ps(vNew, vReset, fired);
        wNew = _mm256_blendv_ps(wNew, _mm256_add_ps(wNew, b), fired);
        spiked = _mm256_or_ps(spiked, fired);
        clamped = _mm256_or_ps(clamped, _mm256_and_ps(fired, holdAfterSpike));
        v = _mm256_min_ps(_mm256_max_ps(vNew, vMin), vPeak);
        w = _mm256_min_ps(_mm256_max_ps(wNew, wMin), wMax);
        se = se1;
        si = si1;
    }
    _mm256_storeu_ps(x.v + i, v);
    _mm256_storeu_ps(x.w + i, w);
    _mm256_storeu_ps(x.iExc + i, _mm256_mul_ps(xe, _mm256_set1_ps(k.decayExc)));
    _mm256_storeu_ps(x.iInh + i, _mm256_mul_ps(xi, _mm256_set1_ps(k.decayInh)));
    const __m256 refNext = _mm256_max_ps(_mm256_sub_ps(ref, _mm256_set1_ps(1.0f)), zero);
    _mm256_storeu_ps(x.refractory + i, _mm256_blendv_ps(refNext, _mm256_set1_ps(k.refSteps),
                                                        _mm256_and_ps(spiked, holdAfterSpike)));
    return static_cast<unsigned>(_mm256_movemask_ps(spiked));
}

__attribute__((target("avx2,fma"))) void updateAvx2(const Constants& k, const Arrays& x,
                                                    std::size_t begin, std::size_t end,
                                                    std::vector<std::int32_t>& spikes) {
    std::size_t i = begin;
    for (; i + 8 <= end; i += 8) {
        const unsigned mask = blockAvx2(k, x, i);
        if (mask)
            appendMaskedIndices(mask, i, spikes);
    }
    if (i == end)
        return;
    float* const arrays[8] = {x.v,          x.w,     x.iExc,  x.iInh,
                              x.refractory, x.inExc, x.inInh, x.inCurrent};
    const float pad[8] = {k.el, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
    const unsigned mask = runPaddedBlock(arrays, pad, i, end - i, [&](float* const* p) {
        const Arrays local{p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]};
        return blockAvx2(k, local, 0);
    });
    if (mask)
        appendMaskedIndices(mask, i, spikes);
}

} // namespace

AdexGroup::AdexGroup(const core::ParameterSet& params, std::size_t size, double dtMs)
    : m_size(size)
    , m_v(size, static_cast<float>(params.get("e_l")))
    , m_w(size, 0.0f)
    , m_iExc(size, 0.0f)
    , m_iInh(size, 0.0f)
    , m_refractory(size, 0.0f) {
    const double cm = params.get("c_m"), gl = params.get("g_l"), tauW = params.get("tau_w");
    const double deltaT = params.get("delta_t");
    // Substeps no longer than substep_ms, the membrane time constant or tau_w (Heun stability).
    const double hMax = std::min({params.get("substep_ms"), cm / gl, tauW});
    const double n = std::ceil(dtMs / hMax - 1e-9);
    m_c.substeps = static_cast<int>(std::clamp(n, 1.0, double(kMaxSubsteps)));
    const double h = dtMs / m_c.substeps;
    m_c.h = static_cast<float>(h);
    m_c.invC = static_cast<float>(1.0 / cm);
    m_c.gl = static_cast<float>(gl);
    m_c.el = static_cast<float>(params.get("e_l"));
    m_c.vt = static_cast<float>(params.get("v_t"));
    m_c.deltaT = static_cast<float>(deltaT);
    m_c.invDeltaT = static_cast<float>(1.0 / deltaT);
    m_c.maxExpArg = static_cast<float>((params.get("v_peak") - params.get("v_t")) / deltaT);
    m_c.glDeltaT = static_cast<float>(gl * deltaT);
    m_c.a = static_cast<float>(params.get("a"));
    m_c.invTauW = static_cast<float>(1.0 / tauW);
    m_c.b = static_cast<float>(params.get("b"));
    m_c.vReset = static_cast<float>(params.get("v_reset"));
    m_c.vPeak = static_cast<float>(params.get("v_peak"));
    m_c.iBias = static_cast<float>(params.get("i_e"));
    const double tauE = params.get("tau_syn_exc"), tauI = params.get("tau_syn_inh");
    m_c.decayExcSub = static_cast<float>(std::exp(-h / tauE));
    m_c.decayInhSub = static_cast<float>(std::exp(-h / tauI));
    m_c.decayExc = static_cast<float>(std::exp(-dtMs / tauE));
    m_c.decayInh = static_cast<float>(std::exp(-dtMs / tauI));
    m_c.refSteps = static_cast<float>(std::round(params.get("t_ref") / dtMs));
}

void AdexGroup::update(const core::StepContext&, float* const* inputs, std::size_t begin,
                       std::size_t end, std::vector<std::int32_t>& spikes) {
    const Arrays x{m_v.data(),          m_w.data(), m_iExc.data(), m_iInh.data(),
                   m_refractory.data(), inputs[0],  inputs[1],     inputs[2]};
    if (hasAvx2Fma())
        updateAvx2(m_c, x, begin, end, spikes);
    else
        updateScalar(m_c, x, begin, end, spikes);
}

float* AdexGroup::directInput(std::size_t receptor) {
    return receptor == 0 ? m_iExc.data() : receptor == 1 ? m_iInh.data() : nullptr;
}

float* AdexGroup::state(std::size_t index) {
    float* const arrays[] = {m_v.data(), m_w.data(), m_iExc.data(), m_iInh.data()};
    return index < std::size(arrays) ? arrays[index] : nullptr;
}

void AdexGroup::carryHiddenState(const core::NeuronGroup& previous) {
    if (const auto* same = dynamic_cast<const AdexGroup*>(&previous);
        same && same->size() == size())
        m_refractory = same->m_refractory;
}

} // namespace plexus::plugins
