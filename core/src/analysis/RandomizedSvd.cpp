#include "plexus/analysis/RandomizedSvd.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"

#include <algorithm>

namespace plexus::analysis {

namespace {

/// Orthonormal basis of the columns of `y` (thin Q of its QR decomposition).
Eigen::MatrixXd orthonormalise(const Eigen::MatrixXd& y) {
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(y);
    return qr.householderQ() * Eigen::MatrixXd::Identity(y.rows(), y.cols());
}

} // namespace

RandomizedSvd RandomizedSvd::compute(const Eigen::MatrixXd& a, std::size_t rank,
                                     std::size_t oversampling, std::size_t powerIterations,
                                     std::uint64_t seed) {
    if (a.rows() == 0 || a.cols() == 0)
        throw core::Error("randomized SVD: empty matrix");
    const auto smaller = static_cast<std::size_t>(std::min(a.rows(), a.cols()));
    const auto k = static_cast<Eigen::Index>(std::clamp<std::size_t>(rank, 1, smaller));
    const auto l =
        static_cast<Eigen::Index>(std::min(static_cast<std::size_t>(k) + oversampling, smaller));

    core::RandomStream random(seed);
    Eigen::MatrixXd omega(a.cols(), l);
    for (Eigen::Index j = 0; j < l; ++j)
        for (Eigen::Index i = 0; i < a.cols(); ++i)
            omega(i, j) = random.normal();

    Eigen::MatrixXd q = orthonormalise(a * omega);
    for (std::size_t it = 0; it < powerIterations; ++it) {
        const Eigen::MatrixXd z = orthonormalise(a.transpose() * q);
        q = orthonormalise(a * z);
    }
    const Eigen::MatrixXd b = q.transpose() * a; // l x cols
    Eigen::BDCSVD<Eigen::MatrixXd> svd(b, Eigen::ComputeThinU | Eigen::ComputeThinV);

    RandomizedSvd out;
    out.m_s = svd.singularValues().head(k);
    out.m_u = q * svd.matrixU().leftCols(k);
    out.m_v = svd.matrixV().leftCols(k);
    for (Eigen::Index c = 0; c < k; ++c) {
        Eigen::Index at = 0;
        out.m_v.col(c).cwiseAbs().maxCoeff(&at);
        if (out.m_v(at, c) < 0) {
            out.m_v.col(c) *= -1.0;
            out.m_u.col(c) *= -1.0;
        }
    }
    return out;
}

} // namespace plexus::analysis
