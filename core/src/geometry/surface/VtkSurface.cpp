#include "plexus/geometry/surface/VtkSurface.h"

#include "geometry/io/Base64.h"
#include "geometry/io/ByteReader.h"
#include "plexus/core/base/Error.h"

#include <bit>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plexus::geometry {

namespace {

/// Polygons and strips as triangles; checks the counts.
struct Faces {
    std::vector<std::int32_t> indices;

    void polygon(const std::vector<std::int64_t>& cell, const std::string& name) {
        for (std::size_t k = 2; k < cell.size(); ++k) {
            push(cell[0], cell[k - 1], cell[k], name);
        }
    }
    void strip(const std::vector<std::int64_t>& cell, const std::string& name) {
        for (std::size_t k = 2; k < cell.size(); ++k) {
            if (k % 2 == 0) {
                push(cell[k - 2], cell[k - 1], cell[k], name);
            } else {
                push(cell[k - 1], cell[k - 2], cell[k], name);
            }
        }
    }
    void push(std::int64_t a, std::int64_t b, std::int64_t c, const std::string& name) {
        for (const std::int64_t v : {a, b, c}) {
            if (v < 0 || v > INT32_MAX) {
                throw core::Error(name + ": vertex index " + std::to_string(v) + " out of range");
            }
            indices.push_back(static_cast<std::int32_t>(v));
        }
    }
};

/// Cells from VTK's offsets + connectivity (offsets with or without the leading 0).
template <typename Emit>
void forEachCell(const std::vector<std::int64_t>& offsets,
                 const std::vector<std::int64_t>& connectivity, bool leadingZero,
                 const std::string& name, Emit emit) {
    std::vector<std::int64_t> cell;
    const std::size_t cells =
        leadingZero ? (offsets.empty() ? 0 : offsets.size() - 1) : offsets.size();
    for (std::size_t i = 0; i < cells; ++i) {
        const std::int64_t begin = leadingZero ? offsets[i] : (i == 0 ? 0 : offsets[i - 1]);
        const std::int64_t end = leadingZero ? offsets[i + 1] : offsets[i];
        if (begin < 0 || end < begin || end > static_cast<std::int64_t>(connectivity.size())) {
            throw core::Error(name + ": cell " + std::to_string(i) + " has bad offsets (" +
                              std::to_string(begin) + ".." + std::to_string(end) + " of " +
                              std::to_string(connectivity.size()) + ")");
        }
        cell.assign(connectivity.begin() + begin, connectivity.begin() + end);
        emit(cell);
    }
}

SurfaceMesh makeMesh(const std::vector<double>& points, const Faces& faces,
                     const std::vector<double>* normals,
                     std::vector<std::pair<std::string, std::vector<double>>> scalars,
                     const std::string& name) {
    const auto nv = static_cast<Eigen::Index>(points.size() / 3);
    if (nv == 0) {
        throw core::Error(name + ": the file has no points (truncated or empty?)");
    }
    if (faces.indices.empty()) {
        throw core::Error(name + ": the file has no polygons: not a surface");
    }
    SurfaceMesh::Vertices vertices(nv, 3);
    for (Eigen::Index i = 0; i < nv; ++i) {
        for (int k = 0; k < 3; ++k) {
            vertices(i, k) = static_cast<float>(points[static_cast<std::size_t>(3 * i + k)]);
        }
    }
    SurfaceMesh::Triangles triangles = Eigen::Map<const SurfaceMesh::Triangles>(
        faces.indices.data(), static_cast<Eigen::Index>(faces.indices.size() / 3), 3);
    SurfaceMesh mesh(std::move(vertices), std::move(triangles));
    for (auto& [scalarName, values] : scalars) {
        Eigen::VectorXf v(nv);
        for (Eigen::Index i = 0; i < nv; ++i) {
            v(i) = static_cast<float>(values[static_cast<std::size_t>(i)]);
        }
        mesh.setScalar(scalarName, std::move(v));
    }
    mesh.validate(name);
    bool haveNormals = normals != nullptr && normals->size() == points.size();
    if (haveNormals) {
        SurfaceMesh::Vertices n(nv, 3);
        for (Eigen::Index i = 0; i < nv; ++i) {
            for (int k = 0; k < 3; ++k) {
                n(i, k) = static_cast<float>((*normals)[static_cast<std::size_t>(3 * i + k)]);
            }
        }
        if (n.allFinite()) {
            mesh.setNormals(std::move(n));
        } else {
            haveNormals = false;
        }
    }
    if (!haveNormals) {
        mesh.computeNormals();
    }
    return mesh;
}

// --- Legacy ----------------------------------------------------------------------------------

/// Size in bytes of a legacy VTK data type (0: unknown).
std::size_t legacySize(const std::string& type) {
    static const std::map<std::string, std::size_t> sizes = {{"bit", 0},
                                                             {"unsigned_char", 1},
                                                             {"char", 1},
                                                             {"unsigned_short", 2},
                                                             {"short", 2},
                                                             {"unsigned_int", 4},
                                                             {"int", 4},
                                                             {"unsigned_long", 8},
                                                             {"long", 8},
                                                             {"float", 4},
                                                             {"double", 8},
                                                             {"vtktypeint64", 8},
                                                             {"vtktypeuint64", 8},
                                                             {"vtkIdType", 4},
                                                             {"vtktypeint32", 4},
                                                             {"vtktypeuint32", 4},
                                                             {"vtktypeint8", 1},
                                                             {"vtktypeuint8", 1},
                                                             {"vtktypeint16", 2},
                                                             {"vtktypeuint16", 2},
                                                             {"vtktypefloat32", 4},
                                                             {"vtktypefloat64", 8}};
    const auto it = sizes.find(type);
    return it == sizes.end() ? 0 : it->second;
}

class LegacyReader {
public:
    LegacyReader(const std::vector<char>& bytes, std::string name)
        : m_bytes(bytes)
        , m_name(std::move(name)) {}

