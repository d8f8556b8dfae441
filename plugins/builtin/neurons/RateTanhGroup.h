#pragma once

#include "plexus/core/base/AlignedVector.h"
#include "plexus/core/engine/NeuronGroup.h"

namespace plexus::plugins {

/// State x (activation) and r = tanh(gain x) of a population of tanh rate units.
class RateTanhGroup : public core::NeuronGroup {
public:
    RateTanhGroup(std::size_t size, double tauMs, double gain, double bias, double dtMs);

    std::size_t size() const override { return m_x.size(); }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    float* state(std::size_t index) override;

private:
    float m_decay, m_gain, m_bias;
    core::AlignedVector<float> m_x, m_r;
};

} // namespace plexus::plugins
