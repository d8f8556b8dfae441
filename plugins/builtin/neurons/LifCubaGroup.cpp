#include "LifCubaGroup.h"

#include "simd/KernelDriver.h"
#include "simd/Lanes.h"

#include <cmath>

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

/// Lanes i .. i + L::kWidth - 1 over one step; returns their spike mask.
template <class L, bool E, bool I, bool C>
inline unsigned stepBlock(const Constants& c, const Arrays& a, std::size_t i) {
    using V = typename L::V;
    const V zero = L::zero();
    V xe = L::load(a.iExc + i);
    if constexpr (E) {
        xe = L::add(xe, L::load(a.inExc + i));
        L::store(a.inExc + i, zero);
    }
    V xi = L::load(a.iInh + i);
    if constexpr (I) {
        xi = L::add(xi, L::load(a.inInh + i));
        L::store(a.inInh + i, zero);
    }
    const V v = L::load(a.v + i);
    const V ref = L::load(a.refractory + i);
    V u = L::fma(v, L::set(c.pm), L::set(c.k0));
    u = L::fma(xe, L::set(c.pe), u);
    u = L::fma(xi, L::set(c.pi), u);
    if constexpr (C) {
        u = L::fma(L::load(a.inCurrent + i), L::set(c.pc), u);
        L::store(a.inCurrent + i, zero);
    }
    const auto frozen = L::gt(ref, zero);
    const V vNew = L::select(frozen, v, u);
    const auto spike = L::andNot(frozen, L::gt(vNew, L::set(c.vThresh)));
    L::store(a.v + i, L::select(spike, L::set(c.vReset), vNew));
    const V refNext = L::max(L::sub(ref, L::set(1.0f)), zero);
    L::store(a.refractory + i, L::select(spike, L::set(c.refSteps), refNext));
    L::store(a.iExc + i, L::mul(xe, L::set(c.de)));
    L::store(a.iInh + i, L::mul(xi, L::set(c.di)));
    return L::bits(spike);
}

/// One neuron at a time (the portable path, and the tail of the AVX2 path).
template <bool E, bool I, bool C>
__attribute__((noinline)) void updateScalar(const Constants& c, const Arrays& a, std::size_t begin,
                                            std::size_t end, std::vector<std::int32_t>& spikes) {
    const Constants k = c; // local copies: the stores cannot alias them
    const Arrays x = a;
    runBlocks<ScalarLanes>(begin, end, spikes,
                           [&](std::size_t i) { return stepBlock<ScalarLanes, E, I, C>(k, x, i); });
}

template <bool E, bool I, bool C>
PLEXUS_AVX2_KERNEL void updateAvx2(const Constants& c, const Arrays& a, std::size_t begin,
                                   std::size_t end, std::vector<std::int32_t>& spikes) {
    const Constants k = c; // local copies: the stores cannot alias them, so they stay in registers
    const Arrays x = a;
    const std::size_t i = runBlocks<Avx2Lanes>(begin, end, spikes, [&](std::size_t at) {
        return stepBlock<Avx2Lanes, E, I, C>(k, x, at);
    });
    updateScalar<E, I, C>(c, a, i, end, spikes);
}

using Kernel = void (*)(const Constants&, const Arrays&, std::size_t, std::size_t,
                        std::vector<std::int32_t>&);

/// Kernel for the inputs present (bit 0: exc ring, bit 1: inh ring, bit 2: current).
Kernel selectKernel(bool avx2, unsigned inputs) {
    static const Kernel simd[8] = {updateAvx2<false, false, false>, updateAvx2<true, false, false>,
                                   updateAvx2<false, true, false>,  updateAvx2<true, true, false>,
                                   updateAvx2<false, false, true>,  updateAvx2<true, false, true>,
                                   updateAvx2<false, true, true>,   updateAvx2<true, true, true>};
    static const Kernel scalar[8] = {
        updateScalar<false, false, false>, updateScalar<true, false, false>,
        updateScalar<false, true, false>,  updateScalar<true, true, false>,
        updateScalar<false, false, true>,  updateScalar<true, false, true>,
        updateScalar<false, true, true>,   updateScalar<true, true, true>};
    return avx2 ? simd[inputs] : scalar[inputs];
}

} // namespace

LifCubaGroup::LifCubaGroup(const core::ParameterSet& params, std::size_t size, double dtMs)
    : m_size(size)
    , m_avx2(useAvx2Kernels())
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
    selectKernel(m_avx2, present)(m_c, a, begin, end, spikes);
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
