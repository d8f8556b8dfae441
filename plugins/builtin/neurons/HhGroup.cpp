#include "HhGroup.h"

#include "simd/KernelDriver.h"
#include "simd/Lanes.h"

#include <algorithm>
#include <cmath>

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

/// NEURON's vtrap(x, 10) in float lanes, with u = x / 10.
template <class L>
inline typename L::V vtrapLanes(typename L::V x, typename L::V y) {
    const auto u = L::mul(x, L::set(0.1f)); // y is 10 in every use
    const auto small = L::lt(L::abs(u), L::set(1e-6f));
    const auto series = L::mul(y, L::fnma(L::set(0.5f), u, L::set(1.0f)));
    const auto ratio = L::div(x, L::expm1(u));
    return L::select(small, series, ratio);
}

/// Gate steady states and factors k = expm1(-dt / tau) = -(1 - exp(-dt / tau)) at v.
template <class L, bool Table>
inline void gates(const Constants& c, const RateTable& t, typename L::V v, typename L::V inf[3],
                  typename L::V k[3]) {
    using V = typename L::V;
    if constexpr (Table) {
        V xi = L::mul(L::sub(v, L::set(c.tableMin)), L::set(c.tableScale));
        xi = L::max(xi, L::zero()); // NaN -> 0
        xi = L::min(xi, L::set(static_cast<float>(kLastInterval + 1)));
        const auto idx = L::minIndex(L::truncate(xi), kLastInterval);
        const V theta = L::sub(xi, L::toFloat(idx));
        const V negDt = L::set(-c.dt);
        for (int q = 0; q < 3; ++q) {
            inf[q] = L::fma(theta, L::gather(t.slope[2 * q], idx), L::gather(t.value[2 * q], idx));
            const V tau = L::fma(theta, L::gather(t.slope[2 * q + 1], idx),
                                 L::gather(t.value[2 * q + 1], idx));
            k[q] = L::expm1(L::div(negDt, tau));
        }
    } else {
        const V ten = L::set(10.0f);
        const V v65 = L::add(v, L::set(65.0f));
        const V xm = L::sub(L::set(-40.0f), v);
        const V xn = L::sub(L::set(-55.0f), v);
        V alpha[3], beta[3];
        alpha[0] = L::mul(L::set(0.1f), vtrapLanes<L>(xm, ten));
        beta[0] = L::mul(L::set(4.0f), L::exp(L::mul(v65, L::set(-1.0f / 18.0f))));
        alpha[1] = L::mul(L::set(0.07f), L::exp(L::mul(v65, L::set(-1.0f / 20.0f))));
        const V eh = L::exp(L::mul(L::add(v, L::set(35.0f)), L::set(-0.1f)));
        beta[1] = L::div(L::set(1.0f), L::add(eh, L::set(1.0f)));
        alpha[2] = L::mul(L::set(0.01f), vtrapLanes<L>(xn, ten));
        beta[2] = L::mul(L::set(0.125f), L::exp(L::mul(v65, L::set(-1.0f / 80.0f))));
        const V negDtQ = L::set(-c.dtQ10);
        for (int q = 0; q < 3; ++q) {
            const V sum = L::add(alpha[q], beta[q]);
            inf[q] = L::div(alpha[q], sum);
            k[q] = L::expm1(L::mul(negDtQ, sum));
        }
    }
}

/// Lanes i .. i + L::kWidth - 1 over one step; returns the mask of upward v_spike crossings.
template <class L, bool Table>
inline unsigned stepBlock(const Constants& c, const RateTable& t, const Arrays& a, std::size_t i) {
    using V = typename L::V;
    const V zero = L::zero();
    V xe = L::load(a.iExc + i);
    V xi = L::load(a.iInh + i);
    V total = L::add(L::set(c.iBias), L::load(a.iStim + i));
    if (a.inExc) {
        xe = L::add(xe, L::load(a.inExc + i));
        L::store(a.inExc + i, zero);
    }
    if (a.inInh) {
        xi = L::add(xi, L::load(a.inInh + i));
        L::store(a.inInh + i, zero);
    }
    if (a.inCurrent) {
        total = L::add(total, L::load(a.inCurrent + i));
        L::store(a.inCurrent + i, zero);
    }
    total = L::add(L::add(total, xe), xi);

    const V v = L::load(a.v + i);
    const V m = L::load(a.m + i);
    const V h = L::load(a.h + i);
    const V n = L::load(a.n + i);
    const V gl = L::set(c.gl);
    const V gna = L::mul(L::set(c.gnabar), L::mul(L::mul(L::mul(m, m), m), h));
    const V n2 = L::mul(n, n);
    const V gk = L::mul(L::set(c.gkbar), L::mul(n2, n2));
    const V g = L::add(L::add(gna, gk), gl);
    V ionic = L::mul(gna, L::sub(v, L::set(c.ena)));
    ionic = L::fma(gk, L::sub(v, L::set(c.ek)), ionic);
    ionic = L::fma(gl, L::sub(v, L::set(c.el)), ionic);
    const V rhs = L::fms(total, L::set(c.stimScale), ionic);
    const V vNew = L::add(v, L::div(rhs, L::add(L::set(c.cmOverDt), g)));

    V inf[3], k[3];
    gates<L, Table>(c, t, vNew, inf, k);
    L::store(a.v + i, vNew);
    L::store(a.m + i, L::fnma(k[0], L::sub(inf[0], m), m));
    L::store(a.h + i, L::fnma(k[1], L::sub(inf[1], h), h));
    L::store(a.n + i, L::fnma(k[2], L::sub(inf[2], n), n));
    L::store(a.iExc + i, L::mul(xe, L::set(c.decayExc)));
    L::store(a.iInh + i, L::mul(xi, L::set(c.decayInh)));

    const V thr = L::set(c.vSpike);
    return L::bits(L::andNot(L::gt(v, thr), L::gt(vNew, thr)));
}

/// All neurons of [begin, end) with lanes L; a partial block of AVX2 lanes is padded, so the
/// tail takes the same arithmetic path.
template <class L, bool Table>
inline void updateWith(const Constants& c, const RateTable& t, const Arrays& a, std::size_t begin,
                       std::size_t end, std::vector<std::int32_t>& spikes) {
    const Constants k = c; // a local copy: the stores cannot alias it
    float* const arrays[10] = {a.v,    a.m,    a.h,     a.n,     a.iStim,
                               a.iExc, a.iInh, a.inExc, a.inInh, a.inCurrent};
    const float pad[10] = {-65.0f, 0.05f, 0.6f, 0.3f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
    runPaddedBlocks<L>(arrays, pad, begin, end, spikes, [&](float* const* p, std::size_t at) {
        const Arrays local{p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9]};
        return stepBlock<L, Table>(k, t, local, at);
    });
}

template <bool Table>
void updateScalar(const Constants& c, const RateTable& t, const Arrays& a, std::size_t begin,
                  std::size_t end, std::vector<std::int32_t>& spikes) {
    updateWith<ScalarLanes, Table>(c, t, a, begin, end, spikes);
}

template <bool Table>
PLEXUS_AVX2_KERNEL void updateAvx2(const Constants& c, const RateTable& t, const Arrays& a,
                                   std::size_t begin, std::size_t end,
                                   std::vector<std::int32_t>& spikes) {
    updateWith<Avx2Lanes, Table>(c, t, a, begin, end, spikes);
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
    , m_avx2(useAvx2Kernels())
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
    if (m_avx2) {
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
