#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <filesystem>
#include <vector>

namespace plexus::analysis {

/// Reads and writes NumPy .npy arrays.
///
/// Reading accepts format versions 1.0 and 2.0, little-endian `<f4`, `<f8`, `<i4` and `<i8`
/// element types and C (row-major) order; every other file is refused with a core::Error that
/// names the file and the reason.
class NpyFile {
public:
    /// A dense array: its shape and its elements converted to double, in C order.
    struct Array {
        std::vector<std::size_t> shape;
        std::vector<double> data;
    };

    /// Read a whole array. Throws core::Error (naming the file) for unsupported or damaged files.
    static Array read(const std::filesystem::path& path);
    /// Write a matrix as a 2-D `<f8` array in C order (format 1.0).
    static void write(const Eigen::MatrixXd& matrix, const std::filesystem::path& path);
};

} // namespace plexus::analysis
