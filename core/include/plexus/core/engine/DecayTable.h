#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace plexus::core {

/// exp(-n dt / tau) for whole numbers of steps n, tabulated up to the point where it falls below
/// 1e-7 (then 0). Event-driven traces use it to decay a value over the steps since its last
/// update without calling exp().
class DecayTable {
public:
    DecayTable() = default;
    /// Table for time constant `tauMs` at step `dtMs` (tau > 0).
    DecayTable(double tauMs, double dtMs) {
        const double perStep = std::exp(-dtMs / tauMs);
        double v = 1.0;
        while (v > 1e-7 && m_values.size() < (1u << 22)) {
            m_values.push_back(static_cast<float>(v));
            v *= perStep;
        }
    }
    /// Decay factor over `steps` steps (0 for steps beyond the table, 1 for steps <= 0).
    float operator()(std::int64_t steps) const {
        if (steps <= 0)
            return 1.0f;
        return static_cast<std::uint64_t>(steps) < m_values.size()
                   ? m_values[static_cast<std::size_t>(steps)]
                   : 0.0f;
    }

private:
    std::vector<float> m_values;
};

} // namespace plexus::core
