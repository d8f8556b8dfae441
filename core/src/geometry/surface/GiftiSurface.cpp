#include "plexus/geometry/surface/GiftiSurface.h"

#include "geometry/io/Base64.h"
#include "geometry/io/ByteReader.h"
#include "plexus/core/base/FileReadGuard.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>
#include <zlib.h>

namespace plexus::geometry {

namespace {

// ---------------------------------------------------------------------------------------------
// A small XML reader: elements, attributes, text and CDATA; comments, processing instructions
// and DOCTYPE are skipped. Enough for GIfTI.
// ---------------------------------------------------------------------------------------------

struct XmlElement {
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;
    std::vector<XmlElement> children;
    std::string text;

    const std::string* attribute(std::string_view key) const {
        for (const auto& [k, v] : attributes) {
            if (k == key) {
                return &v;
            }
        }
        return nullptr;
    }
    const XmlElement* child(std::string_view childName) const {
        for (const XmlElement& c : children) {
            if (c.name == childName) {
                return &c;
            }
        }
        return nullptr;
    }
};

class XmlParser {
public:
    XmlParser(std::string_view text, std::string fileName)
        : m_text(text)
        , m_file(std::move(fileName)) {}

    XmlElement parseDocument() {
        skipMisc();
        if (!lookingAt("<")) {
            fail("no root element");
        }
        XmlElement root = parseElement();
        skipMisc();
        return root;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        const auto line =
            1 +
            std::count(m_text.begin(),
                       m_text.begin() + static_cast<std::ptrdiff_t>(std::min(m_pos, m_text.size())),
                       '\n');
        throw core::Error(m_file + ": XML error at line " + std::to_string(line) + ": " + what);
    }

    bool lookingAt(std::string_view s) const { return m_text.substr(m_pos, s.size()) == s; }

    void skipTo(std::string_view terminator, const char* what) {
        const std::size_t end = m_text.find(terminator, m_pos);
        if (end == std::string_view::npos) {
            fail(std::string("unterminated ") + what + " (truncated file?)");
        }
        m_pos = end + terminator.size();
    }

    void skipSpace() {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' ||
                                         m_text[m_pos] == '\n' || m_text[m_pos] == '\r')) {
            ++m_pos;
        }
    }

    /// Skips whitespace, comments, processing instructions and DOCTYPE.
    void skipMisc() {
        for (;;) {
            skipSpace();
            if (lookingAt("<?")) {
                skipTo("?>", "processing instruction");
            } else if (lookingAt("<!--")) {
                skipTo("-->", "comment");
            } else if (lookingAt("<!DOCTYPE")) {
                // A DOCTYPE may hold an internal subset in brackets.
                int depth = 0;
                while (m_pos < m_text.size()) {
                    const char c = m_text[m_pos++];
                    if (c == '[') {
                        ++depth;
                    } else if (c == ']') {
                        --depth;
                    } else if (c == '>' && depth <= 0) {
                        break;
                    }
                }
            } else {
                return;
            }
        }
    }

