#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace plexus::core {

/// Where the neurons of a population sit in space, as saved in a project (`"spatial"`).
///
/// Shapes (NeuronPositions computes the positions, centred on the origin, in micrometres):
/// - `mixed`: well mixed, no positions (distance-dependent connectivity refuses it);
/// - `grid`: a regular 2D grid filling `extentUm` x by y (z = 0);
/// - `random`: uniform in the box `extentUm`;
/// - `sheet`: a cortical sheet, uniform in x and y over `extentUm`, depth z over `extentUm[2]`;
/// - `ring`: evenly spaced on a circle of radius `radiusUm` in the x-y plane.
struct SpatialSpec {
    std::string shape = "mixed";
    /// Size of the region in micrometres (x, y, z); used by grid, random and sheet.
    std::array<double, 3> extentUm = {0.0, 0.0, 0.0};
    /// Radius of the ring in micrometres; used by ring.
    double radiusUm = 0.0;
    /// Unknown JSON members of the `"spatial"` object, kept as loaded and written back on save.
    /// Null when there are none.
    nlohmann::json extra = nullptr;

    /// Every known shape: mixed, grid, random, ring, sheet.
    static const std::vector<std::string>& shapes();
    /// True when `shape` is one of shapes().
    static bool isKnownShape(const std::string& shape);
    /// A layout of `shape` with its default size: grid 1000 x 1000 um, random 1000 um cube,
    /// sheet 1000 x 1000 um and 200 um deep, ring of radius 500 um, mixed without size.
    static SpatialSpec withShape(const std::string& shape);

    /// True when the shape gives the neurons positions (every shape but `mixed`).
    bool hasPositions() const { return shape != "mixed"; }

    bool operator==(const SpatialSpec&) const = default;
};

} // namespace plexus::core
