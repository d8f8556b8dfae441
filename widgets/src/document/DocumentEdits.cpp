#include "plexus/widgets/document/DocumentEdits.h"

#include "plexus/widgets/document/Document.h"
#include "plexus/widgets/document/ProjectLayout.h"
#include "plexus/widgets/editor/AutoLayout.h"

#include <QSet>
#include <algorithm>
#include <cmath>
#include <plexus/core/plugin/ModelRegistry.h>
#include <plexus/core/project/ProjectEdits.h>
#include <string>
#include <vector>

namespace plexus::widgets {

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

/// The core's name changes as the view's renames.
std::vector<ElementRename> toRenames(const std::vector<core::ProjectEdits::NameChange>& changes) {
    std::vector<ElementRename> out;
    for (const auto& change : changes) {
        out.push_back({change.projection, qs(change.from), qs(change.to)});
    }
    return out;
}

/// Renames node @p name to @p newName in @p project with every reference to it; false with
/// @p error when refused.
bool renameNode(core::ProjectSpec& project, const QString& name, const QString& newName,
                std::vector<ElementRename>& renames, QString* error) {
    std::vector<core::ProjectEdits::NameChange> changes;
    const std::string problem = core::ProjectEdits::renameNode(project, name.toStdString(),
                                                               newName.toStdString(), &changes);
    if (!problem.empty()) {
        if (error != nullptr) {
            *error = qs(problem);
        }
        return false;
    }
    renames = toRenames(changes);
    return true;
}

std::vector<std::string> toNames(const QStringList& names) {
    std::vector<std::string> out;
    for (const QString& name : names) {
        out.push_back(name.toStdString());
    }
    return out;
}

/// "a -> b" label for undo texts.
QString arrow(const QString& source, const QString& target) {
    return QStringLiteral("%1 \u2192 %2").arg(source, target);
}

} // namespace

DocumentEdits::DocumentEdits(Document& document)
    : m_document(document)
    , m_checks(document.registry()) {}

QString DocumentEdits::createNode(const QString& entry, QPointF position, QString* error) {
    auto refuse = [&](const QString& message) {
        if (error != nullptr) {
            *error = message;
        }
        return QString();
    };
    const int colon = entry.indexOf(QLatin1Char(':'));
    const QString prefix = entry.left(colon);
    const QString value = entry.mid(colon + 1);
    if (colon <= 0 || value.isEmpty()) {
        return refuse(tr("Unknown palette entry \"%1\".").arg(entry));
    }
    core::ProjectSpec after = m_document.project();
    QString name;
    QString text;
    if (prefix == QLatin1String("model")) {
        const core::ModelInfo* info =
            m_document.registry() ? m_document.registry()->info(value.toStdString()) : nullptr;
        if (info == nullptr) {
            return refuse(tr("Model \"%1\" is not available.").arg(value));
        }
        switch (info->kind) {
        case core::ModelKind::Neuron: {
            name = m_document.numberedName(QStringLiteral("P"));
            core::PopulationSpec spec;
            spec.name = name.toStdString();
            spec.model = info->name;
            spec.size = 100;
            after.populations.push_back(spec);
            text = tr("Add population %1").arg(name);
            break;
        }
        case core::ModelKind::SpikeSource:
        case core::ModelKind::CurrentSource: {
            const bool spikes = info->kind == core::ModelKind::SpikeSource;
            const QString base = spikes ? QStringLiteral("Input") : QStringLiteral("Current");
            name = m_document.numberedName(base);
            core::StimulusSpec spec;
            spec.name = name.toStdString();
            spec.model = info->name;
            spec.size = spikes ? (info->name == "spike_times" ? 1 : 100) : 0;
            after.stimuli.push_back(spec);
            text = tr("Add stimulus %1").arg(name);
            break;
        }
        case core::ModelKind::Synapse:
            return refuse(tr("\"%1\" is a synapse model: drop it on a projection to use it.")
                              .arg(qs(info->label)));
        }
    } else if (prefix == QLatin1String("recorder")) {
        if (value != QLatin1String("spikes") && value != QLatin1String("rate") &&
            value != QLatin1String("state")) {
            return refuse(tr("Unknown recorder type \"%1\".").arg(value));
        }
        name = m_document.numberedName(value);
        core::RecorderSpec spec;
        spec.name = name.toStdString();
        spec.type = value.toStdString();
        after.recorders.push_back(spec);
        text = tr("Add recorder %1").arg(name);
    } else if (prefix == QLatin1String("electrode")) {
        const auto& offered = ElectrodeSpec::editorKinds();
        if (std::find(offered.begin(), offered.end(), value.toStdString()) == offered.end()) {
            return refuse(tr("Unknown electrode type \"%1\".").arg(value));
        }
        name = m_document.numberedName(QStringLiteral("Electrode"));
        ElectrodeSpec spec;
        spec.name = name.toStdString();
        spec.type = value.toStdString();
        spec.contacts = ElectrodeSpec::defaultContacts(value.toStdString());
        after.electrodes.push_back(spec);
        text = tr("Add electrode %1").arg(name);
    } else {
        return refuse(tr("Unknown palette entry \"%1\".").arg(entry));
    }
    ProjectLayout::setPosition(after, name, position);
    m_document.applyEdit(after, text);
    return name;
}

