#pragma once

#include <cstdint>
#include <optional>

namespace plexus::core {

/// Overrides applied when building a network from a project.
struct BuildOptions {
    std::optional<std::uint64_t> seed; ///< replaces the project seed
    std::optional<int> threads;        ///< replaces the project thread count
    bool recordAllSpikes = false;      ///< add a spike recorder to every population lacking one
};

} // namespace plexus::core