    std::string parseName() {
        const std::size_t start = m_pos;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '>' || c == '/' ||
                c == '=') {
                break;
            }
            ++m_pos;
        }
        if (m_pos == start) {
            fail("expected a name");
        }
        return std::string(m_text.substr(start, m_pos - start));
    }

    std::string decodeEntities(std::string_view raw) const {
        std::string out;
        out.reserve(raw.size());
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] != '&') {
                out += raw[i];
                continue;
            }
            const std::size_t semi = raw.find(';', i);
            if (semi == std::string_view::npos) {
                out += raw[i];
                continue;
            }
            const std::string_view entity = raw.substr(i + 1, semi - i - 1);
            if (entity == "lt") {
                out += '<';
            } else if (entity == "gt") {
                out += '>';
            } else if (entity == "amp") {
                out += '&';
            } else if (entity == "quot") {
                out += '"';
            } else if (entity == "apos") {
                out += '\'';
            } else if (!entity.empty() && entity[0] == '#') {
                unsigned long code = 0;
                const bool hex = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X');
                const std::string_view digits = entity.substr(hex ? 2 : 1);
                std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
                if (code < 0x80) {
                    out += static_cast<char>(code);
                } else if (code < 0x800) {
                    out += static_cast<char>(0xC0 | (code >> 6));
                    out += static_cast<char>(0x80 | (code & 0x3F));
                } else {
                    out += static_cast<char>(0xE0 | ((code >> 12) & 0x0F));
                    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                    out += static_cast<char>(0x80 | (code & 0x3F));
                }
            } else {
                out += '&';
                out += entity;
                out += ';';
            }
            i = semi;
        }
        return out;
    }

    XmlElement parseElement() {
        XmlElement element;
        ++m_pos; // '<'
        element.name = parseName();
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size()) {
                fail("unterminated start tag <" + element.name + "> (truncated file?)");
            }
            if (lookingAt("/>")) {
                m_pos += 2;
                return element;
            }
            if (m_text[m_pos] == '>') {
                ++m_pos;
                break;
            }
            std::string key = parseName();
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '=') {
                fail("attribute " + key + " of <" + element.name + "> has no value");
            }
            ++m_pos;
            skipSpace();
            if (m_pos >= m_text.size() || (m_text[m_pos] != '"' && m_text[m_pos] != '\'')) {
                fail("attribute " + key + " of <" + element.name + "> is not quoted");
            }
            const char quote = m_text[m_pos++];
            const std::size_t end = m_text.find(quote, m_pos);
            if (end == std::string_view::npos) {
                fail("unterminated attribute " + key + " (truncated file?)");
            }
            element.attributes.emplace_back(std::move(key),
                                            decodeEntities(m_text.substr(m_pos, end - m_pos)));
            m_pos = end + 1;
        }
        // Content.
        for (;;) {
            if (m_pos >= m_text.size()) {
                fail("element <" + element.name + "> is not closed (truncated file?)");
            }
            if (lookingAt("</")) {
                m_pos += 2;
                const std::string closing = parseName();
                if (closing != element.name) {
                    fail("</" + closing + "> closes <" + element.name + ">");
                }
                skipSpace();
                if (m_pos >= m_text.size() || m_text[m_pos] != '>') {
                    fail("malformed closing tag </" + closing + ">");
                }
                ++m_pos;
                return element;
            }
            if (lookingAt("<![CDATA[")) {
                m_pos += 9;
                const std::size_t end = m_text.find("]]>", m_pos);
                if (end == std::string_view::npos) {
                    fail("unterminated CDATA section (truncated file?)");
                }
                element.text.append(m_text.substr(m_pos, end - m_pos));
                m_pos = end + 3;
            } else if (lookingAt("<!--")) {
                skipTo("-->", "comment");
            } else if (lookingAt("<?")) {
                skipTo("?>", "processing instruction");
            } else if (m_text[m_pos] == '<') {
                element.children.push_back(parseElement());
            } else {
                const std::size_t end = std::min(m_text.find('<', m_pos), m_text.size());
                element.text += decodeEntities(m_text.substr(m_pos, end - m_pos));
                m_pos = end;
            }
        }
    }

    std::string_view m_text;
    std::string m_file;
    std::size_t m_pos = 0;
};

// ---------------------------------------------------------------------------------------------
// Encodings
// ---------------------------------------------------------------------------------------------

