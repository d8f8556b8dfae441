#include "ByteReader.h"

#include <fstream>
#include <system_error>

namespace plexus::geometry::detail {

std::vector<char> readFileBytes(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw core::Error(displayName(path) + ": is a directory, not a surface file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw core::Error(displayName(path) + ": cannot open file for reading");
    }
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0) {
        throw core::Error(displayName(path) + ": cannot determine the file size");
    }
    in.seekg(0, std::ios::beg);
    std::vector<char> bytes(static_cast<std::size_t>(size));
    if (size > 0 && !in.read(bytes.data(), size)) {
        throw core::Error(displayName(path) + ": read error");
    }
    return bytes;
}

void writeFileBytes(const std::filesystem::path& path, std::string_view bytes) {
    std::filesystem::path temporary = path;
    temporary += ".tmp-plexus";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) {
            throw core::Error(displayName(path) + ": cannot open file for writing");
        }
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            throw core::Error(displayName(path) + ": write error");
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw core::Error(displayName(path) + ": cannot replace the file: " + ec.message());
    }
}

} // namespace plexus::geometry::detail
