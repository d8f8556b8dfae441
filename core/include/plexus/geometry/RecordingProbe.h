#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace plexus::core {
struct ProjectSpec;
} // namespace plexus::core

namespace plexus::geometry {

class CortexPlacement;
class ElectrodeArray;
class SurfaceMesh;

/**
 * @brief Where virtual recordings are taken: electrode contact positions and the positions of
 * the neurons of each population, all in mm in one frame (plain data, e.g. from the 3-D cortex
 * view's placement and electrodes).
 *
 * Populations are matched to a network's populations by name; a population whose position
 * list is shorter than the population (a placement that truncated a large population) records
 * only its first rows' neurons.
 */
struct RecordingProbe {
    /// Positions of one population's neurons.
    struct Population {
        std::string name;           ///< population name in the project
        Eigen::MatrixX3d neuronsMm; ///< row i: neuron i, mm
    };

    std::vector<std::string> contactNames; ///< one per contact (may be empty: "c0", "c1", ...)
    Eigen::MatrixX3d contactsMm;           ///< row c: contact c, mm
    std::vector<Population> populations;

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

    /// Number of contacts.
    Eigen::Index contactCount() const { return contactsMm.rows(); }
    /// True when there is nothing to record at.
    bool empty() const { return contactsMm.rows() == 0; }
    /// Name of contact @p c ("c<index>" when none was given).
    std::string contactName(Eigen::Index c) const;
};

} // namespace plexus::geometry
