#pragma once

#include "plexus/geometry/ElectrodeArray.h"
#include "plexus/geometry/SurfaceMesh.h"
#include "plexus/widgets/ElectrodeSpec.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace plexus::widgets {

/**
 * @brief Turns the project's editor electrodes (ElectrodeSpec) into placed devices
 * (geometry::ElectrodeArray) on a cortical surface (Qt-free).
 *
 * The anchor is stored in ElectrodeSpec::extra as {"anchor_vertex": v, "depth_um": d}: the
 * device enters at pial vertex v along its inward normal; d is the depth of the deepest
 * contact (laminar), of the single contact (point) or the shank length (utah). Without an
 * anchor the fallback vertex is used. EEG electrodes become one contact on the surface.
 */
class ElectrodePlacement {
public:
    /// Member of ElectrodeSpec::extra holding the anchor vertex.
    static constexpr const char* anchorKey = "anchor_vertex";
    /// Member of ElectrodeSpec::extra holding the depth in micrometres.
    static constexpr const char* depthKey = "depth_um";

    /// The stored anchor vertex of @p spec, if any.
    static std::optional<std::int64_t> anchorVertex(const ElectrodeSpec& spec);
    /// The stored depth of @p spec, or its type's default (laminar: (contacts - 1) * spacing
    /// + 100 um; utah: 1000 um; point: 500 um; eeg: 0).
    static double depthUm(const ElectrodeSpec& spec);
    /// @p spec with its anchor set to @p vertex at @p depthUm (other extra members kept).
    static ElectrodeSpec withAnchor(ElectrodeSpec spec, std::int64_t vertex, double depthUm);

    /**
     * @brief The device of @p spec on @p pial (normals needed); nullopt with the reason in
     * @p error when it cannot be placed (e.g. a laminar probe deeper than its anchor allows).
     */
    static std::optional<geometry::ElectrodeArray> build(const ElectrodeSpec& spec,
                                                         const geometry::SurfaceMesh& pial,
                                                         std::int64_t fallbackVertex,
                                                         std::string* error = nullptr);
    /// Every placeable device of @p specs (unplaceable ones are skipped).
    static std::vector<geometry::ElectrodeArray> buildAll(const std::vector<ElectrodeSpec>& specs,
                                                          const geometry::SurfaceMesh& pial,
                                                          std::int64_t fallbackVertex);
};

} // namespace plexus::widgets
