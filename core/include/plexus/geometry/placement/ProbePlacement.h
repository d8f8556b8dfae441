#pragma once

#include "plexus/geometry/probes/RecordingProbe.h"

#include <vector>

namespace plexus::core {
struct ProjectSpec;
} // namespace plexus::core

namespace plexus::geometry {

class CortexPlacement;
class ElectrodeArray;
class SurfaceMesh;

/// Makes the RecordingProbe of a project's placed neurons and electrodes (the rule the window's
/// live run and `plexus-cli run` share).
class ProbePlacement {
public:
    /**
     * @brief The probe of placed devices @p electrodes over the neurons of @p placement:
     * contacts named "ELECTRODE:CONTACT" in device order, every placed population's neurons.
     * Empty (nothing to record) without a placement.
     */
    static RecordingProbe fromElectrodes(const std::vector<ElectrodeArray>& electrodes,
                                         const CortexPlacement* placement);
    /**
     * @brief The probe of @p project on the cortex @p pial (and @p white, may be null), as the
     * 3-D view places it: the neurons by CortexPlacement::compute(), the electrodes by
     * ElectrodePlacement::buildAround() (each above the middle of the population it records
     * from, else at the placement's anchor vertex), then fromElectrodes(). Empty when the
     * project has no electrodes or no electrode can be placed.
     */
    static RecordingProbe forProject(const core::ProjectSpec& project, const SurfaceMesh& pial,
                                     const SurfaceMesh* white);
};

} // namespace plexus::geometry
