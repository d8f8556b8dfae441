#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// Poisson spike source with a sinusoidally modulated rate ("poisson_inhomogeneous"):
/// rate(t) = max(0, rate_hz + amplitude_hz sin(2 pi frequency_hz t + phase)).
class PoissonInhomogeneousModel : public core::NeuronModel {
public:
    PoissonInhomogeneousModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
