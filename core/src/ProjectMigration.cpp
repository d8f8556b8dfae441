#include "plexus/core/ProjectMigration.h"

#include "plexus/core/Error.h"
#include "plexus/core/ProjectSpec.h"
#include "plexus/core/SpatialSpec.h"

namespace plexus::core {

const std::vector<ProjectMigration::Step>& ProjectMigration::steps() {
    static const std::vector<Step> all = {
        {1, "spatial layouts with units", &ProjectMigration::spatialUnits},
    };
    return all;
}

void ProjectMigration::upgrade(nlohmann::json& doc, const std::string& origin) {
    int version = doc.at("formatVersion").get<int>();
    for (const Step& step : steps()) {
        if (step.from != version)
            continue;
        const std::string name = "formatVersion " + std::to_string(step.from) + " -> " +
                                 std::to_string(step.from + 1) + " (" + step.description + ")";
        try {
            step.apply(doc);
        } catch (const Error& e) {
            throw Error(origin + ": " + name + ": " + e.what());
        } catch (const nlohmann::json::exception& e) {
            throw Error(origin + ": " + name + ": " + e.what());
        }
        ++version;
        doc["formatVersion"] = version;
    }
    if (version != ProjectSpec::currentFormatVersion)
        throw Error(origin + ": formatVersion: no migration from version " +
                    std::to_string(version) + " to " +
                    std::to_string(ProjectSpec::currentFormatVersion));
}

void ProjectMigration::spatialUnits(nlohmann::json& doc) {
    if (!doc.contains("populations") || !doc["populations"].is_array())
        return; // reading the document reports it
    std::size_t i = 0;
    for (auto& population : doc["populations"]) {
        const std::string path = "populations[" + std::to_string(i++) + "].spatial";
        if (!population.is_object() || !population.contains("spatial"))
            continue;
        nlohmann::json& spatial = population["spatial"];
        if (!spatial.is_object() || !spatial.contains("shape") || !spatial["shape"].is_string())
            throw Error(path + ": expected {\"shape\": \"grid\"} or another shape, got " +
                        spatial.dump());
        const std::string shape = spatial["shape"].get<std::string>();
        if (!SpatialSpec::isKnownShape(shape))
            throw Error(path + ".shape: unknown shape \"" + shape +
                        "\" (mixed, grid, random, ring, sheet)");
        if (shape == "mixed" && spatial.size() == 1) {
            population.erase("spatial");
            continue;
        }
        const SpatialSpec defaults = SpatialSpec::withShape(shape);
        if (shape == "ring") {
            if (!spatial.contains("radius_um"))
                spatial["radius_um"] = defaults.radiusUm;
        } else if (shape != "mixed" && !spatial.contains("extent_um")) {
            spatial["extent_um"] = defaults.extentUm;
        }
    }
}

} // namespace plexus::core
