#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <string>
#include <vector>

namespace plexus::analysis {

/// A representational dissimilarity matrix: symmetric, conditions x conditions, zero diagonal,
/// with one name per condition.
class Rdm {
public:
    Rdm() = default;
    /// Wrap a square matrix; names default to "0", "1", ... Throws core::Error when the matrix
    /// is not square or the names do not match its size.
    explicit Rdm(Eigen::MatrixXd matrix, std::vector<std::string> names = {});

    /// Number of conditions.
    std::size_t size() const { return static_cast<std::size_t>(m_matrix.rows()); }
    /// The full matrix.
    const Eigen::MatrixXd& matrix() const { return m_matrix; }
    /// Condition names.
    const std::vector<std::string>& names() const { return m_names; }
    /// Dissimilarity of conditions i and j.
    double operator()(std::size_t i, std::size_t j) const {
        return m_matrix(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
    }

    /// Entries above the diagonal in row order (0,1), (0,2), ..., (1,2), ... as scipy's pdist.
    Eigen::VectorXd upperTriangle() const;
    /// An RDM from upper-triangle entries in upperTriangle() order.
    static Rdm fromUpperTriangle(const Eigen::VectorXd& entries,
                                 std::vector<std::string> names = {});
    /// The RDM of the conditions `indices` (in that order).
    Rdm subset(const std::vector<std::size_t>& indices) const;

private:
    Eigen::MatrixXd m_matrix;
    std::vector<std::string> m_names;
};

} // namespace plexus::analysis