bool DocumentEdits::connectNodes(const QString& source, const QString& target, QString* error) {
    QString why;
    if (!m_document.canConnect(source, target, &why)) {
        if (error != nullptr) {
            *error = why;
        }
        return false;
    }
    m_lastProjection.clear();
    core::ProjectSpec after = m_document.project();
    const NodeKind targetKind = *m_document.nodeKind(target);
    const std::string sourceName = source.toStdString();
    const std::string targetName = target.toStdString();
    QString text = tr("Connect %1").arg(arrow(source, target));
    if (targetKind == NodeKind::Population && m_document.isCurrentSource(source)) {
        for (auto& stimulus : after.stimuli) {
            if (stimulus.name == sourceName) {
                stimulus.target = targetName;
                stimulus.neurons.clear();
            }
        }
    } else if (targetKind == NodeKind::Population) {
        core::ProjectionSpec projection;
        projection.name =
            m_document.uniqueProjectionName(source + QStringLiteral("->") + target).toStdString();
        projection.source = sourceName;
        projection.target = targetName;
        projection.connectivity.rule = "fixed_probability";
        projection.connectivity.params = {{"p", 0.1}};
        const core::PopulationSpec* spec = m_document.population(target);
        if (const core::ModelInfo* info =
                m_document.registry() ? m_document.registry()->info(spec->model) : nullptr) {
            if (!info->receptorIndex("exc") && !info->receptors.empty()) {
                projection.receptor = info->receptors.front().key;
            }
        }
        after.projections.push_back(projection);
        m_lastProjection = qs(projection.name);
    } else if (targetKind == NodeKind::Recorder) {
        for (auto& recorder : after.recorders) {
            if (recorder.name != targetName) {
                continue;
            }
            recorder.target = sourceName;
            if (recorder.type == "state") {
                const core::PopulationSpec* spec = m_document.population(source);
                const core::ModelInfo* info = m_document.registry() && spec
                                                  ? m_document.registry()->info(spec->model)
                                                  : nullptr;
                recorder.variables.erase(
                    std::remove_if(recorder.variables.begin(), recorder.variables.end(),
                                   [&](const std::string& v) {
                                       return info != nullptr && !info->stateIndex(v);
                                   }),
                    recorder.variables.end());
                if (recorder.variables.empty() && info != nullptr &&
                    !info->stateVariables.empty()) {
                    recorder.variables.push_back(info->stateVariables.front().key);
                }
                const std::int64_t size = spec ? spec->size : 0;
                std::erase_if(recorder.neurons, [&](std::int64_t n) { return n >= size; });
                if (recorder.neurons.empty() && size > 0) {
                    recorder.neurons.push_back(0);
                }
            }
        }
    } else if (targetKind == NodeKind::Electrode) {
        for (auto& electrode : after.electrodes) {
            if (electrode.name == targetName) {
                electrode.target = sourceName;
            }
        }
    }
    if (!m_document.applyEdit(after, text)) {
        if (error != nullptr) {
            *error = tr("\"%1\" is already connected to \"%2\".").arg(source, target);
        }
        return false;
    }
    return true;
}

