#include "plexus/geometry/surface/SurfaceMesh.h"

#include "plexus/core/base/Error.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace plexus::geometry {

SurfaceMesh::SurfaceMesh(Vertices vertices, Triangles triangles)
    : m_vertices(std::move(vertices))
    , m_triangles(std::move(triangles)) {}

void SurfaceMesh::setNormals(Vertices normals) {
    if (normals.rows() != m_vertices.rows()) {
        throw core::Error("normals: " + std::to_string(normals.rows()) + " rows for " +
                          std::to_string(m_vertices.rows()) + " vertices");
    }
    for (Eigen::Index i = 0; i < normals.rows(); ++i) {
        const float n = normals.row(i).norm();
        if (n > 0.0f) {
            normals.row(i) /= n;
        }
    }
    m_normals = std::move(normals);
}

void SurfaceMesh::computeNormals() {
    const Eigen::Index nv = m_vertices.rows();
    Eigen::MatrixX3d accum = Eigen::MatrixX3d::Zero(nv, 3);
    for (Eigen::Index t = 0; t < m_triangles.rows(); ++t) {
        const auto a = m_triangles(t, 0);
        const auto b = m_triangles(t, 1);
        const auto c = m_triangles(t, 2);
        if (a < 0 || b < 0 || c < 0 || a >= nv || b >= nv || c >= nv) {
            continue;
        }
        const Eigen::Vector3d pa = m_vertices.row(a).cast<double>();
        const Eigen::Vector3d pb = m_vertices.row(b).cast<double>();
        const Eigen::Vector3d pc = m_vertices.row(c).cast<double>();
        // The cross product's length is twice the area: this weights by area.
        const Eigen::Vector3d n = (pb - pa).cross(pc - pa);
        accum.row(a) += n.transpose();
        accum.row(b) += n.transpose();
        accum.row(c) += n.transpose();
    }
    // Orientation: outward normals point away from the centroid on average.
    const Eigen::Vector3d centre = centroid().cast<double>();
    double outward = 0.0;
    for (Eigen::Index i = 0; i < nv; ++i) {
        outward += accum.row(i).dot(m_vertices.row(i).cast<double>() - centre.transpose());
    }
    const double sign = outward < 0.0 ? -1.0 : 1.0;
    m_normals.resize(nv, 3);
    for (Eigen::Index i = 0; i < nv; ++i) {
        const double len = accum.row(i).norm();
        if (len > 0.0) {
            m_normals.row(i) = (accum.row(i) * (sign / len)).cast<float>();
        } else {
            m_normals.row(i).setZero();
        }
    }
}

const Eigen::VectorXf* SurfaceMesh::scalar(std::string_view name) const {
    for (const Scalar& s : m_scalars) {
        if (s.name == name) {
            return &s.values;
        }
    }
    return nullptr;
}

void SurfaceMesh::setScalar(std::string name, Eigen::VectorXf values) {
    if (values.size() != m_vertices.rows()) {
        throw core::Error("scalar '" + name + "' has " + std::to_string(values.size()) +
                          " values but the surface has " + std::to_string(m_vertices.rows()) +
                          " vertices");
    }
    for (Scalar& s : m_scalars) {
        if (s.name == name) {
            s.values = std::move(values);
            return;
        }
    }
    m_scalars.push_back({std::move(name), std::move(values)});
}

void SurfaceMesh::removeScalar(std::string_view name) {
    std::erase_if(m_scalars, [&](const Scalar& s) { return s.name == name; });
}

void SurfaceMesh::validate(const std::string& context) const {
    const Eigen::Index nv = m_vertices.rows();
    for (Eigen::Index i = 0; i < nv; ++i) {
        if (!m_vertices.row(i).allFinite()) {
            throw core::Error(context + ": vertex " + std::to_string(i) +
                              " has a non-finite coordinate");
        }
    }
    for (Eigen::Index t = 0; t < m_triangles.rows(); ++t) {
        for (int k = 0; k < 3; ++k) {
            const std::int64_t index = m_triangles(t, k);
            if (index < 0 || index >= nv) {
                throw core::Error(context + ": triangle " + std::to_string(t) +
                                  " refers to vertex " + std::to_string(index) +
                                  ", index out of range (the surface has " + std::to_string(nv) +
                                  " vertices)");
            }
        }
    }
    if (m_normals.rows() != 0 && m_normals.rows() != nv) {
        throw core::Error(context + ": " + std::to_string(m_normals.rows()) + " normals for " +
                          std::to_string(nv) + " vertices");
    }
    for (const Scalar& s : m_scalars) {
        if (s.values.size() != nv) {
            throw core::Error(context + ": scalar '" + s.name + "' has " +
                              std::to_string(s.values.size()) + " values for " +
                              std::to_string(nv) + " vertices");
        }
    }
}

std::array<float, 6> SurfaceMesh::bounds() const {
    if (isEmpty()) {
        return {0, 0, 0, 0, 0, 0};
    }
    const Eigen::RowVector3f lo = m_vertices.colwise().minCoeff();
    const Eigen::RowVector3f hi = m_vertices.colwise().maxCoeff();
    return {lo.x(), hi.x(), lo.y(), hi.y(), lo.z(), hi.z()};
}

Eigen::Vector3f SurfaceMesh::centroid() const {
    if (isEmpty()) {
        return Eigen::Vector3f::Zero();
    }
    return (m_vertices.cast<double>().colwise().sum() / static_cast<double>(m_vertices.rows()))
        .transpose()
        .cast<float>();
}

double SurfaceMesh::area() const {
    double total = 0.0;
    for (Eigen::Index t = 0; t < m_triangles.rows(); ++t) {
        const Eigen::Vector3d a = m_vertices.row(m_triangles(t, 0)).cast<double>();
        const Eigen::Vector3d b = m_vertices.row(m_triangles(t, 1)).cast<double>();
        const Eigen::Vector3d c = m_vertices.row(m_triangles(t, 2)).cast<double>();
        total += 0.5 * (b - a).cross(c - a).norm();
    }
    return total;
}

double SurfaceMesh::meanEdgeLength() const {
    if (m_triangles.rows() == 0) {
        return 0.0;
    }
    double total = 0.0;
    for (Eigen::Index t = 0; t < m_triangles.rows(); ++t) {
        for (int k = 0; k < 3; ++k) {
            const auto i = m_triangles(t, k);
            const auto j = m_triangles(t, (k + 1) % 3);
            total += (m_vertices.row(i) - m_vertices.row(j)).cast<double>().norm();
        }
    }
    return total / (3.0 * static_cast<double>(m_triangles.rows()));
}

} // namespace plexus::geometry
