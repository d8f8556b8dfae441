#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace plexus::plugins {

/// exp(-n dt / tau) for whole numbers of steps n, for event-driven traces. Short gaps come from
/// a table (built like core::DecayTable, so the values agree with it); longer gaps fall back to
/// std::exp, so any time constant works with a small table. Values below 1e-7 are 0, which lets
/// a trace that has died out be recognised exactly.
class TraceDecay {
public:
    TraceDecay() = default;

    /// Decay for time constant `tauMs` at step `dtMs` (both > 0).
    TraceDecay(double tauMs, double dtMs)
        : m_stepsOverTau(dtMs / tauMs) {
        const double perStep = std::exp(-m_stepsOverTau);
        double v = 1.0;
        while (v > kCutoff && m_table.size() < kTableSize) {
            m_table.push_back(static_cast<float>(v));
            v *= perStep;
        }
        m_complete = v <= kCutoff;
    }

    /// Decay factor over `steps` steps: 1 for steps <= 0, 0 once below 1e-7.
    float operator()(std::int64_t steps) const {
        if (steps <= 0)
            return 1.0f;
        const auto n = static_cast<std::uint64_t>(steps);
        if (n < m_table.size())
            return m_table[static_cast<std::size_t>(n)];
        if (m_complete)
            return 0.0f;
        const double v = std::exp(-static_cast<double>(steps) * m_stepsOverTau);
        return v > kCutoff ? static_cast<float>(v) : 0.0f;
    }

private:
    static constexpr double kCutoff = 1e-7;
    static constexpr std::size_t kTableSize = std::size_t{1} << 16;
    double m_stepsOverTau = 1.0;
    std::vector<float> m_table;
    bool m_complete = true;
};

} // namespace plexus::plugins