/// Inflates a zlib or gzip stream.
std::string inflateBytes(std::string_view compressed, std::size_t expected,
                         const std::string& where) {
    z_stream stream{};
    if (inflateInit2(&stream, 15 + 32) != Z_OK) { // 15 + 32: zlib or gzip header
        throw core::Error(where + ": cannot initialise zlib");
    }
    std::string out(std::max<std::size_t>(expected, 64), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    stream.avail_in = static_cast<uInt>(compressed.size());
    int status = Z_OK;
    while (status == Z_OK) {
        if (stream.total_out >= out.size()) {
            out.resize(out.size() * 2);
        }
        stream.next_out = reinterpret_cast<Bytef*>(out.data() + stream.total_out);
        stream.avail_out = static_cast<uInt>(out.size() - stream.total_out);
        status = inflate(&stream, Z_NO_FLUSH);
        if (status == Z_BUF_ERROR && stream.avail_in == 0) {
            break;
        }
        if (status == Z_BUF_ERROR) {
            status = Z_OK;
        }
    }
    const std::size_t produced = stream.total_out;
    inflateEnd(&stream);
    if (status != Z_STREAM_END) {
        throw core::Error(
            where + ": corrupt or truncated compressed data (zlib: " +
            (stream.msg != nullptr ? std::string(stream.msg) : std::string("stream ended early")) +
            ")");
    }
    out.resize(produced);
    return out;
}

std::string deflateBytes(std::string_view bytes) {
    uLongf size = compressBound(static_cast<uLong>(bytes.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                  reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uLong>(bytes.size()),
                  6) != Z_OK) {
        throw core::Error("zlib compression failed");
    }
    out.resize(size);
    return out;
}

struct TypeInfo {
    const char* name;
    int size;
    bool isFloat;
    bool isSigned;
};

constexpr TypeInfo kTypes[] = {
    {"NIFTI_TYPE_UINT8", 1, false, false},  {"NIFTI_TYPE_INT8", 1, false, true},
    {"NIFTI_TYPE_UINT16", 2, false, false}, {"NIFTI_TYPE_INT16", 2, false, true},
    {"NIFTI_TYPE_UINT32", 4, false, false}, {"NIFTI_TYPE_INT32", 4, false, true},
    {"NIFTI_TYPE_UINT64", 8, false, false}, {"NIFTI_TYPE_INT64", 8, false, true},
    {"NIFTI_TYPE_FLOAT32", 4, true, true},  {"NIFTI_TYPE_FLOAT64", 8, true, true}};

template <typename T>
double loadValue(const char* p, bool swap) {
    T v;
    std::memcpy(&v, p, sizeof(T));
    if (swap) {
        v = detail::ByteReader::byteSwap(v);
    }
    return static_cast<double>(v);
}

double decodeValue(const TypeInfo& type, const char* p, bool swap) {
    if (type.isFloat) {
        return type.size == 4 ? loadValue<float>(p, swap) : loadValue<double>(p, swap);
    }
    switch (type.size) {
    case 1:
        return type.isSigned ? loadValue<std::int8_t>(p, false) : loadValue<std::uint8_t>(p, false);
    case 2:
        return type.isSigned ? loadValue<std::int16_t>(p, swap) : loadValue<std::uint16_t>(p, swap);
    case 4:
        return type.isSigned ? loadValue<std::int32_t>(p, swap) : loadValue<std::uint32_t>(p, swap);
    default:
        return type.isSigned ? loadValue<std::int64_t>(p, swap) : loadValue<std::uint64_t>(p, swap);
    }
}

std::int64_t parseCount(const std::string& text, const std::string& where) {
    std::int64_t value = -1;
    const char* begin = text.data();
    while (begin < text.data() + text.size() && *begin == ' ') {
        ++begin;
    }
    const auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
    if (ec != std::errc() || value < 0 || end == begin) {
        throw core::Error(where + ": invalid dimension '" + text + "'");
    }
    return value;
}

std::string metaValue(const XmlElement& element, std::string_view key) {
    const XmlElement* meta = element.child("MetaData");
    if (meta == nullptr) {
        return {};
    }
    for (const XmlElement& md : meta->children) {
        const XmlElement* name = md.child("Name");
        const XmlElement* value = md.child("Value");
        if (name != nullptr && value != nullptr && name->text == key) {
            return value->text;
        }
    }
    return {};
}

GiftiSurface::DataArray decodeArray(const XmlElement& element, std::size_t index,
                                    const std::filesystem::path& path) {
    const std::string where = detail::displayName(path) + ": DataArray " + std::to_string(index);
    const auto attribute = [&](std::string_view key, const std::string& fallback) {
        const std::string* value = element.attribute(key);
        return value != nullptr ? *value : fallback;
    };
    GiftiSurface::DataArray array;
    array.intent = attribute("Intent", "NIFTI_INTENT_NONE");
    array.dataType = attribute("DataType", "");
    array.name = metaValue(element, "Name");
    const TypeInfo* type = nullptr;
    for (const TypeInfo& t : kTypes) {
        if (array.dataType == t.name) {
            type = &t;
        }
    }
    if (type == nullptr) {
        throw core::Error(where + ": unsupported DataType '" + array.dataType + "'");
    }
    const std::int64_t dimensionality = parseCount(attribute("Dimensionality", "1"), where);
    if (dimensionality < 1 || dimensionality > 6) {
        throw core::Error(where + ": invalid Dimensionality " + std::to_string(dimensionality));
    }
    std::int64_t count = 1;
    for (std::int64_t d = 0; d < dimensionality; ++d) {
        const std::string key = "Dim" + std::to_string(d);
        const std::string* text = element.attribute(key);
        if (text == nullptr) {
            throw core::Error(where + ": missing attribute " + key);
        }
        array.dims.push_back(parseCount(*text, where));
        if (array.dims.back() > 0 &&
            count > std::numeric_limits<std::int64_t>::max() / 16 / array.dims.back()) {
            throw core::Error(where + ": dimensions too large");
        }
        count *= array.dims.back();
    }
    // Early files spell encodings and byte orders as GIFTI_ENCODING_* / GIFTI_ENDIAN_*.
    std::string encoding = attribute("Encoding", "ASCII");
    if (encoding == "GIFTI_ENCODING_ASCII") {
        encoding = "ASCII";
    } else if (encoding == "GIFTI_ENCODING_B64BIN" || encoding == "B64BIN") {
        encoding = "Base64Binary";
    } else if (encoding == "GIFTI_ENCODING_B64GZ" || encoding == "B64GZ") {
        encoding = "GZipBase64Binary";
    } else if (encoding == "GIFTI_ENCODING_EXTBIN") {
        encoding = "ExternalFileBinary";
    }
    const std::string endian = attribute("Endian", "LittleEndian");
    const bool big = endian == "BigEndian" || endian == "GIFTI_ENDIAN_BIG";
    const bool little = endian == "LittleEndian" || endian == "GIFTI_ENDIAN_LITTLE" ||
                        endian == "GIFTI_ENDIAN_UNDEF" || endian.empty();
    if (!big && !little) {
        throw core::Error(where + ": invalid Endian '" + endian + "'");
    }
    const bool swap = big != (std::endian::native == std::endian::big);
    const XmlElement* data = element.child("Data");
    const std::string dataText = data != nullptr ? data->text : std::string();

    // Room for the values is allocated only once the data is known to hold them all.
    std::string dims = "the array (";
    for (std::size_t d = 0; d < array.dims.size(); ++d) {
        dims += (d > 0 ? " x " : "") + std::to_string(array.dims[d]);
    }
    dims += ")";
    std::vector<double> values;
    if (encoding == "ASCII") {
        // Every value takes at least one character and a separator.
        core::FileReadGuard::requireFits(where, dims, static_cast<std::uint64_t>(count), 2,
                                         dataText.size() + 1);
        values.resize(static_cast<std::size_t>(count));
        const char* p = dataText.data();
        const char* end = dataText.data() + dataText.size();
        for (std::int64_t i = 0; i < count; ++i) {
            while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) {
                ++p;
            }
            if (p >= end) {
                throw core::Error(where + ": ASCII data has " + std::to_string(i) +
                                  " values, expected " + std::to_string(count) + " (truncated?)");
            }
            double v = 0.0;
            const auto [next, ec] = std::from_chars(p, end, v);
            if (ec != std::errc()) {
                throw core::Error(where + ": invalid number in ASCII data at value " +
                                  std::to_string(i));
            }
            // Stored as the declared type, as binary data would be.
            if (type->isFloat && type->size == 4) {
                v = static_cast<double>(static_cast<float>(v));
            } else if (!type->isFloat) {
                v = std::trunc(v);
            }
            values[static_cast<std::size_t>(i)] = v;
            p = next;
        }
    } else {
        const auto size = static_cast<std::uint64_t>(type->size);
        std::string raw;
        if (encoding == "Base64Binary") {
            // Four Base64 characters carry three bytes.
            core::FileReadGuard::requireFits(where, dims, static_cast<std::uint64_t>(count), size,
                                             dataText.size() / 4 * 3 + 3);
            raw = detail::base64Decode(dataText, where);
        } else if (encoding == "GZipBase64Binary") {
            const std::string compressed = detail::base64Decode(dataText, where);
            core::FileReadGuard::requireFits(
                where, dims, static_cast<std::uint64_t>(count), size,
                core::FileReadGuard::saturatingProduct(compressed.size(),
                                                       core::FileReadGuard::kDeflateMaxRatio));
            raw = inflateBytes(compressed, static_cast<std::size_t>(count * type->size), where);
        } else if (encoding == "ExternalFileBinary") {
            const std::string file = attribute("ExternalFileName", "");
            if (file.empty()) {
                throw core::Error(where + ": ExternalFileBinary without ExternalFileName");
            }
            const std::filesystem::path external = std::filesystem::path(file).is_absolute()
                                                       ? std::filesystem::path(file)
                                                       : path.parent_path() / file;
            const std::int64_t offset = parseCount(attribute("ExternalFileOffset", "0").empty()
                                                       ? std::string("0")
                                                       : attribute("ExternalFileOffset", "0"),
                                                   where);
            const std::uint64_t externalSize = core::FileReadGuard::fileSize(external);
            if (std::filesystem::exists(external) &&
                static_cast<std::uint64_t>(offset) <= externalSize) {
                core::FileReadGuard::requireFits(where + " (" + detail::displayName(external) + ")",
                                                 dims, static_cast<std::uint64_t>(count), size,
                                                 externalSize - static_cast<std::uint64_t>(offset));
            }
            const std::vector<char> bytes = detail::readFileBytes(external);
            if (static_cast<std::uint64_t>(offset) > bytes.size()) {
                throw core::Error(where + ": ExternalFileOffset " + std::to_string(offset) +
                                  " is beyond the end of " + detail::displayName(external));
            }
            raw.assign(bytes.begin() + static_cast<std::ptrdiff_t>(offset), bytes.end());
        } else {
            throw core::Error(where + ": unsupported Encoding '" + encoding + "'");
        }
        const std::size_t needed = static_cast<std::size_t>(count) * type->size;
        if (raw.size() < needed) {
            throw core::Error(where + ": truncated data: " + std::to_string(count) + " " +
                              type->name + " values need " + std::to_string(needed) +
                              " bytes but the " + encoding + " data has " +
                              std::to_string(raw.size()));
        }
        values.resize(static_cast<std::size_t>(count));
        for (std::int64_t i = 0; i < count; ++i) {
            values[static_cast<std::size_t>(i)] =
                decodeValue(*type, raw.data() + i * type->size, swap);
        }
    }
    // Column-major 2-D arrays are transposed to row-major.
    if (attribute("ArrayIndexingOrder", "RowMajorOrder") == "ColumnMajorOrder" &&
        array.dims.size() == 2) {
        const std::int64_t rows = array.dims[0];
        const std::int64_t cols = array.dims[1];
        std::vector<double> rowMajor(values.size());
        for (std::int64_t r = 0; r < rows; ++r) {
            for (std::int64_t c = 0; c < cols; ++c) {
                rowMajor[static_cast<std::size_t>(r * cols + c)] =
                    values[static_cast<std::size_t>(c * rows + r)];
            }
        }
        values.swap(rowMajor);
    }
    array.values = std::move(values);
    return array;
}

