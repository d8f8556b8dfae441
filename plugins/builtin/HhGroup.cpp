#include "HhGroup.h"

#include "PaddedBlock.h"
#include "SimdMath.h"
#include "SimdSupport.h"

#include <algorithm>
#include <cmath>
#include <immintrin.h>

namespace plexus::plugins {

namespace {

using Constants = HhGroup::Constants;
using RateTable = HhGroup::RateTable;

constexpr int kLastInterval = HhGroup::kTablePoints - 2;

struct Arrays {
    float* __restrict v;
    float* __restrict m;
    float* __restrict h;
    float* __restrict n;
    float* __restrict iStim;
    float* __restrict iExc;
    float* __restrict iInh;
    float* __restrict inExc; // the inputs may be nullptr
    float* __restrict inInh;
    float* __restrict inCurrent;
};

/// NEURON's vtrap(x, y) = x / (exp(x / y) - 1), with its guard for x / y near 0.
double vtrap(double x, double y) {
    if (std::fabs(x / y) < 1e-6)
        return y * (1.0 - x / y / 2.0);
    return x / (std::exp(x / y) - 1.0);
}

// ---------------------------------------------------------------------------------------------
// Portable scalar path (CPUs without AVX2/FMA).

/// Steady state and factor k = expm1(-dt / tau) = -(1 - exp(-dt / tau)) of the three gates.
struct Gates {
    float inf[3];
    float k[3];
};

Gates gatesTable(const Constants& c, const RateTable& t, float v) {
    float xi = (v - c.tableMin) * c.tableScale;
    xi = xi > 0.0f ? xi : 0.0f; // also maps NaN to 0
    xi = std::min(xi, static_cast<float>(kLastInterval + 1));
    const int idx = std::min(static_cast<int>(xi), kLastInterval);
    const float theta = xi - static_cast<float>(idx);
    Gates g;
    for (int q = 0; q < 3; ++q) {
        g.inf[q] = t.value[2 * q][idx] + theta * t.slope[2 * q][idx];
        const float tau = t.value[2 * q + 1][idx] + theta * t.slope[2 * q + 1][idx];
        g.k[q] = simd::clampedExpm1(-c.dt / tau);
    }
    return g;
}

float vtrapFloat(float x, float u, float y) {
    return std::fabs(u) < 1e-6f ? y * (1.0f - 0.5f * u) : x / simd::clampedExpm1(u);
}

Gates gatesDirect(const Constants& c, float v) {
    const float xm = -(v + 40.0f), xn = -(v + 55.0f);
    const float alpha[3] = {0.1f * vtrapFloat(xm, xm * 0.1f, 10.0f),
                            0.07f * simd::clampedExp(-(v + 65.0f) * (1.0f / 20.0f)),
                            0.01f * vtrapFloat(xn, xn * 0.1f, 10.0f)};
    const float beta[3] = {4.0f * simd::clampedExp(-(v + 65.0f) * (1.0f / 18.0f)),
                           1.0f / (simd::clampedExp(-(v + 35.0f) * 0.1f) + 1.0f),
                           0.125f * simd::clampedExp(-(v + 65.0f) * (1.0f / 80.0f))};
    Gates g;
    for (int q = 0; q < 3; ++q) {
        const float sum = alpha[q] + beta[q];
        g.inf[q] = alpha[q] / sum;
        g.k[q] = simd::clampedExpm1(-c.dtQ10 * sum);
    }
    return g;
}

template <bool Table>
bool stepScalar(const Constants& c, const RateTable& t, const Arrays& a, std::size_t i) {
    const float xe = a.iExc[i] + (a.inExc ? a.inExc[i] : 0.0f);
    const float xi = a.iInh[i] + (a.inInh ? a.inInh[i] : 0.0f);
    const float current = a.inCurrent ? a.inCurrent[i] : 0.0f;
    if (a.inExc)
        a.inExc[i] = 0.0f;
    if (a.inInh)
        a.inInh[i] = 0.0f;
    if (a.inCurrent)
        a.inCurrent[i] = 0.0f;
    const float total = c.iBias + a.iStim[i] + current + xe + xi;
    const float v = a.v[i], m = a.m[i], h = a.h[i], n = a.n[i];
    const float gna = c.gnabar * (m * m * m * h);
    const float n2 = n * n;
    const float gk = c.gkbar * (n2 * n2);
    const float g = gna + gk + c.gl;
    const float ionic = gna * (v - c.ena) + gk * (v - c.ek) + c.gl * (v - c.el);
    const float vNew = v + (total * c.stimScale - ionic) / (c.cmOverDt + g);
    const Gates gates = Table ? gatesTable(c, t, vNew) : gatesDirect(c, vNew);
    a.v[i] = vNew;
    a.m[i] = m - gates.k[0] * (gates.inf[0] - m);
    a.h[i] = h - gates.k[1] * (gates.inf[1] - h);
    a.n[i] = n - gates.k[2] * (gates.inf[2] - n);
    a.iExc[i] = xe * c.decayExc;
    a.iInh[i] = xi * c.decayInh;
    return vNew > c.vSpike && !(v > c.vSpike);
}

template <bool Table>
void updateScalar(const Constants& c, const RateTable& t, const Arrays& a, std::size_t begin,
                  std::size_t end, std::vector<std::int32_t>& spikes) {
    for (std::size_t i = begin; i < end; ++i)
        if (stepScalar<Table>(c, t, a, i))
            spikes.push_back(static_cast<std::int32_t>(i));
}

// ---------------------------------------------------------------------------------------------
// AVX2 path: eight neurons per block.

__attribute__((target("avx2,fma"))) inline __m256 vtrapAvx2(__m256 x, __m256 y) {
    const __m256 u = _mm256_mul_ps(x, _mm256_set1_ps(0.1f)); // y is 10 in every use
    const __m256 absU = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), u);
    const __m256 small = _mm256_cmp_ps(absU, _mm256_set1_ps(1e-6f), _CMP_LT_OQ);
    const __m256 series =
        _mm256_mul_ps(y, _mm256_fnmadd_ps(_mm256_set1_ps(0.5f), u, _mm256_set1_ps(1.0f)));
    const __m256 ratio = _mm256_div_ps(x, simd::expm1Avx2(u));
    return _mm256_blendv_ps(ratio, series, small);
}

