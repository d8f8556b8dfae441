#include "plexus/geometry/placement/CortexPlacement.h"

#include "plexus/core/base/RandomStream.h"
#include "plexus/core/connectivity/NeuronPositions.h"
#include "plexus/geometry/surface/SurfaceAnchor.h"
#include "plexus/geometry/surface/VertexLocator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>

namespace plexus::geometry {

namespace {

/// Relative position of neurons in a population: mm in the tangent plane and mm of depth
/// below the population's depth.
struct LocalPoints {
    std::vector<double> u;
    std::vector<double> v;
    std::vector<double> w;
    double minU = 0.0;
    double maxU = 0.0;
};

LocalPoints localPoints(const core::PopulationSpec& population, std::size_t count,
                        std::uint64_t seed, double mixedRadiusUm) {
    LocalPoints points;
    points.u.resize(count);
    points.v.resize(count);
    points.w.assign(count, 0.0);
    if (population.spatial.hasPositions()) {
        const auto positions = core::NeuronPositions::generate(population.spatial, count, seed);
        for (std::size_t i = 0; i < count; ++i) {
            points.u[i] = positions.x(i) * 1e-3;
            points.v[i] = positions.y(i) * 1e-3;
            points.w[i] = positions.z(i) * 1e-3;
        }
    } else {
        std::mt19937_64 random(seed);
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        const double radius = mixedRadiusUm * 1e-3;
        for (std::size_t i = 0; i < count; ++i) {
            const double r = radius * std::sqrt(uniform(random));
            const double angle = 2.0 * std::numbers::pi * uniform(random);
            points.u[i] = r * std::cos(angle);
            points.v[i] = r * std::sin(angle);
        }
    }
    if (count > 0) {
        const auto [lo, hi] = std::minmax_element(points.u.begin(), points.u.end());
        points.minU = *lo;
        points.maxU = *hi;
    }
    return points;
}

} // namespace

std::int64_t CortexPlacement::defaultAnchor(const SurfaceMesh& pial, const SurfaceMesh* white) {
    if (pial.isEmpty()) {
        return -1;
    }
    const auto& verts = pial.vertices();
    const bool pairedWhite = white != nullptr && white->vertexCount() == pial.vertexCount();
    const Eigen::VectorXf* thickness = pial.scalar(SurfaceMesh::kThickness);
    SurfaceMesh withNormals;
    const SurfaceMesh* oriented = &pial;
    if (pairedWhite && !pial.hasNormals()) {
        withNormals = pial;
        withNormals.computeNormals();
        oriented = &withNormals;
    }
    // Lateral is away from the midline, on the hemisphere's side.
    const float side = verts.col(0).cast<double>().mean() < 0.0 ? -1.0f : 1.0f;
    Eigen::Index best = -1;
    Eigen::Index mostLateral = 0;
    for (Eigen::Index i = 0; i < verts.rows(); ++i) {
        const float lateral = side * verts(i, 0);
        if (lateral > side * verts(mostLateral, 0)) {
            mostLateral = i;
        }
        bool suitable = true;
        if (pairedWhite) {
            // A short column that runs across the cortex, not along it.
            const Eigen::Vector3f column = (white->vertices().row(i) - verts.row(i)).transpose();
            const Eigen::Vector3f inward = -oriented->normals().row(i).transpose();
            suitable = column.norm() <= kAnchorThicknessMm &&
                       column.dot(inward) >= kAnchorColumnCosine * column.norm();
        } else if (thickness != nullptr) {
            suitable = (*thickness)(i) <= kAnchorThicknessMm;
        }
        if (suitable && (best < 0 || lateral > side * verts(best, 0))) {
            best = i;
        }
    }
    return static_cast<std::int64_t>(best >= 0 ? best : mostLateral);
}

double CortexPlacement::defaultDepth(std::size_t index, std::size_t count) {
    if (count <= 1) {
        return 0.5;
    }
    return 0.2 + 0.6 * static_cast<double>(index) / static_cast<double>(count - 1);
}

std::uint32_t CortexPlacement::defaultColor(std::size_t index) {
    static constexpr std::array<std::uint32_t, 8> colors = {0x1f77b4ff, 0x2ca02cff, 0x9467bdff,
                                                            0x17becfff, 0x8c564bff, 0xe377c2ff,
                                                            0x7f7f7fff, 0xbcbd22ff};
    return colors[index % colors.size()];
}

CortexPlacement CortexPlacement::compute(const core::ProjectSpec& project, const SurfaceMesh& pial,
                                         const SurfaceMesh* white, const Options& options) {
    CortexPlacement placement;
    if (pial.isEmpty()) {
        return placement;
    }
    SurfaceMesh surface = pial;
    if (!surface.hasNormals()) {
        surface.computeNormals();
    }
    const auto& verts = surface.vertices();
    std::int64_t anchorVertex = options.anchorVertex;
    if (anchorVertex < 0 || anchorVertex >= surface.vertexCount()) {
        anchorVertex = defaultAnchor(surface, white);
    }
    placement.m_anchor = anchorVertex;
    const auto anchor = SurfaceAnchor::atVertex(surface, anchorVertex);
    Eigen::Vector3d axisU;
    Eigen::Vector3d axisV;
    anchor.tangentFrame(axisU, axisV);

    const bool pairedWhite = white != nullptr && white->vertexCount() == surface.vertexCount();
    const Eigen::VectorXf* thickness = surface.scalar(SurfaceMesh::kThickness);
    const VertexLocator locator(verts);

    // Local layouts first, to lay the populations side by side centred on the anchor.
    const std::size_t populationCount = project.populations.size();
    std::vector<LocalPoints> layouts;
    layouts.reserve(populationCount);
    double totalWidth = 0.0;
    for (std::size_t k = 0; k < populationCount; ++k) {
        const auto& spec = project.populations[k];
        const std::size_t count = static_cast<std::size_t>(std::clamp<std::int64_t>(
            spec.size, 0, static_cast<std::int64_t>(options.maxNeuronsPerPopulation)));
        const std::uint64_t seed =
            core::streamSeed(project.simulation.seed, core::NeuronPositions::streamKey, k);
        layouts.push_back(localPoints(spec, count, seed, options.mixedRadiusUm));
        totalWidth += layouts.back().maxU - layouts.back().minU;
        if (k > 0) {
            totalWidth += options.gapUm * 1e-3;
        }
    }

    double cursor = -0.5 * totalWidth;
    for (std::size_t k = 0; k < populationCount; ++k) {
        const auto& layout = layouts[k];
        Population population;
        population.name = project.populations[k].name;
        population.first = placement.m_vertices.size();
        population.count = layout.u.size();
        population.depth =
            k < options.depths.size() ? options.depths[k] : defaultDepth(k, populationCount);
        population.depth = std::clamp(population.depth, 0.0, 1.0);
        population.rgba = defaultColor(k);
        const double shift = cursor - layout.minU;
        std::vector<Eigen::Vector3f> tops;
        tops.reserve(layout.u.size());
        for (std::size_t i = 0; i < layout.u.size(); ++i) {
            const Eigen::Vector3d point =
                anchor.point() + (layout.u[i] + shift) * axisU + layout.v[i] * axisV;
            const auto hit = locator.nearest(point.cast<float>());
            const std::int64_t vertex = hit ? hit->index : anchorVertex;
            // Keep the tangential offset from the snapped vertex (meshes are often coarser
            // than a population patch): project onto the vertex's tangent plane.
            const Eigen::Vector3f normal = surface.normals().row(vertex).transpose();
            const Eigen::Vector3f vertexPoint = verts.row(vertex).transpose();
            Eigen::Vector3f offset = point.cast<float>() - vertexPoint;
            offset -= offset.dot(normal) * normal;
            const Eigen::Vector3f top = vertexPoint + offset;
            // The column from the pial to the white surface; the neuron sits at the
            // population's relative depth plus its own depth offset, inside the column.
            Eigen::Vector3f column;
            if (pairedWhite) {
                column = white->vertices().row(vertex).transpose() - vertexPoint;
            } else {
                column = -(thickness != nullptr ? (*thickness)(vertex) : 2.5f) * normal;
            }
            const double length = column.norm();
            const double depth = length > 0.0
                                     ? std::clamp(population.depth + layout.w[i] / length, 0.0, 1.0)
                                     : population.depth;
            const Eigen::Vector3f placed = top + static_cast<float>(depth) * column;
            placement.m_xyz.insert(placement.m_xyz.end(), {placed.x(), placed.y(), placed.z()});
            placement.m_vertices.push_back(vertex);
            tops.push_back(top);
        }
        // Where a device aimed at the middle of the population enters: above the neuron
        // nearest the centroid of its tangential positions.
        if (!layout.u.empty()) {
            double meanU = 0.0;
            double meanV = 0.0;
            for (std::size_t i = 0; i < layout.u.size(); ++i) {
                meanU += layout.u[i];
                meanV += layout.v[i];
            }
            meanU /= static_cast<double>(layout.u.size());
            meanV /= static_cast<double>(layout.u.size());
            std::size_t best = 0;
            double bestDistance = std::numeric_limits<double>::infinity();
            for (std::size_t i = 0; i < layout.u.size(); ++i) {
                const double d = (layout.u[i] - meanU) * (layout.u[i] - meanU) +
                                 (layout.v[i] - meanV) * (layout.v[i] - meanV);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = i;
                }
            }
            const std::int64_t vertex = placement.m_vertices[population.first + best];
            population.centreVertex = vertex;
            population.centreEntry =
                SurfaceAnchor(tops[best].cast<double>(),
                              surface.normals().row(vertex).cast<double>().transpose(), vertex);
        }
        cursor += layout.maxU - layout.minU + options.gapUm * 1e-3;
        placement.m_populations.push_back(population);
    }
    return placement;
}

