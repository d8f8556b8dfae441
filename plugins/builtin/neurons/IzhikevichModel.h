#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// Izhikevich (2003) simple spiking neuron with per-neuron a, b, c, d ("izhikevich").
class IzhikevichModel : public core::NeuronModel {
public:
    IzhikevichModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
