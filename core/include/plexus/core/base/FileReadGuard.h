#pragma once

#include "plexus/core/base/Error.h"

#include <cstdint>
#include <filesystem>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace plexus::core {

/**
 * @brief The two rules every reader of a user file follows.
 *
 * 1. Memory is bounded by the file: before a reader allocates room for a count the file
 *    declares (vertices, array dimensions, dataset sizes), it checks that the file can hold
 *    that many entries (requireFits()). A 17 KB file that claims two billion values gets one
 *    line naming it, not a multi-gigabyte allocation.
 * 2. Running out of memory anyway (a genuinely huge file) is reported with the file name
 *    (run()), never as a bare `std::bad_alloc`.
 */
class FileReadGuard {
public:
    /// Largest ratio of inflated to deflated size zlib can produce (RFC 1950/1951: 1032:1).
    static constexpr std::uint64_t kDeflateMaxRatio = 1032;

    /// Size of @p path in bytes, or 0 when it cannot be determined.
    static std::uint64_t fileSize(const std::filesystem::path& path) {
        std::error_code ec;
        const std::uintmax_t size = std::filesystem::file_size(path, ec);
        return ec ? 0 : static_cast<std::uint64_t>(size);
    }

    /// @p a * @p b, or the largest value when the product overflows.
    static std::uint64_t saturatingProduct(std::uint64_t a, std::uint64_t b) {
        if (b != 0 && a > std::numeric_limits<std::uint64_t>::max() / b)
            return std::numeric_limits<std::uint64_t>::max();
        return a * b;
    }

    /**
     * @brief Throws unless @p count entries of at least @p bytesEach bytes fit into
     *        @p available bytes of the file.
     * @param file      the file, as named in messages
     * @param what      what the file declares, e.g. "DataArray 0 (Dim0 x Dim1)"
     * @param available the most bytes the file can hold for them (the bytes that are left, or
     *                  a bound on what they inflate to when they are compressed)
     * @throws Error "FILE: damaged or truncated: WHAT claims COUNT entries, which need at least
     *         N bytes, but the data there can hold at most AVAILABLE bytes"
     */
    static void requireFits(const std::string& file, std::string_view what, std::uint64_t count,
                            std::uint64_t bytesEach, std::uint64_t available) {
        const std::uint64_t needed = saturatingProduct(count, bytesEach);
        if (needed <= available)
            return;
        const bool huge = needed == std::numeric_limits<std::uint64_t>::max();
        throw Error(file + ": damaged or truncated: " + std::string(what) + " claims " +
                    (huge && count == needed ? std::string("more than 18446744073709551614")
                                             : std::to_string(count)) +
                    " entries, which need " +
                    (huge ? std::string("more than 16 EiB")
                          : "at least " + std::to_string(needed) + " bytes") +
                    ", but the data there can hold at most " + std::to_string(available) +
                    " bytes");
    }

    /**
     * @brief Calls @p read and returns its result; an allocation failure inside it becomes
     *        Error "FILE: not enough memory to read it".
     */
    template <typename Read>
    static auto run(const std::string& file, Read&& read) -> decltype(read()) {
        try {
            return read();
        } catch (const std::bad_alloc&) {
            throw Error(file + ": not enough memory to read it");
        } catch (const std::length_error&) {
            throw Error(file + ": not enough memory to read it (a size in the file is too large)");
        }
    }
};

} // namespace plexus::core
