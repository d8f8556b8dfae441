#pragma once

#include "SpikeTraces.h"
#include "plexus/core/engine/DecayTable.h"
#include "plexus/core/engine/SynapseDynamics.h"
#include "plexus/core/model/ParameterSet.h"

#include <vector>

namespace plexus::plugins {

/// Event-driven pair STDP. Traces (SpikeTraces) are decayed on demand through lookup tables; each
/// thread partition keeps its own copy of the presynaptic traces, so no state is shared between
/// threads.
class StdpDynamics : public core::SynapseDynamics {
public:
    /// Rule constants.
    struct Rule {
        float aPlus = 0.0f, aMinus = 0.0f, wMin = 0.0f, wMax = 1.0f;
        bool multiplicative = false; ///< soft bounds: dw+ ~ (wMax - w), dw- ~ (w - wMin)
        bool nearest = false;        ///< traces reset to 1 instead of accumulating
        core::DecayTable plus, minus;
    };

    StdpDynamics(const Rule& rule, std::size_t numSources, std::size_t numTargets,
                 std::size_t partitions);

    bool needsColumns() const override { return true; }
    void deliver(std::int64_t spikeStep, std::size_t partition, core::SynapsePartition& synapses,
                 std::span<const std::int32_t> spikes, float* buffer) override;
    void postSpikes(std::int64_t spikeStep, std::size_t partition, core::SynapsePartition& synapses,
                    std::span<const std::int32_t> spikes) override;

private:
    /// Traces owned by one partition: a copy of every presynaptic trace, the slice's postsynaptic.
    struct Traces {
        SpikeTraces<1> pre;  ///< every presynaptic neuron
        SpikeTraces<1> post; ///< the postsynaptic neurons
    };

    Rule m_rule;
    std::vector<Traces> m_traces;
};

} // namespace plexus::plugins
