#pragma once

#include "plexus/core/base/AlignedVector.h"
#include "plexus/core/engine/NeuronGroup.h"

namespace plexus::plugins {

/// State r of Wilson–Cowan units.
class WilsonCowanGroup : public core::NeuronGroup {
public:
    /// Response function constants.
    struct Constants {
        double tau, a, theta, k, rho, bias, dt;
    };
    WilsonCowanGroup(std::size_t size, const Constants& c);

    std::size_t size() const override { return m_r.size(); }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    float* state(std::size_t index) override { return index == 0 ? m_r.data() : nullptr; }

    /// S(x) = 1 / (1 + exp(-a (x - theta))) - 1 / (1 + exp(a theta)).
    static double response(double x, double a, double theta);

private:
    Constants m_c;
    core::AlignedVector<float> m_r;
};

} // namespace plexus::plugins
