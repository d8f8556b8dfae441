#pragma once

#include "SpikeTraces.h"
#include "TraceDecay.h"
#include "plexus/core/engine/SynapseDynamics.h"

#include <vector>

namespace plexus::plugins {

/// Event-driven triplet STDP. Two presynaptic traces (r1 with tau_plus, r2 with tau_x) and two
/// postsynaptic traces (o1 with tau_minus, o2 with tau_y) are stored with the step of their last
/// update and decayed on demand. Each thread partition keeps its own copy of the presynaptic
/// traces and the postsynaptic traces of its slice, so no state is shared between threads.
class StdpTripletDynamics : public core::SynapseDynamics {
public:
    /// Rule constants.
    struct Rule {
        double a2Plus = 0.0, a3Plus = 0.0, a2Minus = 0.0, a3Minus = 0.0;
        float wMin = 0.0f, wMax = 1.0f;
        bool nearest = false; ///< traces reset to 1 instead of accumulating
        TraceDecay plus, minus, x, y;
    };

    /// Dynamics for a projection of `numSources` x `numTargets` split into `partitions`.
    StdpTripletDynamics(const Rule& rule, std::size_t numSources, std::size_t numTargets,
                        std::size_t partitions);

    bool needsColumns() const override { return true; }
    void deliver(std::int64_t spikeStep, std::size_t partition, core::SynapsePartition& synapses,
                 std::span<const std::int32_t> spikes, float* buffer) override;
    void postSpikes(std::int64_t spikeStep, std::size_t partition, core::SynapsePartition& synapses,
                    std::span<const std::int32_t> spikes) override;

private:
    /// Traces owned by one partition.
    struct Traces {
        SpikeTraces<2> pre;  ///< every presynaptic neuron: r1 (tau_plus) and r2 (tau_x)
        SpikeTraces<2> post; ///< the postsynaptic neurons: o1 (tau_minus) and o2 (tau_y)
    };

    Rule m_rule;
    std::vector<Traces> m_traces;
};

} // namespace plexus::plugins
