#pragma once

#include "plexus/core/engine/DelayedInput.h"
#include "plexus/core/engine/StepContext.h"
#include "plexus/core/engine/SynapseMatrix.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace plexus::core {

/// The state and rules of one projection's synapses, beyond a static weight.
///
/// The engine calls these per thread partition: partition k is only ever touched by the thread
/// that owns targets slice k, so implementations keep per-partition state (for example a copy of
/// every presynaptic trace per partition) and need no locks. Every projection with dynamics
/// stores a weight per synapse.
class SynapseDynamics {
public:
    virtual ~SynapseDynamics() = default;

    /// True when postSpikes() needs, per partition, the incoming synapses of each target
    /// (SynapseMatrix::buildColumns()).
    virtual bool needsColumns() const { return false; }

    /// Largest per-synapse delay (in steps) the rule may set, or 0 when it keeps the
    /// projection's single delay. A positive value makes the engine store a delay per synapse
    /// (SynapsePartition::delays, initialised from the projection's delays) and call
    /// deliverDelayed() instead of deliver().
    virtual int maxDelaySteps() const { return 0; }

    /// Like deliver(), for rules with per-synapse delays: synapse q's weight goes to
    /// `input.after(synapses.delays[q])`.
    virtual void deliverDelayed(std::int64_t spikeStep, std::size_t partition,
                                SynapsePartition& synapses, std::span<const std::int32_t> spikes,
                                DelayedInput& input) {
        (void)spikeStep;
        (void)partition;
        (void)synapses;
        (void)spikes;
        (void)input;
    }

    /// Called once after the matrix is built, before the run.
    virtual void attach(SynapseMatrix& matrix) { (void)matrix; }

    /// Deliver presynaptic `spikes` (source indices) emitted in step `spikeStep` through the
    /// synapses of `partition`: add each synapse's effective weight to `buffer[target]` (the
    /// targets' input for the arrival step) and apply presynaptic plasticity.
    virtual void deliver(std::int64_t spikeStep, std::size_t partition, SynapsePartition& synapses,
                         std::span<const std::int32_t> spikes, float* buffer) {
        (void)spikeStep;
        (void)partition;
        (void)synapses;
        (void)spikes;
        (void)buffer;
    }

    /// Number of spikes the projection's modulator population (ProjectionSpec::modulator, e.g.
    /// a reward or error signal) emitted in step `spikeStep`; called once per step and
    /// partition before deliver(), also when the count is 0.
    virtual void modulatorSpikes(std::int64_t spikeStep, std::size_t partition, std::size_t count) {
        (void)spikeStep;
        (void)partition;
        (void)count;
    }

    /// Postsynaptic `spikes` (target indices, all within `partition`'s slice) emitted in step
    /// `spikeStep`: apply postsynaptic plasticity.
    virtual void postSpikes(std::int64_t spikeStep, std::size_t partition,
                            SynapsePartition& synapses, std::span<const std::int32_t> spikes) {
        (void)spikeStep;
        (void)partition;
        (void)synapses;
        (void)spikes;
    }
};

} // namespace plexus::core
