#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

namespace plexus::core {

/// Global run settings of a project.
struct SimulationSpec {
    double dtMs = 0.1;       ///< integration step
    double durationS = 1.0;  ///< default run length (biological seconds)
    std::uint64_t seed = 1;  ///< seed of every random stream
    int threads = 1;         ///< worker threads
    /// Unknown JSON members of this object (plugin-specific or newer fields), kept as loaded
    /// and written back on save. Null when there are none.
    nlohmann::json extra = nullptr;

    bool operator==(const SimulationSpec&) const = default;
};

} // namespace plexus::core
