#include "MemoryNeuronGroup.h"

#include "plexus/core/base/RandomStream.h"

#include <cmath>

namespace plexus::plugins {

MemoryNeuronGroup::MemoryNeuronGroup(const core::ParameterSet& params, std::size_t size,
                                     double dtMs, std::uint64_t seed)
    : m_size(size)
    , m_seed(seed)
    , m_rate(size, 0.0f) {
    m_c.traces = static_cast<std::size_t>(std::lround(params.get("n_traces")));
    for (std::size_t k = 0; k < kMaxTraces; ++k) {
        const std::string n = std::to_string(k + 1);
        const bool active = k < m_c.traces;
        const double tau = params.get("tau_" + n);
        m_c.decay[k] = static_cast<float>(std::exp(-dtMs / tau));
        m_c.gain[k] = static_cast<float>(-std::expm1(-dtMs / tau));
        m_c.readout[k] = active ? static_cast<float>(params.get("w_" + n)) : 0.0f;
        m_traces[k].assign(size, 0.0f);
    }
    m_c.bias = static_cast<float>(params.get("bias"));
    m_c.theta = static_cast<float>(params.get("theta"));
    m_c.invSlope = static_cast<float>(1.0 / params.get("slope"));
    m_c.rateMax = static_cast<float>(params.get("rate_max_hz"));
    m_c.dtSeconds = static_cast<float>(dtMs * 1e-3);
    // The initial rate follows from the initial (zero) traces.
    const float z = m_c.bias;
    const float x = std::fmin(std::fmax(-(z - m_c.theta) * m_c.invSlope, -80.0f), 80.0f);
    std::fill(m_rate.begin(), m_rate.end(), m_c.rateMax / (1.0f + std::exp(x)));
}

void MemoryNeuronGroup::update(const core::StepContext& ctx, float* const* inputs,
                               std::size_t begin, std::size_t end,
                               std::vector<std::int32_t>& spikes) {
    const Constants& c = m_c;
    float* __restrict inExc = inputs[0];
    float* __restrict inInh = inputs[1];
    float* __restrict inDrive = inputs[2];
    float* __restrict rate = m_rate.data();
    const std::uint64_t stepKey = core::mix64(m_seed ^ static_cast<std::uint64_t>(ctx.step));
    for (std::size_t i = begin; i < end; ++i) {
        float jump = 0.0f, drive = 0.0f;
        if (inExc) {
            jump += inExc[i];
            inExc[i] = 0.0f;
        }
        if (inInh) {
            jump += inInh[i];
            inInh[i] = 0.0f;
        }
        if (inDrive) {
            drive = inDrive[i];
            inDrive[i] = 0.0f;
        }
        float z = c.bias;
        for (std::size_t k = 0; k < c.traces; ++k) {
            float& m = m_traces[k][i];
            m = (m + jump) * c.decay[k] + drive * c.gain[k];
            z += c.readout[k] * m;
        }
        // Sigmoid with a clamped exponent: finite for any z.
        const float x = std::fmin(std::fmax(-(z - c.theta) * c.invSlope, -80.0f), 80.0f);
        const float r = c.rateMax / (1.0f + std::exp(x));
        rate[i] = r;
        const double p = -std::expm1(-static_cast<double>(r) * c.dtSeconds);
        if (p > 0.0 && static_cast<double>(core::mix64(stepKey + i * 0x9e3779b97f4a7c15ULL)) <
                           std::ldexp(p, 64))
            spikes.push_back(static_cast<std::int32_t>(i));
    }
}

float* MemoryNeuronGroup::state(std::size_t index) {
    if (index < kMaxTraces)
        return m_traces[index].data();
    return index == kMaxTraces ? m_rate.data() : nullptr;
}

} // namespace plexus::plugins
