#pragma once

#include "plexus/analysis/ConditionEpoch.h"

#include <Eigen/Dense>
#include <cstddef>
#include <string>
#include <vector>

namespace plexus::analysis {

/// Population activity: one row per sample (time bin, trial or condition), one column per unit.
///
/// Rows carry optional metadata. `conditions` labels each row with a condition name; rows that
/// share a label belong to the same condition. `partitions` gives each row a repeat (trial or
/// data partition) index. How the rows of a condition are read depends on the analysis:
/// - trajectories (conditionTrajectories()): the rows of a condition in order form its
///   trajectory; with partitions, each partition is one repeat of the trajectory and the
///   repeats are averaged time point by time point;
/// - patterns (conditionPatterns()): the mean of all rows of a condition;
/// - cross-validated distances (repeatPartitions()): the partition of each row, or when no
///   partitions are given, the occurrence index of the row within its condition.
struct ActivityMatrix {
    Eigen::MatrixXd values;              ///< samples x units
    std::vector<std::string> unitNames;  ///< one per column (may be empty)
    std::vector<std::string> conditions; ///< condition label per row (empty: one condition)
    std::vector<int> partitions;         ///< repeat index per row (empty: none)
    std::vector<double> timesMs;         ///< time of each row (empty: none)

    /// Number of rows.
    std::size_t samples() const { return static_cast<std::size_t>(values.rows()); }
    /// Number of columns.
    std::size_t units() const { return static_cast<std::size_t>(values.cols()); }

    /// Throws core::Error naming `where` when a metadata vector does not match the matrix size
    /// or a value is not finite.
    void validate(const std::string& where) const;

    /// Condition names in order of first appearance; {"all"} when rows carry no labels.
    std::vector<std::string> conditionNames() const;
    /// Index into conditionNames() of every row.
    std::vector<int> conditionIndices() const;
    /// One trajectory (time x units) per condition, in conditionNames() order. Throws
    /// core::Error when the repeats of a condition differ in length.
    std::vector<Eigen::MatrixXd> conditionTrajectories() const;
    /// Times of the rows of each trajectory (the first repeat's); empty vectors without times.
    std::vector<std::vector<double>> conditionTimes() const;
    /// Mean pattern of each condition: conditions x units.
    Eigen::MatrixXd conditionPatterns() const;
    /// Partition of every row for cross-validation: `partitions` when given, otherwise the
    /// occurrence index of the row among the rows of its condition.
    std::vector<int> repeatPartitions() const;

    /// The rows that fall into the epochs, labelled with the epoch names and numbered by repeat
    /// (occurrence of the epoch name). Rows are selected by `timesMs`, or by row index when the
    /// matrix has no times. Throws core::Error when an epoch selects no row.
    ActivityMatrix selectEpochs(const std::vector<ConditionEpoch>& epochs) const;

    /// Rows of all matrices stacked (units must agree); metadata kept when all have it.
    static ActivityMatrix stackRows(const std::vector<ActivityMatrix>& parts);
};

} // namespace plexus::analysis
