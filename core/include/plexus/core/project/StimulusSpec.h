#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace plexus::core {

/// A stimulus node. Spike sources (Poisson, spike times) have a size and feed projections;
/// current sources (DC, step) name a target population and inject into its `current` input.
struct StimulusSpec {
    std::string name;
    std::string model;
    std::int64_t size = 0;             ///< spike sources: number of channels
    std::string target;                ///< current sources: target population
    std::string receptor;              ///< current sources: input port (default "current")
    std::vector<std::int64_t> neurons; ///< current sources: subset of target (empty = all)
    std::map<std::string, double> params;
    std::vector<double> times;         ///< spike-time generator: spike times in ms
    std::vector<std::int64_t> indices; ///< spike-time generator: channel of each time
    /// spike-time generator: CSV file (`time_ms,channel` rows, optional header) the times and
    /// channels were read from, relative to the project file; saved instead of the lists.
    std::string file;
    /// Unknown JSON members of this object (plugin-specific or newer fields), kept as loaded
    /// and written back on save. Null when there are none.
    nlohmann::json extra = nullptr;

    bool operator==(const StimulusSpec&) const = default;
};

} // namespace plexus::core
