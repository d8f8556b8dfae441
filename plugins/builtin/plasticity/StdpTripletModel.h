#pragma once

#include "plexus/core/plugin/SynapseModel.h"

namespace plexus::plugins {

/// Triplet spike-timing-dependent plasticity (Pfister & Gerstner 2006), all-to-all or
/// nearest-spike interactions ("stdp_triplet").
class StdpTripletModel : public core::SynapseModel {
public:
    StdpTripletModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::SynapseDynamics> create(const core::SynapseSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
