#pragma once

#include "plexus/core/ConnectionRows.h"
#include "plexus/core/ConnectivitySpec.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace plexus::core {

/// Draws the synapses of a projection from its connectivity rule.
///
/// Every source row (or target column for in-degree rules) has its own random stream derived
/// from the seed, so results do not depend on thread count or build order.
class ConnectivityBuilder {
public:
    /// Build rows for `numSources` x `numTargets`. `samePopulation` enables the autapse rule.
    /// Throws Error naming `where` for unknown rules or invalid parameters.
    static ConnectionRows build(const ConnectivitySpec& spec, std::size_t numSources,
                                std::size_t numTargets, bool samePopulation, std::uint64_t seed,
                                const std::string& where);
};

} // namespace plexus::core