/// Gate steady states and expm1(-dt/tau) at v, eight lanes.
template <bool Table>
__attribute__((target("avx2,fma"))) inline void gatesAvx2(const Constants& c, const RateTable& t,
                                                          __m256 v, __m256 inf[3], __m256 k[3]) {
    if constexpr (Table) {
        __m256 xi = _mm256_mul_ps(_mm256_sub_ps(v, _mm256_set1_ps(c.tableMin)),
                                  _mm256_set1_ps(c.tableScale));
        xi = _mm256_max_ps(xi, _mm256_setzero_ps()); // NaN -> 0
        xi = _mm256_min_ps(xi, _mm256_set1_ps(static_cast<float>(kLastInterval + 1)));
        const __m256i idx =
            _mm256_min_epi32(_mm256_cvttps_epi32(xi), _mm256_set1_epi32(kLastInterval));
        const __m256 theta = _mm256_sub_ps(xi, _mm256_cvtepi32_ps(idx));
        const __m256 negDt = _mm256_set1_ps(-c.dt);
        for (int q = 0; q < 3; ++q) {
            inf[q] = _mm256_fmadd_ps(theta, _mm256_i32gather_ps(t.slope[2 * q], idx, 4),
                                     _mm256_i32gather_ps(t.value[2 * q], idx, 4));
            const __m256 tau =
                _mm256_fmadd_ps(theta, _mm256_i32gather_ps(t.slope[2 * q + 1], idx, 4),
                                _mm256_i32gather_ps(t.value[2 * q + 1], idx, 4));
            k[q] = simd::expm1Avx2(_mm256_div_ps(negDt, tau));
        }
    } else {
        const __m256 ten = _mm256_set1_ps(10.0f);
        const __m256 v65 = _mm256_add_ps(v, _mm256_set1_ps(65.0f));
        const __m256 xm = _mm256_sub_ps(_mm256_set1_ps(-40.0f), v);
        const __m256 xn = _mm256_sub_ps(_mm256_set1_ps(-55.0f), v);
        __m256 alpha[3], beta[3];
        alpha[0] = _mm256_mul_ps(_mm256_set1_ps(0.1f), vtrapAvx2(xm, ten));
        beta[0] = _mm256_mul_ps(_mm256_set1_ps(4.0f),
                                simd::expAvx2(_mm256_mul_ps(v65, _mm256_set1_ps(-1.0f / 18.0f))));
        alpha[1] = _mm256_mul_ps(_mm256_set1_ps(0.07f),
                                 simd::expAvx2(_mm256_mul_ps(v65, _mm256_set1_ps(-1.0f / 20.0f))));
        const __m256 eh = simd::expAvx2(
            _mm256_mul_ps(_mm256_add_ps(v, _mm256_set1_ps(35.0f)), _mm256_set1_ps(-0.1f)));
        beta[1] = _mm256_div_ps(_mm256_set1_ps(1.0f), _mm256_add_ps(eh, _mm256_set1_ps(1.0f)));
        alpha[2] = _mm256_mul_ps(_mm256_set1_ps(0.01f), vtrapAvx2(xn, ten));
        beta[2] = _mm256_mul_ps(_mm256_set1_ps(0.125f),
                                simd::expAvx2(_mm256_mul_ps(v65, _mm256_set1_ps(-1.0f / 80.0f))));
        const __m256 negDtQ = _mm256_set1_ps(-c.dtQ10);
        for (int q = 0; q < 3; ++q) {
            const __m256 sum = _mm256_add_ps(alpha[q], beta[q]);
            inf[q] = _mm256_div_ps(alpha[q], sum);
            k[q] = simd::expm1Avx2(_mm256_mul_ps(negDtQ, sum));
        }
    }
}

