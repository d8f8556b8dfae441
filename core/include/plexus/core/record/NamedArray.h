#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <string>
#include <vector>

namespace plexus::core {

/// A named 2-D array of numbers (row-major) with optional unit and row/column labels: the
/// generic payload of a run archive's electrode recordings (`lfp_uv`, `mua`, ...) and analysis
/// matrices (RDMs, projections, ...). A 1-D array (e.g. a time axis `t_ms`) is a single column
/// (`cols == 1`) with `oneDimensional` set.
struct NamedArray {
    std::string name;                      ///< dataset name (no '/')
    std::size_t rows = 0;                  ///< first dimension (e.g. samples)
    std::size_t cols = 0;                  ///< second dimension (e.g. channels)
    std::vector<double> values;            ///< rows * cols values, row-major
    bool singlePrecision = false;          ///< stored as float32 instead of float64
    bool oneDimensional = false;           ///< stored as a 1-D dataset (requires cols == 1)
    std::string unit;                      ///< optional unit, e.g. "uV"
    std::vector<std::string> rowLabels;    ///< optional, one per row
    std::vector<std::string> columnLabels; ///< optional, one per column

    /// Value at row r, column c.
    double at(std::size_t r, std::size_t c) const { return values[r * cols + c]; }
    /// An array holding `matrix` (float64).
    static NamedArray fromMatrix(const std::string& name, const Eigen::MatrixXd& matrix);
    /// The values as a matrix.
    Eigen::MatrixXd toMatrix() const;

    bool operator==(const NamedArray&) const = default;
};

} // namespace plexus::core
