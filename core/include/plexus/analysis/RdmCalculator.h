#pragma once

#include "plexus/analysis/ActivityMatrix.h"
#include "plexus/analysis/DistanceMetric.h"
#include "plexus/analysis/NoiseCovariance.h"
#include "plexus/analysis/Rdm.h"

#include <Eigen/Dense>
#include <optional>
#include <string>
#include <vector>

namespace plexus::analysis {

/// Options of cross-validated Mahalanobis (crossnobis) distances.
struct CrossnobisOptions {
    NoiseShrinkage noise = NoiseShrinkage::LedoitWolf; ///< noise covariance estimator
    std::optional<double> shrinkage;                   ///< fixed Ledoit-Wolf intensity
    bool normaliseByUnits = false;                     ///< divide distances by the unit count
};

/// Computes representational dissimilarity matrices.
///
/// Correlation, Euclidean and cosine RDMs use one matrix product on the conditions x units
/// pattern matrix (the Gram matrix trick): memory is linear in the patterns plus the
/// conditions x conditions output; no units x units matrix is formed.
///
/// Crossnobis: the data are split into partitions (independent repeats) that each hold every
/// condition; with partition means u_k^m, m = 1..M, and noise covariance Sigma,
/// d(i, j) = 1 / (M (M - 1)) sum_{m != n} (u_i^m - u_j^m)^T Sigma^-1 (u_i^n - u_j^n),
/// an unbiased estimate of the squared Mahalanobis distance (mu_i - mu_j)^T Sigma^-1
/// (mu_i - mu_j) (it can be negative). The noise covariance must not depend on the partition
/// means it whitens, or the estimate is biased upwards. With at least 2 samples of every
/// condition in every partition, Sigma is estimated once from the residuals of the samples
/// about their condition-and-partition means. With single samples, each pair of partitions
/// (m, n) is whitened with a Sigma estimated from the other partitions only (residuals about
/// their condition means), which needs at least 4 partitions.
class RdmCalculator {
public:
    /// RDM of the rows of `patterns` (conditions x units) for Correlation, Euclidean or Cosine.
    /// Throws core::Error for Crossnobis, for non-finite values and, with Correlation / Cosine,
    /// for a constant / all-zero pattern (naming the condition).
    static Rdm compute(const Eigen::MatrixXd& patterns, DistanceMetric metric,
                       std::vector<std::string> names = {});
    /// RDM of the conditions of an activity matrix: Crossnobis uses its repeats
    /// (ActivityMatrix::repeatPartitions()), the others its condition patterns.
    static Rdm compute(const ActivityMatrix& activity, DistanceMetric metric,
                       const CrossnobisOptions& options = {});
    /// Crossnobis RDM from single samples (rows of `samples`) with a condition index and a
    /// partition index per row. Every condition must occur in every partition; at least 2
    /// partitions. Returns the noise shrinkage used (the mean over partition pairs when each
    /// pair has its own estimate) through `shrinkageUsed` if given.
    static Rdm crossnobis(const Eigen::MatrixXd& samples, const std::vector<int>& conditions,
                          const std::vector<int>& partitions, const CrossnobisOptions& options,
                          std::vector<std::string> names = {}, double* shrinkageUsed = nullptr);
    /// Crossnobis RDM from per-partition condition means (each conditions x units) and a noise
    /// covariance.
    static Rdm crossnobis(const std::vector<Eigen::MatrixXd>& partitionMeans,
                          const NoiseCovariance& noise, bool normaliseByUnits = false,
                          std::vector<std::string> names = {});
};

} // namespace plexus::analysis
