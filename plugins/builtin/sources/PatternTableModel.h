#pragma once

#include "plexus/core/plugin/NeuronModel.h"

namespace plexus::plugins {

/// Rate-coded patterns from a table ("pattern_table"): each row of a CSV or CSV.GZ file (e.g.
/// one image per row) is presented in turn as the Poisson rates of the N channels.
class PatternTableModel : public core::NeuronModel {
public:
    PatternTableModel();
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override;

private:
    core::ModelInfo m_info;
};

} // namespace plexus::plugins
