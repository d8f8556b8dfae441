#include "plexus/geometry/surface/StlSurface.h"

#include "geometry/io/ByteReader.h"
#include "plexus/core/base/FileReadGuard.h"

#include <Eigen/Geometry>
#include <array>
#include <charconv>
#include <cstring>
#include <unordered_map>
#include <vector>

namespace plexus::geometry {

namespace {

struct CornerKey {
    std::array<std::uint32_t, 3> bits;
    bool operator==(const CornerKey&) const = default;
};

struct CornerHash {
    std::size_t operator()(const CornerKey& k) const {
        std::uint64_t h = 1469598103934665603ULL;
        for (const std::uint32_t b : k.bits) {
            h = (h ^ b) * 1099511628211ULL;
        }
        return static_cast<std::size_t>(h);
    }
};

/// Collects triangle corners and merges identical positions.
class CornerMerger {
public:
    void add(float x, float y, float z) {
        // +0.0f normalises -0.0 so that it merges with 0.0.
        const float xyz[3] = {x + 0.0f, y + 0.0f, z + 0.0f};
        CornerKey key{};
        std::memcpy(key.bits.data(), xyz, sizeof xyz);
        const auto [it, inserted] =
            m_index.try_emplace(key, static_cast<std::int32_t>(m_points.size() / 3));
        if (inserted) {
            m_points.insert(m_points.end(), xyz, xyz + 3);
        }
        m_faces.push_back(it->second);
    }

    SurfaceMesh mesh(const std::string& name) {
        SurfaceMesh::Vertices vertices = Eigen::Map<SurfaceMesh::Vertices>(
            m_points.data(), static_cast<Eigen::Index>(m_points.size() / 3), 3);
        SurfaceMesh::Triangles triangles = Eigen::Map<SurfaceMesh::Triangles>(
            m_faces.data(), static_cast<Eigen::Index>(m_faces.size() / 3), 3);
        SurfaceMesh result(std::move(vertices), std::move(triangles));
        result.validate(name);
        result.computeNormals();
        return result;
    }

private:
    std::unordered_map<CornerKey, std::int32_t, CornerHash> m_index;
    std::vector<float> m_points;
    std::vector<std::int32_t> m_faces;
};

} // namespace

namespace {

/// StlSurface::read() without the out-of-memory guard.
SurfaceMesh readSurface(const std::filesystem::path& path) {
    const std::vector<char> bytes = detail::readFileBytes(path);
    const std::string name = detail::displayName(path);
    bool binary = false;
    std::uint32_t count = 0;
    if (bytes.size() >= 84) {
        std::memcpy(&count, bytes.data() + 80, 4);
        if (std::endian::native != std::endian::little) {
            count = detail::ByteReader::byteSwap(count);
        }
        binary = 84 + 50 * static_cast<std::uint64_t>(count) == bytes.size();
    }
    const bool looksAscii = bytes.size() >= 5 && std::string_view(bytes.data(), 5) == "solid";
    if (!binary && !looksAscii) {
        if (bytes.size() < 84) {
            throw core::Error(name + ": truncated file: " + std::to_string(bytes.size()) +
                              " bytes is shorter than a binary STL header (84 bytes)");
        }
        throw core::Error(name + ": truncated or damaged binary STL: the header declares " +
                          std::to_string(count) + " triangles (" +
                          std::to_string(84 + 50 * static_cast<std::uint64_t>(count)) +
                          " bytes) but the file has " + std::to_string(bytes.size()) + " bytes");
    }
    CornerMerger merger;
    if (binary) {
        detail::ByteReader in(bytes, name);
        in.skip(84, "the header");
        for (std::uint32_t t = 0; t < count; ++t) {
            in.skip(12, "a facet normal");
            for (int c = 0; c < 3; ++c) {
                const float x = in.read<float>(std::endian::little, "a facet corner");
                const float y = in.read<float>(std::endian::little, "a facet corner");
                const float z = in.read<float>(std::endian::little, "a facet corner");
                merger.add(x, y, z);
            }
            in.skip(2, "the attribute byte count");
        }
        return merger.mesh(name);
    }
    // ASCII: every "vertex x y z" line is a corner; three corners make a facet.
    const std::string_view text(bytes.data(), bytes.size());
    std::size_t pos = 0;
    std::size_t lineNumber = 0;
    std::size_t corners = 0;
    bool ended = false;
    while (pos < text.size()) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNumber;
        const std::size_t first = line.find_first_not_of(" \t\r");
        if (first == std::string_view::npos) {
            continue;
        }
        line.remove_prefix(first);
        if (line.starts_with("endsolid")) {
            ended = true;
            break;
        }
        if (!line.starts_with("vertex")) {
            continue;
        }
        float xyz[3];
        const char* p = line.data() + 6;
        const char* stop = line.data() + line.size();
        for (float& v : xyz) {
            while (p < stop && (*p == ' ' || *p == '\t')) {
                ++p;
            }
            const auto [next, ec] = std::from_chars(p, stop, v);
            if (ec != std::errc()) {
                throw core::Error(name + ":" + std::to_string(lineNumber) +
                                  ": invalid vertex coordinates");
            }
            p = next;
        }
        merger.add(xyz[0], xyz[1], xyz[2]);
        ++corners;
    }
    if (corners % 3 != 0) {
        throw core::Error(name + ": truncated file: " + std::to_string(corners) +
                          " facet corners is not a multiple of three");
    }
    if (!ended) {
        throw core::Error(name + ": truncated file: no 'endsolid' line");
    }
    return merger.mesh(name);
}

} // namespace

