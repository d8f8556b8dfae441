#pragma once

#include "plexus/core/engine/Network.h"

#include <cstdint>
#include <string>
#include <vector>

namespace plexus::core {

/**
 * @brief Carries a running network's dynamic state into a network rebuilt from an edited
 *        project, so a run continues across a parameter or structural edit.
 *
 * Matching is by name: a population keeps its state variables (by variable name) and its
 * pending delayed input when it has the same model and size in both networks; a projection
 * keeps its per-synapse weights and delays when it connects the same populations with the same
 * synapses (the rebuilt connectivity is identical when its rule and seed did not change).
 * Internal state of plasticity rules (traces) and the spikes of the last step before the
 * rebuild are not carried over.
 */
class NetworkStateTransfer {
public:
    /// What was carried over.
    struct Report {
        std::vector<std::string> populations; ///< populations whose state was copied
        std::vector<std::string> projections; ///< projections whose weights were copied
    };

    /// Copy state from `from` (stopped at step `step`) into `to` (not yet run).
    static Report transfer(Network& from, Network& to, std::int64_t step);
};

} // namespace plexus::core
