#pragma once

#include "plexus/analysis/SpikeTimes.h"

#include <filesystem>
#include <optional>
#include <vector>

namespace plexus::analysis {

/// Reads the recordings of a run folder written by `plexus-cli run --out DIR`.
class RunFolder {
public:
    /// True when `dir` is a folder that holds at least one spikes_<name>.csv file.
    static bool isRunFolder(const std::filesystem::path& dir);
    /// Spikes of every spikes_<name>.csv (`time_ms,neuron`), sorted by name. Population sizes
    /// come from spikes.bin when present, else from the highest neuron index + 1. Throws
    /// core::Error naming the file and line of a bad entry.
    static std::vector<SpikeTimes> readSpikes(const std::filesystem::path& dir);
    /// Simulated duration in ms from summary.json, if present.
    static std::optional<double> durationMs(const std::filesystem::path& dir);
};

} // namespace plexus::analysis
