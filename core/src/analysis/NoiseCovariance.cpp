#include "plexus/analysis/NoiseCovariance.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cmath>

namespace plexus::analysis {

namespace {

/// Squared Frobenius norm of x^T x, through the smaller of the two Gram matrices.
double gramSquaredNorm(const Eigen::MatrixXd& x) {
    const bool rowsSide = x.rows() <= x.cols();
    const Eigen::Index n = rowsSide ? x.rows() : x.cols();
    Eigen::MatrixXd g = Eigen::MatrixXd::Zero(n, n);
    if (rowsSide)
        g.selfadjointView<Eigen::Lower>().rankUpdate(x);
    else
        g.selfadjointView<Eigen::Lower>().rankUpdate(x.transpose());
    const Eigen::MatrixXd full = g.selfadjointView<Eigen::Lower>();
    return full.squaredNorm();
}

} // namespace

double NoiseCovariance::ledoitWolfShrinkage(const Eigen::MatrixXd& x) {
    const auto n = static_cast<double>(x.rows());
    const auto p = static_cast<double>(x.cols());
    if (x.rows() < 1 || x.cols() < 1)
        return 1.0;
    const Eigen::MatrixXd x2 = x.array().square();
    const Eigen::VectorXd empCovTrace = x2.colwise().sum().transpose() / n;
    const double mu = empCovTrace.sum() / p;
    const double betaSum = x2.rowwise().sum().squaredNorm();
    const double deltaSum = gramSquaredNorm(x) / (n * n);
    double beta = 1.0 / (p * n) * (betaSum / n - deltaSum);
    const double delta = (deltaSum - 2.0 * mu * empCovTrace.sum() + p * mu * mu) / p;
    beta = std::min(beta, delta);
    return beta == 0.0 ? 0.0 : beta / delta;
}

NoiseCovariance NoiseCovariance::estimate(const Eigen::MatrixXd& r, double dof,
                                          NoiseShrinkage method, std::optional<double> shrinkage) {
    NoiseCovariance c;
    c.m_method = method;
    if (method == NoiseShrinkage::Identity)
        return c;
    if (!(dof > 0.0) || r.rows() == 0)
        throw core::Error("noise covariance: no residual degrees of freedom (need more than "
                          "one sample per condition)");
    if (!r.allFinite())
        throw core::Error("noise covariance: residuals must be finite");
    const auto p = static_cast<double>(r.cols());

    if (method == NoiseShrinkage::Diagonal) {
        c.m_form = Form::Diagonal;
        c.m_diagonal = r.colwise().squaredNorm().transpose() / dof;
        c.m_lambda = 1.0;
        return c;
    }

    double lambda = 0.0;
    if (method == NoiseShrinkage::LedoitWolf) {
        lambda = shrinkage ? *shrinkage : ledoitWolfShrinkage(r);
        if (!(lambda >= 0.0 && lambda <= 1.0))
            throw core::Error("noise covariance: shrinkage must lie in [0, 1]");
    }
    c.m_lambda = lambda;
    const double mu = r.squaredNorm() / dof / p;
    if (!(mu > 0.0))
        throw core::Error("noise covariance: the residuals are all zero");
    const double a = lambda * mu;
    const double b = (1.0 - lambda) / dof;

    if (a > 0.0 && r.cols() > r.rows()) {
        // Sigma = a (I + (b / a) R^T R): Woodbury through the samples x samples core.
        c.m_form = Form::LowRank;
        c.m_a = a;
        c.m_b = b;
        c.m_residuals = r;
        Eigen::MatrixXd core = Eigen::MatrixXd::Zero(r.rows(), r.rows());
        core.selfadjointView<Eigen::Lower>().rankUpdate(r, b / a);
        core.diagonal().array() += 1.0;
        c.m_llt.compute(core.selfadjointView<Eigen::Lower>());
        if (c.m_llt.info() != Eigen::Success)
            throw core::Error("noise covariance: factorisation failed");
        return c;
    }
    if (!(a > 0.0) && dof < p)
        throw core::Error("noise covariance: the sample covariance is singular (" +
                          std::to_string(static_cast<long long>(dof)) +
                          " residual degrees of freedom for " + std::to_string(r.cols()) +
                          " units); use ledoit-wolf or diagonal shrinkage");
    c.m_form = Form::Dense;
    Eigen::MatrixXd sigma = Eigen::MatrixXd::Zero(r.cols(), r.cols());
    sigma.selfadjointView<Eigen::Lower>().rankUpdate(r.transpose(), b);
    sigma.diagonal().array() += a;
    c.m_dense = sigma.selfadjointView<Eigen::Lower>();
    c.m_llt.compute(c.m_dense);
    const double minPivot = c.m_llt.info() == Eigen::Success
                                ? c.m_llt.matrixL().toDenseMatrix().diagonal().minCoeff()
                                : 0.0;
    if (c.m_llt.info() != Eigen::Success || !(minPivot > 1e-7 * std::sqrt(mu)))
        throw core::Error("noise covariance: the sample covariance is singular (" +
                          std::to_string(static_cast<long long>(dof)) +
                          " residual degrees of freedom for " + std::to_string(r.cols()) +
                          " units); use ledoit-wolf or diagonal shrinkage");
    return c;
}

NoiseCovariance NoiseCovariance::fromMatrix(const Eigen::MatrixXd& sigma) {
    if (sigma.rows() != sigma.cols())
        throw core::Error("noise covariance: matrix is not square");
    NoiseCovariance c;
    c.m_method = NoiseShrinkage::None;
    c.m_form = Form::Dense;
    c.m_lambda = 0.0;
    c.m_dense = 0.5 * (sigma + sigma.transpose());
    c.m_llt.compute(c.m_dense);
    if (c.m_llt.info() != Eigen::Success)
        throw core::Error("noise covariance: matrix is not positive definite");
    return c;
}

Eigen::MatrixXd NoiseCovariance::applyInverse(const Eigen::MatrixXd& rows) const {
    switch (m_form) {
    case Form::Identity:
        return rows;
    case Form::Diagonal: {
        if (rows.cols() != m_diagonal.size())
            throw core::Error("noise covariance: unit count mismatch");
        // Units without residual variance carry no usable noise estimate: weight 0.
        const Eigen::RowVectorXd inv =
            m_diagonal.unaryExpr([](double v) { return v > 0.0 ? 1.0 / v : 0.0; }).transpose();
        return rows.array().rowwise() * inv.array();
    }
    case Form::Dense:
        if (rows.cols() != m_dense.rows())
            throw core::Error("noise covariance: unit count mismatch");
        return m_llt.solve(rows.transpose()).transpose();
    case Form::LowRank: {
        if (rows.cols() != m_residuals.cols())
            throw core::Error("noise covariance: unit count mismatch");
        const double c = m_b / m_a;
        const Eigen::MatrixXd ry = m_residuals * rows.transpose(); // n x k
        const Eigen::MatrixXd z = m_llt.solve(ry);                 // n x k
        return (rows - c * (z.transpose() * m_residuals)) / m_a;
    }
    }
    return rows;
}

Eigen::MatrixXd NoiseCovariance::dense(std::size_t units) const {
    const auto p = static_cast<Eigen::Index>(units);
    switch (m_form) {
    case Form::Identity:
        return Eigen::MatrixXd::Identity(p, p);
    case Form::Diagonal:
        return m_diagonal.asDiagonal();
    case Form::Dense:
        return m_dense;
    case Form::LowRank:
        return m_a * Eigen::MatrixXd::Identity(p, p) + m_b * m_residuals.transpose() * m_residuals;
    }
    return {};
}

std::string NoiseCovariance::methodName(NoiseShrinkage method) {
    switch (method) {
    case NoiseShrinkage::Identity:
        return "identity";
    case NoiseShrinkage::Diagonal:
        return "diagonal";
    case NoiseShrinkage::LedoitWolf:
        return "ledoit-wolf";
    case NoiseShrinkage::None:
        return "none";
    }
    return "identity";
}

NoiseShrinkage NoiseCovariance::parseMethod(const std::string& name) {
    if (name == "lw")
        return NoiseShrinkage::LedoitWolf;
    for (const auto m : {NoiseShrinkage::Identity, NoiseShrinkage::Diagonal,
                         NoiseShrinkage::LedoitWolf, NoiseShrinkage::None})
        if (name == methodName(m))
            return m;
    throw core::Error("noise: unknown covariance estimator \"" + name +
                      "\" (ledoit-wolf, diagonal, identity, none)");
}

} // namespace plexus::analysis
