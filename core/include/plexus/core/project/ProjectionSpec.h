#pragma once

#include "plexus/core/connectivity/ConnectivitySpec.h"
#include "plexus/core/project/ValueSpec.h"

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace plexus::core {

/// A projection (bundle of synapses) from one population or spike source to a population.
struct ProjectionSpec {
    std::string name;
    std::string source;           ///< population or spike-source stimulus name
    std::string target;           ///< population name
    std::string receptor = "exc"; ///< input port of the target model ("exc", "inh", ...)
    ConnectivitySpec connectivity;
    ValueSpec weight = ValueSpec::constant(1.0);  ///< in the receptor's unit
    ValueSpec delayMs = ValueSpec::constant(0.1); ///< transmission delay, >= one step
    std::string synapse = "static";               ///< synapse / plasticity model name
    std::map<std::string, double> synapseParams;  ///< its parameter overrides
    std::string modulator; ///< population whose spikes modulate the plasticity rule, or empty
    /// Unknown JSON members of this object (plugin-specific or newer fields), kept as loaded
    /// and written back on save. Null when there are none.
    nlohmann::json extra = nullptr;

    bool operator==(const ProjectionSpec&) const = default;
};

} // namespace plexus::core
