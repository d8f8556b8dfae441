#pragma once

#include "ErrorOf.h"

// Shared fixtures of the electrode, vessel, LFP and planner tests.

#include "plexus/core/base/Error.h"
#include "plexus/geometry/surface/SurfaceMesh.h"

#include <functional>
#include <string>

namespace plexus::tests {

/// A flat square-grid sheet in the plane z = 0: nx x ny vertices (i * spacing, j * spacing, 0),
/// vertex index j * nx + i, two counter-clockwise triangles per cell, normals +z (outward, so
/// "inward" is -z).
inline geometry::SurfaceMesh flatSheet(int nx, int ny, float spacing) {
    geometry::SurfaceMesh::Vertices v(static_cast<Eigen::Index>(nx) * ny, 3);
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i)
            v.row(j * nx + i) << static_cast<float>(i) * spacing, static_cast<float>(j) * spacing,
                0.0f;
    geometry::SurfaceMesh::Triangles t(static_cast<Eigen::Index>(nx - 1) * (ny - 1) * 2, 3);
    Eigen::Index k = 0;
    for (int j = 0; j + 1 < ny; ++j)
        for (int i = 0; i + 1 < nx; ++i) {
            const int a = j * nx + i;
            t.row(k++) << a, a + 1, a + nx + 1;
            t.row(k++) << a, a + nx + 1, a + nx;
        }
    geometry::SurfaceMesh mesh(std::move(v), std::move(t));
    geometry::SurfaceMesh::Vertices n(mesh.vertexCount(), 3);
    n.setZero();
    n.col(2).setOnes();
    mesh.setNormals(std::move(n));
    return mesh;
}

/// True when @p text contains @p part.
inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace plexus::tests
