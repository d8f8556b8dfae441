#pragma once

#include "SpikeTraces.h"
#include "TraceDecay.h"
#include "plexus/core/engine/SynapseDynamics.h"

#include <vector>

namespace plexus::plugins {

/// Event-driven pair STDP whose amplitudes are multiplied by a gate G(Ca) of a calcium variable
/// per postsynaptic neuron: Ca jumps by ca_increment for every presynaptic spike arriving at the
/// neuron through this projection and decays with tau_ca. An event uses Ca just before its step
/// (presynaptic spikes of the same step do not count yet). The calcium of a neuron belongs to
/// the partition of the neuron; each partition keeps its own copy of the presynaptic traces.
class AstroStdpDynamics : public core::SynapseDynamics {
public:
    /// Rule constants.
    struct Rule {
        double aPlus = 0.0, aMinus = 0.0;
        float wMin = 0.0f, wMax = 1.0f;
        double caIncrement = 0.0, caThreshold = 0.0;
        double gateWidth = 0.0;     ///< 0: step gate; > 0: logistic gate of this width
        bool gateDepression = true; ///< false: only potentiation is gated
        TraceDecay plus, minus, calcium;
    };

    /// Dynamics for a projection of `numSources` x `numTargets` split into `partitions`.
    AstroStdpDynamics(const Rule& rule, std::size_t numSources, std::size_t numTargets,
                      std::size_t partitions);

    bool needsColumns() const override { return true; }
    void deliver(std::int64_t spikeStep, std::size_t partition, core::SynapsePartition& synapses,
                 std::span<const std::int32_t> spikes, float* buffer) override;
    void postSpikes(std::int64_t spikeStep, std::size_t partition, core::SynapsePartition& synapses,
                    std::span<const std::int32_t> spikes) override;

    /// Calcium of `target` at `step`, counting the presynaptic spikes delivered so far.
    double calcium(std::size_t target, std::int64_t step) const;
    /// The gate G(ca) in [0, 1].
    double gate(double ca) const;

private:
    /// State owned by one partition.
    struct State {
        SpikeTraces<1> pre;           ///< every presynaptic neuron
        SpikeTraces<1> post;          ///< the postsynaptic neurons
        std::vector<double> ca;       ///< per target, as of caStep (with that step's spikes)
        std::vector<double> caBefore; ///< per target, at caStep without that step's spikes
        std::vector<std::int64_t> caStep;
    };

    Rule m_rule;
    std::vector<State> m_state;
};

} // namespace plexus::plugins
