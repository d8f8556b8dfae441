#pragma once

#include "plexus/core/plugin/SynapseModel.h"

namespace plexus::plugins {

/// Reward- or error-modulated STDP with eligibility traces ("three_factor"): pair STDP fills a
/// per-synapse eligibility trace, and the weight follows the trace times a modulator signal
/// driven by the projection's modulator population.
class ThreeFactorModel : public core::SynapseModel {
public:
    ThreeFactorModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::SynapseDynamics> create(const core::SynapseSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
