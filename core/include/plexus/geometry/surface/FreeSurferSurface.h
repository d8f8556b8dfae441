#pragma once

#include "plexus/geometry/surface/SurfaceMesh.h"

#include <Eigen/Core>
#include <cstdint>
#include <filesystem>
#include <string>

namespace plexus::geometry {

/**
 * @brief FreeSurfer binary surfaces (lh.pial, rh.white...) and per-vertex curvature files
 * (lh.curv, lh.sulc, lh.thickness).
 *
 * Triangle surface layout (big-endian): the magic bytes FF FF FE, a "created by" text line
 * and a second (usually empty) line, int32 vertex and triangle counts, float32 xyz per vertex,
 * int32 vertex indices per triangle, then optional volume-geometry tags (ignored). Curvature
 * layout ("new" format): FF FF FF, int32 vertex count, int32 triangle count, int32 values per
 * vertex (1), then float32 values. Every error names the file and what is wrong.
 */
class FreeSurferSurface {
public:
    /// Reads a triangle surface; computes normals. Throws core::Error on damaged files.
    static SurfaceMesh read(const std::filesystem::path& path);

    /// Writes @p mesh as a triangle surface with @p createdBy in its header line.
    static void write(const SurfaceMesh& mesh, const std::filesystem::path& path,
                      const std::string& createdBy = "plexus");

    /**
     * @brief Reads a curvature ("morph data") file.
     * @param expectedVertices when >= 0, a file with another vertex count is refused.
     */
    static Eigen::VectorXf readCurvature(const std::filesystem::path& path,
                                         std::int64_t expectedVertices = -1);

    /// Writes a curvature file; @p triangleCount is stored in its header.
    static void writeCurvature(const Eigen::VectorXf& values, std::int64_t triangleCount,
                               const std::filesystem::path& path);

    /// True when @p bytes start with the triangle-surface magic number.
    static bool hasSurfaceMagic(const char* bytes, std::size_t size);
};

} // namespace plexus::geometry
