#include "IzhikevichGroup.h"

#include "PaddedBlock.h"
#include "SimdMath.h"
#include "SimdSupport.h"

#include <algorithm>
#include <cmath>
#include <immintrin.h>

namespace plexus::plugins {

namespace {

using Constants = IzhikevichGroup::Constants;

constexpr float kVMin = -1000.0f; ///< guard of the quadratic term, mV
constexpr float kVMax = 1000.0f;
constexpr float kUMax = 1e9f; ///< guard of u (|u| <= kUMax), mV/ms

struct Arrays {
    float* __restrict v;
    float* __restrict u;
    float* __restrict a;
    float* __restrict b;
    float* __restrict c;
    float* __restrict d;
    float* __restrict iExc;
    float* __restrict iInh;
    float* __restrict inExc; // the inputs may be nullptr
    float* __restrict inInh;
    float* __restrict inCurrent;
};

bool stepScalar(const Constants& k, const Arrays& x, std::size_t i) {
    const float xe = x.iExc[i] + (x.inExc ? x.inExc[i] : 0.0f);
    const float xi = x.iInh[i] + (x.inInh ? x.inInh[i] : 0.0f);
    float input = k.iBias + (x.inCurrent ? x.inCurrent[i] : 0.0f);
    if (x.inExc)
        x.inExc[i] = 0.0f;
    if (x.inInh)
        x.inInh[i] = 0.0f;
    if (x.inCurrent)
        x.inCurrent[i] = 0.0f;
    input = input + xe * k.meanExc + xi * k.meanInh;
    const float b = x.b[i], c = x.c[i], d = x.d[i];
    const float decay = simd::clampedExp(-k.h * x.a[i]); // u relaxes to b v over a substep
    float v = x.v[i], u = x.u[i];
    bool spiked = false;
    for (int s = 0; s < k.substeps; ++s) {
        v = v + k.h * ((0.04f * v + 5.0f) * v + 140.0f - u + input);
        v = std::min(v > kVMin ? v : kVMin, kVMax); // also maps NaN to kVMin
        const float bv = b * v;
        u = bv + (u - bv) * decay;
        if (v >= k.vPeak) {
            v = c;
            u = u + d;
            spiked = true;
        }
        u = std::min(u > -kUMax ? u : -kUMax, kUMax);
    }
    x.v[i] = v;
    x.u[i] = u;
    x.iExc[i] = xe * k.decayExc;
    x.iInh[i] = xi * k.decayInh;
    return spiked;
}

void updateScalar(const Constants& k, const Arrays& x, std::size_t begin, std::size_t end,
                  std::vector<std::int32_t>& spikes) {
    for (std::size_t i = begin; i < end; ++i)
        if (stepScalar(k, x, i))
            spikes.push_back(static_cast<std::int32_t>(i));
}

__attribute__((target("avx2,fma"))) inline unsigned blockAvx2(const Constants& k, const Arrays& x,
                                                              std::size_t i) {
    const __m256 zero = _mm256_setzero_ps();
    __m256 xe = _mm256_loadu_ps(x.iExc + i);
    __m256 xi = _mm256_loadu_ps(x.iInh + i);
    __m256 input = _mm256_set1_ps(k.iBias);
    if (x.inExc) {
        xe = _mm256_add_ps(xe, _mm256_loadu_ps(x.inExc + i));
        _mm256_storeu_ps(x.inExc + i, zero);
    }
    if (x.inInh) {
        xi = _mm256_add_ps(xi, _mm256_loadu_ps(x.inInh + i));
        _mm256_storeu_ps(x.inInh + i, zero);
    }
    if (x.inCurrent) {
        input = _mm256_add_ps(input, _mm256_loadu_ps(x.inCurrent + i));
        _mm256_storeu_ps(x.inCurrent + i, zero);
    }
    input = _mm256_fmadd_ps(xe, _mm256_set1_ps(k.meanExc), input);
    input = _mm256_fmadd_ps(xi, _mm256_set1_ps(k.meanInh), input);
    const __m256 a = _mm256_loadu_ps(x.a + i), b = _mm256_loadu_ps(x.b + i),
                 c = _mm256_loadu_ps(x.c + i), d = _mm256_loadu_ps(x.d + i);
    const __m256 h = _mm256_set1_ps(k.h);
    const __m256 decay = simd::expAvx2(_mm256_mul_ps(_mm256_set1_ps(-k.h), a));
    const __m256 uMin = _mm256_set1_ps(-kUMax), uMax = _mm256_set1_ps(kUMax);
    const __m256 c04 = _mm256_set1_ps(0.04f), c5 = _mm256_set1_ps(5.0f);
    const __m256 drive = _mm256_add_ps(_mm256_set1_ps(140.0f), input);
    const __m256 vMin = _mm256_set1_ps(kVMin), vMax = _mm256_set1_ps(kVMax);
    const __m256 peak = _mm256_set1_ps(k.vPeak);
    __m256 v = _mm256_loadu_ps(x.v + i), u = _mm256_loadu_ps(x.u + i);
    __m256 spiked = zero;
    for (int s = 0; s < k.substeps; ++s) {
        const __m256 dv = _mm256_sub_ps(_mm256_fmadd_ps(_mm256_fmadd_ps(c04, v, c5), v, drive), u);
        v = _mm256_fmadd_ps(h, dv, v);
        v = _mm256_min_ps(_mm256_max_ps(v, vMin), vMax);
        const __m256 bv = _mm256_mul_ps(b, v);
        u = _mm256_fmadd_ps(_mm256_sub_ps(u, bv), decay, bv);
        const __m256 fired = _mm256_cmp_ps(v, peak, _CMP_GE_OQ);
        v = _mm256_blendv_ps(v, c, fired);
        u = _mm256_blendv_ps(u, _mm256_add_ps(u, d), fired);
        u = _mm256_min_ps(_mm256_max_ps(u, uMin), uMax);
        spiked = _mm256_or_ps(spiked, fired);
    }
    _mm256_storeu_ps(x.v + i, v);
    _mm256_storeu_ps(x.u + i, u);
    _mm256_storeu_ps(x.iExc + i, _mm256_mul_ps(xe, _mm256_set1_ps(k.decayExc)));
    _mm256_storeu_ps(x.iInh + i, _mm256_mul_ps(xi, _mm256_set1_ps(k.decayInh)));
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
    float* const arrays[11] = {x.v,    x.u,    x.a,     x.b,     x.c,        x.d,
                               x.iExc, x.iInh, x.inExc, x.inInh, x.inCurrent};
    const float pad[11] = {-65.0f, -13.0f, 0.02f, 0.2f, -65.0f, 8.0f, 0, 0, 0, 0, 0};
    const unsigned mask = runPaddedBlock(arrays, pad, i, end - i, [&](float* const* p) {
        const Arrays local{p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10]};
        return blockAvx2(k, local, 0);
    });
    if (mask)
        appendMaskedIndices(mask, i, spikes);
}

/// Mean over one step of an exponential of unit start value and time constant tau.
double stepAverage(double dt, double tau) {
    return tau / dt * -std::expm1(-dt / tau);
}

} // namespace

