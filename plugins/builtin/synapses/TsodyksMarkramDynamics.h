#pragma once

#include "plexus/core/engine/SynapseDynamics.h"

#include <vector>

namespace plexus::plugins {

/// Per presynaptic neuron utilisation u and resources x (the rule has one parameter set per
/// projection, so every synapse of a source shares them); each partition keeps its own copy.
class TsodyksMarkramDynamics : public core::SynapseDynamics {
public:
    TsodyksMarkramDynamics(double u, double tauRecMs, double tauFacMs, double dtMs,
                           std::size_t numSources, std::size_t partitions);

    void deliver(std::int64_t spikeStep, std::size_t partition, core::SynapsePartition& synapses,
                 std::span<const std::int32_t> spikes, float* buffer) override;

private:
    struct State {
        std::vector<double> u, x;
        std::vector<std::int64_t> last;
    };
    double m_u, m_tauRec, m_tauFac, m_dt;
    std::vector<State> m_state;
};

} // namespace plexus::plugins
