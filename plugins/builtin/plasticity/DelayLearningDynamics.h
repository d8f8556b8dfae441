#pragma once

#include "plexus/core/engine/SynapseDynamics.h"

#include <vector>

namespace plexus::plugins {

/// Per synapse a continuous delay estimate (in steps) whose rounded value is the synapse's
/// delay; per partition a copy of every source's last spike step.
class DelayLearningDynamics : public core::SynapseDynamics {
public:
    /// Delays in steps; `window` is the largest pre-to-post lag that moves a delay.
    DelayLearningDynamics(double eta, int windowSteps, int minSteps, int maxSteps,
                          std::size_t numSources, std::size_t partitions);

    bool needsColumns() const override { return true; }
    int maxDelaySteps() const override { return m_max; }
    void attach(core::SynapseMatrix& matrix) override;
    void deliverDelayed(std::int64_t spikeStep, std::size_t partition,
                        core::SynapsePartition& synapses, std::span<const std::int32_t> spikes,
                        core::DelayedInput& input) override;
    void postSpikes(std::int64_t spikeStep, std::size_t partition, core::SynapsePartition& synapses,
                    std::span<const std::int32_t> spikes) override;

private:
    double m_eta;
    int m_window, m_min, m_max;
    std::vector<std::vector<std::int64_t>> m_lastPre; ///< [partition][source]
    std::vector<std::vector<float>> m_estimate;       ///< [partition][synapse], steps
};

} // namespace plexus::plugins
