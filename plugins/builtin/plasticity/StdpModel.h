#pragma once

#include "plexus/core/plugin/SynapseModel.h"

namespace plexus::plugins {

/// Pair-based spike-timing-dependent plasticity (Song, Miller & Abbott 2000; van Rossum et al.
/// 2000): additive or multiplicative weight dependence, all-to-all or nearest-spike pairing.
class StdpModel : public core::SynapseModel {
public:
    StdpModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::SynapseDynamics> create(const core::SynapseSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
