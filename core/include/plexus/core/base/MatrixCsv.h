#pragma once

#include <Eigen/Dense>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace plexus::core {

/**
 * @brief Writes a matrix of numbers as CSV, the one numeric CSV writer of Plexus.
 *
 * Numbers are written with 17 significant digits (they read back bit for bit); non-finite
 * values are written as "nan". Run records and analysis results both write through it.
 */
class MatrixCsv {
public:
    /**
     * @brief Write @p matrix to @p path: a header row (`firstHeader` then `columns`, omitted
     *        when `columns` is empty) and one line per row, led by its name when `rowNames` is
     *        not empty.
     *
     * Throws Error naming the file when it cannot be written.
     */
    static void write(const Eigen::MatrixXd& matrix, const std::vector<std::string>& columns,
                      const std::filesystem::path& path,
                      const std::vector<std::string>& rowNames = {},
                      const std::string& firstHeader = "");

    /// Write one value to @p file as write() does ("%.17g", or "nan" when not finite).
    static void writeValue(std::FILE* file, double value);
};

} // namespace plexus::core
