#include "plexus/widgets/figures/FigureProvenance.h"

#include "plexus/widgets/figures/FigureStyle.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSaveFile>
#include <map>
#include <plexus/core/plugin/ModelRegistry.h>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/core/project/ProjectSpec.h>
#include <plexus/core/record/RunRecord.h>
#include <set>
#include <string>

namespace plexus::widgets {

namespace {
std::string utf8(const QString& text) {
    return text.toStdString();
}
} // namespace

QString FigureProvenance::projectHash(const core::ProjectSpec& project) {
    // The same hash as a run archive's /meta project_hash (nlohmann::json objects are sorted
    // maps, so dump() is canonical).
    return QString::fromStdString(
        core::RunRecord::hashProject(core::ProjectIo::toJson(project).dump()));
}

nlohmann::json FigureProvenance::describe(const core::ProjectSpec& project,
                                          const core::ModelRegistry* registry,
                                          const QString& projectFile, const Run& run,
                                          const QString& figureFile, const QStringList& views,
                                          const FigureStyle& style, const QString& plexusVersion) {
    std::map<std::string, std::set<std::string>> usedBy;
    for (const auto& population : project.populations) {
        usedBy[population.model].insert(population.name);
    }
    for (const auto& stimulus : project.stimuli) {
        usedBy[stimulus.model].insert(stimulus.name);
    }
    for (const auto& projection : project.projections) {
        usedBy[projection.synapse].insert(projection.name);
    }
    nlohmann::json models = nlohmann::json::array();
    for (const auto& [model, users] : usedBy) {
        nlohmann::json entry = {{"name", model}, {"used_by", users}};
        if (registry != nullptr) {
            if (const core::ModelInfo* info = registry->info(model)) {
                entry["version"] = info->version;
            }
        }
        models.push_back(std::move(entry));
    }
    nlohmann::json viewList = nlohmann::json::array();
    for (const QString& view : views) {
        viewList.push_back(utf8(view));
    }
    QString format = QFileInfo(figureFile).suffix().toLower();
    return {{"plexus_version", utf8(plexusVersion)},
            {"created_utc", utf8(QDateTime::currentDateTimeUtc().toString(Qt::ISODate))},
            {"project",
             {{"name", project.name},
              {"file",
               utf8(projectFile.isEmpty() ? QString() : QFileInfo(projectFile).absoluteFilePath())},
              {"hash", utf8(projectHash(project))},
              {"format_version", project.formatVersion}}},
            {"simulation", {{"seed", project.simulation.seed}, {"dt_ms", project.simulation.dtMs}}},
            {"models", models},
            {"run",
             {{"state", utf8(run.state)},
              {"simulated_ms", run.simulatedMs},
              {"spikes", run.spikes},
              {"source", utf8(run.source)}}},
            {"figure",
             {{"file", utf8(QFileInfo(figureFile).fileName())},
              {"format", utf8(format)},
              {"views", viewList},
              {"width_mm", style.widthMm},
              {"height_mm", style.heightMm},
              {"dpi", style.dpi},
              {"font_pt", style.fontPt}}}};
}

QString FigureProvenance::sidecarPath(const QString& figureFile) {
    return figureFile + QStringLiteral(".json");
}

bool FigureProvenance::write(const QString& figureFile, const nlohmann::json& provenance,
                             QString* error) {
    const QString path = sidecarPath(figureFile);
    QSaveFile file(path);
    const QByteArray text = QByteArray::fromStdString(provenance.dump(2) + "\n");
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        if (error != nullptr) {
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        }
        return false;
    }
    return true;
}

} // namespace plexus::widgets