std::int64_t columns(const GiftiSurface::DataArray& a) {
    return a.dims.size() >= 2 ? a.dims[1] : 1;
}

std::vector<SurfaceMesh::Scalar> scalarsOf(const std::vector<GiftiSurface::DataArray>& arrays,
                                           std::int64_t vertexCount) {
    std::vector<SurfaceMesh::Scalar> scalars;
    for (std::size_t i = 0; i < arrays.size(); ++i) {
        const GiftiSurface::DataArray& a = arrays[i];
        if (a.intent == "NIFTI_INTENT_POINTSET" || a.intent == "NIFTI_INTENT_TRIANGLE" ||
            a.dims.empty() || columns(a) != 1 || a.dims.size() > 2 ||
            (vertexCount >= 0 && a.dims[0] != vertexCount)) {
            continue;
        }
        SurfaceMesh::Scalar s;
        s.name = a.name.empty() ? "array" + std::to_string(i) : a.name;
        s.values.resize(static_cast<Eigen::Index>(a.values.size()));
        for (std::size_t k = 0; k < a.values.size(); ++k) {
            s.values[static_cast<Eigen::Index>(k)] = static_cast<float>(a.values[k]);
        }
        scalars.push_back(std::move(s));
    }
    return scalars;
}

void appendXmlEscaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
}

} // namespace

