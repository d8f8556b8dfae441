#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace plexus::core {

/// Records every spike of a population as (step, neuron), in time then neuron order.
struct SpikeRecorder {
    std::string name;
    std::size_t population = 0;
    std::vector<std::int64_t> steps;
    std::vector<std::int32_t> neurons;
};

} // namespace plexus::core
