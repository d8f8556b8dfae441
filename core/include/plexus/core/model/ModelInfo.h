#pragma once

#include "plexus/core/model/ModelKind.h"
#include "plexus/core/model/ParameterDescriptor.h"
#include "plexus/core/model/ReceptorDescriptor.h"
#include "plexus/core/model/StateVariableDescriptor.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace plexus::core {

/// Self-description of a model: identity, documentation and the four kinds of data it declares.
struct ModelInfo {
    std::string name;  ///< registry key used in project files, e.g. "lif_cuba"
    std::string label; ///< e.g. "LIF, current-based (exact)"
    ModelKind kind = ModelKind::Neuron;
    std::string category; ///< palette group, e.g. "Integrate-and-fire"
    std::string version = "1.0";
    std::string equations;         ///< equations shown as help
    std::string references;        ///< literature
    std::string doc;               ///< prose description
    std::vector<std::string> tags; ///< search keywords shown with the help
    std::vector<ParameterDescriptor> parameters;
    std::vector<StateVariableDescriptor> stateVariables;
    std::vector<ReceptorDescriptor> receptors;

    /// Index of a parameter by key.
    std::optional<std::size_t> parameterIndex(const std::string& key) const;
    /// Index of a state variable by key.
    std::optional<std::size_t> stateIndex(const std::string& key) const;
    /// Index of a receptor by key.
    std::optional<std::size_t> receptorIndex(const std::string& key) const;
};

} // namespace plexus::core
