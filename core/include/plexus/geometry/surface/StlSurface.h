#pragma once

#include "plexus/geometry/surface/SurfaceMesh.h"

#include <filesystem>

namespace plexus::geometry {

/**
 * @brief STL surfaces, ASCII and binary.
 *
 * STL stores each triangle with its own three corners; reading merges corners with identical
 * coordinates into shared vertices so the surface is connected (normals, curvature and picking
 * need that). A binary file is recognised by its size (84 + 50 * count bytes), so binary files
 * whose header starts with "solid" are read correctly.
 */
class StlSurface {
public:
    /// Reads @p path; computes normals. Errors name the file and what is wrong.
    static SurfaceMesh read(const std::filesystem::path& path);
    /// Writes @p mesh as binary (default) or ASCII STL with facet normals.
    static void write(const SurfaceMesh& mesh, const std::filesystem::path& path,
                      bool binary = true);
};

} // namespace plexus::geometry
