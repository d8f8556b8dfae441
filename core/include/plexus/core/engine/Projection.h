#pragma once

#include "plexus/core/engine/Coupling.h"
#include "plexus/core/engine/SynapseDynamics.h"
#include "plexus/core/engine/SynapseMatrix.h"

#include <cstddef>
#include <memory>
#include <string>

namespace plexus::core {

/// A projection at run time: synapses plus where they deliver.
struct Projection {
    std::string name;
    std::size_t source = 0;   ///< population index
    std::size_t target = 0;   ///< population index
    std::size_t receptor = 0; ///< receptor index of the target model
    SynapseMatrix matrix;
    float weight = 0.0f; ///< homogeneous weight (when partitions carry no weights)
    int delaySteps = 1;  ///< homogeneous delay (when partitions carry no delays)
    int maxDelaySteps = 1;
    bool uniformDelay = true; ///< every synapse has delaySteps (partitions carry no delays)
    float* direct = nullptr;  ///< target state array for one-step delivery, or nullptr (ring)
    std::string synapseModel = "static";
    std::unique_ptr<SynapseDynamics> dynamics; ///< plasticity / short-term dynamics, or nullptr
    int modulator = -1;                        ///< population index of the modulator, or -1
    Coupling coupling = Coupling::Spike;
    std::size_t sourceVariable = 0; ///< rate/gap: state index read from the source
    std::size_t targetVariable = 0; ///< gap: state index of the target's membrane potential
};

} // namespace plexus::core