bool DocumentEdits::removeElements(const QStringList& nodes, const QStringList& projections,
                                   core::ProjectEdits::Removal* removed) {
    QSet<QString> nodeSet;
    for (const QString& name : nodes) {
        if (m_document.nodeKind(name)) {
            nodeSet.insert(name);
        }
    }
    QSet<QString> projectionSet;
    for (const QString& name : projections) {
        if (m_document.projection(name) != nullptr) {
            projectionSet.insert(name);
        }
    }
    if (nodeSet.isEmpty() && projectionSet.isEmpty()) {
        return false;
    }
    core::ProjectSpec after = m_document.project();
    const core::ProjectEdits::Removal removal = core::ProjectEdits::remove(
        after, toNames(QStringList(nodeSet.begin(), nodeSet.end())),
        toNames(QStringList(projectionSet.begin(), projectionSet.end())));
    QString text;
    if (nodeSet.size() == 1 && projectionSet.isEmpty()) {
        text = tr("Delete %1").arg(*nodeSet.begin());
    } else if (nodeSet.isEmpty() && projectionSet.size() == 1) {
        text = tr("Delete projection %1").arg(*projectionSet.begin());
    } else {
        text = tr("Delete %1 elements").arg(nodeSet.size() + projectionSet.size());
    }
    if (!m_document.applyEdit(after, text)) {
        return false;
    }
    if (removed != nullptr) {
        *removed = removal;
    }
    return true;
}

QString DocumentEdits::removalSummary(const core::ProjectEdits::Removal& removed) {
    const int nodes = static_cast<int>(removed.nodes.size());
    const int projections = static_cast<int>(removed.projections.size());
    QString line;
    if (nodes > 0 && projections > 0) {
        line = tr("Deleted %n node(s)", nullptr, nodes) +
               tr(" and %n projection(s)", nullptr, projections);
    } else if (nodes > 0) {
        line = tr("Deleted %n node(s)", nullptr, nodes);
    } else {
        line = tr("Deleted %n projection(s)", nullptr, projections);
    }
    if (!removed.disconnected.empty()) {
        QStringList names;
        for (const std::string& name : removed.disconnected) {
            names << qs(name);
        }
        line += tr("; disconnected: %1").arg(names.join(QStringLiteral(", ")));
    }
    return line + QLatin1Char('.');
}

bool DocumentEdits::moveNodes(const QHash<QString, QPointF>& positions, int mergeKey) {
    core::ProjectSpec after = m_document.project();
    int moved = 0;
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        if (!m_document.nodeKind(it.key())) {
            continue;
        }
        ProjectLayout::setPosition(after, it.key(), it.value());
        ++moved;
    }
    if (moved == 0) {
        return false;
    }
    const QString text =
        moved == 1 ? tr("Move %1").arg(positions.cbegin().key()) : tr("Move %1 nodes").arg(moved);
    return m_document.applyEdit(after, text, mergeKey != 0 ? Document::moveCommandId : -1,
                                mergeKey);
}

QString DocumentEdits::checkNodeName(const QString& name, const QString& current) const {
    return qs(core::ProjectEdits::nodeNameProblem(m_document.project(), name.toStdString(),
                                                  current.toStdString()));
}

