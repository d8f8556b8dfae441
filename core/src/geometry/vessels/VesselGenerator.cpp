#include "plexus/geometry/vessels/VesselGenerator.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"
#include "plexus/geometry/surface/SurfaceAnchor.h"
#include "plexus/geometry/surface/VertexLocator.h"

#include <Eigen/Geometry>
#include <cmath>
#include <deque>
#include <numbers>

namespace plexus::geometry {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr int kProjections = 3; // nearest-vertex projections per step

/// Rotates @p v by @p angle about the unit axis @p n (Rodrigues).
Eigen::Vector3d rotate(const Eigen::Vector3d& v, const Eigen::Vector3d& n, double angle) {
    const double c = std::cos(angle);
    const double s = std::sin(angle);
    return v * c + n.cross(v) * s + n * (n.dot(v)) * (1.0 - c);
}

/// @p v projected onto the plane normal to @p n and normalised; @p fallback if degenerate.
Eigen::Vector3d tangent(const Eigen::Vector3d& v, const Eigen::Vector3d& n,
                        const Eigen::Vector3d& fallback) {
    const Eigen::Vector3d t = v - v.dot(n) * n;
    const double len = t.norm();
    return len > 1e-12 ? Eigen::Vector3d(t / len) : fallback;
}

void require(bool ok, const std::string& message) {
    if (!ok) {
        throw core::Error("vessel generator: " + message);
    }
}

struct Branch {
    std::int32_t parentNode; // node the branch grows from
    Eigen::Vector3d surface; // surface point under the parent node
    Eigen::Vector3d normal;  // outward normal there
    Eigen::Vector3d heading; // unit tangent direction
    double radius;
    int generation;
};

} // namespace

