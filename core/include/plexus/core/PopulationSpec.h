#pragma once

#include "plexus/core/SpatialSpec.h"
#include "plexus/core/ValueSpec.h"

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace plexus::core {

/// A population of neurons of one model, as saved in a project.
struct PopulationSpec {
    std::string name;                       ///< unique name within the project
    std::string model;                      ///< registered neuron model name
    std::int64_t size = 0;                  ///< number of neurons
    std::map<std::string, double> params;   ///< parameter overrides (model defaults otherwise)
    std::map<std::string, ValueSpec> initial; ///< initial state per state variable
    SpatialSpec spatial = {};                 ///< where the neurons sit ("mixed": nowhere)
    /// Unknown JSON members of this object (plugin-specific or newer fields), kept as loaded
    /// and written back on save. Null when there are none.
    nlohmann::json extra = nullptr;

    bool operator==(const PopulationSpec&) const = default;
};

} // namespace plexus::core
