#include "plexus/geometry/placement/ElectrodePlacement.h"

#include "plexus/core/base/Error.h"
#include "plexus/geometry/placement/CortexPlacement.h"
#include "plexus/geometry/probes/ElectrodeLayout.h"
#include "plexus/geometry/surface/SurfaceAnchor.h"
#include "plexus/geometry/surface/VertexLocator.h"

#include <algorithm>
#include <cmath>
#include <exception>

namespace plexus::geometry {

std::optional<std::int64_t> ElectrodePlacement::anchorVertex(const core::ElectrodeSpec& spec) {
    return spec.anchorVertex;
}

std::optional<Eigen::Vector3d> ElectrodePlacement::anchorPoint(const core::ElectrodeSpec& spec) {
    if (!spec.anchorMm.has_value()) {
        return std::nullopt;
    }
    const Eigen::Vector3d p((*spec.anchorMm)[0], (*spec.anchorMm)[1], (*spec.anchorMm)[2]);
    if (!p.allFinite()) {
        return std::nullopt;
    }
    return p;
}

double ElectrodePlacement::depthUm(const core::ElectrodeSpec& spec) {
    return spec.effectiveDepthUm();
}

core::ElectrodeSpec ElectrodePlacement::withAnchor(core::ElectrodeSpec spec, std::int64_t vertex,
                                                   double depthUm) {
    spec.anchorVertex = vertex;
    spec.depthUm = depthUm;
    spec.anchorMm.reset();
    return spec;
}

core::ElectrodeSpec ElectrodePlacement::withAnchorPoint(core::ElectrodeSpec spec,
                                                        const Eigen::Vector3d& pointMm,
                                                        std::int64_t vertex, double depthUm) {
    spec.anchorMm = std::array<double, 3>{pointMm.x(), pointMm.y(), pointMm.z()};
    if (vertex >= 0) {
        spec.anchorVertex = vertex;
    } else {
        spec.anchorVertex.reset();
    }
    spec.depthUm = depthUm;
    return spec;
}

core::ElectrodeSpec ElectrodePlacement::fromMontage(const EegMontage& montage,
                                                    const std::string& name,
                                                    const std::string& sourceFile) {
    core::ElectrodeSpec spec;
    spec.name = name;
    spec.type = "eeg";
    spec.contacts = std::max(montage.channelCount(), 1);
    for (int i = 0; i < montage.channelCount(); ++i) {
        const Eigen::Vector3d& p = montage.position(i);
        spec.scalpContacts.push_back(
            {montage.names()[static_cast<std::size_t>(i)], p.x(), p.y(), p.z()});
    }
    spec.montageFile = sourceFile;
    return spec;
}

core::ElectrodeSpec ElectrodePlacement::fromLayout(const PlacementPlanner::Layout& layout,
                                                   const std::string& name) {
    core::ElectrodeSpec spec;
    spec.name = name;
    spec.type = "thread";
    spec.contacts = std::max(static_cast<int>(layout.sites.size()), 1);
    for (const auto& site : layout.sites) {
        spec.sites.push_back({site.vertex, site.depthMm * 1000.0});
    }
    return spec;
}

Eigen::Vector3d ElectrodePlacement::headSphereCentre(const SurfaceMesh& pial) {
    if (pial.isEmpty()) {
        return Eigen::Vector3d::Zero();
    }
    const auto b = pial.bounds();
    return {0.5 * (b[0] + b[1]), 0.5 * (b[2] + b[3]), 0.5 * (b[4] + b[5])};
}

double ElectrodePlacement::headSphereRadius(const SurfaceMesh& pial) {
    const Eigen::Vector3d centre = headSphereCentre(pial);
    double radius = 0.0;
    for (Eigen::Index i = 0; i < pial.vertexCount(); ++i) {
        radius =
            std::max(radius, (pial.vertices().row(i).cast<double>().transpose() - centre).norm());
    }
    return radius > 0.0 ? 1.15 * radius : 95.0;
}

std::optional<ElectrodeArray> ElectrodePlacement::build(const core::ElectrodeSpec& spec,
                                                        const SurfaceMesh& pial,
                                                        std::int64_t fallbackVertex,
                                                        std::string* error,
                                                        const SurfaceMesh* white) {
    return build(spec, pial, fallbackVertex, std::nullopt, error, white);
}

std::vector<ElectrodeArray>
ElectrodePlacement::buildAround(const std::vector<core::ElectrodeSpec>& specs,
                                const SurfaceMesh& pial, const SurfaceMesh* white,
                                const CortexPlacement* placement, std::int64_t fallbackVertex) {
    std::vector<ElectrodeArray> arrays;
    for (const core::ElectrodeSpec& spec : specs) {
        std::int64_t vertex = fallbackVertex;
        std::optional<SurfaceAnchor> entry;
        if (placement != nullptr) {
            entry = placement->centreEntry(spec.target);
            if (entry.has_value()) {
                vertex = entry->vertex();
            }
        }
        if (auto array = build(spec, pial, vertex, entry, nullptr, white)) {
            arrays.push_back(std::move(*array));
        }
    }
    return arrays;
}

std::optional<ElectrodeArray>
ElectrodePlacement::build(const core::ElectrodeSpec& spec, const SurfaceMesh& pial,
                          std::int64_t fallbackVertex,
                          const std::optional<SurfaceAnchor>& fallbackEntry, std::string* error,
                          const SurfaceMesh* white) {
    try {
        if (!spec.sites.empty()) {
            std::vector<ElectrodeLayout::ThreadInsertion> insertions;
            for (const core::ElectrodeSite& site : spec.sites) {
                insertions.push_back({SurfaceAnchor::atVertex(pial, site.vertex), site.depthUm});
            }
            ElectrodeLayout::ThreadOptions options;
            options.contactsPerThread = 1;
            options.spacingUm = std::max(spec.spacingUm, 1.0);
            ElectrodeLayout::InsertionBudget budget;
            budget.maxThreads = std::max<int>(1, static_cast<int>(insertions.size()));
            return ElectrodeLayout::threads(spec.name, insertions, options, budget);
        }
        if (spec.type == "eeg" && !spec.scalpContacts.empty()) {
            const Eigen::Vector3d centre = headSphereCentre(pial);
            const double radius = headSphereRadius(pial);
            ElectrodeArray array(spec.name, ElectrodeArray::Type::Eeg);
            for (const core::ScalpContact& contact : spec.scalpContacts) {
                const Eigen::Vector3d p(contact.xMm, contact.yMm, contact.zMm);
                const double norm = p.norm();
                const Eigen::Vector3d direction =
                    norm > 0.0 ? Eigen::Vector3d(p / norm) : Eigen::Vector3d::UnitZ();
                array.addContact({contact.label.empty() ? std::string("?") : contact.label,
                                  centre + radius * direction, -1});
            }
            return array;
        }
        const std::optional<std::int64_t> stored = anchorVertex(spec);
        std::int64_t vertex = stored.value_or(fallbackVertex);
        if (vertex < 0 || vertex >= pial.vertexCount()) {
            vertex = fallbackVertex;
        }
        const std::optional<Eigen::Vector3d> point = anchorPoint(spec);
        const bool useEntry = !point.has_value() && !stored.has_value() &&
                              fallbackEntry.has_value() && fallbackEntry->vertex() >= 0 &&
                              fallbackEntry->vertex() < pial.vertexCount();
        auto anchor = point.has_value() ? SurfaceAnchor::atPoint(pial, *point)
                      : useEntry        ? *fallbackEntry
                                        : SurfaceAnchor::atVertex(pial, vertex);
        // With a paired white surface, devices go into the cortex along the column (pial to
        // white vertex), the line the neurons of that vertex are placed on.
        if (white != nullptr && white->vertexCount() == pial.vertexCount() &&
            anchor.vertex() >= 0) {
            const Eigen::Vector3d column =
                (pial.vertices().row(anchor.vertex()) - white->vertices().row(anchor.vertex()))
                    .cast<double>()
                    .transpose();
            if (column.norm() > 1e-6) {
                anchor = SurfaceAnchor(anchor.point(), column, anchor.vertex());
            }
        }
        const double depth = depthUm(spec);
        const int contacts = std::max(spec.contacts, 1);
        if (spec.type == "laminar") {
            ElectrodeLayout::LaminarOptions options;
            options.contacts = contacts;
            options.spacingUm = spec.spacingUm;
            options.tipDepthUm = depth;
            return ElectrodeLayout::laminar(spec.name, anchor, options);
        }
        if (spec.type == "utah") {
            ElectrodeLayout::UtahOptions options;
            const int side = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(contacts))));
            options.rows = side;
            options.columns = side;
            options.pitchUm = spec.spacingUm;
            options.shankLengthUm = std::max(depth, 1.0);
            return ElectrodeLayout::utah(spec.name, anchor, options);
        }
        if (spec.type == "eeg") {
            return ElectrodeLayout::point(spec.name, anchor.point());
        }
        return ElectrodeLayout::point(spec.name, anchor, depth);
    } catch (const std::exception& e) {
        if (error != nullptr) {
            *error = e.what();
        }
        return std::nullopt;
    }
}

std::vector<ElectrodeArray>
ElectrodePlacement::buildAll(const std::vector<core::ElectrodeSpec>& specs, const SurfaceMesh& pial,
                             std::int64_t fallbackVertex) {
    std::vector<ElectrodeArray> arrays;
    for (const auto& spec : specs) {
        if (auto array = build(spec, pial, fallbackVertex)) {
            arrays.push_back(std::move(*array));
        }
    }
    return arrays;
}

} // namespace plexus::geometry