    SurfaceMesh read() {
        const std::string version = line();
        if (version.rfind("# vtk DataFile Version", 0) != 0) {
            fail("not a legacy VTK file (first line \"" + version.substr(0, 40) + "\")");
        }
        m_newCells = std::strtod(version.c_str() + 22, nullptr) >= 5.0;
        line(); // title
        std::string mode = token();
        for (char& c : mode) {
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        if (mode != "ASCII" && mode != "BINARY") {
            fail("expected ASCII or BINARY on the third line (got \"" + mode + "\")");
        }
        m_binary = mode == "BINARY";
        if (token() != "DATASET") {
            fail("expected DATASET");
        }
        const std::string dataset = token();
        if (dataset != "POLYDATA") {
            fail("dataset type " + dataset + " is not a surface (expected POLYDATA)");
        }
        std::vector<double> points;
        std::optional<std::vector<double>> normals;
        std::vector<std::pair<std::string, std::vector<double>>> scalars;
        Faces faces;
        bool pointData = false;
        std::size_t count = 0;
        for (std::string key = token(); !key.empty(); key = token()) {
            if (key == "POINTS") {
                const std::size_t n = number<std::size_t>("POINTS count");
                points = values(3 * n, token(), "POINTS");
            } else if (key == "VERTICES" || key == "LINES" || key == "POLYGONS" ||
                       key == "TRIANGLE_STRIPS") {
                cells(key, faces);
            } else if (key == "POINT_DATA" || key == "CELL_DATA") {
                pointData = key == "POINT_DATA";
                count = number<std::size_t>(key + " count");
            } else if (key == "SCALARS") {
                const std::string arrayName = token();
                const std::string type = token();
                std::string next = token();
                std::size_t components = 1;
                if (next != "LOOKUP_TABLE") {
                    components = parse<std::size_t>(next, "SCALARS components");
                    next = token();
                }
                if (next != "LOOKUP_TABLE") {
                    fail("SCALARS " + arrayName + ": expected LOOKUP_TABLE");
                }
                token(); // table name
                auto data = values(count * components, type, "SCALARS " + arrayName);
                if (pointData && components == 1) {
                    scalars.emplace_back(arrayName, std::move(data));
                }
            } else if (key == "LOOKUP_TABLE") {
                token();
                const std::size_t n = number<std::size_t>("LOOKUP_TABLE size");
                values(4 * n, m_binary ? "unsigned_char" : "float", "LOOKUP_TABLE");
            } else if (key == "COLOR_SCALARS") {
                token();
                const std::size_t n = number<std::size_t>("COLOR_SCALARS components");
                values(count * n, m_binary ? "unsigned_char" : "float", "COLOR_SCALARS");
            } else if (key == "NORMALS" || key == "VECTORS") {
                token();
                auto data = values(3 * count, token(), key);
                if (pointData && key == "NORMALS") {
                    normals = std::move(data);
                }
            } else if (key == "TEXTURE_COORDINATES") {
                token();
                const std::size_t dim = number<std::size_t>("TEXTURE_COORDINATES dimension");
                values(dim * count, token(), key);
            } else if (key == "TENSORS" || key == "TENSORS6") {
                token();
                values((key == "TENSORS" ? 9 : 6) * count, token(), key);
            } else if (key == "GLOBAL_IDS" || key == "PEDIGREE_IDS") {
                token();
                values(count, token(), key);
            } else if (key == "FIELD") {
                token();
                const std::size_t arrays = number<std::size_t>("FIELD array count");
                for (std::size_t a = 0; a < arrays; ++a) {
                    std::string arrayName = token();
                    if (arrayName == "METADATA") {
                        metadata();
                        arrayName = token();
                    }
                    const std::size_t components = number<std::size_t>("FIELD components");
                    const std::size_t tuples = number<std::size_t>("FIELD tuples");
                    auto data = values(components * tuples, token(), "FIELD " + arrayName);
                    if (pointData && components == 1 && tuples == count) {
                        scalars.emplace_back(arrayName, std::move(data));
                    }
                }
            } else if (key == "METADATA") {
                metadata();
            } else {
                fail("unsupported section \"" + key.substr(0, 40) + "\"");
            }
        }
        return makeMesh(points, faces, normals ? &*normals : nullptr, std::move(scalars), m_name);
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw core::Error(m_name + ": " + what);
    }

    bool atEnd() const { return m_pos >= m_bytes.size(); }

    std::string line() {
        std::string text;
        while (!atEnd() && m_bytes[m_pos] != '\n') {
            text += m_bytes[m_pos++];
        }
        if (!atEnd()) {
            ++m_pos;
        }
        if (!text.empty() && text.back() == '\r') {
            text.pop_back();
        }
        return text;
    }

    /// The next white-space separated word ("" at the end of the file).
    std::string token() {
        while (!atEnd() && std::isspace(static_cast<unsigned char>(m_bytes[m_pos]))) {
            ++m_pos;
        }
        std::string word;
        while (!atEnd() && !std::isspace(static_cast<unsigned char>(m_bytes[m_pos]))) {
            word += m_bytes[m_pos++];
        }
        return word;
    }

    template <typename T>
    T parse(const std::string& word, const std::string& what) const {
        T value{};
        const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
        if (ec != std::errc() || end != word.data() + word.size()) {
            fail(what + ": expected a number, got \"" + word.substr(0, 40) + "\"");
        }
        return value;
    }

    template <typename T>
    T number(const std::string& what) {
        return parse<T>(token(), what);
    }

    /// METADATA blocks: text lines up to an empty line.
    void metadata() {
        line();
        while (!atEnd()) {
            std::string text = line();
            if (text.find_first_not_of(" \t") == std::string::npos) {
                break;
            }
        }
    }

    std::vector<double> values(std::size_t count, const std::string& type,
                               const std::string& what) {
        const std::size_t size = legacySize(type);
        if (size == 0) {
            fail(what + ": unsupported data type \"" + type.substr(0, 40) + "\"");
        }
        std::vector<double> out;
        if (count > m_bytes.size()) {
            fail(what + ": " + std::to_string(count) +
                 " values cannot fit in the file (truncated?)");
        }
        out.reserve(count);
        if (!m_binary) {
            for (std::size_t i = 0; i < count; ++i) {
                const std::string word = token();
                if (word.empty()) {
                    fail(what + ": truncated file (" + std::to_string(i) + " of " +
                         std::to_string(count) + " values)");
                }
                char* end = nullptr;
                const double v = std::strtod(word.c_str(), &end);
                if (end == word.c_str() || *end != '\0') {
                    fail(what + ": expected a number, got \"" + word.substr(0, 40) + "\"");
                }
                out.push_back(v);
            }
            return out;
        }
        // Binary data (big-endian) starts after the end of the header line.
        while (!atEnd() && m_bytes[m_pos] != '\n') {
            ++m_pos;
        }
        ++m_pos;
        if (m_pos > m_bytes.size() || (m_bytes.size() - m_pos) / size < count) {
            fail(what + ": truncated file (" + std::to_string(count) + " values of " +
                 std::to_string(size) + " bytes needed)");
        }
        const bool isFloat = type == "float" || type == "double" || type == "vtktypefloat32" ||
                             type == "vtktypefloat64";
        const bool isSigned =
            type.find("unsigned") == std::string::npos && type.find("uint") == std::string::npos;
        for (std::size_t i = 0; i < count; ++i) {
            std::uint64_t raw = 0;
            for (std::size_t b = 0; b < size; ++b) {
                raw = (raw << 8) | static_cast<unsigned char>(m_bytes[m_pos++]);
            }
            out.push_back(decode(raw, size, isFloat, isSigned));
        }
        return out;
    }

    static double decode(std::uint64_t raw, std::size_t size, bool isFloat, bool isSigned) {
        if (isFloat) {
            if (size == 4) {
                return static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(raw)));
            }
            return std::bit_cast<double>(raw);
        }
        if (isSigned && size < 8 && (raw >> (8 * size - 1)) != 0) {
            return static_cast<double>(static_cast<std::int64_t>(raw) -
                                       (std::int64_t{1} << (8 * size)));
        }
        return isSigned ? static_cast<double>(static_cast<std::int64_t>(raw))
                        : static_cast<double>(raw);
    }

