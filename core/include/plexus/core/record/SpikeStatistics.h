#pragma once

#include "plexus/core/engine/SpikeRecorder.h"

#include <cstddef>
#include <vector>

namespace plexus::core {

/// Summary statistics of recorded spike trains.
class SpikeStatistics {
public:
    /// Spike count of every neuron of a population of `size`.
    static std::vector<std::size_t> counts(const SpikeRecorder& spikes, std::size_t size);
    /// Coefficient of variation of the inter-spike intervals of each neuron with at least
    /// `minSpikes` spikes (population standard deviation / mean), in neuron order.
    static std::vector<double> cvIsi(const SpikeRecorder& spikes, std::size_t size,
                                     std::size_t minSpikes = 3);
    /// Mean of cvIsi() over the neurons that qualify; `whenNone` (0 unless given) when none
    /// does.
    static double meanCvIsi(const SpikeRecorder& spikes, std::size_t size,
                            std::size_t minSpikes = 3, double whenNone = 0.0);
};

} // namespace plexus::core
