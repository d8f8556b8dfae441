#include "IzhikevichGroup.h"

#include "simd/KernelDriver.h"
#include "simd/Lanes.h"

#include <algorithm>
#include <cmath>

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

/// Lanes i .. i + L::kWidth - 1 over one step of `substeps` substeps; returns their spike mask.
template <class L>
inline unsigned stepBlock(const Constants& k, const Arrays& x, std::size_t i) {
    using V = typename L::V;
    const V zero = L::zero();
    V xe = L::load(x.iExc + i);
    V xi = L::load(x.iInh + i);
    V input = L::set(k.iBias);
    if (x.inExc) {
        xe = L::add(xe, L::load(x.inExc + i));
        L::store(x.inExc + i, zero);
    }
    if (x.inInh) {
        xi = L::add(xi, L::load(x.inInh + i));
        L::store(x.inInh + i, zero);
    }
    if (x.inCurrent) {
        input = L::add(input, L::load(x.inCurrent + i));
        L::store(x.inCurrent + i, zero);
    }
    input = L::fma(xe, L::set(k.meanExc), input);
    input = L::fma(xi, L::set(k.meanInh), input);
    const V a = L::load(x.a + i), b = L::load(x.b + i), c = L::load(x.c + i), d = L::load(x.d + i);
    const V h = L::set(k.h);
    const V decay = L::exp(L::mul(L::set(-k.h), a)); // u relaxes to b v over a substep
    const V uMin = L::set(-kUMax), uMax = L::set(kUMax);
    const V c04 = L::set(0.04f), c5 = L::set(5.0f);
    const V drive = L::add(L::set(140.0f), input);
    const V vMin = L::set(kVMin), vMax = L::set(kVMax);
    const V peak = L::set(k.vPeak);
    V v = L::load(x.v + i), u = L::load(x.u + i);
    auto spiked = L::none();
    for (int s = 0; s < k.substeps; ++s) {
        const V dv = L::sub(L::fma(L::fma(c04, v, c5), v, drive), u);
        v = L::fma(h, dv, v);
        v = L::min(L::max(v, vMin), vMax); // also maps NaN to kVMin
        const V bv = L::mul(b, v);
        u = L::fma(L::sub(u, bv), decay, bv);
        const auto fired = L::ge(v, peak);
        v = L::select(fired, c, v);
        u = L::select(fired, L::add(u, d), u);
        u = L::min(L::max(u, uMin), uMax);
        spiked = L::maskOr(spiked, fired);
    }
    L::store(x.v + i, v);
    L::store(x.u + i, u);
    L::store(x.iExc + i, L::mul(xe, L::set(k.decayExc)));
    L::store(x.iInh + i, L::mul(xi, L::set(k.decayInh)));
    return L::bits(spiked);
}

/// All neurons of [begin, end) with lanes L; a partial block of AVX2 lanes is padded.
template <class L>
inline void updateWith(const Constants& c, const Arrays& x, std::size_t begin, std::size_t end,
                       std::vector<std::int32_t>& spikes) {
    const Constants k = c; // a local copy: the stores cannot alias it
    float* const arrays[11] = {x.v,    x.u,    x.a,     x.b,     x.c,        x.d,
                               x.iExc, x.iInh, x.inExc, x.inInh, x.inCurrent};
    const float pad[11] = {-65.0f, -13.0f, 0.02f, 0.2f, -65.0f, 8.0f, 0, 0, 0, 0, 0};
    runPaddedBlocks<L>(arrays, pad, begin, end, spikes, [&](float* const* p, std::size_t at) {
        const Arrays local{p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10]};
        return stepBlock<L>(k, local, at);
    });
}

void updateScalar(const Constants& k, const Arrays& x, std::size_t begin, std::size_t end,
                  std::vector<std::int32_t>& spikes) {
    updateWith<ScalarLanes>(k, x, begin, end, spikes);
}

PLEXUS_AVX2_KERNEL void updateAvx2(const Constants& k, const Arrays& x, std::size_t begin,
                                   std::size_t end, std::vector<std::int32_t>& spikes) {
    updateWith<Avx2Lanes>(k, x, begin, end, spikes);
}

/// Mean over one step of an exponential of unit start value and time constant tau.
double stepAverage(double dt, double tau) {
    return tau / dt * -std::expm1(-dt / tau);
}

} // namespace

IzhikevichGroup::IzhikevichGroup(const core::ParameterSet& params, std::size_t size, double dtMs)
    : m_size(size)
    , m_avx2(useAvx2Kernels())
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
    if (m_avx2)
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
