#pragma once

#include "plexus/analysis/Rdm.h"

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <string>

namespace plexus::analysis {

/// How two RDMs are compared (on their upper-triangle entries).
enum class ComparisonMethod {
    Spearman,    ///< Pearson correlation of average ranks (ties share their mean rank)
    KendallTauA, ///< (concordant - discordant pairs) / (n (n - 1) / 2); tied pairs count 0
    Cosine,      ///< cosine similarity of the entries (no centring)
    Pearson      ///< Pearson correlation of the entries
};

/// A comparison value with a bootstrap confidence interval.
struct ComparisonResult {
    double value = 0.0;         ///< on the full RDMs
    double ciLow = 0.0;         ///< lower percentile bound
    double ciHigh = 0.0;        ///< upper percentile bound
    double sd = 0.0;            ///< bootstrap standard deviation
    std::size_t bootstraps = 0; ///< bootstrap samples with a finite value
    double confidence = 0.95;
};

/// Comparison of RDMs and of dissimilarity vectors.
class RdmComparison {
public:
    /// Average ranks 1..n (ties get the mean of their ranks).
    static Eigen::VectorXd ranks(const Eigen::VectorXd& values);
    /// Pearson correlation; NaN when either vector is constant.
    static double pearson(const Eigen::VectorXd& a, const Eigen::VectorXd& b);
    /// Spearman rank correlation (as scipy.stats.spearmanr).
    static double spearman(const Eigen::VectorXd& a, const Eigen::VectorXd& b);
    /// Kendall tau-a, O(n log n).
    static double kendallTauA(const Eigen::VectorXd& a, const Eigen::VectorXd& b);
    /// Kendall tau-b (as scipy.stats.kendalltau), O(n log n).
    static double kendallTauB(const Eigen::VectorXd& a, const Eigen::VectorXd& b);
    /// Cosine similarity; NaN when either vector is zero.
    static double cosine(const Eigen::VectorXd& a, const Eigen::VectorXd& b);

    /// Compare two vectors of equal length with `method`.
    static double compare(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                          ComparisonMethod method);
    /// Compare the upper triangles of two RDMs of equal size.
    static double compare(const Rdm& a, const Rdm& b, ComparisonMethod method);
    /// compare() with a percentile bootstrap interval over conditions: each bootstrap sample
    /// draws the conditions with replacement and compares the entries of all pairs of drawn
    /// conditions that are not the same condition.
    static ComparisonResult bootstrap(const Rdm& a, const Rdm& b, ComparisonMethod method,
                                      std::size_t samples = 1000, double confidence = 0.95,
                                      std::uint64_t seed = 1);

    /// "spearman", "kendall-tau-a", "cosine" or "pearson".
    static std::string methodName(ComparisonMethod method);
    /// Parse a method name (also "kendall", "tau-a"); throws core::Error for unknown names.
    static ComparisonMethod parseMethod(const std::string& name);
};

} // namespace plexus::analysis
