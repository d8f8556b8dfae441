#pragma once

#include "plexus/core/engine/Network.h"
#include "plexus/core/engine/SpikeRecorder.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace plexus::analysis {

/// The spikes of one population as (time in ms, neuron) pairs, independent of the time step.
struct SpikeTimes {
    std::string name;                  ///< population (or recorder) name
    std::size_t size = 0;              ///< number of neurons
    std::vector<double> timesMs;       ///< spike times
    std::vector<std::int32_t> neurons; ///< neuron index of each spike, in [0, size)

    /// Spikes of a core recorder of a population of `size` neurons simulated with step `dtMs`.
    static SpikeTimes fromRecorder(const core::SpikeRecorder& recorder, std::size_t size,
                                   double dtMs);
    /// Spikes of every spike recorder of a network, named after the recorder.
    static std::vector<SpikeTimes> fromNetwork(const core::Network& network);
};

} // namespace plexus::analysis
