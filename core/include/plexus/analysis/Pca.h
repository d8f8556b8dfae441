#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <string>

namespace plexus::analysis {

/// How Pca computes its components.
enum class PcaMethod {
    Auto,      ///< Exact when min(samples, units) <= exactLimit, otherwise Randomized
    Exact,     ///< eigendecomposition of the smaller Gram matrix (samples^2 or units^2)
    Randomized ///< RandomizedSvd of the centred data
};

/// Options of Pca::fit().
struct PcaOptions {
    std::size_t components = 10; ///< number of components kept (clamped to the data rank)
    PcaMethod method = PcaMethod::Auto;
    std::size_t exactLimit = 1000;   ///< Auto: largest min(samples, units) solved exactly
    std::size_t oversampling = 10;   ///< Randomized: extra test vectors
    std::size_t powerIterations = 4; ///< Randomized: power iterations
    std::uint64_t seed = 1;          ///< Randomized: test matrix seed
};

/// Principal component analysis of samples x units data (centred on the sample mean).
/// Variances use the unbiased (samples - 1) denominator. Component signs are fixed so that the
/// largest-magnitude loading of each component is positive.
class Pca {
public:
    /// Fit to `data` (at least 2 samples). Throws core::Error for smaller or non-finite data.
    static Pca fit(const Eigen::MatrixXd& data, const PcaOptions& options = {});

    /// Scores of `data` (samples x units) on the components: (data - mean) * components.
    Eigen::MatrixXd transform(const Eigen::MatrixXd& data) const;

    /// Unit means (length units).
    const Eigen::VectorXd& mean() const { return m_mean; }
    /// Components as columns (units x k), orthonormal.
    const Eigen::MatrixXd& components() const { return m_components; }
    /// Variance along each component (covariance eigenvalues), descending.
    const Eigen::VectorXd& explainedVariance() const { return m_variance; }
    /// explainedVariance() / totalVariance().
    Eigen::VectorXd explainedVarianceRatio() const;
    /// Total variance: trace of the covariance matrix.
    double totalVariance() const { return m_totalVariance; }
    /// True when the randomized solver was used.
    bool randomized() const { return m_randomized; }
    /// "exact" or "randomized".
    std::string methodName() const { return m_randomized ? "randomized" : "exact"; }

private:
    Eigen::VectorXd m_mean;
    Eigen::MatrixXd m_components;
    Eigen::VectorXd m_variance;
    double m_totalVariance = 0.0;
    bool m_randomized = false;
};

} // namespace plexus::analysis