    void cells(const std::string& key, Faces& faces) {
        const std::size_t first = number<std::size_t>(key + " count");
        const std::size_t second = number<std::size_t>(key + " size");
        std::vector<std::int64_t> offsets;
        std::vector<std::int64_t> connectivity;
        if (m_newCells) {
            if (token() != "OFFSETS") {
                fail(key + ": expected OFFSETS");
            }
            for (const double v : values(first, token(), key + " OFFSETS")) {
                offsets.push_back(static_cast<std::int64_t>(v));
            }
            if (token() != "CONNECTIVITY") {
                fail(key + ": expected CONNECTIVITY");
            }
            for (const double v : values(second, token(), key + " CONNECTIVITY")) {
                connectivity.push_back(static_cast<std::int64_t>(v));
            }
        } else {
            // count, then per cell its size and its point indices.
            const std::vector<double> data = values(second, "int", key);
            offsets.push_back(0);
            std::size_t k = 0;
            for (std::size_t c = 0; c < first; ++c) {
                if (k >= data.size()) {
                    fail(key + ": cell " + std::to_string(c) + " is missing");
                }
                const auto size = static_cast<std::int64_t>(data[k++]);
                if (size < 0 || k + static_cast<std::size_t>(size) > data.size()) {
                    fail(key + ": cell " + std::to_string(c) + " overruns the list");
                }
                for (std::int64_t j = 0; j < size; ++j) {
                    connectivity.push_back(static_cast<std::int64_t>(data[k++]));
                }
                offsets.push_back(static_cast<std::int64_t>(connectivity.size()));
            }
        }
        if (key == "POLYGONS") {
            forEachCell(
                offsets, connectivity, true, m_name,
                [&](const std::vector<std::int64_t>& cell) { faces.polygon(cell, m_name); });
        } else if (key == "TRIANGLE_STRIPS") {
            forEachCell(offsets, connectivity, true, m_name,
                        [&](const std::vector<std::int64_t>& cell) { faces.strip(cell, m_name); });
        }
    }

