#include "GeometryInfoCommand.h"

#include "plexus/core/base/Error.h"
#include "plexus/geometry/probes/EegMontage.h"
#include "plexus/geometry/probes/MontageReader.h"
#include "plexus/geometry/surface/SurfaceFile.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>

namespace plexus::app {

namespace {

using core::Error;

/// The one FILE after `info`; throws Error with the usage otherwise.
std::filesystem::path infoFile(const std::vector<std::string>& args, const std::string& command,
                               const std::string& kinds) {
    if (args.size() != 2 || args[0] != "info")
        throw Error(command + ": expected `" + command + " info FILE` (" + kinds + ")");
    const std::filesystem::path file(args[1]);
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        throw Error(file.string() + ": no such file");
    if (std::filesystem::is_directory(file, ec))
        throw Error(file.string() + ": is a folder, not a " + command + " file");
    return file;
}

/// {"min": [x, y, z], "max": [x, y, z], "unit": unit}.
nlohmann::json bounds(const std::array<double, 3>& lo, const std::array<double, 3>& hi,
                      const std::string& unit) {
    return {{"min", lo}, {"max", hi}, {"unit", unit}};
}

} // namespace

int GeometryInfoCommand::runSurface(const std::vector<std::string>& args) {
    const std::filesystem::path file =
        infoFile(args, "surface", "FreeSurfer, GIfTI, OBJ, PLY, STL, VTK or VTP");
    const geometry::SurfaceFile::Format format = geometry::SurfaceFile::detect(file);
    std::vector<std::string> warnings;
    const geometry::SurfaceMesh mesh = geometry::SurfaceFile::read(file, &warnings);
    const std::array<float, 6> b = mesh.bounds();
    nlohmann::json out = {{"file", file.string()},
                          {"format", geometry::SurfaceFile::formatName(format)},
                          {"vertices", mesh.vertexCount()},
                          {"triangles", mesh.triangleCount()},
                          {"bounds", bounds({b[0], b[2], b[4]}, {b[1], b[3], b[5]}, "mm")}};
    nlohmann::json scalars = nlohmann::json::array();
    for (const auto& scalar : mesh.scalars())
        scalars.push_back(scalar.name);
    out["scalars"] = std::move(scalars);
    out["warnings"] = warnings;
    std::cout << out.dump(2) << "\n";
    return 0;
}

int GeometryInfoCommand::runMontage(const std::vector<std::string>& args) {
    const std::filesystem::path file = infoFile(args, "montage", ".elc, .sfp, .txt or .csd");
    const geometry::MontageReader::Format format = geometry::MontageReader::detect(file);
    if (format == geometry::MontageReader::Format::Unknown)
        throw Error(file.string() +
                    ": not a montage file this Plexus reads (.elc, .sfp, .txt, .csd)");
    const geometry::EegMontage montage = geometry::MontageReader::read(file);
    constexpr double inf = std::numeric_limits<double>::infinity();
    std::array<double, 3> lo{inf, inf, inf};
    std::array<double, 3> hi{-inf, -inf, -inf};
    for (int i = 0; i < montage.channelCount(); ++i)
        for (int k = 0; k < 3; ++k) {
            lo[static_cast<std::size_t>(k)] =
                std::min(lo[static_cast<std::size_t>(k)], montage.position(i)[k]);
            hi[static_cast<std::size_t>(k)] =
                std::max(hi[static_cast<std::size_t>(k)], montage.position(i)[k]);
        }
    if (montage.channelCount() == 0)
        lo = hi = {0.0, 0.0, 0.0};
    const std::string ext = file.extension().string();
    const nlohmann::json out = {{"file", file.string()},
                                {"format", ext.empty() ? std::string() : ext.substr(1)},
                                {"channels", montage.channelCount()},
                                {"labels", montage.names()},
                                {"bounds", bounds(lo, hi, "mm")}};
    std::cout << out.dump(2) << "\n";
    return 0;
}

} // namespace plexus::app
