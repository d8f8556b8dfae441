#include "plexus/widgets/ElectrodePlacement.h"

#include "plexus/core/Error.h"
#include "plexus/geometry/ElectrodeLayout.h"
#include "plexus/geometry/SurfaceAnchor.h"

#include <algorithm>
#include <cmath>
#include <exception>

namespace plexus::widgets {

std::optional<std::int64_t> ElectrodePlacement::anchorVertex(const ElectrodeSpec& spec) {
    if (spec.extra.is_object() && spec.extra.contains(anchorKey) &&
        spec.extra[anchorKey].is_number_integer()) {
        return spec.extra[anchorKey].get<std::int64_t>();
    }
    return std::nullopt;
}

double ElectrodePlacement::depthUm(const ElectrodeSpec& spec) {
    if (spec.extra.is_object() && spec.extra.contains(depthKey) &&
        spec.extra[depthKey].is_number()) {
        const double depth = spec.extra[depthKey].get<double>();
        if (std::isfinite(depth) && depth >= 0.0) {
            return depth;
        }
    }
    if (spec.type == "laminar") {
        return (std::max(spec.contacts, 1) - 1) * spec.spacingUm + 100.0;
    }
    if (spec.type == "utah") {
        return 1000.0;
    }
    if (spec.type == "eeg") {
        return 0.0;
    }
    return 500.0;
}

ElectrodeSpec ElectrodePlacement::withAnchor(ElectrodeSpec spec, std::int64_t vertex,
                                             double depthUm) {
    if (!spec.extra.is_object()) {
        spec.extra = nlohmann::json::object();
    }
    spec.extra[anchorKey] = vertex;
    spec.extra[depthKey] = depthUm;
    return spec;
}

std::optional<geometry::ElectrodeArray> ElectrodePlacement::build(const ElectrodeSpec& spec,
                                                                  const geometry::SurfaceMesh& pial,
                                                                  std::int64_t fallbackVertex,
                                                                  std::string* error) {
    try {
        std::int64_t vertex = anchorVertex(spec).value_or(fallbackVertex);
        if (vertex < 0 || vertex >= pial.vertexCount()) {
            vertex = fallbackVertex;
        }
        const auto anchor = geometry::SurfaceAnchor::atVertex(pial, vertex);
        const double depth = depthUm(spec);
        const int contacts = std::max(spec.contacts, 1);
        if (spec.type == "laminar") {
            geometry::ElectrodeLayout::LaminarOptions options;
            options.contacts = contacts;
            options.spacingUm = spec.spacingUm;
            options.tipDepthUm = depth;
            return geometry::ElectrodeLayout::laminar(spec.name, anchor, options);
        }
        if (spec.type == "utah") {
            geometry::ElectrodeLayout::UtahOptions options;
            const int side = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(contacts))));
            options.rows = side;
            options.columns = side;
            options.pitchUm = spec.spacingUm;
            options.shankLengthUm = std::max(depth, 1.0);
            return geometry::ElectrodeLayout::utah(spec.name, anchor, options);
        }
        if (spec.type == "eeg") {
            return geometry::ElectrodeLayout::point(spec.name, anchor.point());
        }
        return geometry::ElectrodeLayout::point(spec.name, anchor, depth);
    } catch (const std::exception& e) {
        if (error != nullptr) {
            *error = e.what();
        }
        return std::nullopt;
    }
}

std::vector<geometry::ElectrodeArray>
ElectrodePlacement::buildAll(const std::vector<ElectrodeSpec>& specs,
                             const geometry::SurfaceMesh& pial, std::int64_t fallbackVertex) {
    std::vector<geometry::ElectrodeArray> arrays;
    for (const auto& spec : specs) {
        if (auto array = build(spec, pial, fallbackVertex)) {
            arrays.push_back(std::move(*array));
        }
    }
    return arrays;
}

} // namespace plexus::widgets