    const std::vector<char>& m_bytes;
    std::string m_name;
    std::size_t m_pos = 0;
    bool m_binary = false;
    bool m_newCells = false;
};

// --- XML -------------------------------------------------------------------------------------

/// One XML element's start tag: its name and attributes.
struct Tag {
    std::string name;
    std::map<std::string, std::string> attributes;
    std::size_t end = 0; ///< offset just after the tag
    bool selfClosing = false;

    std::string attribute(const std::string& key, const std::string& fallback = {}) const {
        const auto it = attributes.find(key);
        return it == attributes.end() ? fallback : it->second;
    }
};

/// The next start tag named @p name at or after @p from, before @p limit (nullopt if none).
std::optional<Tag> findTag(std::string_view text, const std::string& name, std::size_t from,
                           std::size_t limit) {
    const std::string open = "<" + name;
    for (std::size_t at = text.find(open, from); at != std::string_view::npos && at < limit;
         at = text.find(open, at + 1)) {
        const std::size_t after = at + open.size();
        if (after < text.size() && !std::isspace(static_cast<unsigned char>(text[after])) &&
            text[after] != '>' && text[after] != '/') {
            continue;
        }
        const std::size_t close = text.find('>', after);
        if (close == std::string_view::npos) {
            return std::nullopt;
        }
        Tag tag;
        tag.name = name;
        tag.end = close + 1;
        tag.selfClosing = close > 0 && text[close - 1] == '/';
        std::string_view body = text.substr(after, close - after);
        std::size_t p = 0;
        while (p < body.size()) {
            while (p < body.size() &&
                   (std::isspace(static_cast<unsigned char>(body[p])) || body[p] == '/')) {
                ++p;
            }
            const std::size_t eq = body.find('=', p);
            if (eq == std::string_view::npos) {
                break;
            }
            std::string key(body.substr(p, eq - p));
            while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back()))) {
                key.pop_back();
            }
            std::size_t q = eq + 1;
            while (q < body.size() && std::isspace(static_cast<unsigned char>(body[q]))) {
                ++q;
            }
            if (q >= body.size() || (body[q] != '"' && body[q] != '\'')) {
                break;
            }
            const char quote = body[q];
            const std::size_t endQuote = body.find(quote, q + 1);
            if (endQuote == std::string_view::npos) {
                break;
            }
            tag.attributes[key] = std::string(body.substr(q + 1, endQuote - q - 1));
            p = endQuote + 1;
        }
        return tag;
    }
    return std::nullopt;
}

