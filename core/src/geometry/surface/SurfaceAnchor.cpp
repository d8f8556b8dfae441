#include "plexus/geometry/surface/SurfaceAnchor.h"

#include "plexus/core/base/Error.h"
#include "plexus/geometry/surface/VertexLocator.h"

#include <Eigen/Geometry>
#include <cmath>
#include <string>

namespace plexus::geometry {

SurfaceAnchor::SurfaceAnchor(const Eigen::Vector3d& point, const Eigen::Vector3d& outwardNormal,
                             std::int64_t vertex)
    : m_point(point)
    , m_normal(outwardNormal)
    , m_vertex(vertex) {
    if (!point.allFinite()) {
        throw core::Error("surface anchor: the point is not finite");
    }
    const double length = outwardNormal.norm();
    if (!std::isfinite(length) || length < 1e-12) {
        throw core::Error("surface anchor: the normal has no direction");
    }
    m_normal /= length;
}

SurfaceAnchor SurfaceAnchor::atVertex(const SurfaceMesh& mesh, std::int64_t vertex) {
    if (vertex < 0 || vertex >= mesh.vertexCount()) {
        throw core::Error("surface anchor: vertex " + std::to_string(vertex) +
                          " is not in the mesh (" + std::to_string(mesh.vertexCount()) +
                          " vertices)");
    }
    if (!mesh.hasNormals()) {
        throw core::Error("surface anchor: the mesh has no normals");
    }
    const Eigen::Vector3d n = mesh.normals().row(vertex).cast<double>().transpose();
    if (n.squaredNorm() < 1e-12) {
        throw core::Error("surface anchor: vertex " + std::to_string(vertex) +
                          " has no normal (it belongs to no triangle)");
    }
    return SurfaceAnchor(mesh.vertices().row(vertex).cast<double>().transpose(), n, vertex);
}

SurfaceAnchor SurfaceAnchor::atPoint(const SurfaceMesh& mesh, const VertexLocator& locator,
                                     const Eigen::Vector3d& point) {
    if (!point.allFinite()) {
        throw core::Error("surface anchor: the point is not finite");
    }
    const auto hit = locator.nearest(point.cast<float>());
    if (!hit) {
        throw core::Error("surface anchor: the mesh has no vertices");
    }
    const SurfaceAnchor snapped = atVertex(mesh, hit->index);
    return SurfaceAnchor(point, snapped.outwardNormal(), hit->index);
}

SurfaceAnchor SurfaceAnchor::atPoint(const SurfaceMesh& mesh, const Eigen::Vector3d& point) {
    const VertexLocator locator(mesh.vertices());
    return atPoint(mesh, locator, point);
}

void SurfaceAnchor::tangentFrame(Eigen::Vector3d& u, Eigen::Vector3d& v, double rotationRad) const {
    const Eigen::Vector3d seed =
        std::abs(m_normal.x()) < 0.9 ? Eigen::Vector3d::UnitX() : Eigen::Vector3d::UnitY();
    Eigen::Vector3d u0 = (seed - seed.dot(m_normal) * m_normal).normalized();
    Eigen::Vector3d v0 = m_normal.cross(u0);
    const double c = std::cos(rotationRad);
    const double s = std::sin(rotationRad);
    u = c * u0 + s * v0;
    v = -s * u0 + c * v0;
}

} // namespace plexus::geometry
