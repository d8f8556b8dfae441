#include "plexus/geometry/surface/MeshPrimitives.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace plexus::geometry {

SurfaceMesh MeshPrimitives::icosphere(int subdivisions, float radius) {
    subdivisions = std::clamp(subdivisions, 0, 8);
    const double phi = (1.0 + std::sqrt(5.0)) / 2.0;
    std::vector<Eigen::Vector3d> points = {{-1, phi, 0}, {1, phi, 0}, {-1, -phi, 0}, {1, -phi, 0},
                                           {0, -1, phi}, {0, 1, phi}, {0, -1, -phi}, {0, 1, -phi},
                                           {phi, 0, -1}, {phi, 0, 1}, {-phi, 0, -1}, {-phi, 0, 1}};
    for (auto& p : points) {
        p.normalize();
    }
    std::vector<std::array<std::int32_t, 3>> faces = {
        {0, 11, 5},  {0, 5, 1},  {0, 1, 7},  {0, 7, 10}, {0, 10, 11}, {1, 5, 9}, {5, 11, 4},
        {11, 10, 2}, {10, 7, 6}, {7, 1, 8},  {3, 9, 4},  {3, 4, 2},   {3, 2, 6}, {3, 6, 8},
        {3, 8, 9},   {4, 9, 5},  {2, 4, 11}, {6, 2, 10}, {8, 6, 7},   {9, 8, 1}};

    for (int level = 0; level < subdivisions; ++level) {
        std::unordered_map<std::uint64_t, std::int32_t> midpoints;
        midpoints.reserve(faces.size() * 2);
        const auto midpoint = [&](std::int32_t a, std::int32_t b) {
            const auto lo = static_cast<std::uint64_t>(std::min(a, b));
            const auto hi = static_cast<std::uint64_t>(std::max(a, b));
            const std::uint64_t key = (lo << 32) | hi;
            const auto found = midpoints.find(key);
            if (found != midpoints.end()) {
                return found->second;
            }
            points.push_back(
                (points[static_cast<std::size_t>(a)] + points[static_cast<std::size_t>(b)])
                    .normalized());
            const auto index = static_cast<std::int32_t>(points.size() - 1);
            midpoints.emplace(key, index);
            return index;
        };
        std::vector<std::array<std::int32_t, 3>> next;
        next.reserve(faces.size() * 4);
        for (const auto& f : faces) {
            const std::int32_t ab = midpoint(f[0], f[1]);
            const std::int32_t bc = midpoint(f[1], f[2]);
            const std::int32_t ca = midpoint(f[2], f[0]);
            next.push_back({f[0], ab, ca});
            next.push_back({f[1], bc, ab});
            next.push_back({f[2], ca, bc});
            next.push_back({ab, bc, ca});
        }
        faces.swap(next);
    }

    SurfaceMesh::Vertices vertices(static_cast<Eigen::Index>(points.size()), 3);
    SurfaceMesh::Vertices normals(static_cast<Eigen::Index>(points.size()), 3);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto row = static_cast<Eigen::Index>(i);
        normals.row(row) = points[i].cast<float>().transpose();
        vertices.row(row) = (points[i] * radius).cast<float>().transpose();
    }
    SurfaceMesh::Triangles triangles(static_cast<Eigen::Index>(faces.size()), 3);
    for (std::size_t t = 0; t < faces.size(); ++t) {
        const auto row = static_cast<Eigen::Index>(t);
        triangles(row, 0) = faces[t][0];
        triangles(row, 1) = faces[t][1];
        triangles(row, 2) = faces[t][2];
    }
    SurfaceMesh mesh(std::move(vertices), std::move(triangles));
    mesh.setNormals(std::move(normals));
    return mesh;
}

} // namespace plexus::geometry
