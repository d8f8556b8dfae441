#include "plexus/core/project/SimulationSpec.h"

#include "plexus/core/base/Error.h"

#include <cmath>
#include <cstdio>

namespace plexus::core {

namespace {

/// A number as a person writes it: 1e+20, 0.1, 100000.
std::string formatNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

} // namespace

std::int64_t SimulationSpec::stepCount(double durationS, double dtMs) {
    if (!(durationS > 0.0) || !(dtMs > 0.0)) // also NaN
        return 0;
    const double steps = std::round(durationS * 1e3 / dtMs);
    if (!(steps <= static_cast<double>(maxSteps))) // also infinite and NaN
        return maxSteps + 1;
    return static_cast<std::int64_t>(steps);
}

std::string SimulationSpec::durationProblem(double durationS, double dtMs) {
    if (!std::isfinite(durationS) || !(durationS > 0.0))
        return "the duration must be a number > 0 s (got " + formatNumber(durationS) + ")";
    if (!std::isfinite(dtMs) || !(dtMs > 0.0))
        return "the time step must be a number > 0 ms (got " + formatNumber(dtMs) + ")";
    const std::int64_t steps = stepCount(durationS, dtMs);
    if (steps == 0)
        return formatNumber(durationS) + " s is less than half a time step of " +
               formatNumber(dtMs) + " ms: the run would have 0 steps";
    if (steps > maxSteps)
        return formatNumber(durationS) + " s is more than the maximum of " +
               std::to_string(maxSteps) + " steps (" +
               formatNumber(static_cast<double>(maxSteps) * dtMs * 1e-3) +
               " s at dt = " + formatNumber(dtMs) + " ms)";
    return {};
}

std::int64_t SimulationSpec::checkedStepCount(double durationS, double dtMs,
                                              const std::string& where) {
    if (const std::string problem = durationProblem(durationS, dtMs); !problem.empty())
        throw Error(where + ": " + problem);
    return stepCount(durationS, dtMs);
}

} // namespace plexus::core