namespace {

/// GiftiSurface::readArrays() without the out-of-memory guard.
std::vector<GiftiSurface::DataArray> readArrayFile(const std::filesystem::path& path) {
    const std::vector<char> bytes = detail::readFileBytes(path);
    const std::string name = detail::displayName(path);
    if (bytes.empty()) {
        throw core::Error(name + ": empty file, not a GIfTI file");
    }
    XmlParser parser(std::string_view(bytes.data(), bytes.size()), name);
    const XmlElement root = parser.parseDocument();
    if (root.name != "GIFTI") {
        throw core::Error(name + ": root element is <" + root.name + ">, not a GIfTI file");
    }
    std::vector<GiftiSurface::DataArray> arrays;
    for (const XmlElement& child : root.children) {
        if (child.name == "DataArray") {
            arrays.push_back(decodeArray(child, arrays.size(), path));
        }
    }
    if (const std::string* declared = root.attribute("NumberOfDataArrays")) {
        const std::int64_t n = parseCount(*declared, name + ": NumberOfDataArrays");
        if (n != static_cast<std::int64_t>(arrays.size())) {
            throw core::Error(name + ": NumberOfDataArrays is " + *declared + " but the file has " +
                              std::to_string(arrays.size()) + " DataArray elements");
        }
    }
    return arrays;
}

} // namespace

