#pragma once

#include "plexus/core/engine/NeuronGroup.h"

#include <vector>

namespace plexus::plugins {

/// State of astrocyte units: IP3-like drive s, calcium r and the refractory time left after a
/// release event.
class AstrocyteGroup : public core::NeuronGroup {
public:
    AstrocyteGroup(std::size_t size, double tauIp3Ms, double tauCaMs, double threshold,
                   double refractoryMs, double dtMs);

    std::size_t size() const override { return m_r.size(); }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    float* directInput(std::size_t receptor) override {
        return receptor == 0 ? m_s.data() : nullptr;
    }
    float* state(std::size_t index) override;
    void carryHiddenState(const core::NeuronGroup& previous) override;

private:
    double m_ds, m_dc, m_couple, m_threshold, m_refractoryMs, m_dt;
    std::vector<float> m_s, m_r, m_refractory;
};

} // namespace plexus::plugins
