#include "plexus/core/connectivity/NeuronPositions.h"

#include "plexus/core/base/RandomStream.h"

#include <cmath>

namespace plexus::core {

NeuronPositions NeuronPositions::generate(const SpatialSpec& spatial, std::size_t count,
                                          std::uint64_t seed) {
    NeuronPositions p;
    p.m_x.assign(count, 0.0);
    p.m_y.assign(count, 0.0);
    p.m_z.assign(count, 0.0);
    if (count == 0)
        return p;
    const auto& e = spatial.extentUm;
    if (spatial.shape == "grid") {
        const auto columns = static_cast<std::size_t>(std::ceil(std::sqrt(double(count))));
        const std::size_t rows = (count + columns - 1) / columns;
        const double dx = e[0] / static_cast<double>(columns);
        const double dy = e[1] / static_cast<double>(rows);
        for (std::size_t i = 0; i < count; ++i) {
            p.m_x[i] = -0.5 * e[0] + (static_cast<double>(i % columns) + 0.5) * dx;
            p.m_y[i] = -0.5 * e[1] + (static_cast<double>(i / columns) + 0.5) * dy;
        }
    } else if (spatial.shape == "random" || spatial.shape == "sheet") {
        RandomStream rng(seed);
        for (std::size_t i = 0; i < count; ++i) {
            p.m_x[i] = rng.uniform(-0.5 * e[0], 0.5 * e[0]);
            p.m_y[i] = rng.uniform(-0.5 * e[1], 0.5 * e[1]);
            p.m_z[i] = rng.uniform(-0.5 * e[2], 0.5 * e[2]);
        }
    } else if (spatial.shape == "ring") {
        constexpr double twoPi = 6.283185307179586;
        for (std::size_t i = 0; i < count; ++i) {
            const double angle = twoPi * static_cast<double>(i) / static_cast<double>(count);
            p.m_x[i] = spatial.radiusUm * std::cos(angle);
            p.m_y[i] = spatial.radiusUm * std::sin(angle);
        }
    }
    return p;
}

} // namespace plexus::core
