#include "plexus/geometry/surface/PlySurface.h"

#include "geometry/io/ByteReader.h"
#include "plexus/core/base/FileReadGuard.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>
#include <vector>

namespace plexus::geometry {

namespace {

enum class PlyFormat { Ascii, BinaryLittle, BinaryBig };

struct PlyType {
    int size = 0;
    bool isFloat = false;
    bool isSigned = false;
};

bool parseType(std::string_view name, PlyType& type) {
    if (name == "char" || name == "int8") {
        type = {1, false, true};
    } else if (name == "uchar" || name == "uint8") {
        type = {1, false, false};
    } else if (name == "short" || name == "int16") {
        type = {2, false, true};
    } else if (name == "ushort" || name == "uint16") {
        type = {2, false, false};
    } else if (name == "int" || name == "int32") {
        type = {4, false, true};
    } else if (name == "uint" || name == "uint32") {
        type = {4, false, false};
    } else if (name == "float" || name == "float32") {
        type = {4, true, true};
    } else if (name == "double" || name == "float64") {
        type = {8, true, true};
    } else {
        return false;
    }
    return true;
}

struct PlyProperty {
    std::string name;
    PlyType type;
    bool isList = false;
    PlyType countType;
};

struct PlyElement {
    std::string name;
    std::int64_t count = 0;
    std::vector<PlyProperty> properties;
};

std::vector<std::string_view> splitWords(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) {
            ++i;
        }
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
            ++i;
        }
        if (i > start) {
            out.push_back(line.substr(start, i - start));
        }
    }
    return out;
}

/// Reads values of the body, binary or ASCII.
class PlyValueReader {
public:
    PlyValueReader(detail::ByteReader& in, PlyFormat format)
        : m_in(in)
        , m_format(format) {}

    double read(const PlyType& type, const std::string& what) {
        if (m_format == PlyFormat::Ascii) {
            return readAscii(what);
        }
        const std::endian order =
            m_format == PlyFormat::BinaryLittle ? std::endian::little : std::endian::big;
        if (type.isFloat) {
            return type.size == 4 ? m_in.read<float>(order, what) : m_in.read<double>(order, what);
        }
        switch (type.size) {
        case 1:
            return type.isSigned ? m_in.read<std::int8_t>(order, what)
                                 : m_in.read<std::uint8_t>(order, what);
        case 2:
            return type.isSigned ? m_in.read<std::int16_t>(order, what)
                                 : m_in.read<std::uint16_t>(order, what);
        default:
            return type.isSigned ? m_in.read<std::int32_t>(order, what)
                                 : m_in.read<std::uint32_t>(order, what);
        }
    }

private:
    double readAscii(const std::string& what) {
        const char* p = m_in.current();
        const char* end = p + m_in.remaining();
        const char* start = p;
        while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) {
            ++p;
        }
        if (p >= end) {
            throw core::Error(m_in.name() + ": truncated file: end of data while reading " + what);
        }
        double value = 0.0;
        const auto [next, ec] = std::from_chars(p, end, value);
        if (ec != std::errc()) {
            throw core::Error(
                m_in.name() + ": invalid number '" +
                std::string(p, std::min<std::size_t>(16, static_cast<std::size_t>(end - p))) +
                "' in " + what);
        }
        m_in.skip(static_cast<std::size_t>(next - start), what);
        return value;
    }

    detail::ByteReader& m_in;
    PlyFormat m_format;
};

bool isIgnoredVertexProperty(std::string_view name) {
    return name == "red" || name == "green" || name == "blue" || name == "alpha" ||
           name == "diffuse_red" || name == "diffuse_green" || name == "diffuse_blue" ||
           name == "u" || name == "v" || name == "s" || name == "t" || name == "texture_u" ||
           name == "texture_v";
}

} // namespace

