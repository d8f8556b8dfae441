#pragma once

#include "plexus/core/base/AlignedVector.h"
#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/ParameterSet.h"

namespace plexus::plugins {

/// Population state of LifCubaModel: v, i_exc, i_inh (structure of arrays) and a refractory
/// countdown. Exact propagators are computed once from dt.
class LifCubaGroup : public core::NeuronGroup {
public:
    LifCubaGroup(const core::ParameterSet& params, std::size_t size, double dtMs);

    std::size_t size() const override { return m_size; }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    bool clearsInputs() const override { return true; }
    float* directInput(std::size_t receptor) override;
    float* state(std::size_t index) override;
    void carryHiddenState(const core::NeuronGroup& previous) override;

    /// Propagators: v' = v*pm + k0 + iExc*pe + iInh*pi + I*pc with k0 = e_l (1 - pm) + i_e pc;
    /// iExc' = iExc*de; iInh' = iInh*di.
    struct Constants {
        float vThresh, vReset, pm, k0, pe, pi, pc, de, di, refSteps;
    };

private:
    std::size_t m_size;
    Constants m_c;
    bool m_avx2; ///< AVX2 kernels (useAvx2Kernels() when built), else the portable path
    core::AlignedVector<float> m_v, m_iExc, m_iInh, m_refractory;
};

} // namespace plexus::plugins