std::vector<GiftiSurface::DataArray> GiftiSurface::readArrays(const std::filesystem::path& path) {
    return core::FileReadGuard::run(detail::displayName(path), [&] { return readArrayFile(path); });
}

namespace {

/// GiftiSurface::read() without the out-of-memory guard.
SurfaceMesh readSurface(const std::filesystem::path& path) {
    const std::string name = detail::displayName(path);
    const std::vector<GiftiSurface::DataArray> arrays = GiftiSurface::readArrays(path);
    const GiftiSurface::DataArray* points = nullptr;
    const GiftiSurface::DataArray* triangles = nullptr;
    for (const GiftiSurface::DataArray& a : arrays) {
        if (a.intent == "NIFTI_INTENT_POINTSET" && points == nullptr) {
            points = &a;
        } else if (a.intent == "NIFTI_INTENT_TRIANGLE" && triangles == nullptr) {
            triangles = &a;
        }
    }
    if (points == nullptr) {
        throw core::Error(name + ": no NIFTI_INTENT_POINTSET array: not a surface (a shape or "
                                 "functional GIfTI file?)");
    }
    if (triangles == nullptr) {
        throw core::Error(name + ": no NIFTI_INTENT_TRIANGLE array: not a surface");
    }
    if (points->dims.size() != 2 || points->dims[1] != 3) {
        throw core::Error(name + ": the point set must be N x 3");
    }
    if (triangles->dims.size() != 2 || triangles->dims[1] != 3) {
        throw core::Error(name + ": the triangle array must be M x 3");
    }
    const std::int64_t nv = points->dims[0];
    const std::int64_t nt = triangles->dims[0];
    SurfaceMesh::Vertices vertices(nv, 3);
    for (std::int64_t i = 0; i < nv * 3; ++i) {
        vertices.data()[i] = static_cast<float>(points->values[static_cast<std::size_t>(i)]);
    }
    SurfaceMesh::Triangles tris(nt, 3);
    for (std::int64_t i = 0; i < nt * 3; ++i) {
        const double v = triangles->values[static_cast<std::size_t>(i)];
        if (!(v >= 0.0 && v < static_cast<double>(nv))) {
            throw core::Error(name + ": triangle " + std::to_string(i / 3) + " refers to vertex " +
                              std::to_string(static_cast<long long>(v)) +
                              ", index out of range (the surface has " + std::to_string(nv) +
                              " vertices)");
        }
        tris.data()[i] = static_cast<std::int32_t>(v);
    }
    SurfaceMesh mesh(std::move(vertices), std::move(tris));
    for (SurfaceMesh::Scalar& s : scalarsOf(arrays, nv)) {
        mesh.setScalar(std::move(s.name), std::move(s.values));
    }
    mesh.validate(name);
    mesh.computeNormals();
    return mesh;
}

} // namespace

SurfaceMesh GiftiSurface::read(const std::filesystem::path& path) {
    return core::FileReadGuard::run(detail::displayName(path), [&] { return readSurface(path); });
}

std::vector<SurfaceMesh::Scalar> GiftiSurface::readScalars(const std::filesystem::path& path) {
    return scalarsOf(readArrays(path), -1);
}

