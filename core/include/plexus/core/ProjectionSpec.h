#pragma once

#include "plexus/core/ConnectivitySpec.h"
#include "plexus/core/ValueSpec.h"

#include <string>

namespace plexus::core {

/// A projection (bundle of synapses) from one population or spike source to a population.
struct ProjectionSpec {
    std::string name;
    std::string source;          ///< population or spike-source stimulus name
    std::string target;          ///< population name
    std::string receptor = "exc"; ///< input port of the target model ("exc", "inh", ...)
    ConnectivitySpec connectivity;
    ValueSpec weight = ValueSpec::constant(1.0);    ///< in the receptor's unit
    ValueSpec delayMs = ValueSpec::constant(0.1);   ///< transmission delay, >= one step
    std::string synapse = "static";

    bool operator==(const ProjectionSpec&) const = default;
};

} // namespace plexus::core
