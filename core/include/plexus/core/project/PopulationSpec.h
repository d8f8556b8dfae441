#pragma once

#include "plexus/core/connectivity/SpatialSpec.h"
#include "plexus/core/project/ValueSpec.h"

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace plexus::core {

/// A population of neurons of one model, as saved in a project.
struct PopulationSpec {
    /// Fewest neurons of a population: a population has at least one neuron.
    static constexpr std::int64_t minSize = 1;
    /// Most neurons of a population.
    static constexpr std::int64_t maxSize = 100'000'000;

    std::string name;                         ///< unique name within the project
    std::string model;                        ///< registered neuron model name
    std::int64_t size = 0;                    ///< number of neurons
    std::map<std::string, double> params;     ///< parameter overrides (model defaults otherwise)
    std::map<std::string, ValueSpec> initial; ///< initial state per state variable
    SpatialSpec spatial = {};                 ///< where the neurons sit ("mixed": nowhere)
    /// Unknown JSON members of this object (plugin-specific or newer fields), kept as loaded
    /// and written back on save. Null when there are none.
    nlohmann::json extra = nullptr;

    bool operator==(const PopulationSpec&) const = default;

    /// Why @p size cannot be the size of a population (`must be >= 1 (got 0)`), or "" when it
    /// can.
    static std::string sizeProblem(std::int64_t size);
};

} // namespace plexus::core