bool DocumentEdits::commitNodeEdit(const QString& name, const core::ProjectSpec& after,
                                   const QString& newName,
                                   const std::vector<ElementRename>& renames, const QString& text,
                                   QString* error) {
    QString message;
    // Check the edited node and everything that refers to it.
    const std::string key = newName.toStdString();
    for (const auto& population : after.populations) {
        if (population.name == key) {
            message = m_checks.checkPopulation(population);
        }
    }
    for (const auto& stimulus : after.stimuli) {
        if (message.isEmpty() && (stimulus.name == key || stimulus.target == key)) {
            message = m_checks.checkStimulus(stimulus, after);
        }
    }
    for (const auto& recorder : after.recorders) {
        if (message.isEmpty() && (recorder.name == key || recorder.target == key)) {
            message = m_checks.checkRecorder(recorder, after);
        }
    }
    if (message.isEmpty() && m_document.nodeKind(name) == NodeKind::Population) {
        // A changed model must still offer the receptors its projections use.
        for (const auto& projection : after.projections) {
            if (projection.target == key) {
                message = m_checks.checkProjection(projection, after);
                if (!message.isEmpty()) {
                    message = tr("projection %1: %2").arg(qs(projection.name), message);
                    break;
                }
            }
        }
    }
    if (!message.isEmpty()) {
        if (error != nullptr) {
            *error = message;
        }
        return false;
    }
    QString label = text;
    if (label.isEmpty()) {
        label =
            newName != name ? tr("Rename %1 to %2").arg(name, newName) : tr("Edit %1").arg(name);
    }
    if (!m_document.applyEdit(after, label, -1, 0, renames)) {
        if (error != nullptr) {
            error->clear();
        }
        return false;
    }
    return true;
}

template <class Spec>
bool DocumentEdits::replaceNode(
    const QString& name, const Spec& spec, std::vector<Spec> core::ProjectSpec::*nodes,
    const QString& text, QString* error, const std::function<QString()>& check,
    const std::function<QString(const core::ProjectSpec&)>& checkAfter) {
    auto refuse = [&](const QString& message) {
        if (error != nullptr) {
            *error = message;
        }
        return false;
    };
    const QString newName = qs(spec.name);
    if (QString message = checkNodeName(newName, name); !message.isEmpty()) {
        return refuse(message);
    }
    if (check) {
        if (QString message = check(); !message.isEmpty()) {
            return refuse(message);
        }
    }
    core::ProjectSpec after = m_document.project();
    std::vector<ElementRename> renames;
    if (!renameNode(after, name, newName, renames, error)) {
        return false;
    }
    for (Spec& node : after.*nodes) {
        if (node.name == spec.name) {
            node = spec;
        }
    }
    if (checkAfter) {
        if (QString message = checkAfter(after); !message.isEmpty()) {
            return refuse(message);
        }
    }
    return commitNodeEdit(name, after, newName, renames, text, error);
}

bool DocumentEdits::updatePopulation(const QString& name, const core::PopulationSpec& spec,
                                     const QString& text, QString* error) {
    if (m_document.population(name) == nullptr) {
        if (error != nullptr) {
            *error = tr("No population named \"%1\".").arg(name);
        }
        return false;
    }
    return replaceNode(name, spec, &core::ProjectSpec::populations, text, error);
}

bool DocumentEdits::updateStimulus(const QString& name, const core::StimulusSpec& spec,
                                   const QString& text, QString* error) {
    if (m_document.stimulus(name) == nullptr) {
        if (error != nullptr) {
            *error = tr("No stimulus named \"%1\".").arg(name);
        }
        return false;
    }
    // A stimulus that stops emitting spikes loses its projections' validity.
    auto drivesNoProjection = [&](const core::ProjectSpec& after) {
        const core::ModelInfo* info =
            m_document.registry() ? m_document.registry()->info(spec.model) : nullptr;
        if (info == nullptr || info->kind != core::ModelKind::CurrentSource) {
            return QString();
        }
        for (const auto& projection : after.projections) {
            if (projection.source == spec.name) {
                return tr("model: a current source cannot drive projection %1; delete it first")
                    .arg(qs(projection.name));
            }
        }
        return QString();
    };
    return replaceNode(name, spec, &core::ProjectSpec::stimuli, text, error, {},
                       drivesNoProjection);
}

