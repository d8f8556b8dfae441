#include "plexus/core/project/ProjectMigration.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/connectivity/SpatialSpec.h"
#include "plexus/core/project/ElectrodeSpec.h"
#include "plexus/core/project/ProjectSpec.h"

#include <cmath>
#include <set>

namespace plexus::core {

const std::vector<ProjectMigration::Step>& ProjectMigration::steps() {
    static const std::vector<Step> all = {
        {1, "spatial layouts with units", &ProjectMigration::spatialUnits},
        {2, "typed electrodes and layout", &ProjectMigration::typedElectrodes},
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

namespace {

bool finiteNumber(const nlohmann::json& v) {
    return v.is_number() && std::isfinite(v.get<double>());
}

bool nonNegative(const nlohmann::json& v) {
    return finiteNumber(v) && v.get<double>() >= 0.0;
}

/// Keeps member @p key of @p object only when @p valid accepts it.
template <typename Valid>
void keepIf(nlohmann::json& object, const char* key, Valid valid) {
    if (object.contains(key) && !valid(object[key]))
        object.erase(key);
}

} // namespace

void ProjectMigration::typedElectrodes(nlohmann::json& doc) {
    std::set<std::string> populations;
    if (doc.contains("populations") && doc["populations"].is_array())
        for (const auto& population : doc["populations"])
            if (population.is_object() && population.contains("name") &&
                population["name"].is_string())
                populations.insert(population["name"].get<std::string>());

    if (doc.contains("electrodes")) {
        if (!doc["electrodes"].is_array())
            throw Error("electrodes: expected a list, got " + doc["electrodes"].dump());
        nlohmann::json kept = nlohmann::json::array();
        for (nlohmann::json e : doc["electrodes"]) {
            // Version 2 skipped entries without a name and ignored members of the wrong type.
            if (!e.is_object() || !e.contains("name") || !e["name"].is_string() ||
                e["name"].get<std::string>().empty())
                continue;
            if (!e.contains("type") || !e["type"].is_string())
                e["type"] = "point";
            if (!e.contains("contacts") || !e["contacts"].is_number_integer() ||
                e["contacts"].get<std::int64_t>() < 1)
                e["contacts"] = 1;
            if (!e.contains("spacing_um") || !finiteNumber(e["spacing_um"]) ||
                e["spacing_um"].get<double>() <= 0.0)
                e["spacing_um"] = 100.0;
            if (e.contains("target") && (!e["target"].is_string() ||
                                         populations.count(e["target"].get<std::string>()) == 0))
                e.erase("target"); // recorded nothing: not connected
            keepIf(e, "depth_um", nonNegative);
            keepIf(e, "anchor_vertex", [](const nlohmann::json& v) {
                return v.is_number_integer() && v.get<std::int64_t>() >= 0;
            });
            keepIf(e, "anchor_mm", [](const nlohmann::json& v) {
                return v.is_array() && v.size() == 3 && finiteNumber(v[0]) && finiteNumber(v[1]) &&
                       finiteNumber(v[2]);
            });
            keepIf(e, "montage_file", [](const nlohmann::json& v) { return v.is_string(); });
            keepIf(e, "sites", [](const nlohmann::json& v) { return v.is_array(); });
            if (e.contains("sites"))
                for (auto& site : e["sites"]) {
                    if (!site.is_object() || !site.contains("vertex") ||
                        !site["vertex"].is_number_integer() ||
                        site["vertex"].get<std::int64_t>() < 0)
                        throw Error("electrodes: electrode \"" + e["name"].get<std::string>() +
                                    "\": a site has no vertex");
                    if (!site.contains("depth_um") || !nonNegative(site["depth_um"]))
                        site["depth_um"] = 1000.0;
                }
            keepIf(e, "contacts_mm", [](const nlohmann::json& v) { return v.is_array(); });
            if (e.contains("contacts_mm"))
                for (auto& contact : e["contacts_mm"]) {
                    if (!contact.is_object())
                        contact = nlohmann::json::object();
                    if (!contact.contains("label") || !contact["label"].is_string())
                        contact["label"] = "?";
                    for (const char* key : {"x_mm", "y_mm", "z_mm"})
                        if (!contact.contains(key) || !finiteNumber(contact[key]))
                            contact[key] = 0.0;
                }
            kept.push_back(std::move(e));
        }
        if (kept.empty())
            doc.erase("electrodes");
        else
            doc["electrodes"] = std::move(kept);
    }

    if (doc.contains("layout")) {
        // Version 2 placed nodes at entries {"x": number, "y": number}, ignored node entries
        // with other values, and kept other members as they were.
        if (!doc["layout"].is_object()) {
            doc.erase("layout");
            return;
        }
        nlohmann::json kept = nlohmann::json::object();
        for (const auto& [name, entry] : doc["layout"].items()) {
            if (!entry.is_object() || (!entry.contains("x") && !entry.contains("y")))
                kept[name] = entry;
            else if (entry.contains("x") && entry.contains("y") && finiteNumber(entry["x"]) &&
                     finiteNumber(entry["y"]))
                kept[name] = {{"x", entry["x"]}, {"y", entry["y"]}};
        }
        if (kept.empty())
            doc.erase("layout");
        else
            doc["layout"] = std::move(kept);
    }
}

} // namespace plexus::core
