#pragma once

#include "plexus/core/base/AlignedVector.h"
#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/ParameterSet.h"

namespace plexus::plugins {

/// Population state of LifCobaModel: v, g_exc, g_inh and a refractory countdown.
class LifCobaGroup : public core::NeuronGroup {
public:
    LifCobaGroup(const core::ParameterSet& params, std::size_t size, double dtMs);

    std::size_t size() const override { return m_size; }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    bool clearsInputs() const override { return true; }
    float* directInput(std::size_t receptor) override;
    float* state(std::size_t index) override;
    void carryHiddenState(const core::NeuronGroup& previous) override;

    /// Step constants (conductances in units of g_l inside the kernel).
    struct Constants {
        float el, eExc, eInh, vThresh, vReset, dtOverTau, invGl, de, di, iBias, refSteps;
    };

private:
    std::size_t m_size;
    Constants m_c;
    bool m_avx2; ///< AVX2 kernels (useAvx2Kernels() when built), else the portable path
    core::AlignedVector<float> m_v, m_gExc, m_gInh, m_refractory;
};

} // namespace plexus::plugins
