#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <vector>

namespace plexus::analysis {

/// Geometry of population trajectories. A trajectory is a matrix with one state per row (time
/// points in order) and one unit (or component) per column.
///
/// Cosine similarities involving an all-zero state are undefined and returned as NaN; means
/// skip NaN values.
class TrajectoryMetrics {
public:
    /// Sum of the Euclidean lengths of the segments between successive states.
    static double pathLength(const Eigen::MatrixXd& trajectory);
    /// Turning angle (radians, in [0, pi]) at each interior state t = 1 .. T-2: the angle
    /// between the segments (x_t - x_{t-1}) and (x_{t+1} - x_t). NaN where a segment has zero
    /// length. A closed regular n-gon turns by 2 pi / n at every vertex; a straight line by 0.
    static Eigen::VectorXd curvature(const Eigen::MatrixXd& trajectory);
    /// Mean of the defined values of curvature(); NaN when there are none.
    static double meanCurvature(const Eigen::MatrixXd& trajectory);
    /// Time-by-time cosine similarity of the states (T x T).
    static Eigen::MatrixXd cosineSimilarity(const Eigen::MatrixXd& trajectory);
    /// Mean off-diagonal entry of cosineSimilarity(); NaN for fewer than 2 states.
    static double meanCosineSimilarity(const Eigen::MatrixXd& trajectory);
    /// Representational stability: mean cosine similarity of consecutive states,
    /// (1 / (T-1)) sum_t cos(x_t, x_{t+1}); NaN for fewer than 2 states.
    static double stability(const Eigen::MatrixXd& trajectory);
    /// Participation ratio of the state covariance, (sum_i l_i)^2 / sum_i l_i^2 over its
    /// eigenvalues l_i: 1 for a line, k for isotropic variance in k dimensions, 0 for a point.
    /// Computed from the smaller Gram matrix, never a units x units matrix when units > samples.
    static double participationRatio(const Eigen::MatrixXd& states);
    /// Between-condition distance over time: D(t) = mean Euclidean distance between the states
    /// of all pairs of conditions at time t, for t below the shortest trajectory's length.
    static Eigen::VectorXd conditionDistance(const std::vector<Eigen::MatrixXd>& trajectories);
    /// Convergence index CI = 1 - D_end / D_start, where D_start and D_end are the means of
    /// conditionDistance() over the first and last `edgePoints` time points. CI > 0 when the
    /// conditions converge (1: they meet), 0 when their separation is unchanged, < 0 when they
    /// diverge. NaN for fewer than 2 conditions or D_start = 0.
    static double convergenceIndex(const std::vector<Eigen::MatrixXd>& trajectories,
                                   std::size_t edgePoints = 1);
};

} // namespace plexus::analysis