void CortexPlacement::boundingSphere(float center[3], float& radius) const {
    center[0] = center[1] = center[2] = 0.0f;
    radius = 0.0f;
    const std::size_t n = neuronCount();
    if (n == 0) {
        return;
    }
    Eigen::Vector3f lo = Eigen::Vector3f::Constant(std::numeric_limits<float>::max());
    Eigen::Vector3f hi = -lo;
    for (std::size_t i = 0; i < n; ++i) {
        const Eigen::Vector3f p(m_xyz[3 * i], m_xyz[3 * i + 1], m_xyz[3 * i + 2]);
        lo = lo.cwiseMin(p);
        hi = hi.cwiseMax(p);
    }
    const Eigen::Vector3f c = 0.5f * (lo + hi);
    center[0] = c.x();
    center[1] = c.y();
    center[2] = c.z();
    radius = 0.5f * (hi - lo).norm();
}

std::vector<std::uint8_t> CortexPlacement::populationColors() const {
    std::vector<std::uint8_t> rgba(4 * neuronCount());
    for (const auto& population : m_populations) {
        for (std::size_t i = 0; i < population.count; ++i) {
            std::uint8_t* out = rgba.data() + 4 * (population.first + i);
            out[0] = static_cast<std::uint8_t>(population.rgba >> 24);
            out[1] = static_cast<std::uint8_t>(population.rgba >> 16);
            out[2] = static_cast<std::uint8_t>(population.rgba >> 8);
            out[3] = static_cast<std::uint8_t>(population.rgba);
        }
    }
    return rgba;
}

std::int64_t CortexPlacement::centreVertex(const std::string& name) const {
    for (const Population& population : m_populations) {
        if (population.name == name && population.count > 0) {
            return population.centreVertex;
        }
    }
    return -1;
}

std::optional<SurfaceAnchor> CortexPlacement::centreEntry(const std::string& name) const {
    for (const Population& population : m_populations) {
        if (population.name == name && population.count > 0) {
            return population.centreEntry;
        }
    }
    return std::nullopt;
}

} // namespace plexus::geometry
