#pragma once

#include "plexus/analysis/Rdm.h"

#include <Eigen/Dense>
#include <cstddef>

namespace plexus::analysis {

/// Classical (Torgerson) multidimensional scaling: B = -1/2 J D^2 J with J the centring
/// matrix; coordinates are the leading eigenvectors of B scaled by the square roots of their
/// eigenvalues. Distances of Euclidean point sets are reproduced exactly. Dimensions with
/// non-positive eigenvalues get zero coordinates; column signs make the largest-magnitude
/// coordinate positive.
class Mds {
public:
    /// The result of classical().
    struct Result {
        Eigen::MatrixXd coordinates; ///< conditions x dims
        Eigen::VectorXd eigenvalues; ///< all eigenvalues of B, descending
    };

    /// Embed the conditions of `rdm` in `dims` dimensions.
    static Result classical(const Rdm& rdm, std::size_t dims = 2);
    /// Embed a dissimilarity matrix (square, symmetric) in `dims` dimensions.
    static Result classical(const Eigen::MatrixXd& dissimilarities, std::size_t dims = 2);
};

} // namespace plexus::analysis
