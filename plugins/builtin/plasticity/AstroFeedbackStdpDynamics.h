#pragma once

#include "SpikeTraces.h"
#include "TraceDecay.h"
#include "plexus/core/engine/SynapseDynamics.h"

#include <vector>

namespace plexus::plugins {

/// Pair STDP under the global feedback of one astrocyte that compares the projection's
/// presynaptic activity with the activity of its modulator population.
///
/// The astrocyte variable a jumps by +w_liquid for every presynaptic spike of the projection
/// (the liquid) and by -w_input for every spike of the modulator population (the input), and
/// decays with tau_astro. Its output A = tanh(a) shifts the balance of the pair rule: a
/// postsynaptic spike adds a_plus (1 - A) x, a presynaptic spike removes a_minus (1 + A) y.
/// So when the liquid is more active than w_input / w_liquid times the input, depression wins,
/// and potentiation wins when it is less active. An event uses a as of just before its step.
/// Every partition sees every presynaptic and modulator spike, so each keeps its own identical
/// copy of a.
class AstroFeedbackStdpDynamics : public core::SynapseDynamics {
public:
    /// Rule constants.
    struct Rule {
        double aPlus = 0.0, aMinus = 0.0;
        double wLiquid = 0.0, wInput = 0.0; ///< jump of a per liquid / input spike
        float wMin = 0.0f, wMax = 1.0f;
        TraceDecay plus, minus, astro;
    };

    /// Dynamics for a projection of `numSources` x `numTargets` split into `partitions`.
    AstroFeedbackStdpDynamics(const Rule& rule, std::size_t numSources, std::size_t numTargets,
                              std::size_t partitions);

    bool needsColumns() const override { return true; }
    void modulatorSpikes(std::int64_t spikeStep, std::size_t partition, std::size_t count) override;
    void deliver(std::int64_t spikeStep, std::size_t partition, core::SynapsePartition& synapses,
                 std::span<const std::int32_t> spikes, float* buffer) override;
    void postSpikes(std::int64_t spikeStep, std::size_t partition, core::SynapsePartition& synapses,
                    std::span<const std::int32_t> spikes) override;

    /// The astrocyte variable a of `partition` at `step`, with the spikes of steps before it.
    double astrocyte(std::size_t partition, std::int64_t step) const;
    /// The astrocyte's output A = tanh(a) of `partition` at `step`.
    double output(std::size_t partition, std::int64_t step) const;

private:
    /// State owned by one partition.
    struct State {
        SpikeTraces<1> pre;   ///< every presynaptic neuron
        SpikeTraces<1> post;  ///< the postsynaptic neurons
        double a = 0.0;       ///< astrocyte variable as of aStep, without that step's spikes
        double pending = 0.0; ///< jumps of aStep's spikes, added when a later step begins
        std::int64_t aStep = 0;
    };

    /// Bring `st` to `step`: earlier jumps are added and a decays to the start of `step`.
    void advanceTo(State& st, std::int64_t step) const;

    Rule m_rule;
    std::vector<State> m_state;
};

} // namespace plexus::plugins