VesselGraph VesselGenerator::generate(const SurfaceMesh& mesh, const Options& o) {
    require(!mesh.isEmpty(), "the mesh is empty");
    require(mesh.hasNormals(), "the mesh has no normals");
    require(o.trees >= 1, "trees must be at least 1");
    require(o.generations >= 0 && o.generations <= 10, "generations must be in 0..10");
    require(o.segmentsPerBranch >= 1, "segmentsPerBranch must be at least 1");
    require(std::isfinite(o.segmentLengthMm) && o.segmentLengthMm > 0.0,
            "segmentLengthMm must be positive");
    require(std::isfinite(o.rootRadiusMm) && o.rootRadiusMm > 0.0, "rootRadiusMm must be positive");
    require(std::isfinite(o.branchAngleDeg) && std::isfinite(o.wiggleDeg) &&
                std::isfinite(o.heightMm),
            "angles and heightMm must be finite");
    require(std::isfinite(o.penetratingDepthMm) && o.penetratingDepthMm >= 0.0,
            "penetratingDepthMm must be >= 0");
    require(o.penetratingSegments >= 1, "penetratingSegments must be at least 1");
    require(std::isfinite(o.penetratingRadiusFactor) && o.penetratingRadiusFactor > 0.0,
            "penetratingRadiusFactor must be positive");
    for (const std::int64_t v : o.rootVertices) {
        require(v >= 0 && v < mesh.vertexCount(),
                "root vertex " + std::to_string(v) + " is not in the mesh");
    }

    const VertexLocator locator(mesh.vertices());
    // A point inside the mesh lies within the longest incident edge of its nearest vertex.
    std::vector<double> reach(static_cast<std::size_t>(mesh.vertexCount()), 0.0);
    for (Eigen::Index t = 0; t < mesh.triangleCount(); ++t) {
        for (int k = 0; k < 3; ++k) {
            const auto a = mesh.triangles()(t, k);
            const auto b = mesh.triangles()(t, (k + 1) % 3);
            if (a < 0 || b < 0 || a >= mesh.vertexCount() || b >= mesh.vertexCount()) {
                continue;
            }
            const double len = (mesh.vertices().row(a) - mesh.vertices().row(b)).norm();
            reach[static_cast<std::size_t>(a)] = std::max(reach[static_cast<std::size_t>(a)], len);
            reach[static_cast<std::size_t>(b)] = std::max(reach[static_cast<std::size_t>(b)], len);
        }
    }
    core::RandomStream rng(core::streamSeed(o.seed, 0x564553534c /* "VESSL" */));
    const double childScale = std::pow(2.0, -1.0 / 3.0);
    VesselGraph graph;
    std::deque<Branch> queue;

    for (int tree = 0; tree < o.trees; ++tree) {
        const std::int64_t vertex =
            o.rootVertices.empty()
                ? static_cast<std::int64_t>(
                      rng.below(static_cast<std::uint64_t>(mesh.vertexCount())))
                : o.rootVertices[static_cast<std::size_t>(tree) % o.rootVertices.size()];
        const SurfaceAnchor anchor = SurfaceAnchor::atVertex(mesh, vertex);
        Eigen::Vector3d u;
        Eigen::Vector3d v;
        anchor.tangentFrame(u, v, rng.uniform(0.0, 2.0 * std::numbers::pi));
        const std::int32_t root =
            graph.addNode(anchor.point() + anchor.outwardNormal() * (o.rootRadiusMm + o.heightMm));
        queue.push_back({root, anchor.point(), anchor.outwardNormal(), u, o.rootRadiusMm, 0});
    }

    while (!queue.empty()) {
        Branch b = queue.front();
        queue.pop_front();
        bool offTheMesh = false;
        for (int s = 0; s < o.segmentsPerBranch; ++s) {
            const double turn = rng.uniform(-o.wiggleDeg, o.wiggleDeg) * kDeg;
            const Eigen::Vector3d heading = rotate(b.heading, b.normal, turn);
            // Project the step back onto the surface: onto the tangent plane of the nearest
            // vertex, a few times (a step over a sulcus first lands in the air above it).
            Eigen::Vector3d onSurface = b.surface + o.segmentLengthMm * heading;
            Eigen::Vector3d nv = b.normal;
            for (int k = 0; k < kProjections && !offTheMesh; ++k) {
                const auto hit = locator.nearest(onSurface.cast<float>());
                if (!hit) {
                    offTheMesh = true;
                    break;
                }
                const Eigen::Vector3d xv =
                    mesh.vertices().row(hit->index).cast<double>().transpose();
                nv = mesh.normals().row(hit->index).cast<double>().transpose();
                if (!(nv.norm() > 0.5)) {
                    offTheMesh = true;
                    break;
                }
                nv.normalize();
                onSurface -= (onSurface - xv).dot(nv) * nv;
                // Still far from every vertex: the step left the mesh (an open boundary).
                offTheMesh = k == kProjections - 1 &&
                             (onSurface - xv).norm() > reach[static_cast<std::size_t>(hit->index)];
            }
            if (offTheMesh) {
                break;
            }
            const std::int32_t node = graph.addNode(onSurface + nv * (b.radius + o.heightMm));
            graph.addEdge(b.parentNode, node, b.radius);
            b.heading = tangent(onSurface - b.surface, nv, tangent(heading, nv, heading));
            b.surface = onSurface;
            b.normal = nv;
            b.parentNode = node;
        }
        if (b.generation < o.generations && !offTheMesh) {
            const double r = b.radius * childScale;
            for (const double sign : {1.0, -1.0}) {
                queue.push_back({b.parentNode, b.surface, b.normal,
                                 rotate(b.heading, b.normal, sign * o.branchAngleDeg * kDeg), r,
                                 b.generation + 1});
            }
        } else if (o.penetratingDepthMm > 0.0) {
            const double r = b.radius * o.penetratingRadiusFactor;
            std::int32_t parent = b.parentNode;
            for (int k = 1; k <= o.penetratingSegments; ++k) {
                const double depth = o.penetratingDepthMm * k / o.penetratingSegments;
                const std::int32_t node = graph.addNode(b.surface - depth * b.normal);
                graph.addEdge(parent, node, r);
                parent = node;
            }
        }
    }
    return graph;
}

} // namespace plexus::geometry
