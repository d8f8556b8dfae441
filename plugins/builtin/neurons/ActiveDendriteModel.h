#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// LIF soma with up to 8 active dendritic segments: a segment whose local depolarisation from
/// coincident synaptic input crosses a threshold fires an NMDA spike, a plateau that drives the
/// soma for a fixed duration.
class ActiveDendriteModel : public core::NeuronModel {
public:
    /// Most segments per neuron.
    static constexpr int maxSegments = 8;

    ActiveDendriteModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
