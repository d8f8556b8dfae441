#pragma once

#include "plexus/geometry/placement/RetinotopicMap.h"
#include "plexus/geometry/probes/ElectrodeArray.h"
#include "plexus/geometry/surface/SurfaceMesh.h"
#include "plexus/geometry/vessels/VesselGraph.h"

#include <Eigen/Core>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace plexus::geometry {

/**
 * @brief Plans electrode insertion sites over a target cortical region: coverage of the
 * target (or of a visual-field target through a retinotopic map) under an insertion budget,
 * never closer to a vessel wall than the safety margin, within grey-matter depth limits.
 *
 * The unit of planning is a site: a straight insertion at a mesh vertex along its inward
 * normal, carrying one contact at its tip (a thread, a single shank, a point electrode).
 *
 * Constraints of a site at vertex v (planned depth, see plannedDepth()):
 * - depth: in [minDepthMm, min(maxDepthMm, thickness(v))] ("thickness" scalar when the mesh
 *   has one), preferredDepthMm when allowed;
 * - vessels: the whole track from the entry point to the contact keeps a wall distance
 *   >= vesselMarginMm from every vessel (VesselGraph::nearestToSegment); when the preferred
 *   depth is too deep the deepest safe depth is used (bisection), and the site is infeasible
 *   when that is shallower than minDepthMm;
 * - budget: at most maxSites sites, summed depth <= maxTotalInsertionMm, entry points at least
 *   minSeparationMm apart.
 *
 * Objectives (both reported for every layout, one optimised):
 * - Coverage: the fraction of target vertices within coverageRadiusMm (Euclidean, between
 *   surface points) of some site's entry point;
 * - Phosphene: the fraction of a visual-field target disc covered by the sites' phosphenes
 *   (RetinotopicMap, from the contact positions), measured on a fixed lattice of sample points
 *   in the disc; the predicted percept error is the mean distance (deg) from those samples to
 *   the nearest phosphene disc (0 inside one).
 *
 * Layouts:
 * - baseline: a regular square grid over the target, in the plane of its two principal axes
 *   and centred on its bounding rectangle, with the smallest spacing (scanned geometrically)
 *   that leaves at most maxSites grid nodes inside the target (within half a spacing of a
 *   target vertex); each node snaps to the nearest candidate vertex (nodes snapping to the same
 *   vertex make one site); a site that breaks a constraint moves to the nearest allowed
 *   candidate within half a spacing, or is dropped;
 * - optimised: greedy maximum coverage (largest marginal gain, lowest candidate index on
 *   ties), then local improvement by single-site swaps and additions accepted only when the
 *   objective strictly increases; run from scratch and (seedWithBaseline) from the baseline,
 *   the better result is kept, so it is never worse than the baseline. Deterministic.
 *
 * The planner keeps references to the mesh and the vessels: they must outlive it. The
 * candidate sites are evaluated once, in the constructor (cost ~ candidates x (targets +
 * vessel segments)).
 */
class PlacementPlanner {
public:
    /// Which objective optimise() maximises.
    enum class Objective { Coverage, Phosphene };

    /// Planning options (millimetres).
    struct Options {
        int maxSites = 16;                                                    ///< >= 1
        double maxTotalInsertionMm = std::numeric_limits<double>::infinity(); ///< summed depth
        double coverageRadiusMm = 0.5;                                        ///< > 0
        double vesselMarginMm = 0.2;                                          ///< >= 0
        double minDepthMm = 0.5; ///< grey-matter depth limits, 0 <= min <= max
        double preferredDepthMm = 1.5;
        double maxDepthMm = 2.5;
        double minSeparationMm = 0.0; ///< between entry points, >= 0
        Objective objective = Objective::Coverage;
        std::vector<std::int64_t> candidateVertices; ///< empty: the target vertices
        int maxPasses = 50;                          ///< local-improvement passes
        /// Also run the local improvement from the baseline and keep the better result (which
        /// guarantees optimised >= baseline); false: from scratch only.
        bool seedWithBaseline = true;
    };

    /// A visual-field target for the phosphene objective.
    struct VisualTarget {
        Eigen::Vector2d centreDeg = Eigen::Vector2d(5.0, 0.0);
        double radiusDeg = 2.0; ///< > 0
        int samples = 400;      ///< approximate number of lattice points (>= 1)
    };