/// Size in bytes of a VTK XML type (0: unknown).
std::size_t xmlSize(const std::string& type) {
    static const std::map<std::string, std::size_t> sizes = {
        {"Int8", 1},   {"UInt8", 1}, {"Int16", 2},  {"UInt16", 2},  {"Int32", 4},
        {"UInt32", 4}, {"Int64", 8}, {"UInt64", 8}, {"Float32", 4}, {"Float64", 8}};
    const auto it = sizes.find(type);
    return it == sizes.end() ? 0 : it->second;
}

class XmlReader {
public:
    XmlReader(std::string text, std::string name)
        : m_text(std::move(text))
        , m_name(std::move(name)) {}

    SurfaceMesh read() {
        const auto file = findTag(m_text, "VTKFile", 0, m_text.size());
        if (!file) {
            fail("not a VTK XML file (no <VTKFile>)");
        }
        if (file->attribute("type") != "PolyData") {
            fail("VTK XML type \"" + file->attribute("type") +
                 "\" is not a surface (expected PolyData)");
        }
        // Ascii arrays are never compressed, even in a file that names a compressor.
        m_compressor = file->attribute("compressor");
        m_bigEndian = file->attribute("byte_order", "LittleEndian") == "BigEndian";
        const std::string header = file->attribute("header_type", "UInt32");
        if (header != "UInt32" && header != "UInt64") {
            fail("unsupported header_type \"" + header + "\"");
        }
        m_headerSize = header == "UInt64" ? 8 : 4;
        const auto piece = findTag(m_text, "Piece", file->end, m_text.size());
        if (!piece) {
            fail("no <Piece> in <PolyData>");
        }
        const std::size_t pieceEnd = std::min(m_text.find("</Piece>", piece->end), m_text.size());
        const std::size_t nv = count(*piece, "NumberOfPoints");

        std::vector<double> points;
        if (const auto section = findTag(m_text, "Points", piece->end, pieceEnd)) {
            const auto array = findTag(m_text, "DataArray", section->end, pieceEnd);
            if (!array) {
                fail("<Points> without a DataArray");
            }
            points = data(*array, 3 * nv, "Points");
        } else {
            fail("no <Points>");
        }
        std::optional<std::vector<double>> normals;
        std::vector<std::pair<std::string, std::vector<double>>> scalars;
        if (const auto section = findTag(m_text, "PointData", piece->end, pieceEnd);
            section && !section->selfClosing) {
            const std::size_t sectionEnd =
                std::min(m_text.find("</PointData>", section->end), pieceEnd);
            const std::string normalsName = section->attribute("Normals");
            for (auto array = findTag(m_text, "DataArray", section->end, sectionEnd); array;
                 array = findTag(m_text, "DataArray", array->end, sectionEnd)) {
                const std::string arrayName = array->attribute("Name");
                const std::size_t components =
                    parseCount(array->attribute("NumberOfComponents", "1"), "NumberOfComponents");
                auto values = data(*array, components * nv, "PointData " + arrayName);
                if (components == 3 && (arrayName == normalsName || arrayName == "Normals")) {
                    normals = std::move(values);
                } else if (components == 1) {
                    scalars.emplace_back(arrayName, std::move(values));
                }
            }
        }
        Faces faces;
        cells("Polys", count(*piece, "NumberOfPolys"), piece->end, pieceEnd, faces);
        cells("Strips", count(*piece, "NumberOfStrips"), piece->end, pieceEnd, faces);
        return makeMesh(points, faces, normals ? &*normals : nullptr, std::move(scalars), m_name);
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw core::Error(m_name + ": " + what);
    }

