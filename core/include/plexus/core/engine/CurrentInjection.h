#pragma once

#include "plexus/core/engine/CurrentSource.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace plexus::core {

/// A current stimulus at run time: the source and the neurons it feeds, per thread slice.
struct CurrentInjection {
    std::string name;
    std::unique_ptr<CurrentSource> source;
    std::size_t target = 0;                         ///< population index
    std::size_t receptor = 0;                       ///< receptor index ("current")
    std::vector<std::vector<std::int32_t>> targets; ///< per slice, neuron indices
};

} // namespace plexus::core
