#pragma once

#include <cstdint>
#include <vector>

namespace plexus::core {

/// Connections in global compressed sparse rows: the targets of source i are
/// targets[rowStart[i] .. rowStart[i+1]), ascending.
struct ConnectionRows {
    std::vector<std::uint64_t> rowStart;
    std::vector<std::int32_t> targets;
    /// Per-synapse weights in row order when the rule supplies them (`csv_edges` with a weight
    /// column); they replace the projection's weight. Empty otherwise.
    std::vector<float> weights;
    /// Per-synapse delays (ms) in row order when the rule supplies them (`csv_edges` with a
    /// delay column); they replace the projection's delay. Empty otherwise.
    std::vector<double> delaysMs;

    /// Number of synapses.
    std::uint64_t size() const { return targets.size(); }
};

} // namespace plexus::core
