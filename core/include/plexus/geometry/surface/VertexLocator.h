#pragma once

#include "plexus/geometry/surface/SurfaceMesh.h"

#include <Eigen/Core>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace plexus::geometry {

/**
 * @brief Nearest-vertex queries over a fixed point set, through a uniform grid.
 *
 * Building is linear in the number of points; a query visits the grid cells in growing shells
 * around the query point and stops once no closer point can exist.
 */
class VertexLocator {
public:
    /// A query answer: the index of the nearest point and its distance.
    struct Hit {
        std::int64_t index = -1;
        float distance = 0.0f;
    };

    /// Indexes @p points; @p cellSize <= 0 picks about two points per cell on a surface.
    explicit VertexLocator(const SurfaceMesh::Vertices& points, float cellSize = 0.0f);

    /// The nearest point to @p query within @p maxDistance (unbounded by default).
    std::optional<Hit> nearest(const Eigen::Vector3f& query,
                               float maxDistance = std::numeric_limits<float>::infinity()) const;

    /// Edge length of the grid cells.
    float cellSize() const { return m_cell; }

private:
    std::int64_t cellIndex(int ix, int iy, int iz) const;

    SurfaceMesh::Vertices m_points;
    Eigen::Vector3f m_origin = Eigen::Vector3f::Zero();
    float m_cell = 1.0f;
    int m_dims[3] = {1, 1, 1};
    std::vector<std::int64_t> m_cellStart; // size cells + 1
    std::vector<std::int64_t> m_order;     // point indices sorted by cell
};

} // namespace plexus::geometry
