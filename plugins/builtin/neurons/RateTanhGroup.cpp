#include "RateTanhGroup.h"

#include <cmath>

namespace plexus::plugins {

RateTanhGroup::RateTanhGroup(std::size_t size, double tauMs, double gain, double bias, double dtMs)
    : m_decay(static_cast<float>(std::exp(-dtMs / tauMs)))
    , m_gain(static_cast<float>(gain))
    , m_bias(static_cast<float>(bias))
    , m_x(size, 0.0f)
    , m_r(size, 0.0f) {}

void RateTanhGroup::update(const core::StepContext&, float* const* inputs, std::size_t begin,
                           std::size_t end, std::vector<std::int32_t>&) {
    for (std::size_t i = begin; i < end; ++i) {
        float in = m_bias;
        if (inputs[0])
            in += inputs[0][i];
        if (inputs[1])
            in += inputs[1][i];
        m_x[i] = m_x[i] * m_decay + in * (1.0f - m_decay);
        m_r[i] = std::tanh(m_gain * m_x[i]);
    }
}

float* RateTanhGroup::state(std::size_t index) {
    return index == 0 ? m_x.data() : index == 1 ? m_r.data() : nullptr;
}

} // namespace plexus::plugins
