#pragma once

#include "plexus/core/project/ParameterPath.h"

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace plexus::core {

/**
 * @brief The definition of a parameter sweep: axes of values at parameter paths, repeats with
 * different seeds, and the metrics to keep.
 *
 * An axis is written `PATH=SPEC` with SPEC one of
 * - `START:STOP:N`: N values evenly spaced from START to STOP (both included);
 * - `log:START:STOP:N`: N values evenly spaced in log10 from START to STOP (both > 0);
 * - `rand:LOW:HIGH:N`: N values drawn uniformly from [LOW, HIGH) with a stream derived from
 *   the sweep's seed and the axis' position (the same definition draws the same values);
 * - `a,b,c` (or a single value): the listed values.
 *
 * The points are the outer product of the axes, the first axis outermost, each taken `repeats`
 * times (the innermost loop), so row i of a sweep is always the same point. Repeat r of a point
 * runs with seed `base + r`, where base is the point's value of `simulation.seed` when that
 * path is an axis and the sweep's seed otherwise: a point's seed depends only on the definition.
 */
class SweepSpec {
public:
    /// One varied parameter.
    struct Axis {
        ParameterPath path = ParameterPath::parse("simulation.seed");
        std::string spec;           ///< the SPEC as written
        std::vector<double> values; ///< the values it takes, in order
    };
    /// One run of the sweep.
    struct Point {
        std::size_t index = 0;      ///< row in the sweep (0-based)
        std::size_t repeat = 0;     ///< repeat number (0-based)
        std::uint64_t seed = 0;     ///< simulation seed of the run
        std::vector<double> values; ///< value of each axis
    };

    std::vector<Axis> axes;
    std::size_t repeats = 1;          ///< runs per point, each with its own seed
    std::uint64_t seed = 1;           ///< base seed (repeats, random axes)
    std::vector<std::string> metrics; ///< metric names (SweepMetrics) kept per run
    double durationS = 0.0;           ///< simulated time per run; 0: the project's

    /// Parse `PATH=SPEC` into an axis; a random axis draws from `seed` and `axisIndex`.
    /// Throws Error naming the argument for a malformed SPEC (N < 1, non-numbers, log of
    /// values <= 0, LOW > HIGH).
    static Axis parseAxis(const std::string& text, std::uint64_t seed, std::size_t axisIndex);
    /// Throws Error (one line naming the path and the valid names) when an axis path does not
    /// name a number of `project` (its JSON document) or an axis value does not fit it.
    void validate(const nlohmann::json& project) const;
    /// Number of runs: the product of the axis sizes times repeats.
    std::size_t pointCount() const;
    /// Every run in row order.
    std::vector<Point> points() const;
    /// The project document of `point`: `project` with every axis value applied.
    nlohmann::json apply(const nlohmann::json& project, const Point& point) const;
    /// The definition as JSON (axes with paths, specs and values; repeats; seed; metrics;
    /// duration_s): what a resumed sweep must match.
    nlohmann::json definition() const;
};

} // namespace plexus::core
