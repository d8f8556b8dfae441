#pragma once

#include "SpikeTraces.h"
#include "TraceDecay.h"
#include "plexus/core/engine/SynapseDynamics.h"

#include <cstdint>
#include <vector>

namespace plexus::plugins {

/// Event-driven target-rate plasticity: at a presynaptic spike the strength changes by
/// eta (y_post - alpha), at a postsynaptic spike by eta x_pre, with alpha = 2 rho0 tau. The
/// strength is the weight times `sign` (so inhibition stored as negative weights works), and
/// the excitatory variant uses the mirrored rule (-eta), so excitatory weights grow while the
/// neuron fires below the target. Each partition keeps its own copy of the presynaptic traces.
class HomeostaticDynamics : public core::SynapseDynamics {
public:
    /// Rule constants.
    struct Rule {
        double eta = 0.0;   ///< weight change per unit of trace, with the sign conventions applied
        double alpha = 0.0; ///< depression offset 2 rho0 tau (trace units)
        /// Per-target offsets 2 rho0_j tau (heterogeneous targets); empty: `alpha` for all.
        std::vector<double> alphas;
        float wMin = 0.0f, wMax = 1.0f;
        TraceDecay decay;
    };

    /// Dynamics for a projection of `numSources` x `numTargets` split into `partitions`.
    HomeostaticDynamics(const Rule& rule, std::size_t numSources, std::size_t numTargets,
                        std::size_t partitions);

    /// Target rates of `numTargets` neurons drawn from a lognormal distribution with mean
    /// `rho0` and coefficient of variation `cv` from the stream `seed` (all `rho0` when cv is
    /// 0). The draw depends on the target's index only, not on partitions or threads.
    static std::vector<double> targetRates(double rho0, double cv, std::size_t numTargets,
                                           std::uint64_t seed);

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
