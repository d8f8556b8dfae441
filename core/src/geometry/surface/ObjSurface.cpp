#include "plexus/geometry/surface/ObjSurface.h"

#include "geometry/io/ByteReader.h"
#include "plexus/core/base/FileReadGuard.h"

#include <charconv>
#include <string_view>
#include <vector>

namespace plexus::geometry {

namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

/// Splits @p line into whitespace-separated tokens.
std::vector<std::string_view> tokens(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && isSpace(line[i])) {
            ++i;
        }
        const std::size_t start = i;
        while (i < line.size() && !isSpace(line[i])) {
            ++i;
        }
        if (i > start) {
            out.push_back(line.substr(start, i - start));
        }
    }
    return out;
}

} // namespace

namespace {

/// ObjSurface::read() without the out-of-memory guard.
SurfaceMesh readSurface(const std::filesystem::path& path) {
    const std::vector<char> bytes = detail::readFileBytes(path);
    const std::string name = detail::displayName(path);
    const std::string_view text(bytes.data(), bytes.size());
    std::vector<float> points;
    std::vector<std::int32_t> faces;
    std::size_t lineNumber = 0;
    std::size_t pos = 0;
    std::vector<std::int64_t> polygon;
    while (pos < text.size()) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        const std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNumber;
        const auto where = [&] { return name + ":" + std::to_string(lineNumber) + ": "; };
        const std::vector<std::string_view> t = tokens(line);
        if (t.empty() || t[0].front() == '#') {
            continue;
        }
        if (t[0] == "v") {
            if (t.size() < 4) {
                throw core::Error(where() + "vertex needs three coordinates");
            }
            for (int k = 1; k <= 3; ++k) {
                float v = 0.0f;
                const auto [p, ec] = std::from_chars(t[k].data(), t[k].data() + t[k].size(), v);
                if (ec != std::errc() || p != t[k].data() + t[k].size()) {
                    throw core::Error(where() + "invalid vertex coordinate '" + std::string(t[k]) +
                                      "'");
                }
                points.push_back(v);
            }
        } else if (t[0] == "f") {
            if (t.size() < 4) {
                throw core::Error(where() + "face needs at least three vertices");
            }
            polygon.clear();
            const auto vertexCount = static_cast<std::int64_t>(points.size() / 3);
            for (std::size_t k = 1; k < t.size(); ++k) {
                const std::string_view ref = t[k].substr(0, t[k].find('/'));
                std::int64_t index = 0;
                const auto [p, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), index);
                if (ec != std::errc() || p != ref.data() + ref.size() || index == 0) {
                    throw core::Error(where() + "invalid face vertex '" + std::string(t[k]) + "'");
                }
                const std::int64_t resolved = index > 0 ? index - 1 : vertexCount + index;
                if (resolved < 0 || resolved >= vertexCount) {
                    throw core::Error(where() + "face refers to vertex " + std::to_string(index) +
                                      ", index out of range (" + std::to_string(vertexCount) +
                                      " vertices so far)");
                }
                polygon.push_back(resolved);
            }
            for (std::size_t k = 1; k + 1 < polygon.size(); ++k) {
                faces.push_back(static_cast<std::int32_t>(polygon[0]));
                faces.push_back(static_cast<std::int32_t>(polygon[k]));
                faces.push_back(static_cast<std::int32_t>(polygon[k + 1]));
            }
        }
    }
    if (points.empty()) {
        throw core::Error(name + ": no vertices ('v' lines): not an OBJ surface");
    }
    SurfaceMesh::Vertices vertices = Eigen::Map<SurfaceMesh::Vertices>(
        points.data(), static_cast<Eigen::Index>(points.size() / 3), 3);
    SurfaceMesh::Triangles triangles = Eigen::Map<SurfaceMesh::Triangles>(
        faces.data(), static_cast<Eigen::Index>(faces.size() / 3), 3);
    SurfaceMesh mesh(std::move(vertices), std::move(triangles));
    mesh.validate(name);
    mesh.computeNormals();
    return mesh;
}

} // namespace

SurfaceMesh ObjSurface::read(const std::filesystem::path& path) {
    return core::FileReadGuard::run(detail::displayName(path), [&] { return readSurface(path); });
}

void ObjSurface::write(const SurfaceMesh& mesh, const std::filesystem::path& path) {
    mesh.validate(detail::displayName(path));
    std::string out = "# Wavefront OBJ written by Plexus\n";
    out.reserve(static_cast<std::size_t>(40 * (mesh.vertexCount() + mesh.triangleCount())));
    char buffer[32];
    for (Eigen::Index i = 0; i < mesh.vertexCount(); ++i) {
        out += 'v';
        for (int k = 0; k < 3; ++k) {
            out += ' ';
            const auto [end, ec] =
                std::to_chars(buffer, buffer + sizeof buffer, mesh.vertices()(i, k));
            out.append(buffer, end);
        }
        out += '\n';
    }
    for (Eigen::Index t = 0; t < mesh.triangleCount(); ++t) {
        out += 'f';
        for (int k = 0; k < 3; ++k) {
            out += ' ';
            out += std::to_string(mesh.triangles()(t, k) + 1);
        }
        out += '\n';
    }
    detail::writeFileBytes(path, out);
}

} // namespace plexus::geometry
