#pragma once

#include <string>

namespace plexus::core {

/// Describes one input port of a neuron model: what a delivered weight means.
struct ReceptorDescriptor {
    std::string key;  ///< e.g. "exc", "inh", "current"
    std::string unit; ///< unit of weights arriving here, e.g. "mV", "nS", "pA"
    std::string doc;
};

} // namespace plexus::core
