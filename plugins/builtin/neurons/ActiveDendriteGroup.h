#pragma once

#include "ActiveDendriteModel.h"
#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/ParameterSet.h"

#include <array>
#include <vector>

namespace plexus::plugins {

/// State of ActiveDendriteModel neurons: soma v and synaptic input, and per segment the local
/// depolarisation d_k and the remaining plateau time.
class ActiveDendriteGroup : public core::NeuronGroup {
public:
    ActiveDendriteGroup(const core::ParameterSet& params, std::size_t size, double dtMs);

    std::size_t size() const override { return m_size; }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    float* state(std::size_t index) override;
    void carryHiddenState(const core::NeuronGroup& previous) override;

private:
    static constexpr int kSegments = ActiveDendriteModel::maxSegments;
    std::size_t m_size;
    int m_segments;
    float m_el, m_vThresh, m_vReset, m_pm, m_pSyn, m_pc, m_synDecay, m_segDecay, m_theta,
        m_plateauDrive, m_refSteps, m_plateauSteps, m_currentScale, m_dtMs;
    std::vector<float> m_v, m_iSyn, m_refractory;
    std::array<std::vector<float>, kSegments> m_d;
    std::array<std::vector<float>, kSegments> m_plateau; ///< plateau time left, ms
};

} // namespace plexus::plugins
