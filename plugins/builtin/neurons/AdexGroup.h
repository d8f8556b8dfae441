#pragma once

#include "plexus/core/base/AlignedVector.h"
#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/ParameterSet.h"

namespace plexus::plugins {

/// Population state of AdexModel: v, w, two synaptic currents and a refractory countdown
/// (structure of arrays, float), advanced by Heun substeps.
class AdexGroup : public core::NeuronGroup {
public:
    /// `size` neurons at v = e_l, w = 0; step `dtMs`.
    AdexGroup(const core::ParameterSet& params, std::size_t size, double dtMs);

    std::size_t size() const override { return m_size; }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    bool clearsInputs() const override { return true; }
    float* directInput(std::size_t receptor) override;
    float* state(std::size_t index) override;
    void carryHiddenState(const core::NeuronGroup& previous) override;

    /// Per-step constants.
    struct Constants {
        int substeps;
        float h;    ///< substep, ms
        float invC; ///< 1 / c_m, 1/pF
        float gl, el, vt, deltaT;
        float invDeltaT;
        float maxExpArg; ///< (v_peak - v_t) / delta_t
        float glDeltaT;  ///< g_l * delta_t, pA
        float a, invTauW, b;
        float vReset, vPeak;
        float iBias;       ///< pA
        float decayExcSub; ///< exp(-h / tau_syn_exc)
        float decayInhSub;
        float decayExc; ///< exp(-dt / tau_syn_exc)
        float decayInh;
        float refSteps; ///< whole steps held at v_reset after the spiking step
    };

private:
    std::size_t m_size;
    bool m_avx2; ///< AVX2 kernels (useAvx2Kernels() when built), else the portable path
    Constants m_c;
    core::AlignedVector<float> m_v, m_w, m_iExc, m_iInh, m_refractory;
};

} // namespace plexus::plugins
