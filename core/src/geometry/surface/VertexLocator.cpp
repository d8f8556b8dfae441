#include "plexus/geometry/surface/VertexLocator.h"

#include <algorithm>
#include <cmath>

namespace plexus::geometry {

VertexLocator::VertexLocator(const SurfaceMesh::Vertices& points, float cellSize)
    : m_points(points) {
    const Eigen::Index n = m_points.rows();
    if (n == 0) {
        m_cellStart.assign(2, 0);
        return;
    }
    const Eigen::Vector3f lo = m_points.colwise().minCoeff().transpose();
    const Eigen::Vector3f hi = m_points.colwise().maxCoeff().transpose();
    const Eigen::Vector3f extent = (hi - lo).cwiseMax(1e-6f);
    if (!(cellSize > 0.0f)) {
        // Points on a surface: area ~ extent^2, aim at ~2 points per occupied cell.
        const float scale = std::max({extent.x(), extent.y(), extent.z()});
        cellSize =
            std::max(scale * std::sqrt(2.0f / static_cast<float>(n)) * 2.0f, scale / 1024.0f);
    }
    m_cell = cellSize;
    m_origin = lo;
    for (int k = 0; k < 3; ++k) {
        m_dims[k] = std::clamp(static_cast<int>(extent[k] / m_cell) + 1, 1, 1 << 20);
    }
    // Keep the grid at most ~8 cells per point (very flat or sparse sets).
    while (static_cast<double>(m_dims[0]) * m_dims[1] * m_dims[2] >
           8.0 * static_cast<double>(n) + 64) {
        m_cell *= 1.5f;
        for (int k = 0; k < 3; ++k) {
            m_dims[k] = std::clamp(static_cast<int>(extent[k] / m_cell) + 1, 1, 1 << 20);
        }
    }
    const std::int64_t cells = static_cast<std::int64_t>(m_dims[0]) * m_dims[1] * m_dims[2];
    std::vector<std::int64_t> cellOf(static_cast<std::size_t>(n));
    m_cellStart.assign(static_cast<std::size_t>(cells + 1), 0);
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::Vector3f rel = (m_points.row(i).transpose() - m_origin) / m_cell;
        const int ix = std::clamp(static_cast<int>(rel.x()), 0, m_dims[0] - 1);
        const int iy = std::clamp(static_cast<int>(rel.y()), 0, m_dims[1] - 1);
        const int iz = std::clamp(static_cast<int>(rel.z()), 0, m_dims[2] - 1);
        cellOf[static_cast<std::size_t>(i)] = cellIndex(ix, iy, iz);
        ++m_cellStart[static_cast<std::size_t>(cellOf[static_cast<std::size_t>(i)] + 1)];
    }
    for (std::int64_t c = 0; c < cells; ++c) {
        m_cellStart[static_cast<std::size_t>(c + 1)] += m_cellStart[static_cast<std::size_t>(c)];
    }
    m_order.resize(static_cast<std::size_t>(n));
    std::vector<std::int64_t> fill(m_cellStart.begin(), m_cellStart.end() - 1);
    for (Eigen::Index i = 0; i < n; ++i) {
        m_order[static_cast<std::size_t>(
            fill[static_cast<std::size_t>(cellOf[static_cast<std::size_t>(i)])]++)] = i;
    }
}

std::int64_t VertexLocator::cellIndex(int ix, int iy, int iz) const {
    return (static_cast<std::int64_t>(iz) * m_dims[1] + iy) * m_dims[0] + ix;
}

std::optional<VertexLocator::Hit> VertexLocator::nearest(const Eigen::Vector3f& query,
                                                         float maxDistance) const {
    if (m_points.rows() == 0) {
        return std::nullopt;
    }
    const Eigen::Vector3f rel = (query - m_origin) / m_cell;
    int centre[3];
    for (int k = 0; k < 3; ++k) {
        // Clamping keeps the shell bound valid: the projection onto the grid box is closer to
        // every indexed point than the query itself.
        centre[k] = std::clamp(static_cast<int>(std::floor(std::clamp(rel[k], -1.0f, 1e7f))), 0,
                               m_dims[k] - 1);
    }
    float best = maxDistance * maxDistance;
    std::int64_t bestIndex = -1;
    const int maxRing = std::max({m_dims[0], m_dims[1], m_dims[2]});
    for (int ring = 0; ring <= maxRing; ++ring) {
        // Any point in this shell is at least (ring - 1) cells away.
        const float shellMin = std::max(0, ring - 1) * m_cell;
        if (shellMin * shellMin > best) {
            break;
        }
        for (int dz = -ring; dz <= ring; ++dz) {
            const int iz = centre[2] + dz;
            if (iz < 0 || iz >= m_dims[2]) {
                continue;
            }
            for (int dy = -ring; dy <= ring; ++dy) {
                const int iy = centre[1] + dy;
                if (iy < 0 || iy >= m_dims[1]) {
                    continue;
                }
                const bool onShell = std::abs(dz) == ring || std::abs(dy) == ring;
                for (int dx = -ring; dx <= ring; dx += (onShell ? 1 : 2 * std::max(ring, 1))) {
                    const int ix = centre[0] + dx;
                    if (ix >= 0 && ix < m_dims[0]) {
                        const std::int64_t c = cellIndex(ix, iy, iz);
                        for (std::int64_t k = m_cellStart[static_cast<std::size_t>(c)];
                             k < m_cellStart[static_cast<std::size_t>(c + 1)]; ++k) {
                            const std::int64_t i = m_order[static_cast<std::size_t>(k)];
                            const float d2 = (m_points.row(i).transpose() - query).squaredNorm();
                            if (d2 <= best) {
                                best = d2;
                                bestIndex = i;
                            }
                        }
                    }
                    if (ring == 0) {
                        break;
                    }
                }
            }
        }
    }
    if (bestIndex < 0) {
        return std::nullopt;
    }
    return Hit{bestIndex, std::sqrt(best)};
}

} // namespace plexus::geometry
