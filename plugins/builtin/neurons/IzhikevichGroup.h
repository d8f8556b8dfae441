#pragma once

#include "plexus/core/base/AlignedVector.h"
#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/ParameterSet.h"

namespace plexus::plugins {

/// Population state of IzhikevichModel: v, u, the per-neuron a, b, c, d and two synaptic
/// inputs (structure of arrays, float).
class IzhikevichGroup : public core::NeuronGroup {
public:
    /// `size` neurons with v = v_init, u = b v_init and a-d from the parameters; step `dtMs`.
    IzhikevichGroup(const core::ParameterSet& params, std::size_t size, double dtMs);

    std::size_t size() const override { return m_size; }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    bool clearsInputs() const override { return true; }
    float* directInput(std::size_t receptor) override;
    float* state(std::size_t index) override;

    /// Per-step constants.
    struct Constants {
        int substeps;   ///< forward Euler substeps per step
        float h;        ///< substep length, ms
        float vPeak;    ///< spike cut-off, mV
        float iBias;    ///< mV/ms
        float meanExc;  ///< step average of a unit exponential, exc: (tau/dt)(1 - exp(-dt/tau))
        float meanInh;  ///< same for inh
        float decayExc; ///< exp(-dt / tau_syn_exc)
        float decayInh;
    };

private:
    std::size_t m_size;
    bool m_avx2; ///< AVX2 kernels (useAvx2Kernels() when built), else the portable path
    Constants m_c;
    core::AlignedVector<float> m_v, m_u, m_a, m_b, m_cReset, m_d, m_iExc, m_iInh;
};

} // namespace plexus::plugins
