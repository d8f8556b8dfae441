#include "plexus/widgets/ElectrodeSpec.h"

#include "plexus/widgets/ProjectLayout.h"

#include <plexus/core/ProjectSpec.h>

namespace plexus::widgets {

namespace {
constexpr const char* kElectrodesKey = "electrodes";
} // namespace

QStringList ElectrodeSpec::types() {
    return {QStringLiteral("point"), QStringLiteral("laminar"), QStringLiteral("utah"),
            QStringLiteral("eeg")};
}

QString ElectrodeSpec::typeLabel(const QString& type) {
    if (type == QLatin1String("point")) {
        return QStringLiteral("Point electrode");
    }
    if (type == QLatin1String("laminar")) {
        return QStringLiteral("Laminar probe");
    }
    if (type == QLatin1String("utah")) {
        return QStringLiteral("Utah array");
    }
    if (type == QLatin1String("eeg")) {
        return QStringLiteral("EEG montage");
    }
    return type;
}

int ElectrodeSpec::defaultContacts(const QString& type) {
    if (type == QLatin1String("laminar")) {
        return 16;
    }
    if (type == QLatin1String("utah")) {
        return 96;
    }
    if (type == QLatin1String("eeg")) {
        return 32;
    }
    return 1;
}

nlohmann::json ElectrodeSpec::toJson() const {
    nlohmann::json out = extra.is_object() ? extra : nlohmann::json::object();
    out["name"] = name;
    out["type"] = type;
    if (!target.empty()) {
        out["target"] = target;
    } else {
        out.erase("target");
    }
    out["contacts"] = contacts;
    out["spacing_um"] = spacingUm;
    return out;
}

bool ElectrodeSpec::fromJson(const nlohmann::json& value, ElectrodeSpec& out) {
    if (!value.is_object() || !value.contains("name") || !value["name"].is_string() ||
        value["name"].get<std::string>().empty()) {
        return false;
    }
    ElectrodeSpec spec;
    nlohmann::json extra = nlohmann::json::object();
    for (const auto& [key, member] : value.items()) {
        if (key == "name") {
            spec.name = member.get<std::string>();
        } else if (key == "type" && member.is_string()) {
            spec.type = member.get<std::string>();
        } else if (key == "target" && member.is_string()) {
            spec.target = member.get<std::string>();
        } else if (key == "contacts" && member.is_number_integer() && member.get<int>() >= 1) {
            spec.contacts = member.get<int>();
        } else if (key == "spacing_um" && member.is_number() && member.get<double>() > 0.0) {
            spec.spacingUm = member.get<double>();
        } else {
            extra[key] = member;
        }
    }
    spec.extra = extra.empty() ? nlohmann::json(nullptr) : extra;
    out = std::move(spec);
    return true;
}

std::vector<ElectrodeSpec> ElectrodeSpec::readAll(const core::ProjectSpec& project) {
    std::vector<ElectrodeSpec> out;
    if (!project.extra.is_object() || !project.extra.contains(kElectrodesKey) ||
        !project.extra[kElectrodesKey].is_array()) {
        return out;
    }
    for (const auto& value : project.extra[kElectrodesKey]) {
        ElectrodeSpec spec;
        if (fromJson(value, spec)) {
            out.push_back(std::move(spec));
        }
    }
    return out;
}

void ElectrodeSpec::writeAll(core::ProjectSpec& project,
                             const std::vector<ElectrodeSpec>& electrodes) {
    if (electrodes.empty()) {
        ProjectLayout::eraseExtra(project.extra, kElectrodesKey);
        return;
    }
    nlohmann::json list = nlohmann::json::array();
    for (const ElectrodeSpec& electrode : electrodes) {
        list.push_back(electrode.toJson());
    }
    if (!project.extra.is_object()) {
        project.extra = nlohmann::json::object();
    }
    project.extra[kElectrodesKey] = std::move(list);
}

} // namespace plexus::widgets