    /// One planned insertion.
    struct Site {
        std::int64_t vertex = -1;
        Eigen::Vector3d entry = Eigen::Vector3d::Zero();   ///< surface point (mm)
        Eigen::Vector3d contact = Eigen::Vector3d::Zero(); ///< tip contact (mm)
        double depthMm = 0.0;
        Eigen::Vector2d visualDeg = Eigen::Vector2d::Zero(); ///< phosphene centre (with a map)
        double phospheneRadiusDeg = 0.0;                     ///< (with a map)
    };

    /// A layout and its evaluation.
    struct Layout {
        std::vector<Site> sites;
        double coverage = 0.0;          ///< fraction of target vertices covered
        double phospheneCoverage = 0.0; ///< fraction of visual target covered (0 without a map)
        double perceptErrorDeg = 0.0;   ///< mean sample-to-phosphene distance; inf: no sites
        double totalInsertionMm = 0.0;  ///< summed depth
        /// Contacts and tracks closer to a vessel than the margin, checked independently with
        /// VesselGraph::violations() on toElectrodeArray() (array index 0).
        std::vector<VesselGraph::ElectrodeViolation> violations;
        int movedSites = 0;         ///< baseline: grid sites moved to satisfy the constraints
        int droppedSites = 0;       ///< baseline: grid sites dropped
        int gridNodes = 0;          ///< baseline: grid nodes inside the target
        double gridSpacingMm = 0.0; ///< baseline: grid spacing
    };

    /// Baseline and optimised layouts.
    struct Result {
        Layout baseline;
        Layout optimised;
    };

    /**
     * @brief A planner over @p mesh (which needs normals) for the target vertices
     * @p targetVertices (non-empty), avoiding @p vessels. Give @p map and @p visualTarget to
     * evaluate (and optionally optimise) the phosphene objective. Throws core::Error naming
     * the bad input (vertex out of range, no normals, invalid option, phosphene objective
     * without a map).
     */
    PlacementPlanner(const SurfaceMesh& mesh, std::vector<std::int64_t> targetVertices,
                     const VesselGraph& vessels, const Options& options,
                     std::optional<RetinotopicMap> map, const VisualTarget& visualTarget);
    /// A planner without a retinotopic map (coverage objective only).
    PlacementPlanner(const SurfaceMesh& mesh, std::vector<std::int64_t> targetVertices,
                     const VesselGraph& vessels, const Options& options);

    /// The planned depth of a site at @p vertex, or a negative value when no depth is
    /// allowed (see the class documentation).
    double plannedDepth(std::int64_t vertex) const;

    /// The regular-grid layout.
    Layout baseline() const;
    /// The optimised layout.
    Layout optimise() const;
    /// Both layouts.
    Result plan() const;
    /// Evaluates sites at @p vertices (planned depths; an infeasible vertex is placed at
    /// clamp(preferred, min, max) depth so its violation shows).
    Layout evaluate(const std::vector<std::int64_t>& vertices) const;

    /// The visual-field sample points (deg) of the phosphene objective (empty without a map).
    const std::vector<Eigen::Vector2d>& visualSamples() const { return m_samples; }

    /// The layout as an electrode array of type Thread: one shank per site (entry to
    /// contact) and one contact labelled "s<i>" at its tip.
    static ElectrodeArray toElectrodeArray(const Layout& layout, const std::string& name);

private:
    struct Candidate {
        std::int64_t vertex;
        Site site;
        bool feasible;
        std::vector<std::int32_t> coverItems;     // target indices within the radius
        std::vector<std::int32_t> phospheneItems; // visual samples inside the phosphene
    };

    Candidate makeCandidate(std::int64_t vertex) const;
    Layout finish(std::vector<Site> sites) const;
    Layout optimiseFrom(const Layout& base) const;
    const std::vector<std::int32_t>& items(const Candidate& c) const;
    std::vector<int> improve(std::vector<int> chosen) const;
    double objectiveOf(const std::vector<int>& chosen) const;

    const SurfaceMesh& m_mesh;
    std::vector<std::int64_t> m_targets;
    const VesselGraph& m_vessels;
    Options m_options;
    std::optional<RetinotopicMap> m_map;
    VisualTarget m_visual;
    std::vector<Eigen::Vector2d> m_samples;
    std::vector<Candidate> m_candidates;
    int m_itemCount = 0; // items of the optimised objective
};

} // namespace plexus::geometry
