#pragma once

#include "plexus/analysis/ActivityMatrix.h"

#include <Eigen/Dense>
#include <filesystem>
#include <string>
#include <vector>

namespace plexus::analysis {

/// Activity matrices from and to files.
///
/// CSV: a header row of column names, then one row per sample (time bin, trial or condition),
/// comma separated. Columns named `time_ms`, `condition` and `partition` are row metadata (row
/// time, condition label, repeat index); all other columns are units and every cell must be a
/// finite number. Errors name the file, the line and the column.
///
/// NPY: a 2-D array (samples x units) or a 3-D array (conditions x samples x units); rows of a
/// 3-D array are labelled with the condition index ("0", "1", ...). Units are named u0, u1, ...
class ActivityIo {
public:
    /// Read a CSV activity matrix.
    static ActivityMatrix readCsv(const std::filesystem::path& path);
    /// Read an NPY activity matrix (see NpyFile for the accepted formats).
    static ActivityMatrix readNpy(const std::filesystem::path& path);
    /// readCsv() or readNpy() by file extension (.csv or .npy).
    static ActivityMatrix read(const std::filesystem::path& path);
    /// Write an activity matrix as CSV (metadata columns first, then units).
    static void writeCsv(const ActivityMatrix& activity, const std::filesystem::path& path);

    /// Write a matrix as CSV: a header row (`firstHeader` then `columns`, omitted when
    /// `columns` is empty) and one line per row, led by its name when `rowNames` is not empty.
    /// Non-finite values are written as "nan" (core::MatrixCsv::write).
    static void writeMatrixCsv(const Eigen::MatrixXd& matrix,
                               const std::vector<std::string>& columns,
                               const std::filesystem::path& path,
                               const std::vector<std::string>& rowNames = {},
                               const std::string& firstHeader = "");
    /// Read a square matrix (e.g. a model RDM) from CSV or NPY. CSV may have a header row of
    /// names and a first column of names; names are returned in `names` when present.
    static Eigen::MatrixXd readSquareMatrix(const std::filesystem::path& path,
                                            std::vector<std::string>* names = nullptr);
};

} // namespace plexus::analysis
