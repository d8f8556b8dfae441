#include "plexus/geometry/vessels/SegmentDistance.h"

#include <algorithm>

namespace plexus::geometry {

double SegmentDistance::pointToSegment(const Eigen::Vector3d& p, const Eigen::Vector3d& a,
                                       const Eigen::Vector3d& b, double* t) {
    const Eigen::Vector3d ab = b - a;
    const double len2 = ab.squaredNorm();
    double u = 0.0;
    if (len2 > 0.0) {
        u = std::clamp((p - a).dot(ab) / len2, 0.0, 1.0);
    }
    if (t) {
        *t = u;
    }
    return (p - (a + u * ab)).norm();
}

SegmentDistance::Result SegmentDistance::segmentToSegment(const Eigen::Vector3d& p0,
                                                          const Eigen::Vector3d& p1,
                                                          const Eigen::Vector3d& q0,
                                                          const Eigen::Vector3d& q1) {
    // Ericson, Real-Time Collision Detection, 5.1.9 (closest points of two segments).
    const Eigen::Vector3d d1 = p1 - p0;
    const Eigen::Vector3d d2 = q1 - q0;
    const Eigen::Vector3d r = p0 - q0;
    const double a = d1.squaredNorm();
    const double e = d2.squaredNorm();
    const double f = d2.dot(r);
    constexpr double eps = 1e-300;
    double s = 0.0;
    double t = 0.0;
    if (a <= eps && e <= eps) {
        s = t = 0.0;
    } else if (a <= eps) {
        s = 0.0;
        t = std::clamp(f / e, 0.0, 1.0);
    } else {
        const double c = d1.dot(r);
        if (e <= eps) {
            t = 0.0;
            s = std::clamp(-c / a, 0.0, 1.0);
        } else {
            const double b = d1.dot(d2);
            const double denom = a * e - b * b;
            // Relative test: nearly parallel segments start from s = 0.
            s = denom > 1e-14 * a * e ? std::clamp((b * f - c * e) / denom, 0.0, 1.0) : 0.0;
            t = (b * s + f) / e;
            if (t < 0.0) {
                t = 0.0;
                s = std::clamp(-c / a, 0.0, 1.0);
            } else if (t > 1.0) {
                t = 1.0;
                s = std::clamp((b - c) / a, 0.0, 1.0);
            }
        }
    }
    Result out;
    out.s = s;
    out.t = t;
    out.onFirst = p0 + s * d1;
    out.onSecond = q0 + t * d2;
    out.distance = (out.onFirst - out.onSecond).norm();
    return out;
}

} // namespace plexus::geometry