/// Advance the eight neurons starting at `i`; returns the spike mask.
template <bool Table>
__attribute__((target("avx2,fma"))) inline unsigned
blockAvx2(const Constants& c, const RateTable& t, const Arrays& a, std::size_t i) {
    const __m256 zero = _mm256_setzero_ps();
    __m256 xe = _mm256_loadu_ps(a.iExc + i);
    __m256 xi = _mm256_loadu_ps(a.iInh + i);
    __m256 total = _mm256_add_ps(_mm256_set1_ps(c.iBias), _mm256_loadu_ps(a.iStim + i));
    if (a.inExc) {
        xe = _mm256_add_ps(xe, _mm256_loadu_ps(a.inExc + i));
        _mm256_storeu_ps(a.inExc + i, zero);
    }
    if (a.inInh) {
        xi = _mm256_add_ps(xi, _mm256_loadu_ps(a.inInh + i));
        _mm256_storeu_ps(a.inInh + i, zero);
    }
    if (a.inCurrent) {
        total = _mm256_add_ps(total, _mm256_loadu_ps(a.inCurrent + i));
        _mm256_storeu_ps(a.inCurrent + i, zero);
    }
    total = _mm256_add_ps(_mm256_add_ps(total, xe), xi);

    const __m256 v = _mm256_loadu_ps(a.v + i);
    const __m256 m = _mm256_loadu_ps(a.m + i);
    const __m256 h = _mm256_loadu_ps(a.h + i);
    const __m256 n = _mm256_loadu_ps(a.n + i);
    const __m256 gl = _mm256_set1_ps(c.gl);
    const __m256 gna = _mm256_mul_ps(_mm256_set1_ps(c.gnabar),
                                     _mm256_mul_ps(_mm256_mul_ps(_mm256_mul_ps(m, m), m), h));
    const __m256 n2 = _mm256_mul_ps(n, n);
    const __m256 gk = _mm256_mul_ps(_mm256_set1_ps(c.gkbar), _mm256_mul_ps(n2, n2));
    const __m256 g = _mm256_add_ps(_mm256_add_ps(gna, gk), gl);
    __m256 ionic = _mm256_mul_ps(gna, _mm256_sub_ps(v, _mm256_set1_ps(c.ena)));
    ionic = _mm256_fmadd_ps(gk, _mm256_sub_ps(v, _mm256_set1_ps(c.ek)), ionic);
    ionic = _mm256_fmadd_ps(gl, _mm256_sub_ps(v, _mm256_set1_ps(c.el)), ionic);
    const __m256 rhs = _mm256_fmsub_ps(total, _mm256_set1_ps(c.stimScale), ionic);
    const __m256 vNew =
        _mm256_add_ps(v, _mm256_div_ps(rhs, _mm256_add_ps(_mm256_set1_ps(c.cmOverDt), g)));

    __m256 inf[3], k[3];
    gatesAvx2<Table>(c, t, vNew, inf, k);
    _mm256_storeu_ps(a.v + i, vNew);
    _mm256_storeu_ps(a.m + i, _mm256_fnmadd_ps(k[0], _mm256_sub_ps(inf[0], m), m));
    _mm256_storeu_ps(a.h + i, _mm256_fnmadd_ps(k[1], _mm256_sub_ps(inf[1], h), h));
    _mm256_storeu_ps(a.n + i, _mm256_fnmadd_ps(k[2], _mm256_sub_ps(inf[2], n), n));
    _mm256_storeu_ps(a.iExc + i, _mm256_mul_ps(xe, _mm256_set1_ps(c.decayExc)));
    _mm256_storeu_ps(a.iInh + i, _mm256_mul_ps(xi, _mm256_set1_ps(c.decayInh)));

    const __m256 thr = _mm256_set1_ps(c.vSpike);
    const __m256 crossed =
        _mm256_andnot_ps(_mm256_cmp_ps(v, thr, _CMP_GT_OQ), _mm256_cmp_ps(vNew, thr, _CMP_GT_OQ));
    return static_cast<unsigned>(_mm256_movemask_ps(crossed));
}

