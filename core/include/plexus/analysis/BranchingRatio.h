#pragma once

#include <cstddef>
#include <vector>

namespace plexus::analysis {

/// Branching ratio estimates of one activity series.
struct BranchingResult {
    double m = 0.0;            ///< multistep-regression estimate of the branching ratio
    double b = 0.0;            ///< amplitude of r_k = b m^k (1 when fully sampled)
    double tauSteps = 0.0;     ///< autocorrelation time -1 / ln m in steps (inf for m >= 1)
    double conventional = 0.0; ///< single-step regression estimate r_1
    std::vector<double> rk;    ///< regression slope r_k for k = 1..kmax (rk[k - 1])
    std::size_t kmax = 0;      ///< largest step used
    bool converged = false;    ///< the exponential fit converged
};

/**
 * @brief Branching ratio by multistep regression (MR), after Wilting & Priesemann (2018),
 * "Inferring collective dynamical states from widely unobserved systems", Nat Commun 9:2325.
 *
 * For k = 1..kmax, r_k is the least-squares slope of A(t + k) against A(t) (covariance over
 * variance, each series with its own mean). For a driven branching process observed through
 * any (binomial) subsampling, r_k = b m^k with the bias confined to b, so m follows from fitting
 * that exponential (least squares in r_k, Levenberg-Marquardt from a log-linear start). The
 * conventional estimate r_1 = b m is biased whenever b < 1 (subsampling).
 */
class BranchingRatio {
public:
    /// Estimate from `activity` (events per step). Throws core::Error when the series is shorter
    /// than kmax + 2 steps, kmax < 2, or the activity does not vary.
    static BranchingResult estimate(const std::vector<double>& activity, std::size_t kmax = 40);
    /// Least-squares slope of A(t + k) on A(t) (0 for a constant series).
    static double regressionSlope(const std::vector<double>& activity, std::size_t k);
};

} // namespace plexus::analysis
