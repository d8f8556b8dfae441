#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace plexus::core {

/// Overrides applied when building a network from a project.
struct BuildOptions {
    std::optional<std::uint64_t> seed; ///< replaces the project seed
    std::optional<int> threads;        ///< replaces the project thread count
    bool recordAllSpikes = false;      ///< add a spike recorder to every population lacking one
    /// Threads beyond the first are used only when each gets at least this many neurons
    /// (a step of a small network costs less than a thread handshake). Results are identical
    /// for any thread count, so this never changes what is computed. 0 disables the cap.
    std::size_t minNeuronsPerThread = 20000;
    /// The project's file (or another name of where it came from): when set, every error
    /// starts with it, as loading errors do (`cuba.json: projections[2].target: ...`).
    std::string origin;
};

} // namespace plexus::core
