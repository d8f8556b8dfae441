#pragma once

#include "plexus/core/project/CortexSpec.h"
#include "plexus/geometry/surface/SurfaceMesh.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace plexus::geometry {

/**
 * @brief The cortical surfaces a project's neurons and electrodes are placed on, ready for
 * placement and display: every mesh has normals and the standard scalars
 * (SurfaceMeasures::addStandardScalars()). The 3-D view and the headless run build them with
 * the same functions, so both place neurons and contacts identically.
 */
struct ProjectGeometry {
    SurfaceMesh pial;                 ///< the pial surface
    std::optional<SurfaceMesh> white; ///< the white surface, when known
    std::string name;                 ///< what the surfaces are, e.g. "Procedural cortex (seed 1)"

    /// Reads one surface file (problems that do not prevent reading go to the warnings).
    using Reader =
        std::function<SurfaceMesh(const std::filesystem::path&, std::vector<std::string>*)>;

    /**
     * @brief The surfaces of a project's cortex @p spec (none: the procedural cortex of seed
     * 1); relative file names are resolved against @p projectDir.
     *
     * A surface file is read with @p reader (default SurfaceFile::read(); the window passes
     * one that reads compressed VTK files through VTK too); its white surface is `white_surface`
     * when given, else for a FreeSurfer `*.pial` the `*.white` next to it when it exists. A
     * white surface whose vertex count differs from the pial one is left out with a message in
     * @p warnings (when given). Throws core::Error naming the file when a surface cannot be
     * read.
     */
    static ProjectGeometry load(const std::optional<core::CortexSpec>& spec,
                                const std::filesystem::path& projectDir,
                                std::vector<std::string>* warnings = nullptr,
                                const Reader& reader = {});
    /// @p name as written in a project, resolved against @p projectDir when relative.
    static std::filesystem::path resolve(const std::string& name,
                                         const std::filesystem::path& projectDir);
    /// The procedural folded cortex (FoldedCortex) of @p seed with its white surface.
    static ProjectGeometry defaultCortex(std::uint64_t seed = 1);
    /// @p mesh with normals and the standard scalars added.
    static SurfaceMesh prepared(SurfaceMesh mesh);
    /// The white surface or null.
    const SurfaceMesh* whiteOrNull() const { return white.has_value() ? &*white : nullptr; }
};

} // namespace plexus::geometry
