#pragma once

#include "plexus/core/project/ProjectSpec.h"

#include <cstddef>

namespace plexus::core {

/// The two standard benchmark networks of Brette et al. (2007), as projects: N neurons, 80 %
/// excitatory, connection probability 80/N, dt 0.1 ms, every spike recorded.
class StandardNetworks {
public:
    /// CUBA (benchmark 2, Brian2's examples/CUBA.py): LIF with current-based synapses.
    static ProjectSpec cuba(std::size_t n = 4000);
    /// COBA (benchmark 1, Vogels & Abbott 2005): LIF with conductance-based synapses.
    static ProjectSpec coba(std::size_t n = 4000);
    /// Make the excitatory projections (E->E, E->I) of a standard network plastic with pair
    /// STDP (additive, weights bounded by twice their initial value). Returns false when the
    /// project has no such projections.
    static bool addStdp(ProjectSpec& project);
};

} // namespace plexus::core
