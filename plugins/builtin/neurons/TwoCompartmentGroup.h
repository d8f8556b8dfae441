#pragma once

#include "plexus/core/base/AlignedVector.h"
#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/ParameterSet.h"

#include <array>

namespace plexus::plugins {

/// Population state of TwoCompartmentModel (structure of arrays, float), advanced with exact
/// propagators of the linear soma-dendrite system.
class TwoCompartmentGroup : public core::NeuronGroup {
public:
    /// `size` neurons with both compartments at e_l; propagators for step `dtMs`.
    TwoCompartmentGroup(const core::ParameterSet& params, std::size_t size, double dtMs);

    std::size_t size() const override { return m_size; }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    bool clearsInputs() const override { return true; }
    float* directInput(std::size_t receptor) override;
    float* state(std::size_t index) override;
    void carryHiddenState(const core::NeuronGroup& previous) override;

    /// One-step propagator. The state is x = (u_s, u_d, i_s_exc, i_s_inh, i_d_exc, i_d_inh)
    /// with u = v - e_l; with the step's constant somatic and dendritic currents (I_s, I_d):
    /// u_s' = soma . (x, I_s, I_d), u_d' = dend . (x, I_s, I_d), synaptic currents decay.
    struct Constants {
        std::array<float, 8> soma;        ///< free soma row
        std::array<float, 8> dend;        ///< dendrite row, soma free
        std::array<float, 8> dendClamped; ///< dendrite row while the soma is held
        float decayExc, decayInh;
        float el, thresh, reset;  ///< mV; thresh and reset relative to e_l
        float biasSoma, biasDend; ///< pA
        float refSteps;
    };

private:
    std::size_t m_size;
    bool m_avx2; ///< AVX2 kernels (useAvx2Kernels() when built), else the portable path
    Constants m_c;
    core::AlignedVector<float> m_vs, m_vd, m_se, m_si, m_de, m_di, m_refractory;
};

} // namespace plexus::plugins
