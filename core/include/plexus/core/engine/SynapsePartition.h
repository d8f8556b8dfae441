#pragma once

#include <cstdint>
#include <vector>

namespace plexus::core {

/// The synapses of one projection whose targets fall in one partition (thread slice), in
/// compressed sparse rows by source. Weights and delays are empty when homogeneous.
struct SynapsePartition {
    std::vector<std::uint32_t> rowStart; ///< numSources + 1 offsets into targets
    std::vector<std::int32_t> targets;   ///< target neuron index (within the population)
    std::vector<float> weights;          ///< per-synapse weight, or empty
    std::vector<std::uint16_t> delays;   ///< per-synapse delay in steps, or empty
    /// Column index (built on demand, SynapseMatrix::buildColumns): the synapses into target j
    /// are columnSynapses[columnStart[j] .. columnStart[j+1]); sources[q] is synapse q's source.
    std::vector<std::uint32_t> columnStart;
    std::vector<std::uint32_t> columnSynapses;
    std::vector<std::int32_t> sources;
};

} // namespace plexus::core
