#pragma once

#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/ParameterSet.h"

#include <array>
#include <vector>

namespace plexus::plugins {

/// State of LifAlphaModel neurons: v, and per receptor (exc, inh) the alpha synapse's rise
/// variable y and its current or conductance s (s(t) = w (e t / tau) exp(-t / tau) after a jump
/// w of y).
class LifAlphaGroup : public core::NeuronGroup {
public:
    LifAlphaGroup(const core::ParameterSet& params, std::size_t size, double dtMs,
                  bool conductance);

    std::size_t size() const override { return m_v.size(); }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    float* directInput(std::size_t receptor) override {
        return receptor < 2 ? m_y[receptor].data() : nullptr;
    }
    float* state(std::size_t index) override;
    void carryHiddenState(const core::NeuronGroup& previous) override;

private:
    /// Exact one-step propagators of one alpha synapse.
    struct Synapse {
        double decay = 0;   ///< y' = y decay
        double riseToS = 0; ///< s' = s decay + y riseToS
        double sToV = 0;    ///< CUBA: contribution of s to v over the step
        double yToV = 0;    ///< CUBA: contribution of y to v over the step
        double reversal = 0;
    };

    bool m_conductance;
    double m_el, m_vThresh, m_vReset, m_pm, m_pc, m_dtOverTau, m_invGl, m_bias;
    int m_refSteps;
    std::array<Synapse, 2> m_syn;
    std::vector<float> m_v;
    std::array<std::vector<float>, 2> m_y, m_s;
    std::vector<int> m_refractory;
};

} // namespace plexus::plugins
