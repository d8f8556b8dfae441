#pragma once

#include "plexus/geometry/probes/ElectrodeArray.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace plexus::geometry {

/**
 * @brief Contact coordinates as CSV: one row per contact.
 *
 * Header `name,contact,x_mm,y_mm,z_mm`, then `electrode name, contact label, x, y, z` with
 * coordinates in millimetres (shortest text that reads back to the same double, so a write and
 * read round trip is exact). Fields holding commas or quotes are quoted (RFC 4180).
 *
 * Reading accepts the header with x/y/z or x_mm/y_mm/z_mm (any case) and extra columns after
 * them (ignored); blank lines and lines starting with '#' are skipped. Rows are grouped into
 * arrays by name, in order of first appearance; imported arrays are of type Custom (or Point
 * for a single contact) and have no shanks. Errors name "file:line".
 */
class ElectrodeCsv {
public:
    /// The CSV text of @p arrays.
    static std::string toCsv(const std::vector<ElectrodeArray>& arrays);
    /// Writes toCsv(@p arrays) to @p path; throws core::Error naming the file on failure.
    static void write(const std::filesystem::path& path, const std::vector<ElectrodeArray>& arrays);

    /// Parses CSV @p text; @p sourceName names it in error messages.
    static std::vector<ElectrodeArray> fromCsv(std::string_view text,
                                               const std::string& sourceName);
    /// Reads @p path.
    static std::vector<ElectrodeArray> read(const std::filesystem::path& path);
};

} // namespace plexus::geometry
