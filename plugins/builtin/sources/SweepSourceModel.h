#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// A sweep across a line of input channels ("sweep"): channel i fires once per sweep, at
/// position i x spacing_um passed by a stimulus moving at speed_mm_s in `direction` (+1 from
/// channel 0 to N-1, -1 back), from `onset_ms` and again every `period_ms`.
class SweepSourceModel : public core::NeuronModel {
public:
    SweepSourceModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
