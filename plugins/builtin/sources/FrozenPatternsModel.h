#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// Frozen spatio-temporal spike patterns ("frozen_patterns"): K templates of Poisson spike
/// times over N channels, fixed by `pattern_seed`; the selected one is presented from
/// `onset_ms` every `period_ms` with fresh Gaussian jitter and Poisson noise in each run.
class FrozenPatternsModel : public core::NeuronModel {
public:
    FrozenPatternsModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
