#pragma once

#include "SpikeTraces.h"
#include "TraceDecay.h"
#include "plexus/core/engine/SynapseDynamics.h"

#include <vector>

namespace plexus::plugins {

/// Eligibility-trace plasticity gated by a modulator signal.
///
/// Pair STDP changes a per-synapse eligibility e (decay tau_e) instead of the weight. The
/// modulator trace m jumps by amplitude / tau_m at every modulator spike and decays with tau_m;
/// M(t) = m(t) - amplitude * baseline. Between steps the weight follows dw/dt = lr M(t) e(t),
/// integrated exactly over each step (m and e are exponentials within a step), so the result is
/// the continuous-time integral for spikes on the step grid.
///
/// Timing: the engine reports the modulator spikes of step n (modulatorSpikes) in step n + 1,
/// after the postsynaptic spikes of step n and before the presynaptic spikes of step n are
/// delivered. So modulatorSpikes(n) first integrates the interval [n - 1, n) with the state
/// after every event of step n - 1, then applies the potentiation of the postsynaptic spikes of
/// step n (held back until then) and finally adds the modulator spikes of step n. Only
/// synapses with a non-zero eligibility are visited, and only while M is non-zero. Without a
/// modulator population the weights never change.
class ThreeFactorDynamics : public core::SynapseDynamics {
public:
    /// Rule constants.
    struct Rule {
        double aPlus = 0.0, aMinus = 0.0; ///< eligibility per pair
        double learningRate = 0.0;
        double jump = 0.0;            ///< m increment per modulator spike (amplitude / tau_m), 1/ms
        double baseline = 0.0;        ///< amplitude * baseline rate, 1/ms
        double overlapIntegral = 0.0; ///< integral over one step of exp(-t/tau_m - t/tau_e), ms
        double eligibilityIntegral = 0.0; ///< integral over one step of exp(-t/tau_e), ms
        float wMin = 0.0f, wMax = 1.0f;
        TraceDecay plus, minus, eligibility, modulator;
    };

    /// Dynamics for a projection of `numSources` x `numTargets` split into `partitions`.
    ThreeFactorDynamics(const Rule& rule, std::size_t numSources, std::size_t numTargets,
                        std::size_t partitions);

    bool needsColumns() const override { return true; }
    void attach(core::SynapseMatrix& matrix) override;
    void deliver(std::int64_t spikeStep, std::size_t partition, core::SynapsePartition& synapses,
                 std::span<const std::int32_t> spikes, float* buffer) override;
    void modulatorSpikes(std::int64_t spikeStep, std::size_t partition, std::size_t count) override;
    void postSpikes(std::int64_t spikeStep, std::size_t partition, core::SynapsePartition& synapses,
                    std::span<const std::int32_t> spikes) override;

private:
    /// State owned by one partition.
    struct State {
        core::SynapsePartition* synapses = nullptr;
        SpikeTraces<1> pre;             ///< every presynaptic neuron
        SpikeTraces<1> post;            ///< the postsynaptic neurons
        std::vector<float> eligibility; ///< per synapse, as of eligibilityStep
        std::vector<std::int64_t> eligibilityStep;
        /// Per synapse, the part of the exact weight that the float weight cannot hold
        /// (compensated summation of the many small per-step changes).
        std::vector<float> residual;
        std::vector<std::uint8_t> listed;  ///< synapse is in `active`
        std::vector<std::uint32_t> active; ///< synapses whose eligibility may be non-zero
        double modulator = 0.0;            ///< m as of modulatorStep
        std::int64_t modulatorStep = 0;
        std::int64_t integratedTo = 0; ///< steps before this are integrated into the weights
        std::vector<std::int32_t> pendingPost; ///< postsynaptic spikes of pendingStep
        std::int64_t pendingStep = 0;
    };

    /// Add `amount` to synapse q's eligibility at `step`.
    void addEligibility(State& st, std::uint32_t q, std::int64_t step, double amount);
    /// Apply the held-back postsynaptic spikes to the eligibility.
    void applyPendingPost(State& st);
    /// Integrate dw = lr M e dt over [step, step + 1).
    void integrateStep(State& st, std::int64_t step);

    Rule m_rule;
    std::vector<State> m_state;
};

} // namespace plexus::plugins
