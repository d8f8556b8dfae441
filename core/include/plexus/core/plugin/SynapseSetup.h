#pragma once

#include "plexus/core/model/ParameterSet.h"

#include <cstddef>
#include <cstdint>

namespace plexus::core {

/// Everything a synapse model needs to create the dynamics of one projection.
struct SynapseSetup {
    const ParameterSet* params = nullptr;
    double dtMs = 0.1;
    std::size_t numSources = 0;
    std::size_t numTargets = 0;
    std::size_t partitions = 1;
    std::uint64_t seed = 0;
    float initialWeight = 0.0f; ///< the projection's weight (mean when distributed)
};

} // namespace plexus::core
