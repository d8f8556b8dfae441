#pragma once

#include "plexus/core/model/ParameterSet.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace plexus::core {

/// Everything a model needs to create a population instance.
struct GroupSetup {
    const ParameterSet* params = nullptr;
    std::size_t size = 0;           ///< neurons (current sources: number of targets)
    std::size_t populationSize = 0; ///< current sources: size of the targeted population
    double dtMs = 0.1;
    std::uint64_t seed = 0;            ///< seed of this population's own random stream
    std::vector<double> times;         ///< spike-time sources: times in ms
    std::vector<std::int64_t> indices; ///< spike-time sources: channel per time
    /// Spike sources: the stimulus' JSON members the project format does not know (e.g. a
    /// time series' "values" or "signal_file") as JSON text of an object; empty when there are
    /// none.
    std::string extraJson;
    /// The project file, for files named relative to it (empty when the project has none).
    std::string origin;
};

} // namespace plexus::core
