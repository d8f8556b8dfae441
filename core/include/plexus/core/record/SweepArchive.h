#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace plexus::core {

/**
 * @brief The results of a parameter sweep, and its HDF5 file (readable with h5py).
 *
 * Layout (docs/experiments.md, "Sweep archive"):
 * ```
 * /sweep    attrs: format="plexus-sweep", format_version, plexus_version, definition (JSON),
 *                  hash, project (JSON), parameters (paths), metrics (names)
 * /points   one dataset per column, one row per run:
 *           index, repeat (int64), seed (uint64), one float64 column per parameter (named
 *           after its path, "/" written "."), status ("ok", "failed", "pending"),
 *           error (text), wall_s (float64), one float64 column per metric (NaN when not
 *           computed), summary (the run summary JSON of plexus-cli run; "" when none)
 * ```
 * write() writes next to the target and renames over it, so a sweep killed at any moment
 * leaves the previous complete file. Every failure throws Error naming the file.
 */
class SweepArchive {
public:
    /// One run of the sweep.
    struct Point {
        std::int64_t index = 0;
        std::int64_t repeat = 0;
        std::uint64_t seed = 0;
        std::vector<double> values;  ///< one per parameter
        std::string status;          ///< "ok", "failed" or "pending"
        std::string error;           ///< why a failed run failed
        double wallS = 0.0;          ///< wall time of the run (NaN while pending)
        std::vector<double> metrics; ///< one per metric (NaN: not computed)
        std::string summary;         ///< run summary JSON
        bool operator==(const Point&) const = default;
    };

    std::string definition;              ///< the sweep definition (JSON text)
    std::string hash;                    ///< hashOf(definition, project)
    std::string project;                 ///< the project document swept (JSON text)
    std::vector<std::string> parameters; ///< parameter paths, in column order
    std::vector<std::string> metrics;    ///< metric names, in column order
    std::vector<Point> points;           ///< in row order

    /// Write to `path` (temporary file + rename).
    void write(const std::filesystem::path& path) const;
    /// Read a sweep archive. Throws Error naming the file when it is missing, not HDF5, not a
    /// sweep archive, or malformed.
    static SweepArchive read(const std::filesystem::path& path);
    /// The HDF5 name of the column of a parameter path ("/" becomes ".").
    static std::string columnName(const std::string& parameterPath);
    /// Hash identifying a sweep: of its definition and the project it sweeps.
    static std::string hashOf(const std::string& definition, const std::string& project);
    bool operator==(const SweepArchive&) const = default;
    /// Current value of the /sweep format_version attribute.
    static constexpr int formatVersion = 1;
};

} // namespace plexus::core
