#include "AdexGroup.h"

#include "simd/KernelDriver.h"
#include "simd/Lanes.h"

#include <algorithm>
#include <cmath>

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

/// Constants of dv/dt as lanes.
template <class L>
struct RateLanes {
    typename L::V gl, el, vt, invDeltaT, maxExpArg, glDeltaT, invC, maxRate, minRate;
};

/// dv/dt, bounded to |dv/dt| <= kMaxRate (NaN -> -kMaxRate).
template <class L>
inline typename L::V dvdt(const RateLanes<L>& l, typename L::V v, typename L::V w,
                          typename L::V input) {
    const auto arg = L::min(L::mul(L::sub(v, l.vt), l.invDeltaT), l.maxExpArg);
    auto current = L::fnma(l.gl, L::sub(v, l.el), L::sub(input, w));
    current = L::fma(l.glDeltaT, L::exp(arg), current);
    const auto rate = L::mul(current, l.invC);
    return L::min(L::max(rate, l.minRate), l.maxRate);
}

/// Lanes i .. i + L::kWidth - 1 over one step of Heun substeps; returns their spike mask.
template <class L>
inline unsigned stepBlock(const Constants& k, const Arrays& x, std::size_t i) {
    using V = typename L::V;
    const V zero = L::zero();
    V xe = L::load(x.iExc + i);
    V xi = L::load(x.iInh + i);
    V constant = L::set(k.iBias);
    if (x.inExc) {
        xe = L::add(xe, L::load(x.inExc + i));
        L::store(x.inExc + i, zero);
    }
    if (x.inInh) {
        xi = L::add(xi, L::load(x.inInh + i));
        L::store(x.inInh + i, zero);
    }
    if (x.inCurrent) {
        constant = L::add(constant, L::load(x.inCurrent + i));
        L::store(x.inCurrent + i, zero);
    }
    const RateLanes<L> l{L::set(k.gl),        L::set(k.el),        L::set(k.vt),
                         L::set(k.invDeltaT), L::set(k.maxExpArg), L::set(k.glDeltaT),
                         L::set(k.invC),      L::set(kMaxRate),    L::set(-kMaxRate)};
    const V h = L::set(k.h), halfH = L::set(0.5f * k.h);
    const V a = L::set(k.a), invTauW = L::set(k.invTauW);
    const V vReset = L::set(k.vReset), vPeak = L::set(k.vPeak);
    const V vMin = L::set(kVMin), wMax = L::set(kWMax), wMin = L::set(-kWMax), b = L::set(k.b);
    const V dE = L::set(k.decayExcSub), dI = L::set(k.decayInhSub);
    const auto holdAfterSpike = L::all(k.refSteps > 0.0f);
    const V ref = L::load(x.refractory + i);
    V v = L::load(x.v + i), w = L::load(x.w + i);
    V se = xe, si = xi;
    auto clamped = L::gt(ref, zero);
    auto spiked = L::none();
    for (int s = 0; s < k.substeps; ++s) {
        const V se1 = L::mul(se, dE), si1 = L::mul(si, dI);
        const V k1v = dvdt<L>(l, v, w, L::add(constant, L::add(se, si)));
        const V k1w = L::mul(L::fms(a, L::sub(v, l.el), w), invTauW);
        V v1 = L::min(L::fma(h, k1v, v), vPeak);
        v1 = L::max(L::select(clamped, vReset, v1), vMin);
        const V w1 = L::fma(h, k1w, w);
        const V k2v = dvdt<L>(l, v1, w1, L::add(constant, L::add(se1, si1)));
        const V k2w = L::mul(L::fms(a, L::sub(v1, l.el), w1), invTauW);
        V vNew = L::fma(halfH, L::add(k1v, k2v), v);
        vNew = L::select(clamped, vReset, vNew);
        V wNew = L::fma(halfH, L::add(k1w, k2w), w);
        const auto fired = L::andNot(clamped, L::ge(vNew, vPeak));
        vNew = L::select(fired, vReset, vNew);
        wNew = L::select(fired, L::add(wNew, b), wNew);
        spiked = L::maskOr(spiked, fired);
        clamped = L::maskOr(clamped, L::maskAnd(fired, holdAfterSpike));
        v = L::min(L::max(vNew, vMin), vPeak);
        w = L::min(L::max(wNew, wMin), wMax);
        se = se1;
        si = si1;
    }
    L::store(x.v + i, v);
    L::store(x.w + i, w);
    L::store(x.iExc + i, L::mul(xe, L::set(k.decayExc)));
    L::store(x.iInh + i, L::mul(xi, L::set(k.decayInh)));
    const V refNext = L::max(L::sub(ref, L::set(1.0f)), zero);
    L::store(x.refractory + i,
             L::select(L::maskAnd(spiked, holdAfterSpike), L::set(k.refSteps), refNext));
    return L::bits(spiked);
}

/// All neurons of [begin, end) with lanes L; a partial block of AVX2 lanes is padded.
template <class L>
inline void updateWith(const Constants& c, const Arrays& x, std::size_t begin, std::size_t end,
                       std::vector<std::int32_t>& spikes) {
    const Constants k = c; // a local copy: the stores cannot alias it
    float* const arrays[8] = {x.v,          x.w,     x.iExc,  x.iInh,
                              x.refractory, x.inExc, x.inInh, x.inCurrent};
    const float pad[8] = {k.el, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
    runPaddedBlocks<L>(arrays, pad, begin, end, spikes, [&](float* const* p, std::size_t at) {
        const Arrays local{p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]};
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

} // namespace

AdexGroup::AdexGroup(const core::ParameterSet& params, std::size_t size, double dtMs)
    : m_size(size)
    , m_avx2(useAvx2Kernels())
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
    if (m_avx2)
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
