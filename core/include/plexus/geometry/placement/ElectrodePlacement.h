#pragma once

#include "plexus/core/project/ElectrodeSpec.h"
#include "plexus/geometry/placement/PlacementPlanner.h"
#include "plexus/geometry/probes/EegMontage.h"
#include "plexus/geometry/probes/ElectrodeArray.h"
#include "plexus/geometry/surface/SurfaceAnchor.h"
#include "plexus/geometry/surface/SurfaceMesh.h"

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace plexus::geometry {

class CortexPlacement;

/**
 * @brief Turns the project's editor electrodes (core::ElectrodeSpec) into placed devices
 * (ElectrodeArray) on a cortical surface (Qt-free).
 *
 * Placement members of core::ElectrodeSpec used (all optional):
 * - anchorVertex v, depthUm d — the device enters at pial vertex v along its inward
 *   normal; d is the depth of the deepest contact (laminar), of the single contact (point) or
 *   the shank length (utah). Without an anchor the fallback vertex is used.
 * - anchorMm [x, y, z] — an entry point given numerically (Inspector); it wins over
 *   anchorVertex and takes the normal of the nearest vertex (SurfaceAnchor::atPoint).
 * - sites — planned insertions (PlacementPlanner): one thread per site with one contact at
 *   its tip ("t<i>c0"), whatever the type.
 * - scalpContacts — EEG scalp positions in the montage file's head frame (origin at the
 *   head's centre). They are shown on a head sphere around the cortex: contact i sits at
 *   c + R u_i, u_i the unit direction of its montage position, c the centre of the pial
 *   surface's bounding box and R = headSphereRadius(pial) (the largest distance of a pial
 *   vertex from c, times 1.15).
 *   Without scalp contacts an EEG electrode is one contact on the surface at its anchor.
 */
class ElectrodePlacement {
public:
    /// The stored anchor vertex of @p spec, if any.
    static std::optional<std::int64_t> anchorVertex(const core::ElectrodeSpec& spec);
    /// The stored numeric entry point of @p spec (mm), if any.
    static std::optional<Eigen::Vector3d> anchorPoint(const core::ElectrodeSpec& spec);
    /// The stored depth of @p spec, or its type's default
    /// (core::ElectrodeSpec::effectiveDepthUm()).
    static double depthUm(const core::ElectrodeSpec& spec);
    /// @p spec with its anchor set to @p vertex at @p depthUm (a numeric anchorMm
    /// removed).
    static core::ElectrodeSpec withAnchor(core::ElectrodeSpec spec, std::int64_t vertex,
                                          double depthUm);
    /// @p spec entering at @p pointMm (mm) at @p depthUm; @p vertex (the nearest vertex, or
    /// -1 to drop it) is stored too, for display.
    static core::ElectrodeSpec withAnchorPoint(core::ElectrodeSpec spec,
                                               const Eigen::Vector3d& pointMm, std::int64_t vertex,
                                               double depthUm);

    /// An "eeg" electrode named @p name holding every channel of @p montage (scalpContacts)
    /// and the file it came from (montageFile).
    static core::ElectrodeSpec fromMontage(const EegMontage& montage, const std::string& name,
                                           const std::string& sourceFile);
    /// A "thread" electrode named @p name holding the sites of @p layout.
    static core::ElectrodeSpec fromLayout(const PlacementPlanner::Layout& layout,
                                          const std::string& name);

    /// Centre (mm) of the EEG head sphere around @p pial (its bounding-box centre).
    static Eigen::Vector3d headSphereCentre(const SurfaceMesh& pial);
    /// Radius (mm) of the EEG head sphere around @p pial.
    static double headSphereRadius(const SurfaceMesh& pial);

    /**
     * @brief The device of @p spec on @p pial (normals needed); nullopt with the reason in
     * @p error when it cannot be placed (e.g. a laminar probe deeper than its anchor allows).
     * With @p white (vertex-paired with @p pial) devices at a vertex go in along the column
     * from the pial to the white vertex, where that vertex's neurons are placed.
     */
    static std::optional<ElectrodeArray> build(const core::ElectrodeSpec& spec,
                                               const SurfaceMesh& pial, std::int64_t fallbackVertex,
                                               std::string* error = nullptr,
                                               const SurfaceMesh* white = nullptr);
    /**
     * @brief As above; a device without a stored anchor (vertex or point) enters at
     * @p fallbackEntry when given (its vertex gives the column with @p white), else at
     * @p fallbackVertex.
     */
    static std::optional<ElectrodeArray> build(const core::ElectrodeSpec& spec,
                                               const SurfaceMesh& pial, std::int64_t fallbackVertex,
                                               const std::optional<SurfaceAnchor>& fallbackEntry,
                                               std::string* error, const SurfaceMesh* white);
    /// Every placeable device of @p specs (unplaceable ones are skipped).
    static std::vector<ElectrodeArray> buildAll(const std::vector<core::ElectrodeSpec>& specs,
                                                const SurfaceMesh& pial,
                                                std::int64_t fallbackVertex);
    /**
     * @brief The devices of a project's electrodes @p specs next to its neurons @p placement,
     * as the 3-D view shows them and their contacts record: an electrode without a stored
     * anchor goes in above the middle of the population it records from
     * (CortexPlacement::centreEntry(), down that population's column), one without a placed
     * target at @p fallbackVertex. Unplaceable devices are skipped. @p white and
     * @p placement may be null.
     */
    static std::vector<ElectrodeArray> buildAround(const std::vector<core::ElectrodeSpec>& specs,
                                                   const SurfaceMesh& pial,
                                                   const SurfaceMesh* white,
                                                   const CortexPlacement* placement,
                                                   std::int64_t fallbackVertex);
};

} // namespace plexus::geometry
