#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>

namespace plexus::analysis {

/// Truncated singular value decomposition A ~ U diag(s) V^T by randomized range finding
/// (Halko, Martinsson & Tropp 2011, algorithms 4.4 and 5.1): a Gaussian test matrix with
/// `oversampling` extra columns, `powerIterations` re-orthonormalised power iterations, then an
/// exact SVD of the small projected matrix. Signs are fixed so that the largest-magnitude entry
/// of every column of V is positive.
class RandomizedSvd {
public:
    /// Decompose `a` (rows x cols) to `rank` components (clamped to min(rows, cols)).
    static RandomizedSvd compute(const Eigen::MatrixXd& a, std::size_t rank,
                                 std::size_t oversampling = 10, std::size_t powerIterations = 4,
                                 std::uint64_t seed = 1);

    /// Left singular vectors, rows x rank.
    const Eigen::MatrixXd& u() const { return m_u; }
    /// Singular values, descending.
    const Eigen::VectorXd& singularValues() const { return m_s; }
    /// Right singular vectors, cols x rank.
    const Eigen::MatrixXd& v() const { return m_v; }

private:
    Eigen::MatrixXd m_u;
    Eigen::VectorXd m_s;
    Eigen::MatrixXd m_v;
};

} // namespace plexus::analysis
