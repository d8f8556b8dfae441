#include "plexus/analysis/Pca.h"

#include "plexus/analysis/RandomizedSvd.h"
#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cmath>

namespace plexus::analysis {

namespace {

/// Symmetric Gram matrix x x^T (lower-triangle product, then mirrored).
Eigen::MatrixXd gram(const Eigen::MatrixXd& x) {
    Eigen::MatrixXd g = Eigen::MatrixXd::Zero(x.rows(), x.rows());
    g.selfadjointView<Eigen::Lower>().rankUpdate(x);
    return g.selfadjointView<Eigen::Lower>();
}

} // namespace

Pca Pca::fit(const Eigen::MatrixXd& data, const PcaOptions& options) {
    const Eigen::Index n = data.rows();
    const Eigen::Index p = data.cols();
    if (n < 2 || p < 1)
        throw core::Error("PCA: needs at least 2 samples and 1 unit (got " + std::to_string(n) +
                          " x " + std::to_string(p) + ")");
    if (!data.allFinite())
        throw core::Error("PCA: data must be finite");

    Pca pca;
    pca.m_mean = data.colwise().mean().transpose();
    const Eigen::MatrixXd xc = data.rowwise() - pca.m_mean.transpose();
    const double dof = static_cast<double>(n - 1);
    pca.m_totalVariance = xc.squaredNorm() / dof;

    const auto smaller = static_cast<std::size_t>(std::min(n, p));
    const std::size_t wanted =
        std::clamp<std::size_t>(options.components, 1, std::min<std::size_t>(smaller, n - 1));
    const bool randomized = options.method == PcaMethod::Randomized ||
                            (options.method == PcaMethod::Auto && smaller > options.exactLimit);
    pca.m_randomized = randomized;

    Eigen::MatrixXd components;
    Eigen::VectorXd variance;
    if (randomized) {
        const auto svd = RandomizedSvd::compute(xc, wanted, options.oversampling,
                                                options.powerIterations, options.seed);
        components = svd.v();
        variance = svd.singularValues().array().square() / dof;
    } else {
        const bool samplesSide = n <= p;
        const Eigen::MatrixXd g = samplesSide ? gram(xc) : gram(xc.transpose());
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(g);
        const Eigen::Index size = g.rows();
        const double top = std::max(eig.eigenvalues()(size - 1), 0.0);
        const auto k = static_cast<Eigen::Index>(wanted);
        components.resize(p, k);
        variance.resize(k);
        Eigen::Index kept = 0;
        for (Eigen::Index i = 0; i < k; ++i) {
            const double e = eig.eigenvalues()(size - 1 - i);
            if (!(e > 1e-12 * top))
                break;
            if (samplesSide)
                components.col(kept) =
                    xc.transpose() * eig.eigenvectors().col(size - 1 - i) / std::sqrt(e);
            else
                components.col(kept) = eig.eigenvectors().col(size - 1 - i);
            variance(kept) = e / dof;
            ++kept;
        }
        components.conservativeResize(p, std::max<Eigen::Index>(kept, 0));
        variance.conservativeResize(kept);
    }
    for (Eigen::Index c = 0; c < components.cols(); ++c) {
        Eigen::Index at = 0;
        components.col(c).cwiseAbs().maxCoeff(&at);
        if (components(at, c) < 0)
            components.col(c) *= -1.0;
    }
    pca.m_components = std::move(components);
    pca.m_variance = std::move(variance);
    return pca;
}

Eigen::MatrixXd Pca::transform(const Eigen::MatrixXd& data) const {
    if (data.cols() != m_mean.size())
        throw core::Error("PCA: data have " + std::to_string(data.cols()) + " units, the fit " +
                          std::to_string(m_mean.size()));
    return (data.rowwise() - m_mean.transpose()) * m_components;
}

Eigen::VectorXd Pca::explainedVarianceRatio() const {
    if (m_totalVariance <= 0.0)
        return Eigen::VectorXd::Zero(m_variance.size());
    return m_variance / m_totalVariance;
}

} // namespace plexus::analysis