template <bool Table>
__attribute__((target("avx2,fma"))) void
updateAvx2(const Constants& c, const RateTable& t, const Arrays& a, std::size_t begin,
           std::size_t end, std::vector<std::int32_t>& spikes) {
    std::size_t i = begin;
    for (; i + 8 <= end; i += 8) {
        const unsigned mask = blockAvx2<Table>(c, t, a, i);
        if (mask)
            appendMaskedIndices(mask, i, spikes);
    }
    if (i == end)
        return;
    // Partial block: padded to eight lanes, so the tail takes the same arithmetic path.
    float* const arrays[10] = {a.v,    a.m,    a.h,     a.n,     a.iStim,
                               a.iExc, a.iInh, a.inExc, a.inInh, a.inCurrent};
    const float pad[10] = {-65.0f, 0.05f, 0.6f, 0.3f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
    const unsigned mask = runPaddedBlock(arrays, pad, i, end - i, [&](float* const* b) {
        const Arrays local{b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9]};
        return blockAvx2<Table>(c, t, local, 0);
    });
    if (mask)
        appendMaskedIndices(mask, i, spikes);
}

} // namespace

std::array<double, 6> HhGroup::rates(double v, double q10) {
    std::array<double, 6> out{};
    double alpha = 0.1 * vtrap(-(v + 40.0), 10.0);
    double beta = 4.0 * std::exp(-(v + 65.0) / 18.0);
    double sum = alpha + beta;
    out[1] = 1.0 / (q10 * sum);
    out[0] = alpha / sum;
    alpha = 0.07 * std::exp(-(v + 65.0) / 20.0);
    beta = 1.0 / (std::exp(-(v + 35.0) / 10.0) + 1.0);
    sum = alpha + beta;
    out[3] = 1.0 / (q10 * sum);
    out[2] = alpha / sum;
    alpha = 0.01 * vtrap(-(v + 55.0), 10.0);
    beta = 0.125 * std::exp(-(v + 65.0) / 80.0);
    sum = alpha + beta;
    out[5] = 1.0 / (q10 * sum);
    out[4] = alpha / sum;
    return out;
}