void GiftiSurface::write(const SurfaceMesh& mesh, const std::filesystem::path& path,
                         Encoding encoding) {
    mesh.validate(detail::displayName(path));
    const char* encodingName = encoding == Encoding::Ascii          ? "ASCII"
                               : encoding == Encoding::Base64Binary ? "Base64Binary"
                                                                    : "GZipBase64Binary";
    const std::size_t arrayCount = 2 + mesh.scalars().size();
    std::string out;
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<!DOCTYPE GIFTI SYSTEM \"http://www.nitrc.org/frs/download.php/115/gifti.dtd\">\n";
    out += "<GIFTI Version=\"1.0\" NumberOfDataArrays=\"" + std::to_string(arrayCount) + "\">\n";
    out += "  <MetaData/>\n  <LabelTable/>\n";

    const auto writeArray = [&](const char* intent, const char* dataType, std::int64_t rows,
                                int cols, const std::string& arrayName, auto&& valueAt) {
        out += "  <DataArray Intent=\"";
        out += intent;
        out += "\" DataType=\"";
        out += dataType;
        out += "\" ArrayIndexingOrder=\"RowMajorOrder\" Dimensionality=\"";
        out += cols > 1 ? "2" : "1";
        out += "\" Dim0=\"" + std::to_string(rows) + "\"";
        if (cols > 1) {
            out += " Dim1=\"" + std::to_string(cols) + "\"";
        }
        out += " Encoding=\"";
        out += encodingName;
        out += "\" Endian=\"LittleEndian\" ExternalFileName=\"\" ExternalFileOffset=\"\">\n";
        if (arrayName.empty()) {
            out += "    <MetaData/>\n";
        } else {
            out += "    <MetaData>\n      <MD>\n        <Name><![CDATA[Name]]></Name>\n"
                   "        <Value>";
            appendXmlEscaped(out, arrayName);
            out += "</Value>\n      </MD>\n    </MetaData>\n";
        }
        if (std::string_view(intent) == "NIFTI_INTENT_POINTSET") {
            out += "    <CoordinateSystemTransformMatrix>\n"
                   "      <DataSpace><![CDATA[NIFTI_XFORM_UNKNOWN]]></DataSpace>\n"
                   "      <TransformedSpace><![CDATA[NIFTI_XFORM_UNKNOWN]]></TransformedSpace>\n"
                   "      <MatrixData>1 0 0 0 0 1 0 0 0 0 1 0 0 0 0 1</MatrixData>\n"
                   "    </CoordinateSystemTransformMatrix>\n";
        }
        out += "    <Data>";
        const std::int64_t count = rows * cols;
        if (encoding == Encoding::Ascii) {
            char buffer[64];
            for (std::int64_t i = 0; i < count; ++i) {
                const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, valueAt(i));
                out.append(buffer, end);
                out += (i + 1) % cols == 0 ? '\n' : ' ';
            }
        } else {
            std::string raw;
            raw.reserve(static_cast<std::size_t>(count) * 4);
            for (std::int64_t i = 0; i < count; ++i) {
                detail::appendValue(raw, valueAt(i), std::endian::little);
            }
            out += detail::base64Encode(encoding == Encoding::GZipBase64Binary ? deflateBytes(raw)
                                                                               : raw);
        }
        out += "</Data>\n  </DataArray>\n";
    };

    writeArray("NIFTI_INTENT_POINTSET", "NIFTI_TYPE_FLOAT32", mesh.vertexCount(), 3, "",
               [&](std::int64_t i) { return mesh.vertices().data()[i]; });
    writeArray("NIFTI_INTENT_TRIANGLE", "NIFTI_TYPE_INT32", mesh.triangleCount(), 3, "",
               [&](std::int64_t i) { return mesh.triangles().data()[i]; });
    for (const SurfaceMesh::Scalar& s : mesh.scalars()) {
        writeArray("NIFTI_INTENT_SHAPE", "NIFTI_TYPE_FLOAT32", mesh.vertexCount(), 1, s.name,
                   [&](std::int64_t i) { return s.values[i]; });
    }
    out += "</GIFTI>\n";
    detail::writeFileBytes(path, out);
}

} // namespace plexus::geometry
