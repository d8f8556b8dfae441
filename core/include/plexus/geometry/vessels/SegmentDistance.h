#pragma once

#include <Eigen/Core>

namespace plexus::geometry {

/// Closest points and distances between points and line segments in 3D.
class SegmentDistance {
public:
    /// Closest points of two segments and their distance.
    struct Result {
        double distance = 0.0;
        double s = 0.0; ///< parameter on the first segment (0 at its start, 1 at its end)
        double t = 0.0; ///< parameter on the second segment
        Eigen::Vector3d onFirst = Eigen::Vector3d::Zero();
        Eigen::Vector3d onSecond = Eigen::Vector3d::Zero();
    };

    /// Distance from @p p to the segment [@p a, @p b]; @p t receives the parameter of the
    /// closest point (a degenerate segment is its start point).
    static double pointToSegment(const Eigen::Vector3d& p, const Eigen::Vector3d& a,
                                 const Eigen::Vector3d& b, double* t = nullptr);

    /// Closest points of the segments [@p p0, @p p1] and [@p q0, @p q1] (either may be a
    /// point); parallel segments give one of the closest pairs.
    static Result segmentToSegment(const Eigen::Vector3d& p0, const Eigen::Vector3d& p1,
                                   const Eigen::Vector3d& q0, const Eigen::Vector3d& q1);
};

} // namespace plexus::geometry
