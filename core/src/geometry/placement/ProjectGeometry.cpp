#include "plexus/geometry/placement/ProjectGeometry.h"

#include "plexus/geometry/surface/FoldedCortex.h"
#include "plexus/geometry/surface/SurfaceFile.h"
#include "plexus/geometry/surface/SurfaceMeasures.h"

#include <system_error>

namespace plexus::geometry {

SurfaceMesh ProjectGeometry::prepared(SurfaceMesh mesh) {
    SurfaceMeasures::addStandardScalars(mesh);
    return mesh;
}

ProjectGeometry ProjectGeometry::defaultCortex(std::uint64_t seed) {
    FoldedCortex::Options options;
    options.seed = seed;
    const FoldedCortex cortex(options);
    ProjectGeometry geometry;
    geometry.pial = prepared(cortex.pial());
    geometry.white = prepared(cortex.white());
    geometry.name = "Procedural cortex (seed " + std::to_string(seed) + ")";
    return geometry;
}

std::filesystem::path ProjectGeometry::resolve(const std::string& name,
                                               const std::filesystem::path& projectDir) {
    std::filesystem::path file(name);
    if (file.is_relative() && !projectDir.empty()) {
        file = projectDir / file;
    }
    return file;
}

ProjectGeometry ProjectGeometry::load(const std::optional<core::CortexSpec>& spec,
                                      const std::filesystem::path& projectDir,
                                      std::vector<std::string>* warnings, const Reader& reader) {
    if (!spec.has_value()) {
        return defaultCortex(1);
    }
    if (spec->isProcedural()) {
        return defaultCortex(spec->seed);
    }
    const auto read = [&](const std::filesystem::path& file) {
        return reader ? reader(file, warnings) : SurfaceFile::read(file, warnings);
    };
    const std::filesystem::path pialPath = resolve(spec->surface, projectDir);
    ProjectGeometry geometry;
    geometry.pial = read(pialPath);
    geometry.name = pialPath.filename().string();
    std::filesystem::path whitePath;
    if (!spec->whiteSurface.empty()) {
        whitePath = resolve(spec->whiteSurface, projectDir);
    } else if (pialPath.extension() == ".pial" &&
               SurfaceFile::detect(pialPath) == SurfaceFile::Format::FreeSurfer) {
        // A FreeSurfer pial surface brings its white surface along (lh.pial -> lh.white).
        std::filesystem::path candidate = pialPath;
        candidate.replace_extension(".white");
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate, ec)) {
            whitePath = candidate;
        }
    }
    if (!whitePath.empty()) {
        SurfaceMesh white = read(whitePath);
        if (white.vertexCount() == geometry.pial.vertexCount()) {
            geometry.white = prepared(std::move(white));
        } else if (warnings != nullptr) {
            warnings->push_back(whitePath.string() +
                                ": vertex count differs from the pial surface; not used");
        }
    }
    geometry.pial = prepared(std::move(geometry.pial));
    return geometry;
}

} // namespace plexus::geometry
