#pragma once

#include <string>

namespace plexus::core {

/// Describes one recordable state variable of a model (stored as float per neuron).
struct StateVariableDescriptor {
    std::string key;   ///< e.g. "v"
    std::string label; ///< e.g. "Membrane potential"
    std::string unit;  ///< e.g. "mV"
    std::string doc;
};

} // namespace plexus::core
