#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace plexus::core {

/// Global run settings of a project.
struct SimulationSpec {
    /// Most steps one run may take: 10^9 (10^5 s, about 28 hours, at dt = 0.1 ms). Step
    /// numbers are stored in 32 bits in spike files, so longer runs could not be recorded.
    static constexpr std::int64_t maxSteps = 1'000'000'000;

    double dtMs = 0.1;      ///< integration step
    double durationS = 1.0; ///< default run length (biological seconds)
    std::uint64_t seed = 1; ///< seed of every random stream
    int threads = 1;        ///< worker threads
    /// Unknown JSON members of this object (plugin-specific or newer fields), kept as loaded
    /// and written back on save. Null when there are none.
    nlohmann::json extra = nullptr;

    bool operator==(const SimulationSpec&) const = default;

    /// Steps of a run of @p durationS seconds at a step of @p dtMs, rounded to the nearest
    /// step. Never overflows: runs longer than maxSteps (also an infinite duration) give
    /// maxSteps + 1; a duration or step that is not a number > 0 gives 0.
    static std::int64_t stepCount(double durationS, double dtMs);
    /// Why a run of @p durationS seconds at @p dtMs cannot be simulated (0 steps, or more than
    /// maxSteps), or "" when it can. The text names the values and the limit.
    static std::string durationProblem(double durationS, double dtMs);
    /// stepCount() of a run that can be simulated; otherwise throws Error
    /// `"<where>: <durationProblem()>"`.
    static std::int64_t checkedStepCount(double durationS, double dtMs, const std::string& where);
};

} // namespace plexus::core