namespace {

/// PlySurface::read() without the out-of-memory guard.
SurfaceMesh readSurface(const std::filesystem::path& path) {
    const std::vector<char> bytes = detail::readFileBytes(path);
    const std::string name = detail::displayName(path);
    detail::ByteReader in(bytes, name);
    if (bytes.size() < 4 || std::string_view(bytes.data(), 3) != "ply") {
        throw core::Error(name + ": bad magic: the file does not start with 'ply'");
    }
    in.line("the magic line");
    PlyFormat format = PlyFormat::Ascii;
    bool haveFormat = false;
    std::vector<PlyElement> elements;
    for (;;) {
        const std::string line = in.line("the header (no end_header?)");
        const std::vector<std::string_view> w = splitWords(line);
        if (w.empty() || w[0] == "comment" || w[0] == "obj_info") {
            continue;
        }
        if (w[0] == "end_header") {
            break;
        }
        if (w[0] == "format") {
            if (w.size() < 2) {
                throw core::Error(name + ": malformed format line");
            }
            if (w[1] == "ascii") {
                format = PlyFormat::Ascii;
            } else if (w[1] == "binary_little_endian") {
                format = PlyFormat::BinaryLittle;
            } else if (w[1] == "binary_big_endian") {
                format = PlyFormat::BinaryBig;
            } else {
                throw core::Error(name + ": unknown PLY format '" + std::string(w[1]) + "'");
            }
            haveFormat = true;
        } else if (w[0] == "element") {
            std::int64_t count = -1;
            if (w.size() >= 3) {
                std::from_chars(w[2].data(), w[2].data() + w[2].size(), count);
            }
            if (w.size() < 3 || count < 0) {
                throw core::Error(name + ": malformed element line '" + line + "'");
            }
            elements.push_back({std::string(w[1]), count, {}});
        } else if (w[0] == "property") {
            if (elements.empty()) {
                throw core::Error(name + ": property before any element");
            }
            PlyProperty property;
            if (w.size() >= 5 && w[1] == "list") {
                property.isList = true;
                if (!parseType(w[2], property.countType) || !parseType(w[3], property.type) ||
                    property.countType.isFloat) {
                    throw core::Error(name + ": bad list property types in '" + line + "'");
                }
                property.name = std::string(w[4]);
            } else if (w.size() >= 3 && parseType(w[1], property.type)) {
                property.name = std::string(w[2]);
            } else {
                throw core::Error(name + ": malformed property line '" + line + "'");
            }
            elements.back().properties.push_back(std::move(property));
        }
    }
    if (!haveFormat) {
        throw core::Error(name + ": the header has no format line");
    }

    PlyValueReader values(in, format);
    SurfaceMesh::Vertices vertices;
    SurfaceMesh::Vertices normals;
    std::vector<SurfaceMesh::Scalar> scalars;
    std::vector<std::int32_t> faces;
    bool haveVertices = false;
    bool haveNormals = false;
    std::int64_t vertexCount = 0;
    for (const PlyElement& element : elements) {
        const bool isVertex = element.name == "vertex";
        const bool isFace = element.name == "face";
        int column[6] = {-1, -1, -1, -1, -1, -1}; // x y z nx ny nz
        std::vector<int> scalarSlot(element.properties.size(), -1);
        // Nothing is allocated for an element before the rest of the file can hold it: every
        // value takes its binary size, or a character and a separator in ASCII; a list at
        // least its count. An element without properties counts one byte per entry.
        std::uint64_t bytesEach = 0;
        for (const PlyProperty& prop : element.properties) {
            bytesEach += format == PlyFormat::Ascii
                             ? 2
                             : static_cast<std::uint64_t>(prop.isList ? prop.countType.size
                                                                      : prop.type.size);
        }
        core::FileReadGuard::requireFits(name, "element '" + element.name + "'",
                                         static_cast<std::uint64_t>(element.count),
                                         std::max<std::uint64_t>(bytesEach, 1),
                                         in.remaining() + (format == PlyFormat::Ascii ? 1 : 0));
        if (isVertex) {
            if (element.count > std::numeric_limits<std::int32_t>::max()) {
                throw core::Error(name + ": too many vertices");
            }
            vertexCount = element.count;
            static const char* axes[6] = {"x", "y", "z", "nx", "ny", "nz"};
            for (std::size_t p = 0; p < element.properties.size(); ++p) {
                const PlyProperty& prop = element.properties[p];
                bool matched = false;
                for (int k = 0; k < 6; ++k) {
                    if (prop.name == axes[k] && !prop.isList) {
                        column[k] = static_cast<int>(p);
                        matched = true;
                    }
                }
                if (!matched && !prop.isList && !isIgnoredVertexProperty(prop.name)) {
                    scalarSlot[p] = static_cast<int>(scalars.size());
                    scalars.push_back({prop.name, Eigen::VectorXf(element.count)});
                }
            }
            if (column[0] < 0 || column[1] < 0 || column[2] < 0) {
                throw core::Error(name + ": the vertex element has no x, y and z properties");
            }
            haveVertices = true;
            haveNormals = column[3] >= 0 && column[4] >= 0 && column[5] >= 0;
            vertices.resize(element.count, 3);
            if (haveNormals) {
                normals.resize(element.count, 3);
            }
        }
        const std::string what = "element '" + element.name + "'";
        for (std::int64_t i = 0; i < element.count; ++i) {
            for (std::size_t p = 0; p < element.properties.size(); ++p) {
                const PlyProperty& prop = element.properties[p];
                if (prop.isList) {
                    const double countValue = values.read(prop.countType, what);
                    if (!(countValue >= 0.0) || countValue > 1e6) {
                        throw core::Error(name + ": invalid list length " +
                                          std::to_string(countValue) + " in " + what + " " +
                                          std::to_string(i));
                    }
                    const auto n = static_cast<std::int64_t>(countValue);
                    const bool indices =
                        isFace && (prop.name == "vertex_indices" || prop.name == "vertex_index");
                    std::int64_t first = 0;
                    std::int64_t previous = 0;
                    for (std::int64_t k = 0; k < n; ++k) {
                        const double v = values.read(prop.type, what);
                        if (!indices) {
                            continue;
                        }
                        if (!(v >= 0.0 && v < static_cast<double>(vertexCount))) {
                            throw core::Error(name + ": face " + std::to_string(i) +
                                              " refers to vertex " +
                                              std::to_string(static_cast<long long>(v)) +
                                              ", index out of range (" +
                                              std::to_string(vertexCount) + " vertices)");
                        }
                        const auto index = static_cast<std::int64_t>(v);
                        if (k == 0) {
                            first = index;
                        } else if (k >= 2) {
                            faces.push_back(static_cast<std::int32_t>(first));
                            faces.push_back(static_cast<std::int32_t>(previous));
                            faces.push_back(static_cast<std::int32_t>(index));
                        }
                        previous = index;
                    }
                    continue;
                }
                const double v = values.read(prop.type, what);
                if (!isVertex) {
                    continue;
                }
                for (int k = 0; k < 6; ++k) {
                    if (column[k] == static_cast<int>(p)) {
                        if (k < 3) {
                            vertices(i, k) = static_cast<float>(v);
                        } else if (haveNormals) {
                            normals(i, k - 3) = static_cast<float>(v);
                        }
                    }
                }
                if (scalarSlot[p] >= 0) {
                    scalars[static_cast<std::size_t>(scalarSlot[p])].values[i] =
                        static_cast<float>(v);
                }
            }
        }
    }
    if (!haveVertices) {
        throw core::Error(name + ": no vertex element");
    }
    SurfaceMesh::Triangles triangles = Eigen::Map<SurfaceMesh::Triangles>(
        faces.data(), static_cast<Eigen::Index>(faces.size() / 3), 3);
    SurfaceMesh mesh(std::move(vertices), std::move(triangles));
    for (SurfaceMesh::Scalar& s : scalars) {
        mesh.setScalar(std::move(s.name), std::move(s.values));
    }
    mesh.validate(name);
    if (haveNormals && normals.allFinite()) {
        mesh.setNormals(std::move(normals));
    } else {
        mesh.computeNormals();
    }
    return mesh;
}

} // namespace

