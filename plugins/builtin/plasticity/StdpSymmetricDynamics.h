#pragma once

#include "SpikeTraces.h"
#include "TraceDecay.h"
#include "plexus/core/engine/SynapseDynamics.h"

#include <limits>
#include <vector>

namespace plexus::plugins {

/// Event-driven symmetric STDP, W(dt) = a_plus exp(-|dt|/tau_plus) - a_minus exp(-|dt|/tau_minus)
/// for every pre/post pair, with multiplicative scaling of each target's incoming weights at
/// fixed times.
///
/// Scaling is applied lazily: a partition scales its targets at the first call whose spike step
/// is at or after the scheduled time. The weights of a target only change in calls of its own
/// partition, so the result equals scaling at the scheduled time, for any thread count.
class StdpSymmetricDynamics : public core::SynapseDynamics {
public:
    /// Rule constants.
    struct Rule {
        double aPlus = 0.0, aMinus = 0.0;
        float wMin = 0.0f, wMax = 1.0f;
        TraceDecay plus, minus;
        std::int64_t scalingSteps = 0; ///< scaling period in steps, 0 = no scaling
        double targetTotal = 1.0;      ///< summed incoming weight after scaling
        bool keepInitialTotal = false; ///< use each target's initial sum instead of targetTotal
        /// first step without plasticity and scaling (learn_until_ms), max: learn throughout
        std::int64_t learnUntilStep = std::numeric_limits<std::int64_t>::max();
    };

    /// Dynamics for a projection of `numSources` x `numTargets` split into `partitions`.
    StdpSymmetricDynamics(const Rule& rule, std::size_t numSources, std::size_t numTargets,
                          std::size_t partitions);

    bool needsColumns() const override { return true; }
    void attach(core::SynapseMatrix& matrix) override;
    void deliver(std::int64_t spikeStep, std::size_t partition, core::SynapsePartition& synapses,
                 std::span<const std::int32_t> spikes, float* buffer) override;
    void postSpikes(std::int64_t spikeStep, std::size_t partition, core::SynapsePartition& synapses,
                    std::span<const std::int32_t> spikes) override;

    /// The summed incoming weight a target is scaled to.
    double targetTotal(std::size_t target) const;

private:
    /// State owned by one partition.
    struct Traces {
        SpikeTraces<2> pre;  ///< every presynaptic neuron: the plus and the minus trace
        SpikeTraces<2> post; ///< the postsynaptic neurons: the plus and the minus trace
        std::int64_t nextScaling = 0;
    };

    /// Scale the partition's targets when a scaling time has passed.
    void scaleIfDue(std::int64_t spikeStep, Traces& tr, core::SynapsePartition& synapses);

    Rule m_rule;
    std::size_t m_numTargets;
    std::vector<Traces> m_traces;
    std::vector<double> m_initialTotal; ///< per target, filled in attach()
};

} // namespace plexus::plugins
