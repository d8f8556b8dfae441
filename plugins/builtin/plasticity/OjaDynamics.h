#pragma once

#include "SpikeTraces.h"
#include "TraceDecay.h"
#include "plexus/core/engine/SynapseDynamics.h"

#include <vector>

namespace plexus::plugins {

/// Oja's rule sampled at postsynaptic spikes: rate traces x (per source) and y (per target) in
/// Hz; at a postsynaptic spike every incoming weight changes by eta (sign x - alpha y w), with y
/// taken just before the spike's own increment. Each partition keeps its own copy of the
/// presynaptic traces.
class OjaDynamics : public core::SynapseDynamics {
public:
    /// Rule constants.
    struct Rule {
        double eta = 0.0, alpha = 0.0, sign = 1.0;
        float preJump = 1.0f, postJump = 1.0f; ///< trace increments 1000 / tau (Hz)
        float wMin = -1.0f, wMax = 1.0f;
        TraceDecay pre, post;
    };

    /// Dynamics for a projection of `numSources` x `numTargets` split into `partitions`.
    OjaDynamics(const Rule& rule, std::size_t numSources, std::size_t numTargets,
                std::size_t partitions);

    bool needsColumns() const override { return true; }
    void deliver(std::int64_t spikeStep, std::size_t partition, core::SynapsePartition& synapses,
                 std::span<const std::int32_t> spikes, float* buffer) override;
    void postSpikes(std::int64_t spikeStep, std::size_t partition, core::SynapsePartition& synapses,
                    std::span<const std::int32_t> spikes) override;

private:
    /// Traces owned by one partition.
    struct Traces {
        SpikeTraces<1> pre;  ///< every presynaptic neuron
        SpikeTraces<1> post; ///< the postsynaptic neurons
    };

    Rule m_rule;
    std::vector<Traces> m_traces;
};

} // namespace plexus::plugins
