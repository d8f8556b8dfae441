#pragma once

#include "plexus/geometry/surface/SurfaceMesh.h"

#include <filesystem>

namespace plexus::geometry {

/**
 * @brief Stanford PLY surfaces, ASCII and binary (little- or big-endian).
 *
 * Reads the "vertex" element (x, y, z; nx, ny, nz as normals; every other numeric property
 * except colours and texture coordinates becomes a scalar) and the "face" element's
 * vertex_indices / vertex_index list (polygons are split into triangle fans). Other elements
 * are skipped. Errors name the file and what is wrong.
 */
class PlySurface {
public:
    /// Reads @p path; computes normals unless the file has them.
    static SurfaceMesh read(const std::filesystem::path& path);
    /// Writes @p mesh with its scalars as float vertex properties.
    static void write(const SurfaceMesh& mesh, const std::filesystem::path& path,
                      bool binary = true);
};

} // namespace plexus::geometry
