#pragma once

#include "plexus/core/engine/CurrentInjection.h"
#include "plexus/core/engine/Intervention.h"
#include "plexus/core/engine/Population.h"
#include "plexus/core/engine/Projection.h"
#include "plexus/core/engine/RateRecorder.h"
#include "plexus/core/engine/SpikeRecorder.h"
#include "plexus/core/engine/StateRecorder.h"
#include "plexus/core/engine/TrialWindow.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace plexus::core {

/// A built, runnable circuit: populations (neurons and spike sources), projections, current
/// injections, interventions and recorders, split into `partitions` thread slices.
class Network {
public:
    double dtMs = 0.1;
    std::uint64_t seed = 1;
    std::size_t partitions = 1;       ///< thread slices actually used
    std::size_t requestedThreads = 1; ///< threads asked for (see BuildOptions::minNeuronsPerThread)
    std::vector<Population> populations;
    std::vector<Projection> projections;
    std::vector<CurrentInjection> injections;
    std::vector<SpikeRecorder> spikeRecorders;
    std::vector<StateRecorder> stateRecorders;
    std::vector<RateRecorder> rateRecorders;
    /// Gates, perturbations and synapse edits applied while running (may be added between
    /// chunks; a one-time action whose step has passed does nothing).
    std::vector<Intervention> interventions;
    /// The trials of the project's protocol in time order (empty without a protocol).
    std::vector<TrialWindow> trials;
    /// The protocol's condition names (index = TrialWindow::condition).
    std::vector<std::string> conditionNames;

    /// Index of a population or spike source by name.
    std::optional<std::size_t> populationIndex(const std::string& name) const;
    /// Total number of synapses.
    std::uint64_t synapseCount() const;
    /// Total number of neurons (spike sources excluded).
    std::uint64_t neuronCount() const;
};

} // namespace plexus::core
