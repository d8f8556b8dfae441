#include "plexus/geometry/surface/SurfaceMeasures.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string>

namespace plexus::geometry {

SurfaceMeasures::Adjacency SurfaceMeasures::vertexNeighbours(const SurfaceMesh& mesh) {
    const auto nv = static_cast<std::size_t>(mesh.vertexCount());
    const auto& tris = mesh.triangles();
    // Count directed edges per vertex, fill, then sort and deduplicate each row.
    std::vector<std::int32_t> counts(nv + 1, 0);
    for (Eigen::Index t = 0; t < tris.rows(); ++t) {
        for (int k = 0; k < 3; ++k) {
            counts[static_cast<std::size_t>(tris(t, k))] += 2;
        }
    }
    std::vector<std::int32_t> start(nv + 1, 0);
    for (std::size_t v = 0; v < nv; ++v) {
        start[v + 1] = start[v] + counts[v];
    }
    std::vector<std::int32_t> raw(static_cast<std::size_t>(start[nv]));
    std::vector<std::int32_t> fill(start.begin(), start.end() - 1);
    for (Eigen::Index t = 0; t < tris.rows(); ++t) {
        for (int k = 0; k < 3; ++k) {
            const auto v = static_cast<std::size_t>(tris(t, k));
            raw[static_cast<std::size_t>(fill[v]++)] = tris(t, (k + 1) % 3);
            raw[static_cast<std::size_t>(fill[v]++)] = tris(t, (k + 2) % 3);
        }
    }
    Adjacency adjacency;
    adjacency.offsets.assign(nv + 1, 0);
    adjacency.neighbours.reserve(raw.size() / 2);
    for (std::size_t v = 0; v < nv; ++v) {
        auto first = raw.begin() + start[v];
        auto last = raw.begin() + start[v + 1];
        std::sort(first, last);
        last = std::unique(first, last);
        adjacency.neighbours.insert(adjacency.neighbours.end(), first, last);
        adjacency.offsets[v + 1] = static_cast<std::int32_t>(adjacency.neighbours.size());
    }
    return adjacency;
}

Eigen::VectorXf SurfaceMeasures::meanCurvature(const SurfaceMesh& mesh) {
    SurfaceMesh::Vertices normals = mesh.normals();
    if (!mesh.hasNormals()) {
        SurfaceMesh copy(mesh.vertices(), mesh.triangles());
        copy.computeNormals();
        normals = copy.normals();
    }
    const auto& x = mesh.vertices();
    const auto& tris = mesh.triangles();
    const Eigen::Index nv = mesh.vertexCount();
    Eigen::MatrixX3d laplacian = Eigen::MatrixX3d::Zero(nv, 3);
    Eigen::VectorXd area = Eigen::VectorXd::Zero(nv);
    for (Eigen::Index t = 0; t < tris.rows(); ++t) {
        const std::int32_t idx[3] = {tris(t, 0), tris(t, 1), tris(t, 2)};
        const Eigen::Vector3d p[3] = {x.row(idx[0]).cast<double>(), x.row(idx[1]).cast<double>(),
                                      x.row(idx[2]).cast<double>()};
        const double twiceArea = (p[1] - p[0]).cross(p[2] - p[0]).norm();
        if (!(twiceArea > 1e-12)) {
            continue;
        }
        double cot[3];
        for (int k = 0; k < 3; ++k) {
            // The angle at corner k is opposite the edge (i, j).
            const int i = (k + 1) % 3;
            const int j = (k + 2) % 3;
            cot[k] = (p[i] - p[k]).dot(p[j] - p[k]) / twiceArea;
            const Eigen::Vector3d edge = p[j] - p[i];
            laplacian.row(idx[i]) += cot[k] * edge.transpose();
            laplacian.row(idx[j]) -= cot[k] * edge.transpose();
        }
        // Mixed Voronoi areas (Meyer et al. 2003): Voronoi cells in non-obtuse triangles,
        // half / quarter of the triangle at / beside an obtuse corner.
        const double triangleArea = 0.5 * twiceArea;
        const bool obtuse = cot[0] < 0.0 || cot[1] < 0.0 || cot[2] < 0.0;
        for (int k = 0; k < 3; ++k) {
            const int i = (k + 1) % 3;
            const int j = (k + 2) % 3;
            if (!obtuse) {
                area[idx[k]] += 0.125 * ((p[k] - p[i]).squaredNorm() * cot[j] +
                                         (p[k] - p[j]).squaredNorm() * cot[i]);
            } else {
                area[idx[k]] += cot[k] < 0.0 ? 0.5 * triangleArea : 0.25 * triangleArea;
            }
        }
    }
    Eigen::VectorXf curvature(nv);
    for (Eigen::Index v = 0; v < nv; ++v) {
        // Laplace-Beltrami of the position = laplacian / (2 area) = -2 H n (H > 0 convex);
        // FreeSurfer's curvature is -H.
        curvature[v] =
            area[v] > 0.0 ? static_cast<float>(laplacian.row(v).dot(normals.row(v).cast<double>()) /
                                               (4.0 * area[v]))
                          : 0.0f;
    }
    return curvature;
}

Eigen::VectorXf SurfaceMeasures::smooth(const SurfaceMesh& mesh, const Eigen::VectorXf& values,
                                        int iterations) {
    if (iterations <= 0 || values.size() != mesh.vertexCount()) {
        return values;
    }
    const Adjacency adj = vertexNeighbours(mesh);
    Eigen::VectorXf current = values;
    Eigen::VectorXf next(values.size());
    for (int it = 0; it < iterations; ++it) {
        for (Eigen::Index v = 0; v < values.size(); ++v) {
            const std::int32_t b = adj.offsets[static_cast<std::size_t>(v)];
            const std::int32_t e = adj.offsets[static_cast<std::size_t>(v) + 1];
            if (e == b) {
                next[v] = current[v];
                continue;
            }
            float sum = 0.0f;
            for (std::int32_t k = b; k < e; ++k) {
                sum += current[adj.neighbours[static_cast<std::size_t>(k)]];
            }
            next[v] = 0.5f * current[v] + 0.5f * sum / static_cast<float>(e - b);
        }
        current.swap(next);
    }
    return current;
}

namespace {

/// Repeated umbrella steps x += factor_k * (mean of neighbours - x), cycling through
/// @p factors.
SurfaceMesh::Vertices umbrellaSmooth(const SurfaceMesh& mesh, int iterations,
                                     std::initializer_list<float> factors) {
    const SurfaceMeasures::Adjacency adj = SurfaceMeasures::vertexNeighbours(mesh);
    SurfaceMesh::Vertices current = mesh.vertices();
    SurfaceMesh::Vertices next(current.rows(), 3);
    for (int it = 0; it < iterations; ++it) {
        for (const float factor : factors) {
            for (Eigen::Index v = 0; v < current.rows(); ++v) {
                const std::int32_t b = adj.offsets[static_cast<std::size_t>(v)];
                const std::int32_t e = adj.offsets[static_cast<std::size_t>(v) + 1];
                if (e == b) {
                    next.row(v) = current.row(v);
                    continue;
                }
                Eigen::RowVector3f mean = Eigen::RowVector3f::Zero();
                for (std::int32_t k = b; k < e; ++k) {
                    mean += current.row(adj.neighbours[static_cast<std::size_t>(k)]);
                }
                mean /= static_cast<float>(e - b);
                next.row(v) = current.row(v) + factor * (mean - current.row(v));
            }
            current.swap(next);
        }
    }
    return current;
}

} // namespace

SurfaceMesh::Vertices SurfaceMeasures::taubinSmooth(const SurfaceMesh& mesh, int iterations,
                                                    float lambda, float mu) {
    return umbrellaSmooth(mesh, iterations, {lambda, mu});
}

SurfaceMesh::Vertices SurfaceMeasures::laplacianSmooth(const SurfaceMesh& mesh, int iterations,
                                                       float lambda) {
    return umbrellaSmooth(mesh, iterations, {lambda});
}

Eigen::VectorXf SurfaceMeasures::sulcalDepth(const SurfaceMesh& mesh, double smoothingMm) {
    const Eigen::Index nv = mesh.vertexCount();
    if (nv == 0) {
        return {};
    }
    // Umbrella smoothing diffuses over ~edge * sqrt(iterations * lambda).
    const double edge = std::max(mesh.meanEdgeLength(), 1e-6);
    const int iterations = static_cast<int>(
        std::clamp(2.0 * (smoothingMm / edge) * (smoothingMm / edge), 10.0, 3000.0));
    SurfaceMesh smoothed(laplacianSmooth(mesh, iterations, 0.5f), mesh.triangles());
    smoothed.computeNormals();
    Eigen::VectorXf depth(nv);
    for (Eigen::Index v = 0; v < nv; ++v) {
        depth[v] =
            (smoothed.vertices().row(v) - mesh.vertices().row(v)).dot(smoothed.normals().row(v));
    }
    depth.array() -= depth.mean();
    return depth;
}

void SurfaceMeasures::addStandardScalars(SurfaceMesh& mesh) {
    if (!mesh.hasNormals()) {
        mesh.computeNormals();
    }
    if (mesh.scalar(SurfaceMesh::kCurvature) == nullptr) {
        mesh.setScalar(std::string(SurfaceMesh::kCurvature), smooth(mesh, meanCurvature(mesh), 2));
    }
    if (mesh.scalar(SurfaceMesh::kSulcalDepth) == nullptr) {
        mesh.setScalar(std::string(SurfaceMesh::kSulcalDepth), sulcalDepth(mesh));
    }
}

float SurfaceMeasures::quantile(const Eigen::VectorXf& values, double q) {
    if (values.size() == 0) {
        return 0.0f;
    }
    std::vector<float> sorted(values.data(), values.data() + values.size());
    const auto rank = static_cast<std::size_t>(
        std::clamp(q, 0.0, 1.0) * static_cast<double>(sorted.size() - 1) + 0.5);
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(rank),
                     sorted.end());
    return sorted[rank];
}

} // namespace plexus::geometry