SurfaceMesh PlySurface::read(const std::filesystem::path& path) {
    return core::FileReadGuard::run(detail::displayName(path), [&] { return readSurface(path); });
}

void PlySurface::write(const SurfaceMesh& mesh, const std::filesystem::path& path, bool binary) {
    mesh.validate(detail::displayName(path));
    std::string out = "ply\n";
    out += binary ? "format binary_little_endian 1.0\n" : "format ascii 1.0\n";
    out += "comment written by Plexus\n";
    out += "element vertex " + std::to_string(mesh.vertexCount()) + "\n";
    out += "property float x\nproperty float y\nproperty float z\n";
    for (const SurfaceMesh::Scalar& s : mesh.scalars()) {
        std::string safe = s.name;
        for (char& c : safe) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                c = '_';
            }
        }
        out += "property float " + (safe.empty() ? std::string("scalar") : safe) + "\n";
    }
    out += "element face " + std::to_string(mesh.triangleCount()) + "\n";
    out += "property list uchar int vertex_indices\nend_header\n";
    char buffer[32];
    const auto put = [&](float v) {
        if (binary) {
            detail::appendValue(out, v, std::endian::little);
        } else {
            const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
            out.append(buffer, end);
        }
    };
    for (Eigen::Index i = 0; i < mesh.vertexCount(); ++i) {
        for (int k = 0; k < 3; ++k) {
            put(mesh.vertices()(i, k));
            if (!binary) {
                out += ' ';
            }
        }
        for (const SurfaceMesh::Scalar& s : mesh.scalars()) {
            put(s.values[i]);
            if (!binary) {
                out += ' ';
            }
        }
        if (!binary) {
            out.back() = '\n';
        }
    }
    for (Eigen::Index t = 0; t < mesh.triangleCount(); ++t) {
        if (binary) {
            out += static_cast<char>(3);
            for (int k = 0; k < 3; ++k) {
                detail::appendValue(out, mesh.triangles()(t, k), std::endian::little);
            }
        } else {
            out += "3 " + std::to_string(mesh.triangles()(t, 0)) + " " +
                   std::to_string(mesh.triangles()(t, 1)) + " " +
                   std::to_string(mesh.triangles()(t, 2)) + "\n";
        }
    }
    detail::writeFileBytes(path, out);
}

} // namespace plexus::geometry
