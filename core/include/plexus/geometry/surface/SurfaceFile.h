#pragma once

#include "plexus/geometry/surface/SurfaceMesh.h"

#include <filesystem>
#include <string>
#include <vector>

namespace plexus::geometry {

/**
 * @brief Reads and writes surfaces in any supported format, chosen from the file's content
 * (magic bytes) and then its name.
 *
 * Formats: FreeSurfer triangle surfaces (lh.pial, rh.white, *.inflated...), GIfTI (.gii),
 * OBJ, PLY, STL and VTK's own formats: legacy .vtk POLYDATA and uncompressed .vtp (VtkSurface).
 */
class SurfaceFile {
public:
    /// Surface file formats.
    enum class Format { Unknown, FreeSurfer, Gifti, Obj, Ply, Stl, VtkLegacy, VtkXml };

    /// The format of @p path from its first bytes, else its extension; Unknown if neither
    /// tells (a missing file is judged by its name only).
    static Format detect(const std::filesystem::path& path);

    /// Human-readable name of @p format ("FreeSurfer surface", "GIfTI"...).
    static std::string formatName(Format format);

    /**
     * @brief Reads @p path in the format detect() finds.
     *
     * FreeSurfer surfaces pick up the curvature files next to them with the same hemisphere
     * prefix (lh.pial -> lh.curv, lh.sulc, lh.thickness) when their vertex count matches; a
     * companion that cannot be used adds a message to @p warnings (when given). Throws
     * core::Error naming the file for unsupported or damaged files.
     */
    static SurfaceMesh read(const std::filesystem::path& path,
                            std::vector<std::string>* warnings = nullptr);

    /// Writes @p mesh in the format its extension names (.gii, .obj, .ply, .stl; a FreeSurfer
    /// surface otherwise, e.g. lh.pial).
    static void write(const SurfaceMesh& mesh, const std::filesystem::path& path);

    /// File-dialog filter patterns of the readable formats, e.g. "*.gii".
    static std::vector<std::string> readablePatterns();
};

} // namespace plexus::geometry
