#pragma once

#include <cstdint>
#include <vector>

namespace plexus::core {

/// Connections in global compressed sparse rows: the targets of source i are
/// targets[rowStart[i] .. rowStart[i+1]), ascending.
struct ConnectionRows {
    std::vector<std::uint64_t> rowStart;
    std::vector<std::int32_t> targets;

    /// Number of synapses.
    std::uint64_t size() const { return targets.size(); }
};

} // namespace plexus::core
