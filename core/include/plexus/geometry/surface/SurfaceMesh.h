#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace plexus::geometry {

/**
 * @brief A triangulated surface: float vertices, int32 triangles, per-vertex normals and
 * optional named per-vertex scalars (curvature, sulcal depth, thickness...).
 *
 * Coordinates are in millimetres; for brain surfaces the axes follow RAS (x right, y anterior,
 * z superior), as FreeSurfer and GIfTI files do. Triangles list vertex indices counter-clockwise
 * seen from outside. Vertices and triangles are row-major, so their data() pointers are packed
 * xyz / abc triples that can be handed to renderers without copying.
 */
class SurfaceMesh {
public:
    /// One row per vertex: x, y, z.
    using Vertices = Eigen::Matrix<float, Eigen::Dynamic, 3, Eigen::RowMajor>;
    /// One row per triangle: three vertex indices.
    using Triangles = Eigen::Matrix<std::int32_t, Eigen::Dynamic, 3, Eigen::RowMajor>;

    /// A named value per vertex.
    struct Scalar {
        std::string name;
        Eigen::VectorXf values;
    };

    /// Conventional scalar name: mean curvature, FreeSurfer sign (positive in sulci), 1/mm.
    static constexpr std::string_view kCurvature = "curv";
    /// Conventional scalar name: sulcal depth in mm (larger = deeper).
    static constexpr std::string_view kSulcalDepth = "sulc";
    /// Conventional scalar name: cortical thickness in mm.
    static constexpr std::string_view kThickness = "thickness";

    /// An empty mesh.
    SurfaceMesh() = default;
    /// A mesh from vertices and triangles (normals not computed, no scalars).
    SurfaceMesh(Vertices vertices, Triangles triangles);

    /// Number of vertices.
    std::int64_t vertexCount() const { return m_vertices.rows(); }
    /// Number of triangles.
    std::int64_t triangleCount() const { return m_triangles.rows(); }
    /// True when the mesh has no vertices.
    bool isEmpty() const { return m_vertices.rows() == 0; }

    /// Vertex positions (mm).
    const Vertices& vertices() const { return m_vertices; }
    /// Mutable vertex positions; call computeNormals() after moving them.
    Vertices& vertices() { return m_vertices; }
    /// Triangles (vertex indices).
    const Triangles& triangles() const { return m_triangles; }
    /// Mutable triangles; call validate() and computeNormals() after editing them.
    Triangles& triangles() { return m_triangles; }

    /// Unit normal per vertex; empty until computeNormals() or setNormals().
    const Vertices& normals() const { return m_normals; }
    /// True when there is one normal per vertex.
    bool hasNormals() const { return m_normals.rows() == m_vertices.rows() && !isEmpty(); }
    /// Sets per-vertex normals (must have one row per vertex; they are normalised).
    void setNormals(Vertices normals);
    /**
     * @brief Computes area-weighted unit vertex normals from the triangles.
     *
     * When the triangles turn inward (the normals point towards the centroid on average,
     * e.g. clockwise files) every normal is flipped so that they point outward; isolated
     * vertices get (0, 0, 0).
     */
    void computeNormals();

    /// Every per-vertex scalar, in insertion order.
    const std::vector<Scalar>& scalars() const { return m_scalars; }
    /// The values of scalar @p name, or nullptr when there is none.
    const Eigen::VectorXf* scalar(std::string_view name) const;
    /// Adds or replaces scalar @p name; throws core::Error when the size is not vertexCount().
    void setScalar(std::string name, Eigen::VectorXf values);
    /// Removes scalar @p name (no-op when absent).
    void removeScalar(std::string_view name);

    /**
     * @brief Checks the mesh; throws core::Error starting with @p context otherwise.
     *
     * Checks that every triangle index is in [0, vertexCount()), that coordinates are finite,
     * and that normals and scalars (when present) have one row per vertex.
     */
    void validate(const std::string& context) const;

    /// Axis-aligned bounds: (min x, max x, min y, max y, min z, max z); zeros when empty.
    std::array<float, 6> bounds() const;
    /// Mean of the vertex positions.
    Eigen::Vector3f centroid() const;
    /// Total triangle area (mm^2).
    double area() const;
    /// Mean edge length (mm), over the three edges of every triangle.
    double meanEdgeLength() const;

private:
    Vertices m_vertices;
    Triangles m_triangles;
    Vertices m_normals;
    std::vector<Scalar> m_scalars;
};

} // namespace plexus::geometry
