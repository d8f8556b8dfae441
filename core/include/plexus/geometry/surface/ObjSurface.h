#pragma once

#include "plexus/geometry/surface/SurfaceMesh.h"

#include <filesystem>

namespace plexus::geometry {

/**
 * @brief Wavefront OBJ surfaces: "v" vertices and "f" faces (1-based or negative indices,
 * "i", "i/t", "i//n" and "i/t/n" forms; polygons are split into triangle fans). Normals,
 * texture coordinates, groups and materials are ignored.
 */
class ObjSurface {
public:
    /// Reads @p path; computes normals. Errors name the file and the line.
    static SurfaceMesh read(const std::filesystem::path& path);
    /// Writes vertices and triangles (shortest round-trip decimal form).
    static void write(const SurfaceMesh& mesh, const std::filesystem::path& path);
};

} // namespace plexus::geometry
