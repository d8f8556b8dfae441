#include "plexus/geometry/surface/FreeSurferSurface.h"

#include "geometry/io/ByteReader.h"
#include "plexus/core/base/FileReadGuard.h"

#include <cmath>
#include <limits>

namespace plexus::geometry {

namespace {

constexpr unsigned char kTriangleMagic[3] = {0xFF, 0xFF, 0xFE};
constexpr unsigned char kNewCurvMagic[3] = {0xFF, 0xFF, 0xFF};
constexpr unsigned char kQuadMagic[3] = {0xFF, 0xFF, 0xFD};

bool startsWith(const std::vector<char>& bytes, const unsigned char (&magic)[3]) {
    return bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == magic[0] &&
           static_cast<unsigned char>(bytes[1]) == magic[1] &&
           static_cast<unsigned char>(bytes[2]) == magic[2];
}

std::string hexMagic(const std::vector<char>& bytes) {
    static const char* digits = "0123456789ABCDEF";
    std::string text = "0x";
    for (std::size_t i = 0; i < 3 && i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        text += digits[b >> 4];
        text += digits[b & 15];
    }
    return text;
}

} // namespace

bool FreeSurferSurface::hasSurfaceMagic(const char* bytes, std::size_t size) {
    return size >= 3 && static_cast<unsigned char>(bytes[0]) == kTriangleMagic[0] &&
           static_cast<unsigned char>(bytes[1]) == kTriangleMagic[1] &&
           static_cast<unsigned char>(bytes[2]) == kTriangleMagic[2];
}

namespace {

/// FreeSurferSurface::read() without the out-of-memory guard.
SurfaceMesh readSurface(const std::filesystem::path& path) {
    const std::vector<char> bytes = detail::readFileBytes(path);
    const std::string name = detail::displayName(path);
    if (bytes.size() < 3) {
        throw core::Error(name + ": truncated file: " + std::to_string(bytes.size()) +
                          " bytes, too short for a FreeSurfer surface");
    }
    if (!startsWith(bytes, kTriangleMagic)) {
        if (startsWith(bytes, kNewCurvMagic) || startsWith(bytes, kQuadMagic)) {
            throw core::Error(name + ": bad magic number " + hexMagic(bytes) +
                              ": a FreeSurfer quad surface or curvature file, not a triangle "
                              "surface (0xFFFFFE)");
        }
        throw core::Error(name + ": bad magic number " + hexMagic(bytes) +
                          ", not a FreeSurfer triangle surface (expected 0xFFFFFE)");
    }
    detail::ByteReader in(bytes, name);
    in.skip(3, "the magic number");
    in.line("the 'created by' line");
    in.line("the header");
    const std::int32_t nv = in.read<std::int32_t>(std::endian::big, "the vertex count");
    const std::int32_t nt = in.read<std::int32_t>(std::endian::big, "the triangle count");
    if (nv < 0 || nt < 0) {
        throw core::Error(name + ": negative count (" + std::to_string(nv) + " vertices, " +
                          std::to_string(nt) + " triangles)");
    }
    const std::size_t needed =
        12u * static_cast<std::size_t>(nv) + 12u * static_cast<std::size_t>(nt);
    if (needed > in.remaining()) {
        throw core::Error(name + ": truncated file: " + std::to_string(nv) + " vertices and " +
                          std::to_string(nt) + " triangles need " + std::to_string(needed) +
                          " bytes but only " + std::to_string(in.remaining()) + " remain");
    }
    SurfaceMesh::Vertices vertices(nv, 3);
    for (std::int32_t i = 0; i < nv; ++i) {
        for (int k = 0; k < 3; ++k) {
            vertices(i, k) = in.read<float>(std::endian::big, "vertex coordinates");
        }
    }
    SurfaceMesh::Triangles triangles(nt, 3);
    for (std::int32_t t = 0; t < nt; ++t) {
        for (int k = 0; k < 3; ++k) {
            triangles(t, k) = in.read<std::int32_t>(std::endian::big, "triangle indices");
        }
    }
    SurfaceMesh mesh(std::move(vertices), std::move(triangles));
    mesh.validate(name);
    mesh.computeNormals();
    return mesh;
}

} // namespace

SurfaceMesh FreeSurferSurface::read(const std::filesystem::path& path) {
    return core::FileReadGuard::run(detail::displayName(path), [&] { return readSurface(path); });
}

void FreeSurferSurface::write(const SurfaceMesh& mesh, const std::filesystem::path& path,
                              const std::string& createdBy) {
    mesh.validate(detail::displayName(path));
    if (mesh.vertexCount() > std::numeric_limits<std::int32_t>::max() ||
        mesh.triangleCount() > std::numeric_limits<std::int32_t>::max()) {
        throw core::Error(detail::displayName(path) + ": too many vertices for the format");
    }
    std::string out;
    out.reserve(static_cast<std::size_t>(64 + 12 * (mesh.vertexCount() + mesh.triangleCount())));
    out.append(reinterpret_cast<const char*>(kTriangleMagic), 3);
    std::string stamp = createdBy;
    std::erase(stamp, '\n');
    out += "created by " + stamp + "\n\n";
    detail::appendValue(out, static_cast<std::int32_t>(mesh.vertexCount()), std::endian::big);
    detail::appendValue(out, static_cast<std::int32_t>(mesh.triangleCount()), std::endian::big);
    for (Eigen::Index i = 0; i < mesh.vertexCount(); ++i) {
        for (int k = 0; k < 3; ++k) {
            detail::appendValue(out, mesh.vertices()(i, k), std::endian::big);
        }
    }
    for (Eigen::Index t = 0; t < mesh.triangleCount(); ++t) {
        for (int k = 0; k < 3; ++k) {
            detail::appendValue(out, mesh.triangles()(t, k), std::endian::big);
        }
    }
    detail::writeFileBytes(path, out);
}

namespace {

/// FreeSurferSurface::readCurvature() without the out-of-memory guard.
Eigen::VectorXf readCurvatureFile(const std::filesystem::path& path,
                                  std::int64_t expectedVertices) {
    const std::vector<char> bytes = detail::readFileBytes(path);
    const std::string name = detail::displayName(path);
    if (bytes.size() < 3) {
        throw core::Error(name + ": truncated file: " + std::to_string(bytes.size()) +
                          " bytes, too short for a FreeSurfer curvature file");
    }
    if (!startsWith(bytes, kNewCurvMagic)) {
        throw core::Error(name + ": bad magic number " + hexMagic(bytes) +
                          ", not a FreeSurfer curvature file (expected 0xFFFFFF; the old "
                          "3-byte-count format is not supported)");
    }
    detail::ByteReader in(bytes, name);
    in.skip(3, "the magic number");
    const std::int32_t nv = in.read<std::int32_t>(std::endian::big, "the vertex count");
    in.read<std::int32_t>(std::endian::big, "the triangle count");
    const std::int32_t perVertex = in.read<std::int32_t>(std::endian::big, "values per vertex");
    if (nv < 0) {
        throw core::Error(name + ": negative vertex count " + std::to_string(nv));
    }
    if (perVertex != 1) {
        throw core::Error(name + ": " + std::to_string(perVertex) +
                          " values per vertex; only 1 is supported");
    }
    if (expectedVertices >= 0 && nv != expectedVertices) {
        throw core::Error(name + ": has " + std::to_string(nv) + " values but the surface has " +
                          std::to_string(expectedVertices) + " vertices");
    }
    in.require(4u * static_cast<std::size_t>(nv), std::to_string(nv) + " values");
    Eigen::VectorXf values(nv);
    for (std::int32_t i = 0; i < nv; ++i) {
        values[i] = in.read<float>(std::endian::big, "values");
    }
    return values;
}

} // namespace

Eigen::VectorXf FreeSurferSurface::readCurvature(const std::filesystem::path& path,
                                                 std::int64_t expectedVertices) {
    return core::FileReadGuard::run(detail::displayName(path),
                                    [&] { return readCurvatureFile(path, expectedVertices); });
}

void FreeSurferSurface::writeCurvature(const Eigen::VectorXf& values, std::int64_t triangleCount,
                                       const std::filesystem::path& path) {
    std::string out;
    out.append(reinterpret_cast<const char*>(kNewCurvMagic), 3);
    detail::appendValue(out, static_cast<std::int32_t>(values.size()), std::endian::big);
    detail::appendValue(out, static_cast<std::int32_t>(triangleCount), std::endian::big);
    detail::appendValue(out, std::int32_t{1}, std::endian::big);
    for (Eigen::Index i = 0; i < values.size(); ++i) {
        detail::appendValue(out, values[i], std::endian::big);
    }
    detail::writeFileBytes(path, out);
}

} // namespace plexus::geometry