HhGroup::HhGroup(const core::ParameterSet& params, std::size_t size, double dtMs)
    : m_size(size)
    , m_useTable(params.get("use_table") >= 0.5)
    , m_v(size)
    , m_m(size)
    , m_h(size)
    , m_n(size)
    , m_iStim(size, 0.0f)
    , m_iExc(size, 0.0f)
    , m_iInh(size, 0.0f) {
    const double q10 = std::pow(3.0, (params.get("celsius") - 6.3) / 10.0);
    m_c.stimScale = static_cast<float>(100.0 / params.get("area_um2"));
    m_c.cmOverDt = static_cast<float>(1e-3 * params.get("c_m") / dtMs);
    m_c.gnabar = static_cast<float>(params.get("gnabar"));
    m_c.gkbar = static_cast<float>(params.get("gkbar"));
    m_c.gl = static_cast<float>(params.get("gl"));
    m_c.ena = static_cast<float>(params.get("ena"));
    m_c.ek = static_cast<float>(params.get("ek"));
    m_c.el = static_cast<float>(params.get("el"));
    m_c.dt = static_cast<float>(dtMs);
    m_c.dtQ10 = static_cast<float>(dtMs * q10);
    m_c.vSpike = static_cast<float>(params.get("v_spike"));
    m_c.iBias = static_cast<float>(params.get("i_bias"));
    m_c.decayExc = static_cast<float>(std::exp(-dtMs / params.get("tau_syn_exc")));
    m_c.decayInh = static_cast<float>(std::exp(-dtMs / params.get("tau_syn_inh")));
    m_c.tableMin = static_cast<float>(kTableMin);
    m_c.tableScale = static_cast<float>((kTablePoints - 1) / (kTableMax - kTableMin));

    // NEURON's TABLE: the rates at 201 points, interpolated linearly between them.
    std::array<double, 6> previous{};
    const double dx = (kTableMax - kTableMin) / (kTablePoints - 1);
    for (int p = 0; p < kTablePoints; ++p) {
        const auto r = rates(kTableMin + p * dx, q10);
        for (int q = 0; q < 6; ++q) {
            m_table.value[q][p] = static_cast<float>(r[q]);
            m_table.slope[q][p] = 0.0f;
            if (p > 0)
                m_table.slope[q][p - 1] = static_cast<float>(r[q] - previous[q]);
        }
        previous = r;
    }

    // finitialize(v_init): gates at their steady state (through the table when it is used).
    const double vInit = params.get("v_init");
    std::array<double, 6> r0 = rates(vInit, q10);
    if (m_useTable) {
        double xi = std::clamp((vInit - kTableMin) / dx, 0.0, double(kTablePoints - 1));
        const int idx = std::min(static_cast<int>(xi), kLastInterval);
        const double theta = xi - idx;
        for (int q = 0; q < 6; ++q) {
            const double y0 = rates(kTableMin + idx * dx, q10)[q];
            const double y1 = rates(kTableMin + (idx + 1) * dx, q10)[q];
            r0[q] = y0 + theta * (y1 - y0);
        }
    }
    std::fill(m_v.begin(), m_v.end(), static_cast<float>(vInit));
    std::fill(m_m.begin(), m_m.end(), static_cast<float>(r0[0]));
    std::fill(m_h.begin(), m_h.end(), static_cast<float>(r0[2]));
    std::fill(m_n.begin(), m_n.end(), static_cast<float>(r0[4]));

    const double rampMax = params.get("i_stim_ramp_max");
    for (std::size_t i = 0; i < size; ++i)
        m_iStim[i] =
            static_cast<float>(rampMax * static_cast<double>(i) / static_cast<double>(size));
}

void HhGroup::update(const core::StepContext&, float* const* inputs, std::size_t begin,
                     std::size_t end, std::vector<std::int32_t>& spikes) {
    const Arrays a{m_v.data(),    m_m.data(),    m_h.data(), m_n.data(), m_iStim.data(),
                   m_iExc.data(), m_iInh.data(), inputs[0],  inputs[1],  inputs[2]};
    if (hasAvx2Fma()) {
        if (m_useTable)
            updateAvx2<true>(m_c, m_table, a, begin, end, spikes);
        else
            updateAvx2<false>(m_c, m_table, a, begin, end, spikes);
    } else if (m_useTable) {
        updateScalar<true>(m_c, m_table, a, begin, end, spikes);
    } else {
        updateScalar<false>(m_c, m_table, a, begin, end, spikes);
    }
}

float* HhGroup::directInput(std::size_t receptor) {
    return receptor == 0 ? m_iExc.data() : receptor == 1 ? m_iInh.data() : nullptr;
}

float* HhGroup::state(std::size_t index) {
    switch (index) {
    case 0:
        return m_v.data();
    case 1:
        return m_m.data();
    case 2:
        return m_h.data();
    case 3:
        return m_n.data();
    case 4:
        return m_iStim.data();
    case 5:
        return m_iExc.data();
    case 6:
        return m_iInh.data();
    default:
        return nullptr;
    }
}

} // namespace plexus::plugins
