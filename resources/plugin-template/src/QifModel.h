#pragma once

#include <plexus/core/plugin/NeuronModel.h>

namespace plexus::examples {

/// Quadratic integrate-and-fire neuron (the normal form of a type-I excitable membrane near
/// its saddle-node bifurcation), integrated exactly between input events.
///
/// The model describes itself (ModelInfo: parameters with units and ranges, the state variable
/// v, the inputs exc, inh and current) and creates QifGroup populations.
class QifModel : public core::NeuronModel {
public:
    QifModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::examples
