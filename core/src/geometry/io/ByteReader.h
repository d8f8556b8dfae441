#pragma once

// Private helper of the surface readers: bounds-checked reads from a file held in memory, with
// errors that name the file.

#include "plexus/core/base/Error.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plexus::geometry::detail {

/// The whole file @p path; throws core::Error naming it when it cannot be read.
std::vector<char> readFileBytes(const std::filesystem::path& path);

/// Writes @p bytes to @p path (through a temporary file renamed into place).
void writeFileBytes(const std::filesystem::path& path, std::string_view bytes);

/// Display name of a file for error messages.
inline std::string displayName(const std::filesystem::path& path) {
    return path.string();
}

/// Sequential, bounds-checked reader over a byte buffer.
class ByteReader {
public:
    ByteReader(const std::vector<char>& bytes, std::string name)
        : m_data(bytes.data())
        , m_size(bytes.size())
        , m_name(std::move(name)) {}

    std::size_t offset() const { return m_offset; }
    std::size_t size() const { return m_size; }
    std::size_t remaining() const { return m_size - m_offset; }
    const std::string& name() const { return m_name; }
    const char* current() const { return m_data + m_offset; }

    /// Throws "truncated" unless @p count more bytes are available; @p what says what is read.
    void require(std::size_t count, std::string_view what) const {
        if (count > remaining()) {
            throw core::Error(m_name + ": truncated file: " + std::string(what) + " needs " +
                              std::to_string(count) + " bytes at offset " +
                              std::to_string(m_offset) + " but only " +
                              std::to_string(remaining()) + " remain");
        }
    }

    void skip(std::size_t count, std::string_view what) {
        require(count, what);
        m_offset += count;
    }

    /// Reads a value stored with the given byte order.
    template <typename T>
    T read(std::endian order, std::string_view what) {
        require(sizeof(T), what);
        T value;
        std::memcpy(&value, m_data + m_offset, sizeof(T));
        m_offset += sizeof(T);
        if (order != std::endian::native) {
            value = byteSwap(value);
        }
        return value;
    }

    /// Reads up to and including the next '\n' (returned without it); throws at end of file.
    std::string line(std::string_view what) {
        const void* end = std::memchr(m_data + m_offset, '\n', remaining());
        if (end == nullptr) {
            throw core::Error(m_name + ": truncated file: no end of line after " +
                              std::string(what) + " at offset " + std::to_string(m_offset));
        }
        const auto length =
            static_cast<std::size_t>(static_cast<const char*>(end) - (m_data + m_offset));
        std::string text(m_data + m_offset, length);
        m_offset += length + 1;
        return text;
    }

    template <typename T>
    static T byteSwap(T value) {
        unsigned char bytes[sizeof(T)];
        std::memcpy(bytes, &value, sizeof(T));
        for (std::size_t i = 0; i < sizeof(T) / 2; ++i) {
            std::swap(bytes[i], bytes[sizeof(T) - 1 - i]);
        }
        std::memcpy(&value, bytes, sizeof(T));
        return value;
    }

private:
    const char* m_data;
    std::size_t m_size;
    std::size_t m_offset = 0;
    std::string m_name;
};

/// Appends @p value to @p out with the given byte order.
template <typename T>
void appendValue(std::string& out, T value, std::endian order) {
    if (order != std::endian::native) {
        value = ByteReader::byteSwap(value);
    }
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out.append(bytes, sizeof(T));
}

} // namespace plexus::geometry::detail
