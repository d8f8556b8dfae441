#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace plexus::core {

/**
 * @brief A table of numbers, one pattern per row (e.g. the pixels of one image per row and
 * its class in a label column), read from a CSV file or a gzip-compressed CSV file.
 *
 * Rows are comma-separated numbers, all of the same length; blank lines are skipped and a first
 * line that is not all numbers is a header. Files ending in .gz (or any gzip stream) are
 * decompressed while reading; plain files are read as they are.
 */
class PatternTable {
public:
    /// Read `path`. Throws core::Error naming the file (and the line) when the file cannot be
    /// opened, a cell is not a finite number, a row's length differs from the first row's, or
    /// there is no row.
    static PatternTable read(const std::filesystem::path& path);

    std::size_t rows() const { return m_rows; }
    std::size_t columns() const { return m_columns; }
    /// Value in row `r`, column `c` (unchecked).
    double at(std::size_t r, std::size_t c) const { return m_values[r * m_columns + c]; }
    /// Largest value of the table, leaving out column `skip` (pass columns() to skip none).
    double maxValue(std::size_t skip) const;

private:
    std::size_t m_rows = 0, m_columns = 0;
    std::vector<double> m_values; ///< row-major
};

} // namespace plexus::core
