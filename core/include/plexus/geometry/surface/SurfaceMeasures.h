#pragma once

#include "plexus/geometry/surface/SurfaceMesh.h"

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace plexus::geometry {

/**
 * @brief Per-vertex measures of a SurfaceMesh: neighbours, mean curvature, smoothing and a
 * sulcal-depth estimate.
 */
class SurfaceMeasures {
public:
    /// Vertex neighbours in compressed rows: the neighbours of vertex v are
    /// neighbours[offsets[v]] .. neighbours[offsets[v + 1] - 1], each listed once.
    struct Adjacency {
        std::vector<std::int32_t> offsets;
        std::vector<std::int32_t> neighbours;
    };

    /// The vertices sharing an edge with each vertex.
    static Adjacency vertexNeighbours(const SurfaceMesh& mesh);

    /**
     * @brief Mean curvature per vertex (1/mm) from the cotangent Laplacian.
     *
     * FreeSurfer's sign: negative where the surface is convex (gyral crowns; a sphere of radius
     * R gives -1/R) and positive where it is concave (sulcal fundi). Uses the mesh's normals
     * (computed on a copy when it has none).
     */
    static Eigen::VectorXf meanCurvature(const SurfaceMesh& mesh);

    /// Replaces each value by the mean of itself and its neighbours' mean, @p iterations times.
    static Eigen::VectorXf smooth(const SurfaceMesh& mesh, const Eigen::VectorXf& values,
                                  int iterations);

    /**
     * @brief Vertex positions after Taubin (lambda/mu) smoothing, which removes folds
     * without shrinking the surface much.
     */
    static SurfaceMesh::Vertices taubinSmooth(const SurfaceMesh& mesh, int iterations,
                                              float lambda = 0.5f, float mu = -0.53f);

    /**
     * @brief Sulcal depth estimate (mm), like FreeSurfer's sulc: how far each vertex lies
     * below a copy of the surface smoothed over about @p smoothingMm (Laplacian smoothing,
     * which removes the folds), measured along the smoothed normals, minus the mean (gyri
     * negative, sulci positive).
     */
    static Eigen::VectorXf sulcalDepth(const SurfaceMesh& mesh, double smoothingMm = 15.0);

    /// Vertex positions after @p iterations steps of Laplacian (umbrella) smoothing with
    /// step @p lambda.
    static SurfaceMesh::Vertices laplacianSmooth(const SurfaceMesh& mesh, int iterations,
                                                 float lambda = 0.5f);

    /**
     * @brief Adds "curv" (meanCurvature(), smoothed twice) and "sulc" (sulcalDepth()) to
     * @p mesh when it has no scalar of that name; computes normals when missing.
     */
    static void addStandardScalars(SurfaceMesh& mesh);

    /// Value of @p values at quantile @p q in [0, 1] (nearest rank); 0 when empty.
    static float quantile(const Eigen::VectorXf& values, double q);
};

} // namespace plexus::geometry
