#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <optional>
#include <string>

namespace plexus::analysis {

/// Estimators of the noise covariance used to whiten cross-validated distances.
enum class NoiseShrinkage {
    Identity,   ///< no whitening: crossnobis becomes the cross-validated squared Euclidean
    Diagonal,   ///< per-unit noise variances only (univariate noise normalisation)
    LedoitWolf, ///< (1 - l) S + l mu I with the Ledoit-Wolf shrinkage l (mu = trace(S) / units)
    None        ///< the sample covariance S itself (needs more residual samples than units)
};

/// A noise covariance estimate Sigma and products with its inverse.
///
/// Estimates come from residuals (samples x units, already centred, e.g. trial minus its
/// condition mean) with `dof` degrees of freedom: S = R^T R / dof. With Ledoit-Wolf shrinkage
/// and more units than samples the inverse is applied through the Woodbury identity, so no
/// units x units matrix is formed.
class NoiseCovariance {
public:
    /// The identity covariance.
    NoiseCovariance() = default;
    /// Estimate from residuals. `shrinkage` overrides the Ledoit-Wolf intensity (in [0, 1]).
    /// Throws core::Error when the estimate would be singular.
    static NoiseCovariance estimate(const Eigen::MatrixXd& residuals, double dof,
                                    NoiseShrinkage method,
                                    std::optional<double> shrinkage = std::nullopt);
    /// A known covariance matrix (units x units, symmetric positive definite).
    static NoiseCovariance fromMatrix(const Eigen::MatrixXd& sigma);
    /// Ledoit-Wolf shrinkage intensity of centred samples (rows), as in scikit-learn.
    static double ledoitWolfShrinkage(const Eigen::MatrixXd& samples);

    /// rows * Sigma^-1 for row vectors `rows` (n x units).
    Eigen::MatrixXd applyInverse(const Eigen::MatrixXd& rows) const;
    /// Sigma as a dense matrix (units x units; for inspection and small problems).
    Eigen::MatrixXd dense(std::size_t units) const;
    /// Shrinkage intensity used (0 without shrinkage, 1 for Identity and Diagonal).
    double shrinkage() const { return m_lambda; }
    /// The estimator.
    NoiseShrinkage method() const { return m_method; }

    /// "identity", "diagonal", "ledoit-wolf" or "none".
    static std::string methodName(NoiseShrinkage method);
    /// Parse a method name (also "lw"); throws core::Error for unknown names.
    static NoiseShrinkage parseMethod(const std::string& name);

private:
    enum class Form { Identity, Diagonal, Dense, LowRank };

    NoiseShrinkage m_method = NoiseShrinkage::Identity;
    Form m_form = Form::Identity;
    double m_lambda = 1.0;
    Eigen::VectorXd m_diagonal;        ///< Diagonal: variances
    Eigen::MatrixXd m_dense;           ///< Dense: Sigma
    Eigen::LLT<Eigen::MatrixXd> m_llt; ///< Dense: factor of Sigma; LowRank: factor of the core
    Eigen::MatrixXd m_residuals;       ///< LowRank: R (n x units)
    double m_a = 1.0;                  ///< LowRank: Sigma = a I + b R^T R
    double m_b = 0.0;
};

} // namespace plexus::analysis
