#pragma once

#include "plexus/geometry/surface/SurfaceMesh.h"
#include "plexus/geometry/vessels/VesselGraph.h"

#include <cstdint>
#include <vector>

namespace plexus::geometry {

/**
 * @brief A deterministic procedural vasculature on a cortical surface: branching pial vessel
 * trees lying on the surface, with penetrating vessels diving from their terminal branches
 * along the inward normal.
 *
 * Construction (all random numbers from core::RandomStream(seed), so the same mesh and
 * Options give the same graph):
 *  1. Each tree starts at a root vertex (Options::rootVertices, else drawn uniformly) heading
 *     in a random tangent direction with radius rootRadiusMm.
 *  2. A branch is segmentsPerBranch steps of segmentLengthMm. Each step turns the heading by a
 *     uniform random angle in [-wiggleDeg, wiggleDeg] about the local normal, moves, and is
 *     projected back onto the surface (the tangent plane of the nearest vertex). The node sits
 *     radius + heightMm above the surface along the outward normal (heightMm = 0: the vessel
 *     rests on the pia; negative: under the surface). A branch that walks off the mesh (an
 *     open boundary: the projected point is farther from its nearest vertex than that
 *     vertex's longest edge, which rarely also happens inside a tight fold) ends there.
 *  3. A branch ends in a symmetric bifurcation: two children turned by +-branchAngleDeg, each
 *     of radius r * 2^(-1/3) (Murray's law r^3 = r1^3 + r2^3), until `generations`
 *     bifurcations have been made.
 *  4. Each terminal branch ends in a penetrating vessel: penetratingSegments straight
 *     segments along the inward normal down to penetratingDepthMm below the surface, radius
 *     penetratingRadiusFactor * r (none when penetratingDepthMm is 0).
 * The result is a forest: every node but the roots has exactly one parent edge.
 */
class VesselGenerator {
public:
    /// Generation parameters (millimetres, degrees).
    struct Options {
        std::uint64_t seed = 1;
        int trees = 3;                          ///< number of root vessels (>= 1)
        std::vector<std::int64_t> rootVertices; ///< root vertices (cycled); empty: random
        int generations = 3;                    ///< bifurcation levels (0..10)
        int segmentsPerBranch = 4;              ///< steps per branch (>= 1)
        double segmentLengthMm = 0.5;           ///< step length (> 0)
        double rootRadiusMm = 0.15;             ///< radius of the root branches (> 0)
        double branchAngleDeg = 35.0;           ///< turn of each child at a bifurcation
        double wiggleDeg = 15.0;                ///< random turn per step
        double heightMm = 0.0;                  ///< extra height of pial vessel axes above radius
        double penetratingDepthMm = 1.5;        ///< depth of penetrating vessels (0: none)
        int penetratingSegments = 3;            ///< segments of a penetrating vessel (>= 1)
        double penetratingRadiusFactor = 0.6;   ///< penetrating radius / terminal radius
    };

    /**
     * @brief Grows the vessels on @p mesh (which needs normals, see
     * SurfaceMesh::computeNormals()); throws core::Error naming the bad option, or when the
     * mesh is empty or has no normals.
     */
    static VesselGraph generate(const SurfaceMesh& mesh, const Options& options);
};

} // namespace plexus::geometry
