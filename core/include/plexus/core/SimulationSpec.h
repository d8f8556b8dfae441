#pragma once

#include <cstdint>

namespace plexus::core {

/// Global run settings of a project.
struct SimulationSpec {
    double dtMs = 0.1;       ///< integration step
    double durationS = 1.0;  ///< default run length (biological seconds)
    std::uint64_t seed = 1;  ///< seed of every random stream
    int threads = 1;         ///< worker threads

    bool operator==(const SimulationSpec&) const = default;
};

} // namespace plexus::core
