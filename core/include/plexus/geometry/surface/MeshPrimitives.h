#pragma once

#include "plexus/geometry/surface/SurfaceMesh.h"

namespace plexus::geometry {

/// Simple closed meshes used as starting shapes and as known answers in tests.
class MeshPrimitives {
public:
    /**
     * @brief A geodesic sphere: an icosahedron whose triangles are split in four
     * @p subdivisions times, projected onto the sphere of @p radius around the origin.
     *
     * It has 10 * 4^subdivisions + 2 vertices and 20 * 4^subdivisions triangles (counter-
     * clockwise seen from outside); normals are the unit radial directions.
     * @p subdivisions is clamped to [0, 8].
     */
    static SurfaceMesh icosphere(int subdivisions, float radius = 1.0f);
};

} // namespace plexus::geometry
