#include "plexus/analysis/NpyFile.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/FileReadGuard.h"

#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>

namespace plexus::analysis {

static_assert(std::endian::native == std::endian::little,
              "NpyFile reads little-endian data in place");

namespace {

/// The value of `key` in a .npy header dict, up to the next top-level comma or closing brace.
std::string headerValue(const std::string& header, const std::string& key,
                        const std::string& where) {
    auto pos = header.find("'" + key + "'");
    if (pos == std::string::npos)
        pos = header.find("\"" + key + "\"");
    if (pos == std::string::npos)
        throw core::Error(where + ": header has no '" + key + "' entry");
    pos = header.find(':', pos);
    if (pos == std::string::npos)
        throw core::Error(where + ": malformed header entry '" + key + "'");
    ++pos;
    int depth = 0;
    std::size_t end = pos;
    for (; end < header.size(); ++end) {
        const char c = header[end];
        if (c == '(' || c == '[')
            ++depth;
        else if (c == ')' || c == ']')
            --depth;
        else if ((c == ',' || c == '}') && depth == 0)
            break;
    }
    std::string value = header.substr(pos, end - pos);
    const auto b = value.find_first_not_of(" \t");
    const auto e = value.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : value.substr(b, e - b + 1);
}

std::vector<std::size_t> parseShape(const std::string& text, const std::string& where) {
    if (text.size() < 2 || text.front() != '(' || text.back() != ')')
        throw core::Error(where + ": malformed shape " + text);
    std::vector<std::size_t> shape;
    std::size_t pos = 1;
    while (pos < text.size() - 1) {
        while (pos < text.size() - 1 && (text[pos] == ' ' || text[pos] == ','))
            ++pos;
        if (pos >= text.size() - 1)
            break;
        std::size_t end = pos;
        while (end < text.size() - 1 && text[end] >= '0' && text[end] <= '9')
            ++end;
        if (end == pos)
            throw core::Error(where + ": malformed shape " + text);
        std::uint64_t value = 0;
        const auto [stop, ec] = std::from_chars(text.data() + pos, text.data() + end, value);
        if (ec != std::errc() || stop != text.data() + end)
            throw core::Error(where + ": shape " + text + " has a dimension too large to be real");
        shape.push_back(static_cast<std::size_t>(value));
        pos = end;
    }
    return shape;
}

template <typename T>
void convert(const std::vector<char>& raw, std::vector<double>& out) {
    const std::size_t n = raw.size() / sizeof(T);
    out.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        T v;
        std::memcpy(&v, raw.data() + i * sizeof(T), sizeof(T));
        out[i] = static_cast<double>(v);
    }
}

/// NpyFile::read() without the out-of-memory guard.
NpyFile::Array readArray(const std::filesystem::path& path, const std::string& where) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw core::Error(where + ": is a folder, expected a NumPy .npy file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw core::Error(where + ": cannot be opened");
    char magic[8] = {};
    in.read(magic, 8);
    if (!in || std::memcmp(magic, "\x93NUMPY", 6) != 0)
        throw core::Error(where + ": not a NumPy .npy file (bad magic)");
    const int major = static_cast<unsigned char>(magic[6]);
    const int minor = static_cast<unsigned char>(magic[7]);
    std::uint32_t headerLength = 0;
    if (major == 1 && minor == 0) {
        unsigned char b[2];
        in.read(reinterpret_cast<char*>(b), 2);
        headerLength = static_cast<std::uint32_t>(b[0]) | (static_cast<std::uint32_t>(b[1]) << 8);
    } else if (major == 2 && minor == 0) {
        unsigned char b[4];
        in.read(reinterpret_cast<char*>(b), 4);
        headerLength = static_cast<std::uint32_t>(b[0]) | (static_cast<std::uint32_t>(b[1]) << 8) |
                       (static_cast<std::uint32_t>(b[2]) << 16) |
                       (static_cast<std::uint32_t>(b[3]) << 24);
    } else {
        throw core::Error(where + ": .npy format version " + std::to_string(major) + "." +
                          std::to_string(minor) + " is not supported (1.0 and 2.0 are)");
    }
    if (!in || headerLength > (1u << 24))
        throw core::Error(where + ": damaged .npy header");
    std::string header(headerLength, '\0');
    in.read(header.data(), headerLength);
    if (!in)
        throw core::Error(where + ": truncated .npy header");

    std::string descr = headerValue(header, "descr", where);
    if (descr.size() >= 2 && (descr.front() == '\'' || descr.front() == '"'))
        descr = descr.substr(1, descr.size() - 2);
    std::size_t itemSize = 0;
    if (descr == "<f8" || descr == "<i8")
        itemSize = 8;
    else if (descr == "<f4" || descr == "<i4")
        itemSize = 4;
    else if (!descr.empty() && descr.front() == '>')
        throw core::Error(where + ": big-endian element type '" + descr +
                          "' is not supported (use little-endian <f4, <f8, <i4 or <i8)");
    else
        throw core::Error(where + ": element type '" + descr +
                          "' is not supported (<f4, <f8, <i4 and <i8 are)");

    const std::string fortran = headerValue(header, "fortran_order", where);
    if (fortran == "True")
        throw core::Error(where + ": Fortran-ordered arrays are not supported (save a C-ordered "
                                  "array, e.g. numpy.ascontiguousarray)");
    if (fortran != "False")
        throw core::Error(where + ": malformed fortran_order entry " + fortran);

    NpyFile::Array a;
    a.shape = parseShape(headerValue(header, "shape", where), where);
    if (a.shape.empty())
        throw core::Error(where + ": 0-dimensional arrays are not supported");
    std::uint64_t count = 1;
    for (const auto s : a.shape)
        count = core::FileReadGuard::saturatingProduct(count, s);
    // The data follow the header: the rest of the file must hold them before room is made.
    const std::uint64_t dataStart = static_cast<std::uint64_t>(in.tellg());
    const std::uint64_t size = core::FileReadGuard::fileSize(path);
    core::FileReadGuard::requireFits(where, "the shape " + headerValue(header, "shape", where),
                                     count, itemSize, size > dataStart ? size - dataStart : 0);
    std::vector<char> raw(static_cast<std::size_t>(count) * itemSize);
    in.read(raw.data(), static_cast<std::streamsize>(raw.size()));
    if (static_cast<std::size_t>(in.gcount()) != raw.size())
        throw core::Error(where + ": truncated data (" + std::to_string(in.gcount()) + " of " +
                          std::to_string(raw.size()) + " bytes)");
    if (descr == "<f8")
        convert<double>(raw, a.data);
    else if (descr == "<f4")
        convert<float>(raw, a.data);
    else if (descr == "<i8")
        convert<std::int64_t>(raw, a.data);
    else
        convert<std::int32_t>(raw, a.data);
    return a;
}

} // namespace

NpyFile::Array NpyFile::read(const std::filesystem::path& path) {
    const std::string where = path.string();
    return core::FileReadGuard::run(where, [&] { return readArray(path, where); });
}

void NpyFile::write(const Eigen::MatrixXd& matrix, const std::filesystem::path& path) {
    std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" +
                         std::to_string(matrix.rows()) + ", " + std::to_string(matrix.cols()) +
                         "), }";
    // Pad with spaces so that the data start on a multiple of 64 bytes; end with a newline.
    const std::size_t total = 10 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header.push_back('\n');
    std::ofstream out(path, std::ios::binary);
    if (!out)
        throw core::Error(path.string() + ": cannot be written");
    out.write("\x93NUMPY\x01\x00", 8);
    const auto length = static_cast<std::uint16_t>(header.size());
    const char lengthBytes[2] = {static_cast<char>(length & 0xff), static_cast<char>(length >> 8)};
    out.write(lengthBytes, 2);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rowMajor = matrix;
    out.write(
        reinterpret_cast<const char*>(rowMajor.data()),
        static_cast<std::streamsize>(sizeof(double) * static_cast<std::size_t>(rowMajor.size())));
    if (!out)
        throw core::Error(path.string() + ": write failed");
}

} // namespace plexus::analysis
