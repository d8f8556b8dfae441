#pragma once

#include "plexus/geometry/surface/SurfaceMesh.h"

#include <filesystem>

namespace plexus::geometry {

/**
 * @brief VTK's surface files without VTK: legacy `.vtk` POLYDATA (ASCII or binary, file
 * versions up to 5.1 with OFFSETS / CONNECTIVITY) and XML PolyData `.vtp` (DataArrays in
 * "ascii" or inline Base64 "binary" format, uncompressed).
 *
 * Reads the points, the polygons (split into triangle fans) and triangle strips (vertices and
 * lines are skipped), the point normals and every one-component point array as a scalar.
 * Compressed `.vtp` files and appended data are refused with one line naming the file. Errors
 * name the file and what is wrong.
 */
class VtkSurface {
public:
    /// Reads a legacy VTK POLYDATA file; computes normals unless the file has them.
    static SurfaceMesh readLegacy(const std::filesystem::path& path);
    /// Reads a VTK XML PolyData file; computes normals unless the file has them.
    static SurfaceMesh readXml(const std::filesystem::path& path);
};

} // namespace plexus::geometry