    std::size_t parseCount(const std::string& text, const std::string& what) const {
        std::size_t value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size()) {
            fail(what + ": expected a count, got \"" + text.substr(0, 40) + "\"");
        }
        if (value > m_text.size()) {
            fail(what + ": " + text + " cannot fit in the file (truncated?)");
        }
        return value;
    }

    std::size_t count(const Tag& piece, const std::string& key) const {
        return parseCount(piece.attribute(key, "0"), key);
    }

    void cells(const std::string& section, std::size_t cellCount, std::size_t from,
               std::size_t limit, Faces& faces) {
        if (cellCount == 0) {
            return;
        }
        const auto tag = findTag(m_text, section, from, limit);
        if (!tag) {
            fail("no <" + section + "> for its " + std::to_string(cellCount) + " cells");
        }
        const std::size_t end = std::min(m_text.find("</" + section + ">", tag->end), limit);
        std::optional<std::vector<double>> connectivity;
        std::optional<std::vector<double>> offsets;
        for (auto array = findTag(m_text, "DataArray", tag->end, end); array;
             array = findTag(m_text, "DataArray", array->end, end)) {
            if (array->attribute("Name") == "connectivity") {
                connectivity = data(*array, 0, section + " connectivity");
            } else if (array->attribute("Name") == "offsets") {
                offsets = data(*array, cellCount, section + " offsets");
            }
        }
        if (!connectivity || !offsets) {
            fail("<" + section + "> needs connectivity and offsets arrays");
        }
        const std::vector<std::int64_t> off(offsets->begin(), offsets->end());
        const std::vector<std::int64_t> conn(connectivity->begin(), connectivity->end());
        forEachCell(off, conn, false, m_name, [&](const std::vector<std::int64_t>& cell) {
            if (section == "Polys") {
                faces.polygon(cell, m_name);
            } else {
                faces.strip(cell, m_name);
            }
        });
    }

    /// The values of a DataArray; @p expected values when not 0.
    std::vector<double> data(const Tag& array, std::size_t expected, const std::string& what) {
        const std::string type = array.attribute("type");
        const std::size_t size = xmlSize(type);
        if (size == 0) {
            fail(what + ": unsupported type \"" + type.substr(0, 40) + "\"");
        }
        const std::string format = array.attribute("format", "ascii");
        if (format != "ascii" && !m_compressor.empty()) {
            fail("compressed VTK XML (" + m_compressor +
                 ") is not supported: write the file uncompressed (ascii or binary data)");
        }
        if (array.selfClosing || format == "appended") {
            fail(what + ": appended data is not supported: write the file with ascii or binary "
                        "(inline) data");
        }
        const std::size_t close = m_text.find('<', array.end);
        const std::string_view content(m_text.data() + array.end,
                                       (close == std::string::npos ? m_text.size() : close) -
                                           array.end);
        std::vector<double> out;
        if (format == "ascii") {
            const std::string text(content);
            const char* p = text.c_str();
            while (true) {
                while (*p != '\0' && std::isspace(static_cast<unsigned char>(*p))) {
                    ++p;
                }
                if (*p == '\0') {
                    break;
                }
                char* end = nullptr;
                const double v = std::strtod(p, &end);
                if (end == p) {
                    fail(what + ": expected a number");
                }
                out.push_back(v);
                p = end;
            }
        } else if (format == "binary") {
            const std::string bytes = decodeBinary(content, what);
            const bool isFloat = type.starts_with("Float");
            const bool isSigned = type.starts_with("Int");
            const std::size_t n = bytes.size() / size;
            out.reserve(n);
            for (std::size_t i = 0; i < n; ++i) {
                std::uint64_t raw = 0;
                for (std::size_t b = 0; b < size; ++b) {
                    const std::size_t k = m_bigEndian ? b : size - 1 - b;
                    raw = (raw << 8) | static_cast<unsigned char>(bytes[i * size + k]);
                }
                if (isFloat) {
                    out.push_back(size == 4 ? static_cast<double>(std::bit_cast<float>(
                                                  static_cast<std::uint32_t>(raw)))
                                            : std::bit_cast<double>(raw));
                } else if (isSigned && size < 8 && (raw >> (8 * size - 1)) != 0) {
                    out.push_back(static_cast<double>(static_cast<std::int64_t>(raw) -
                                                      (std::int64_t{1} << (8 * size))));
                } else {
                    out.push_back(isSigned ? static_cast<double>(static_cast<std::int64_t>(raw))
                                           : static_cast<double>(raw));
                }
            }
        } else {
            fail(what + ": unknown format \"" + format.substr(0, 40) + "\"");
        }
        if (expected != 0 && out.size() != expected) {
            fail(what + ": " + std::to_string(out.size()) + " values where " +
                 std::to_string(expected) + " were expected");
        }
        return out;
    }

    /// Inline binary data: Base64 of a byte-count header and the bytes (encoded together or
    /// one after the other).
    std::string decodeBinary(std::string_view content, const std::string& what) const {
        std::string decoded = detail::base64Decode(content, m_name + ": " + what);
        const std::size_t pad = content.find('=');
        if (pad != std::string_view::npos) {
            std::size_t rest = content.find_first_not_of("= \t\r\n", pad);
            if (rest != std::string_view::npos) {
                // Header and data encoded separately.
                decoded += detail::base64Decode(content.substr(rest), m_name + ": " + what);
            }
        }
        if (decoded.size() < m_headerSize) {
            fail(what + ": truncated binary data");
        }
        std::uint64_t bytes = 0;
        for (std::size_t b = 0; b < m_headerSize; ++b) {
            const std::size_t k = m_bigEndian ? b : m_headerSize - 1 - b;
            bytes = (bytes << 8) | static_cast<unsigned char>(decoded[k]);
        }
        if (bytes > decoded.size() - m_headerSize) {
            fail(what + ": truncated binary data (" + std::to_string(bytes) + " bytes announced, " +
                 std::to_string(decoded.size() - m_headerSize) + " present)");
        }
        return decoded.substr(m_headerSize, static_cast<std::size_t>(bytes));
    }

    std::string m_text;
    std::string m_name;
    bool m_bigEndian = false;
    std::size_t m_headerSize = 4;
    std::string m_compressor;
};

} // namespace

SurfaceMesh VtkSurface::readLegacy(const std::filesystem::path& path) {
    const std::vector<char> bytes = detail::readFileBytes(path);
    return LegacyReader(bytes, detail::displayName(path)).read();
}

SurfaceMesh VtkSurface::readXml(const std::filesystem::path& path) {
    const std::vector<char> bytes = detail::readFileBytes(path);
    return XmlReader(std::string(bytes.begin(), bytes.end()), detail::displayName(path)).read();
}

} // namespace plexus::geometry