bool DocumentEdits::updateRecorder(const QString& name, const core::RecorderSpec& spec,
                                   const QString& text, QString* error) {
    if (m_document.recorder(name) == nullptr) {
        if (error != nullptr) {
            *error = tr("No recorder named \"%1\".").arg(name);
        }
        return false;
    }
    auto targetExists = [&] {
        return !spec.target.empty() && !m_document.nodeKind(qs(spec.target))
                   ? tr("target: no node named \"%1\"").arg(qs(spec.target))
                   : QString();
    };
    return replaceNode(name, spec, &core::ProjectSpec::recorders, text, error, targetExists);
}

bool DocumentEdits::updateElectrode(const QString& name, const ElectrodeSpec& spec,
                                    const QString& text, QString* error) {
    if (!m_document.electrode(name)) {
        if (error != nullptr) {
            *error = tr("No electrode named \"%1\".").arg(name);
        }
        return false;
    }
    auto valid = [&] {
        if (spec.contacts < 1) {
            return tr("contacts: must be at least 1");
        }
        if (!(spec.spacingUm > 0.0 && std::isfinite(spec.spacingUm))) {
            return tr("spacing_um: must be > 0");
        }
        if (!spec.target.empty() && m_document.population(qs(spec.target)) == nullptr) {
            return tr("target: no population named \"%1\"").arg(qs(spec.target));
        }
        return QString();
    };
    return replaceNode(name, spec, &core::ProjectSpec::electrodes, text, error, valid);
}

bool DocumentEdits::updateProjection(const QString& name, const core::ProjectionSpec& spec,
                                     const QString& text, QString* error) {
    auto refuse = [&](const QString& message) {
        if (error != nullptr) {
            *error = message;
        }
        return false;
    };
    if (m_document.projection(name) == nullptr) {
        return refuse(tr("No projection named \"%1\".").arg(name));
    }
    const QString newName = qs(spec.name);
    if (const std::string problem = core::ProjectEdits::projectionNameProblem(
            m_document.project(), spec.name, name.toStdString());
        !problem.empty()) {
        return refuse(qs(problem));
    }
    core::ProjectSpec after = m_document.project();
    for (auto& projection : after.projections) {
        if (projection.name == name.toStdString()) {
            projection = spec;
        }
    }
    if (QString message = m_checks.checkProjection(spec, after); !message.isEmpty()) {
        return refuse(message);
    }
    std::vector<ElementRename> renames;
    if (newName != name) {
        renames.push_back({true, name, newName});
    }
    QString label = text;
    if (label.isEmpty()) {
        label =
            newName != name ? tr("Rename %1 to %2").arg(name, newName) : tr("Edit %1").arg(name);
    }
    if (!m_document.applyEdit(after, label, -1, 0, renames)) {
        if (error != nullptr) {
            error->clear();
        }
        return false;
    }
    return true;
}

bool DocumentEdits::updateProjectInfo(const QString& name, const QString& description,
                                      const core::SimulationSpec& simulation, const QString& text,
                                      QString* error) {
    auto refuse = [&](const QString& message) {
        if (error != nullptr) {
            *error = message;
        }
        return false;
    };
    if (!(simulation.dtMs > 0.0 && simulation.dtMs <= 10.0)) {
        return refuse(tr("dt_ms: must be in (0, 10] ms"));
    }
    if (const std::string problem =
            core::SimulationSpec::durationProblem(simulation.durationS, simulation.dtMs);
        !problem.empty()) {
        return refuse(tr("duration_s: %1").arg(qs(problem)));
    }
    if (simulation.threads < 1 || simulation.threads > 256) {
        return refuse(tr("threads: must be between 1 and 256"));
    }
    core::ProjectSpec after = m_document.project();
    after.name = name.toStdString();
    after.description = description.toStdString();
    after.simulation = simulation;
    return m_document.applyEdit(after, text.isEmpty() ? tr("Edit project settings") : text);
}

bool DocumentEdits::autoLayout() {
    core::ProjectSpec after = m_document.project();
    const QHash<QString, QPointF> positions = AutoLayout::compute(after);
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        ProjectLayout::setPosition(after, it.key(), it.value());
    }
    return m_document.applyEdit(after, tr("Automatic layout"));
}

} // namespace plexus::widgets
