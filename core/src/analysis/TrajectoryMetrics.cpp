#include "plexus/analysis/TrajectoryMetrics.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plexus::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Symmetric x x^T.
Eigen::MatrixXd gram(const Eigen::MatrixXd& x) {
    Eigen::MatrixXd g = Eigen::MatrixXd::Zero(x.rows(), x.rows());
    g.selfadjointView<Eigen::Lower>().rankUpdate(x);
    return g.selfadjointView<Eigen::Lower>();
}

} // namespace

double TrajectoryMetrics::pathLength(const Eigen::MatrixXd& x) {
    double length = 0.0;
    for (Eigen::Index t = 1; t < x.rows(); ++t)
        length += (x.row(t) - x.row(t - 1)).norm();
    return length;
}

Eigen::VectorXd TrajectoryMetrics::curvature(const Eigen::MatrixXd& x) {
    const Eigen::Index n = std::max<Eigen::Index>(x.rows() - 2, 0);
    Eigen::VectorXd angles(n);
    for (Eigen::Index t = 1; t + 1 < x.rows(); ++t) {
        const Eigen::RowVectorXd v = x.row(t) - x.row(t - 1);
        const Eigen::RowVectorXd w = x.row(t + 1) - x.row(t);
        const double nv = v.norm();
        const double nw = w.norm();
        if (!(nv > 0.0) || !(nw > 0.0)) {
            angles(t - 1) = kNaN;
            continue;
        }
        // Angle between unit vectors a and b as 2 atan2(|a - b|, |a + b|): accurate for all
        // angles, unlike acos of the dot product near 0 and pi.
        const Eigen::RowVectorXd a = v / nv;
        const Eigen::RowVectorXd b = w / nw;
        angles(t - 1) = 2.0 * std::atan2((a - b).norm(), (a + b).norm());
    }
    return angles;
}

double TrajectoryMetrics::meanCurvature(const Eigen::MatrixXd& x) {
    const Eigen::VectorXd c = curvature(x);
    double sum = 0.0;
    std::size_t count = 0;
    for (Eigen::Index i = 0; i < c.size(); ++i)
        if (std::isfinite(c(i))) {
            sum += c(i);
            ++count;
        }
    return count > 0 ? sum / static_cast<double>(count) : kNaN;
}

Eigen::MatrixXd TrajectoryMetrics::cosineSimilarity(const Eigen::MatrixXd& x) {
    // Zero states are left out of the product and marked NaN afterwards.
    Eigen::MatrixXd u = x;
    std::vector<bool> zero(static_cast<std::size_t>(x.rows()), false);
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        const double norm = x.row(r).norm();
        if (norm > 0.0) {
            u.row(r) /= norm;
        } else {
            u.row(r).setZero();
            zero[static_cast<std::size_t>(r)] = true;
        }
    }
    Eigen::MatrixXd s = gram(u).cwiseMin(1.0).cwiseMax(-1.0);
    for (Eigen::Index r = 0; r < s.rows(); ++r) {
        if (zero[static_cast<std::size_t>(r)]) {
            s.row(r).setConstant(kNaN);
            s.col(r).setConstant(kNaN);
        }
    }
    for (Eigen::Index r = 0; r < s.rows(); ++r)
        if (!zero[static_cast<std::size_t>(r)])
            s(r, r) = 1.0;
    return s;
}

double TrajectoryMetrics::meanCosineSimilarity(const Eigen::MatrixXd& x) {
    if (x.rows() < 2)
        return kNaN;
    const Eigen::MatrixXd s = cosineSimilarity(x);
    double sum = 0.0;
    std::size_t count = 0;
    for (Eigen::Index c = 0; c < s.cols(); ++c)
        for (Eigen::Index r = 0; r < s.rows(); ++r)
            if (r != c && std::isfinite(s(r, c))) {
                sum += s(r, c);
                ++count;
            }
    return count > 0 ? sum / static_cast<double>(count) : kNaN;
}

double TrajectoryMetrics::stability(const Eigen::MatrixXd& x) {
    if (x.rows() < 2)
        return kNaN;
    double sum = 0.0;
    std::size_t count = 0;
    for (Eigen::Index t = 1; t < x.rows(); ++t) {
        const double na = x.row(t - 1).norm();
        const double nb = x.row(t).norm();
        if (!(na > 0.0) || !(nb > 0.0))
            continue;
        sum += std::clamp(x.row(t - 1).dot(x.row(t)) / (na * nb), -1.0, 1.0);
        ++count;
    }
    return count > 0 ? sum / static_cast<double>(count) : kNaN;
}

double TrajectoryMetrics::participationRatio(const Eigen::MatrixXd& states) {
    if (states.rows() < 2)
        return 0.0;
    const Eigen::MatrixXd xc = states.rowwise() - states.colwise().mean();
    // The non-zero eigenvalues of xc^T xc and xc xc^T coincide: use the smaller one.
    const Eigen::MatrixXd g = xc.rows() <= xc.cols() ? gram(xc) : gram(xc.transpose());
    const double trace = g.trace();
    const double frob = g.squaredNorm();
    if (!(trace > 0.0) || !(frob > 0.0))
        return 0.0;
    return trace * trace / frob;
}

Eigen::VectorXd TrajectoryMetrics::conditionDistance(const std::vector<Eigen::MatrixXd>& x) {
    if (x.size() < 2)
        return {};
    Eigen::Index length = x.front().rows();
    for (const auto& t : x) {
        if (t.cols() != x.front().cols())
            throw core::Error("convergence: trajectories differ in unit count");
        length = std::min(length, t.rows());
    }
    Eigen::VectorXd d = Eigen::VectorXd::Zero(length);
    const double pairs = static_cast<double>(x.size() * (x.size() - 1) / 2);
    for (Eigen::Index t = 0; t < length; ++t) {
        double sum = 0.0;
        for (std::size_t a = 0; a < x.size(); ++a)
            for (std::size_t b = a + 1; b < x.size(); ++b)
                sum += (x[a].row(t) - x[b].row(t)).norm();
        d(t) = sum / pairs;
    }
    return d;
}

double TrajectoryMetrics::convergenceIndex(const std::vector<Eigen::MatrixXd>& x,
                                           std::size_t edgePoints) {
    const Eigen::VectorXd d = conditionDistance(x);
    if (d.size() == 0)
        return kNaN;
    const auto e = static_cast<Eigen::Index>(
        std::clamp<std::size_t>(edgePoints, 1, static_cast<std::size_t>(d.size())));
    const double start = d.head(e).mean();
    const double end = d.tail(e).mean();
    if (!(start > 0.0))
        return kNaN;
    return 1.0 - end / start;
}

} // namespace plexus::analysis
