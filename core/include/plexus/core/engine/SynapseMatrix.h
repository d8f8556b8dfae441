#pragma once

#include "plexus/core/engine/ConnectionRows.h"
#include "plexus/core/engine/SynapsePartition.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace plexus::core {

/// The synapses of a projection, split by target range into partitions so that each worker
/// thread writes only its own targets. The split keeps every row's order, so delivery order per
/// target (and therefore every float sum) is the same for any number of partitions.
class SynapseMatrix {
public:
    SynapseMatrix() = default;

    /// Split global rows at target `boundaries` (size partitions + 1, ascending, first 0).
    /// `weights` / `delays` are per synapse in row order, or empty when homogeneous.
    SynapseMatrix(const ConnectionRows& rows, const std::vector<float>& weights,
                  const std::vector<std::uint16_t>& delays,
                  const std::vector<std::size_t>& boundaries);

    /// Number of source neurons (rows).
    std::size_t numSources() const { return m_numSources; }
    /// Total number of synapses.
    std::uint64_t numSynapses() const { return m_numSynapses; }
    /// Number of target partitions.
    std::size_t numPartitions() const { return m_partitions.size(); }
    /// Partition k.
    const SynapsePartition& partition(std::size_t k) const { return m_partitions[k]; }
    /// Mutable partition k (plasticity).
    SynapsePartition& partition(std::size_t k) { return m_partitions[k]; }
    /// Build every partition's column index and per-synapse sources, for targets [0, numTargets).
    void buildColumns(std::size_t numTargets);
    /// Give every partition a per-synapse weight array filled with `weight` (when it has none).
    void materializeWeights(float weight);
    /// Give every partition a per-synapse delay array filled with `steps` (when it has none).
    void materializeDelays(std::uint16_t steps);
    /// Out-degree of each source.
    std::vector<std::uint32_t> outDegrees() const;
    /// Visit every synapse as (source, target, weight index in its partition, partition).
    void forEach(const std::function<void(std::size_t source, std::int32_t target,
                                          std::size_t partition, std::size_t index)>& visit) const;

private:
    std::size_t m_numSources = 0;
    std::uint64_t m_numSynapses = 0;
    std::vector<SynapsePartition> m_partitions;
};

} // namespace plexus::core
