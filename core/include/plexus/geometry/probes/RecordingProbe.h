#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace plexus::geometry {

/**
 * @brief Where virtual recordings are taken: electrode contact positions and the positions of
 * the neurons of each population, all in mm in one frame (plain data; ProbePlacement makes it
 * from a project's placed neurons and electrodes).
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

    /// Number of contacts.
    Eigen::Index contactCount() const { return contactsMm.rows(); }
    /// True when there is nothing to record at.
    bool empty() const { return contactsMm.rows() == 0; }
    /// Name of contact @p c ("c<index>" when none was given).
    std::string contactName(Eigen::Index c) const;
};

} // namespace plexus::geometry
