#include "plexus/geometry/surface/SurfaceFile.h"

#include "plexus/core/base/Error.h"
#include "plexus/geometry/surface/FreeSurferSurface.h"
#include "plexus/geometry/surface/GiftiSurface.h"
#include "plexus/geometry/surface/ObjSurface.h"
#include "plexus/geometry/surface/PlySurface.h"
#include "plexus/geometry/surface/StlSurface.h"
#include "plexus/geometry/surface/VtkSurface.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <string_view>

namespace plexus::geometry {

namespace {

std::string lowerExtension(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

constexpr std::string_view kFreeSurferNames[] = {
    ".pial", ".white",        ".orig",    ".smoothwm",           ".inflated", ".sphere",
    ".reg",  ".midthickness", ".graymid", ".pial_semi_inflated", ".qsphere",  ".mid"};

} // namespace

SurfaceFile::Format SurfaceFile::detect(const std::filesystem::path& path) {
    char head[512] = {};
    std::size_t size = 0;
    {
        std::ifstream in(path, std::ios::binary);
        if (in) {
            in.read(head, sizeof head);
            size = static_cast<std::size_t>(in.gcount());
        }
    }
    const std::string_view start(head, size);
    if (FreeSurferSurface::hasSurfaceMagic(head, size)) {
        return Format::FreeSurfer;
    }
    if (start.starts_with("ply\n") || start.starts_with("ply\r\n")) {
        return Format::Ply;
    }
    if (start.starts_with("# vtk DataFile")) {
        return Format::VtkLegacy;
    }
    const std::string ext = lowerExtension(path);
    if (start.find("<GIFTI") != std::string_view::npos) {
        return Format::Gifti;
    }
    if (start.find("<VTKFile") != std::string_view::npos) {
        return Format::VtkXml;
    }
    if (ext == ".gii") {
        return Format::Gifti;
    }
    if (ext == ".obj") {
        return Format::Obj;
    }
    if (ext == ".ply") {
        return Format::Ply;
    }
    if (ext == ".stl") {
        return Format::Stl;
    }
    if (ext == ".vtk") {
        return Format::VtkLegacy;
    }
    if (ext == ".vtp") {
        return Format::VtkXml;
    }
    for (const std::string_view fs : kFreeSurferNames) {
        if (ext == fs) {
            return Format::FreeSurfer;
        }
    }
    return Format::Unknown;
}

std::string SurfaceFile::formatName(Format format) {
    switch (format) {
    case Format::FreeSurfer:
        return "FreeSurfer surface";
    case Format::Gifti:
        return "GIfTI";
    case Format::Obj:
        return "Wavefront OBJ";
    case Format::Ply:
        return "PLY";
    case Format::Stl:
        return "STL";
    case Format::VtkLegacy:
        return "legacy VTK";
    case Format::VtkXml:
        return "VTK XML PolyData";
    case Format::Unknown:
        break;
    }
    return "unknown";
}

SurfaceMesh SurfaceFile::read(const std::filesystem::path& path,
                              std::vector<std::string>* warnings) {
    const std::string name = path.string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw core::Error(name + ": no such file");
    }
    switch (detect(path)) {
    case Format::FreeSurfer: {
        SurfaceMesh mesh = FreeSurferSurface::read(path);
        // Companions: lh.pial -> lh.curv, lh.sulc, lh.thickness.
        const std::string file = path.filename().string();
        const std::size_t dot = file.find('.');
        if (dot != std::string::npos && dot > 0) {
            const std::string hemi = file.substr(0, dot);
            for (const char* measure : {"curv", "sulc", "thickness"}) {
                const std::filesystem::path companion = path.parent_path() / (hemi + "." + measure);
                if (companion == path || !std::filesystem::is_regular_file(companion, ec)) {
                    continue;
                }
                try {
                    mesh.setScalar(measure,
                                   FreeSurferSurface::readCurvature(companion, mesh.vertexCount()));
                } catch (const core::Error& e) {
                    if (warnings != nullptr) {
                        warnings->push_back(e.what());
                    }
                }
            }
        }
        return mesh;
    }
    case Format::Gifti:
        return GiftiSurface::read(path);
    case Format::Obj:
        return ObjSurface::read(path);
    case Format::Ply:
        return PlySurface::read(path);
    case Format::Stl:
        return StlSurface::read(path);
    case Format::VtkLegacy:
        return VtkSurface::readLegacy(path);
    case Format::VtkXml:
        return VtkSurface::readXml(path);
    case Format::Unknown:
        break;
    }
    throw core::Error(name + ": unknown surface format (expected a FreeSurfer surface, GIfTI, "
                             "OBJ, PLY, STL, VTK or VTP file)");
}

void SurfaceFile::write(const SurfaceMesh& mesh, const std::filesystem::path& path) {
    const std::string ext = lowerExtension(path);
    if (ext == ".gii") {
        GiftiSurface::write(mesh, path);
    } else if (ext == ".obj") {
        ObjSurface::write(mesh, path);
    } else if (ext == ".ply") {
        PlySurface::write(mesh, path);
    } else if (ext == ".stl") {
        StlSurface::write(mesh, path);
    } else if (ext == ".vtk" || ext == ".vtp") {
        throw core::Error(path.string() + ": writing VTK files is not supported here");
    } else {
        FreeSurferSurface::write(mesh, path);
    }
}

std::vector<std::string> SurfaceFile::readablePatterns() {
    std::vector<std::string> patterns = {"*.gii", "*.obj", "*.ply", "*.stl", "*.vtk", "*.vtp"};
    for (const std::string_view fs : kFreeSurferNames) {
        std::string pattern(1, '*');
        pattern.append(fs);
        patterns.push_back(std::move(pattern));
    }
    return patterns;
}

} // namespace plexus::geometry
