#include "plexus/analysis/Mds.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cmath>

namespace plexus::analysis {

Mds::Result Mds::classical(const Rdm& rdm, std::size_t dims) {
    return classical(rdm.matrix(), dims);
}

Mds::Result Mds::classical(const Eigen::MatrixXd& d, std::size_t dims) {
    if (d.rows() != d.cols() || d.rows() == 0)
        throw core::Error("MDS: the dissimilarity matrix must be square and non-empty");
    if (!d.allFinite())
        throw core::Error("MDS: dissimilarities must be finite");
    const Eigen::Index n = d.rows();
    // B = -1/2 J D^2 J by double centring of the squared dissimilarities.
    Eigen::MatrixXd b = d.array().square();
    b = 0.5 * (b + b.transpose()).eval();
    const Eigen::VectorXd rowMean = b.rowwise().mean();
    const double grand = rowMean.mean();
    for (Eigen::Index j = 0; j < n; ++j)
        for (Eigen::Index i = 0; i < n; ++i)
            b(i, j) = -0.5 * (b(i, j) - rowMean(i) - rowMean(j) + grand);

    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(b);
    Result r;
    r.eigenvalues = eig.eigenvalues().reverse();
    const auto k =
        static_cast<Eigen::Index>(std::min<std::size_t>(dims, static_cast<std::size_t>(n)));
    r.coordinates = Eigen::MatrixXd::Zero(n, k);
    for (Eigen::Index c = 0; c < k; ++c) {
        const double lambda = r.eigenvalues(c);
        if (!(lambda > 0.0))
            continue;
        r.coordinates.col(c) = eig.eigenvectors().col(n - 1 - c) * std::sqrt(lambda);
        Eigen::Index at = 0;
        r.coordinates.col(c).cwiseAbs().maxCoeff(&at);
        if (r.coordinates(at, c) < 0)
            r.coordinates.col(c) *= -1.0;
    }
    return r;
}

} // namespace plexus::analysis