IzhikevichGroup::IzhikevichGroup(const core::ParameterSet& params, std::size_t size, double dtMs)
    : m_size(size)
    , m_v(size, static_cast<float>(params.get("v_init")))
    , m_u(size, static_cast<float>(params.get("b") * params.get("v_init")))
    , m_a(size, static_cast<float>(params.get("a")))
    , m_b(size, static_cast<float>(params.get("b")))
    , m_cReset(size, static_cast<float>(params.get("c")))
    , m_d(size, static_cast<float>(params.get("d")))
    , m_iExc(size, 0.0f)
    , m_iInh(size, 0.0f) {
    const double n = std::max(1.0, std::ceil(dtMs / params.get("substep_ms") - 1e-9));
    m_c.substeps = static_cast<int>(std::min(n, 1e6));
    m_c.h = static_cast<float>(dtMs / m_c.substeps);
    m_c.vPeak = static_cast<float>(params.get("v_peak"));
    m_c.iBias = static_cast<float>(params.get("i_bias"));
    const double tauE = params.get("tau_syn_exc"), tauI = params.get("tau_syn_inh");
    m_c.meanExc = static_cast<float>(stepAverage(dtMs, tauE));
    m_c.meanInh = static_cast<float>(stepAverage(dtMs, tauI));
    m_c.decayExc = static_cast<float>(std::exp(-dtMs / tauE));
    m_c.decayInh = static_cast<float>(std::exp(-dtMs / tauI));
}

void IzhikevichGroup::update(const core::StepContext&, float* const* inputs, std::size_t begin,
                             std::size_t end, std::vector<std::int32_t>& spikes) {
    const Arrays x{m_v.data(),      m_u.data(), m_a.data(),    m_b.data(),
                   m_cReset.data(), m_d.data(), m_iExc.data(), m_iInh.data(),
                   inputs[0],       inputs[1],  inputs[2]};
    if (hasAvx2Fma())
        updateAvx2(m_c, x, begin, end, spikes);
    else
        updateScalar(m_c, x, begin, end, spikes);
}

float* IzhikevichGroup::directInput(std::size_t receptor) {
    return receptor == 0 ? m_iExc.data() : receptor == 1 ? m_iInh.data() : nullptr;
}

float* IzhikevichGroup::state(std::size_t index) {
    float* const arrays[] = {m_v.data(),      m_u.data(), m_a.data(),    m_b.data(),
                             m_cReset.data(), m_d.data(), m_iExc.data(), m_iInh.data()};
    return index < std::size(arrays) ? arrays[index] : nullptr;
}

} // namespace plexus::plugins
