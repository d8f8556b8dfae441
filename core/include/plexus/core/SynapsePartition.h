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
};

} // namespace plexus::core
