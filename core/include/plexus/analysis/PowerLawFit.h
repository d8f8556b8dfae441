#pragma once

#include "plexus/core/base/RandomStream.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace plexus::analysis {

/// Options of PowerLawFit::fit().
struct PowerLawOptions {
    /// Fixed lower bound of the power-law tail; 0 chooses it by minimising the KS distance.
    std::int64_t xmin = 0;
    /// Largest xmin tried by the scan (0: every observed value that leaves minTail values).
    std::int64_t xminMax = 0;
    /// Fewest values (>= 2) the tail must hold for an xmin to be tried.
    std::size_t minTail = 10;
    /// Semi-parametric bootstrap draws for the goodness-of-fit p-value (0: no p-value).
    std::size_t bootstrap = 0;
    std::uint64_t seed = 1; ///< seed of the bootstrap draws
};

/// A discrete power law p(x) = x^-alpha / zeta(alpha, xmin), x >= xmin, fitted to integers.
struct PowerLawResult {
    double alpha = 0.0;       ///< maximum-likelihood exponent
    double alphaError = 0.0;  ///< asymptotic standard error (alpha - 1) / sqrt(tail)
    std::int64_t xmin = 0;    ///< lower bound of the tail
    double ks = 0.0;          ///< KS distance between the tail and the fitted law
    double logLikelihood = 0; ///< of the tail at alpha
    std::size_t samples = 0;  ///< values given (all >= 1)
    std::size_t tail = 0;     ///< values >= xmin
    std::size_t draws = 0;    ///< bootstrap draws made (0: no p-value)
    double pValue = -1.0;     ///< fraction of draws with a KS distance >= ks (-1 without draws)
};

/**
 * @brief Discrete power-law fit after Clauset, Shalizi & Newman (2009), "Power-law
 * distributions in empirical data", SIAM Review 51:661-703.
 *
 * For a given xmin, alpha maximises the discrete log-likelihood
 * L = -n ln zeta(alpha, xmin) - alpha sum ln x_i (numerically, by golden-section search on the
 * concave L; zeta is the Hurwitz zeta function), not the continuous approximation. xmin is the
 * observed value that minimises the Kolmogorov-Smirnov distance between the empirical and the
 * fitted cumulative distribution of the tail. The p-value follows the paper's semi-parametric
 * bootstrap: each synthetic set draws, value by value, from the fitted law with probability
 * tail/samples and otherwise uniformly from the observed values below xmin, is fitted the same
 * way (xmin scanned again) and counts when its KS distance is at least the observed one.
 */
class PowerLawFit {
public:
    /// Fit `data` (integers >= 1). Throws core::Error for values < 1, for fewer than minTail
    /// values or when fewer than two distinct values are >= xmin.
    static PowerLawResult fit(const std::vector<std::int64_t>& data,
                              const PowerLawOptions& options = {});
    /// Maximum-likelihood alpha of the values >= xmin of `data` (xmin fixed).
    static double alphaFor(const std::vector<std::int64_t>& data, std::int64_t xmin);
    /// KS distance between the values >= xmin of `data` and the discrete law (alpha, xmin).
    static double ksDistance(const std::vector<std::int64_t>& data, double alpha,
                             std::int64_t xmin);
    /// Hurwitz zeta function sum_{k>=0} (k + q)^-s for s > 1, q > 0 (Euler-Maclaurin, ~1e-14).
    static double hurwitzZeta(double s, double q);
    /// One exact draw from the discrete law (alpha, xmin) by inversion of its CDF (values are
    /// capped at 2^53).
    static std::int64_t sample(double alpha, std::int64_t xmin, core::RandomStream& random);
};

} // namespace plexus::analysis
