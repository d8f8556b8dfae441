#pragma once

#include "plexus/core/project/CortexSpec.h"
#include "plexus/core/project/ElectrodeSpec.h"
#include "plexus/core/project/NodePosition.h"
#include "plexus/core/project/PopulationSpec.h"
#include "plexus/core/project/ProjectionSpec.h"
#include "plexus/core/project/ProtocolSpec.h"
#include "plexus/core/project/RecorderSpec.h"
#include "plexus/core/project/SimulationSpec.h"
#include "plexus/core/project/StimulusSpec.h"
#include "plexus/core/project/VesselSpec.h"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace plexus::core {

/// Everything a project file describes: the circuit, its stimuli and recorders, and run settings.
struct ProjectSpec {
    /// Current version of the file format written by ProjectIo (older versions are migrated
    /// by ProjectMigration when loaded).
    static constexpr int currentFormatVersion = 3;

    std::string name;
    std::string description;
    int formatVersion = currentFormatVersion;
    SimulationSpec simulation;
    std::vector<PopulationSpec> populations;
    std::vector<StimulusSpec> stimuli;
    std::vector<ProjectionSpec> projections;
    std::vector<RecorderSpec> recorders;
    /// Virtual electrodes (saved as "electrodes").
    std::vector<ElectrodeSpec> electrodes;
    /// The cortex neurons and electrodes are placed on (saved as "cortex"; none: the
    /// procedural cortex of seed 1).
    std::optional<CortexSpec> cortex;
    /// The blood vessels on the cortex (saved as "vessels"; none: not shown).
    std::optional<VesselSpec> vessels;
    /// Conditions, trials and perturbations of an experiment (saved as "protocol"; none: one
    /// run of simulation.duration_s with every stimulus always on).
    std::optional<ProtocolSpec> protocol;
    /// Circuit-editor positions of nodes by name (saved as "layout": members that are objects
    /// with "x" and "y").
    std::map<std::string, NodePosition> layout;
    /// Other members of "layout" (not node positions, e.g. a view's zoom), kept as loaded and
    /// written back on save. Null when there are none.
    nlohmann::json layoutExtra = nullptr;
    /// Unknown JSON members of this object (plugin-specific or newer fields), kept as loaded
    /// and written back on save. Null when there are none.
    nlohmann::json extra = nullptr;

    /// Population with this name, or nullptr.
    const PopulationSpec* findPopulation(const std::string& name) const;
    /// Stimulus with this name, or nullptr.
    const StimulusSpec* findStimulus(const std::string& name) const;
    /// Electrode with this name, or nullptr.
    const ElectrodeSpec* findElectrode(const std::string& wanted) const;

    bool operator==(const ProjectSpec&) const = default;
};

} // namespace plexus::core
