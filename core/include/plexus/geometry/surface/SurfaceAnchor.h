#pragma once

#include "plexus/geometry/surface/SurfaceMesh.h"

#include <Eigen/Core>
#include <cstdint>

namespace plexus::geometry {

class VertexLocator;

/**
 * @brief Where a device enters the cortex: a surface point (mm) and the outward unit normal
 * there. Depths are measured from the point along the inward normal (-outwardNormal).
 */
class SurfaceAnchor {
public:
    /// Anchor at @p point with outward normal @p outwardNormal (normalised); throws
    /// core::Error when either is not finite or the normal has zero length.
    SurfaceAnchor(const Eigen::Vector3d& point, const Eigen::Vector3d& outwardNormal,
                  std::int64_t vertex = -1);

    /**
     * @brief Anchor at vertex @p vertex of @p mesh, with the mesh's vertex normal.
     *
     * Throws core::Error when the vertex does not exist, the mesh has no normals
     * (SurfaceMesh::computeNormals()) or the vertex normal is zero (isolated vertex).
     */
    static SurfaceAnchor atVertex(const SurfaceMesh& mesh, std::int64_t vertex);

    /**
     * @brief Anchor at @p point (kept as given, e.g. a picked point on a triangle) with the
     * normal of the mesh vertex nearest to it, found through @p locator (built over
     * mesh.vertices()). This is "snapped to the normal at that point".
     */
    static SurfaceAnchor atPoint(const SurfaceMesh& mesh, const VertexLocator& locator,
                                 const Eigen::Vector3d& point);
    /// As above, building a locator for this one query (use the locator overload when
    /// placing many devices).
    static SurfaceAnchor atPoint(const SurfaceMesh& mesh, const Eigen::Vector3d& point);

    /// The entry point (mm).
    const Eigen::Vector3d& point() const { return m_point; }
    /// Unit normal pointing out of the cortex.
    const Eigen::Vector3d& outwardNormal() const { return m_normal; }
    /// Unit normal pointing into the cortex.
    Eigen::Vector3d inwardNormal() const { return -m_normal; }
    /// The mesh vertex the normal came from, or -1.
    std::int64_t vertex() const { return m_vertex; }

    /// The point @p depthMm below the entry point along the inward normal.
    Eigen::Vector3d atDepth(double depthMm) const { return m_point - depthMm * m_normal; }

    /**
     * @brief Two unit vectors (u, v) spanning the tangent plane, with (u, v, outward normal)
     * right-handed; deterministic for a given normal, then rotated by @p rotationRad about
     * the normal.
     *
     * u starts as the projection of the x axis (of y when the normal is nearly along x).
     */
    void tangentFrame(Eigen::Vector3d& u, Eigen::Vector3d& v, double rotationRad = 0.0) const;

private:
    Eigen::Vector3d m_point;
    Eigen::Vector3d m_normal;
    std::int64_t m_vertex = -1;
};

} // namespace plexus::geometry
