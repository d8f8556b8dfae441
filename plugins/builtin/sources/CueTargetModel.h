#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// Cue paradigm ("cue_target"): channel groups for cues and targets; every period a cue group
/// fires, then after a random delay a target group (the cued one, another, or none), as
/// CueTargetSchedule describes.
class CueTargetModel : public core::NeuronModel {
public:
    CueTargetModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