SurfaceMesh StlSurface::read(const std::filesystem::path& path) {
    return core::FileReadGuard::run(detail::displayName(path), [&] { return readSurface(path); });
}

void StlSurface::write(const SurfaceMesh& mesh, const std::filesystem::path& path, bool binary) {
    mesh.validate(detail::displayName(path));
    std::string out;
    const auto normalOf = [&](Eigen::Index t) {
        const Eigen::Vector3f a = mesh.vertices().row(mesh.triangles()(t, 0));
        const Eigen::Vector3f b = mesh.vertices().row(mesh.triangles()(t, 1));
        const Eigen::Vector3f c = mesh.vertices().row(mesh.triangles()(t, 2));
        const Eigen::Vector3f n = (b - a).cross(c - a);
        return n.norm() > 0.0f ? Eigen::Vector3f(n.normalized()) : Eigen::Vector3f::Zero();
    };
    if (binary) {
        std::string header = "Binary STL written by Plexus";
        header.resize(80, ' ');
        out = header;
        detail::appendValue(out, static_cast<std::uint32_t>(mesh.triangleCount()),
                            std::endian::little);
        for (Eigen::Index t = 0; t < mesh.triangleCount(); ++t) {
            const Eigen::Vector3f n = normalOf(t);
            for (int k = 0; k < 3; ++k) {
                detail::appendValue(out, n[k], std::endian::little);
            }
            for (int c = 0; c < 3; ++c) {
                for (int k = 0; k < 3; ++k) {
                    detail::appendValue(out, mesh.vertices()(mesh.triangles()(t, c), k),
                                        std::endian::little);
                }
            }
            out += std::string(2, '\0');
        }
    } else {
        char buffer[32];
        const auto number = [&](float v) {
            const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
            out.append(buffer, end);
        };
        out = "solid plexus\n";
        for (Eigen::Index t = 0; t < mesh.triangleCount(); ++t) {
            const Eigen::Vector3f n = normalOf(t);
            out += "  facet normal ";
            number(n.x());
            out += ' ';
            number(n.y());
            out += ' ';
            number(n.z());
            out += "\n    outer loop\n";
            for (int c = 0; c < 3; ++c) {
                out += "      vertex ";
                for (int k = 0; k < 3; ++k) {
                    number(mesh.vertices()(mesh.triangles()(t, c), k));
                    out += k < 2 ? ' ' : '\n';
                }
            }
            out += "    endloop\n  endfacet\n";
        }
        out += "endsolid plexus\n";
    }
    detail::writeFileBytes(path, out);
}

} // namespace plexus::geometry
