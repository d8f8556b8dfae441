#include "plexus/analysis/Rdm.h"

#include "plexus/core/base/Error.h"

#include <cmath>

namespace plexus::analysis {

Rdm::Rdm(Eigen::MatrixXd matrix, std::vector<std::string> names)
    : m_matrix(std::move(matrix))
    , m_names(std::move(names)) {
    if (m_matrix.rows() != m_matrix.cols())
        throw core::Error("RDM: matrix is " + std::to_string(m_matrix.rows()) + " x " +
                          std::to_string(m_matrix.cols()) + ", not square");
    if (m_names.empty())
        for (Eigen::Index i = 0; i < m_matrix.rows(); ++i)
            m_names.push_back(std::to_string(i));
    if (m_names.size() != size())
        throw core::Error("RDM: " + std::to_string(m_names.size()) + " names for " +
                          std::to_string(size()) + " conditions");
}

Eigen::VectorXd Rdm::upperTriangle() const {
    const Eigen::Index n = m_matrix.rows();
    Eigen::VectorXd out(n * (n - 1) / 2);
    Eigen::Index k = 0;
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = i + 1; j < n; ++j)
            out(k++) = m_matrix(i, j);
    return out;
}

Rdm Rdm::fromUpperTriangle(const Eigen::VectorXd& entries, std::vector<std::string> names) {
    const auto m = static_cast<double>(entries.size());
    const auto n = static_cast<Eigen::Index>(std::llround((1.0 + std::sqrt(1.0 + 8.0 * m)) / 2.0));
    if (n * (n - 1) / 2 != entries.size())
        throw core::Error("RDM: " + std::to_string(entries.size()) +
                          " entries are not the upper triangle of a square matrix");
    Eigen::MatrixXd d = Eigen::MatrixXd::Zero(n, n);
    Eigen::Index k = 0;
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = i + 1; j < n; ++j) {
            d(i, j) = entries(k);
            d(j, i) = entries(k);
            ++k;
        }
    return Rdm(std::move(d), std::move(names));
}

Rdm Rdm::subset(const std::vector<std::size_t>& indices) const {
    const auto n = static_cast<Eigen::Index>(indices.size());
    Eigen::MatrixXd d(n, n);
    std::vector<std::string> names;
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto a = static_cast<Eigen::Index>(indices[static_cast<std::size_t>(i)]);
        if (a >= m_matrix.rows())
            throw core::Error("RDM: condition index " + std::to_string(a) + " out of range");
        names.push_back(m_names[static_cast<std::size_t>(a)]);
        for (Eigen::Index j = 0; j < n; ++j)
            d(i, j) = m_matrix(a, static_cast<Eigen::Index>(indices[static_cast<std::size_t>(j)]));
    }
    return Rdm(std::move(d), std::move(names));
}

} // namespace plexus::analysis
