#include "LifCobaGroup.h"

#include "plexus/core/base/Error.h"
#include "simd/KernelDriver.h"
#include "simd/Lanes.h"

#include <cmath>

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

/// Lanes i .. i + L::kWidth - 1 over one forward-Euler step; returns their spike mask.
template <class L, bool E, bool I, bool C>
inline unsigned stepBlock(const Constants& c, const Arrays& a, std::size_t i) {
    using V = typename L::V;
    const V zero = L::zero(), invGl = L::set(c.invGl);
    V ge = L::load(a.gExc + i);
    if constexpr (E) {
        ge = L::add(ge, L::load(a.inExc + i));
        L::store(a.inExc + i, zero);
    }
    V gi = L::load(a.gInh + i);
    if constexpr (I) {
        gi = L::add(gi, L::load(a.inInh + i));
        L::store(a.inInh + i, zero);
    }
    V current = L::set(c.iBias);
    if constexpr (C) {
        current = L::add(current, L::load(a.inCurrent + i));
        L::store(a.inCurrent + i, zero);
    }
    const V v = L::load(a.v + i);
    const V ref = L::load(a.refractory + i);
    V drive = L::add(L::sub(L::set(c.el), v), L::mul(current, invGl));
    drive = L::fma(L::mul(ge, invGl), L::sub(L::set(c.eExc), v), drive);
    drive = L::fma(L::mul(gi, invGl), L::sub(L::set(c.eInh), v), drive);
    const auto frozen = L::gt(ref, zero);
    const V vNew = L::select(frozen, v, L::fma(drive, L::set(c.dtOverTau), v));
    const auto spike = L::andNot(frozen, L::gt(vNew, L::set(c.vThresh)));
    L::store(a.v + i, L::select(spike, L::set(c.vReset), vNew));
    const V refNext = L::max(L::sub(ref, L::set(1.0f)), zero);
    L::store(a.refractory + i, L::select(spike, L::set(c.refSteps), refNext));
    L::store(a.gExc + i, L::mul(ge, L::set(c.de)));
    L::store(a.gInh + i, L::mul(gi, L::set(c.di)));
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

LifCobaGroup::LifCobaGroup(const core::ParameterSet& params, std::size_t size, double dtMs)
    : m_size(size)
    , m_avx2(useAvx2Kernels())
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
    selectKernel(m_avx2, present)(m_c, a, begin, end, spikes);
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
