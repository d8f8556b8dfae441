#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// Leaky integrate-and-fire neuron with alpha-shaped synapses, current-based ("lif_cuba_alpha",
/// exact integration) or conductance-based ("lif_coba_alpha", alpha conductances exact, v by
/// forward Euler).
class LifAlphaModel : public core::NeuronModel {
public:
    explicit LifAlphaModel(bool conductance);
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
    bool m_conductance;
};

} // namespace plexus::plugins
