#pragma once

#include "plexus/core/project/ProjectSpec.h"
#include "plexus/geometry/surface/SurfaceAnchor.h"
#include "plexus/geometry/surface/SurfaceMesh.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace plexus::geometry {

/**
 * @brief Places the neurons of a project's populations in a patch of cortex (Qt-free).
 *
 * Each population's neurons come from core::NeuronPositions (micrometres, local frame, seeded
 * as NetworkBuilder seeds them); "mixed" populations get a uniform random disc. The local x-y
 * plane is laid on the tangent plane of the pial surface at an anchor vertex (default:
 * defaultAnchor()), populations side by side along the tangent u axis. Every neuron snaps
 * to its nearest pial vertex (keeping its offset within that vertex's tangent plane, since
 * meshes are often coarser than a patch) and is pushed between the pial and the white surface
 * at the population's relative depth (0 = pial, 1 = white), moved deeper by its own z
 * position (a "sheet" or "random" layout has a depth extent: z in micrometres below the
 * population's depth) and kept inside the cortex. Without a white surface with matching
 * vertices, the depth runs along the inward normal over the "thickness" scalar (2.5 mm when
 * missing).
 */
class CortexPlacement {
public:
    /// Placement of one population.
    struct Population {
        std::string name;
        std::size_t first = 0;          ///< index of its first neuron in positions()
        std::size_t count = 0;          ///< number of neurons
        double depth = 0.5;             ///< relative depth used (0 = pial, 1 = white)
        std::uint32_t rgba = 0;         ///< display colour, 0xRRGGBBAA
        std::int64_t centreVertex = -1; ///< pial vertex under the middle (see centreVertex())
        /// Where a device aimed at the middle enters the pial surface (see centreEntry()).
        std::optional<SurfaceAnchor> centreEntry;
    };

    /// Options of compute().
    /// Thickest cortex (mm) at the default anchor (see defaultAnchor()).
    static constexpr float kAnchorThicknessMm = 3.5f;
    /// Smallest cosine between the pial-to-white column and the inward normal there.
    static constexpr float kAnchorColumnCosine = 0.9f;

    struct Options {
        std::int64_t anchorVertex = -1; ///< -1: defaultAnchor()
        double gapUm = 300.0;           ///< gap between neighbouring populations
        double mixedRadiusUm = 400.0;   ///< radius of the disc of a "mixed" population
        std::vector<double> depths;     ///< relative depth per population (default: spread)
        std::size_t maxNeuronsPerPopulation = 200000; ///< larger populations are truncated
    };

    /// Places every population of @p project on @p pial (and @p white, when given).
    static CortexPlacement compute(const core::ProjectSpec& project, const SurfaceMesh& pial,
                                   const SurfaceMesh* white, const Options& options);
    /// As above with default options.
    static CortexPlacement compute(const core::ProjectSpec& project, const SurfaceMesh& pial,
                                   const SurfaceMesh* white = nullptr) {
        return compute(project, pial, white, Options{});
    }
    /**
     * @brief The default anchor vertex on @p pial: the most lateral vertex (farthest from the
     * midline, on the hemisphere's side) where the cortex is at most kAnchorThicknessMm thick
     * and its column goes straight in: the column from the pial to the paired vertex of
     * @p white is at most kAnchorThicknessMm long and within acos(kAnchorColumnCosine) of the
     * inward normal (without @p white: the "thickness" scalar is at most kAnchorThicknessMm).
     * There, relative depths fall at realistic depths and probes go in straight. The most
     * lateral vertex when no vertex qualifies; -1 for an empty surface.
     */
    static std::int64_t defaultAnchor(const SurfaceMesh& pial, const SurfaceMesh* white = nullptr);
    /// Default relative depth of population @p index out of @p count (layers from 0.2 to 0.8).
    static double defaultDepth(std::size_t index, std::size_t count);
    /// Default colour (0xRRGGBBAA) of population @p index.
    static std::uint32_t defaultColor(std::size_t index);

    /// x, y, z (mm) per neuron, populations one after the other.
    const std::vector<float>& positions() const { return m_xyz; }
    /// Surface vertex each neuron snapped to.
    const std::vector<std::int64_t>& vertices() const { return m_vertices; }
    /// Populations in project order.
    const std::vector<Population>& populations() const { return m_populations; }
    /// Total neurons placed.
    std::size_t neuronCount() const { return m_vertices.size(); }
    /// Centre (mm) and radius (mm) of the bounding sphere of every placed neuron.
    void boundingSphere(float center[3], float& radius) const;
    /// The anchor vertex used.
    std::int64_t anchorVertex() const { return m_anchor; }
    /// Pial vertex under the middle of population @p name (the vertex of its neuron nearest
    /// the centroid of the population's tangential positions); -1 when no such population was
    /// placed.
    std::int64_t centreVertex(const std::string& name) const;
    /**
     * @brief Where a device aimed at the middle of population @p name enters the cortex: the
     * point of the pial tangent plane above the neuron nearest the centroid (that neuron's
     * column goes straight down from it), with the normal of its vertex. A device entering
     * here along the column passes through the population's middle, even when the mesh is
     * coarser than the population. nullopt when no such population was placed.
     */
    std::optional<SurfaceAnchor> centreEntry(const std::string& name) const;
    /// RGBA per neuron (4 bytes each) in the population colours.
    std::vector<std::uint8_t> populationColors() const;

private:
    std::vector<float> m_xyz;
    std::vector<std::int64_t> m_vertices;
    std::vector<Population> m_populations;
    std::int64_t m_anchor = -1;
};

} // namespace plexus::geometry
