#include "WilsonCowanGroup.h"

#include <cmath>

namespace plexus::plugins {

WilsonCowanGroup::WilsonCowanGroup(std::size_t size, const Constants& c)
    : m_c(c)
    , m_r(size, 0.0f) {}

double WilsonCowanGroup::response(double x, double a, double theta) {
    return 1.0 / (1.0 + std::exp(-a * (x - theta))) - 1.0 / (1.0 + std::exp(a * theta));
}

void WilsonCowanGroup::update(const core::StepContext&, float* const* inputs, std::size_t begin,
                              std::size_t end, std::vector<std::int32_t>&) {
    for (std::size_t i = begin; i < end; ++i) {
        double in = m_c.bias;
        if (inputs[0])
            in += inputs[0][i];
        if (inputs[1])
            in += inputs[1][i];
        const double s = response(in, m_c.a, m_c.theta);
        // tau dr/dt = -(1 + rho s) r + k s: exponential relaxation toward k s / (1 + rho s).
        const double leak = 1.0 + m_c.rho * s;
        const double target = leak > 1e-12 ? m_c.k * s / leak : m_c.k * s;
        const double decay = std::exp(-m_c.dt * std::max(leak, 1e-12) / m_c.tau);
        m_r[i] = static_cast<float>(target + (m_r[i] - target) * decay);
    }
}

} // namespace plexus::plugins
