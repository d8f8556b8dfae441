#include "plexus/widgets/document/Document.h"

#include "plexus/widgets/document/ProjectLayout.h"
#include "plexus/widgets/document/SnapshotCommand.h"
#include "plexus/widgets/editor/AutoLayout.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QUndoStack>
#include <algorithm>
#include <cmath>
#include <exception>
#include <filesystem>
#include <limits>
#include <map>
#include <plexus/core/base/Error.h>
#include <plexus/core/base/JsonInput.h>
#include <plexus/core/connectivity/ConnectivityRule.h>
#include <plexus/core/model/ParameterSet.h>
#include <plexus/core/plugin/ModelRegistry.h>
#include <plexus/core/project/ProjectIo.h>

namespace plexus::widgets {

namespace {

constexpr std::int64_t kMaxSize = 100'000'000;
constexpr int kUndoLimit = 1000;

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

std::filesystem::path toPath(const QString& path) {
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}

/// Checks parameter overrides against a model; the message names the key, without prefix.
QString checkParams(const core::ModelInfo& info, const std::map<std::string, double>& params) {
    try {
        core::ParameterSet::resolve(info, params, "params");
    } catch (const core::Error& e) {
        QString message = QString::fromStdString(e.what());
        if (message.startsWith(QLatin1String("params."))) {
            message.remove(0, 7);
        }
        return message;
    }
    return {};
}

QString checkValue(const core::ValueSpec& value, const QString& what, bool nonNegative) {
    if (!std::isfinite(value.a) || !std::isfinite(value.b)) {
        return QStringLiteral("%1: must be a finite number").arg(what);
    }
    switch (value.kind) {
    case core::ValueSpec::Kind::Constant:
        if (nonNegative && value.a < 0.0) {
            return QStringLiteral("%1: must be >= 0 (got %2)")
                .arg(what, QString::number(value.a, 'g', 10));
        }
        break;
    case core::ValueSpec::Kind::Uniform:
        if (value.b < value.a) {
            return QStringLiteral("%1: the high bound must not be below the low bound").arg(what);
        }
        if (nonNegative && value.a < 0.0) {
            return QStringLiteral("%1: the low bound must be >= 0").arg(what);
        }
        break;
    case core::ValueSpec::Kind::Normal:
        if (value.b < 0.0) {
            return QStringLiteral("%1: the standard deviation must be >= 0").arg(what);
        }
        if (nonNegative && value.a < 0.0) {
            return QStringLiteral("%1: the mean must be >= 0").arg(what);
        }
        break;
    }
    return {};
}

/// Renames node @p from to @p to everywhere it is referenced (and its position).
void renameReferences(core::ProjectSpec& project, const std::string& from, const std::string& to,
                      std::vector<ElementRename>& renames) {
    for (auto& projection : project.projections) {
        const std::string autoName = projection.source + "->" + projection.target;
        bool touched = false;
        if (projection.source == from) {
            projection.source = to;
            touched = true;
        }
        if (projection.target == from) {
            projection.target = to;
            touched = true;
        }
        if (projection.modulator == from) {
            projection.modulator = to;
        }
        // Default names ("E->I") follow their endpoints.
        if (touched && projection.name == autoName) {
            const std::string renamed = projection.source + "->" + projection.target;
            const bool taken = std::any_of(
                project.projections.begin(), project.projections.end(),
                [&](const core::ProjectionSpec& other) { return other.name == renamed; });
            if (!taken) {
                renames.push_back({true, qs(projection.name), qs(renamed)});
                projection.name = renamed;
            }
        }
    }
    for (auto& stimulus : project.stimuli) {
        if (stimulus.target == from) {
            stimulus.target = to;
        }
    }
    for (auto& recorder : project.recorders) {
        if (recorder.target == from) {
            recorder.target = to;
        }
    }
    for (auto& electrode : project.electrodes) {
        if (electrode.target == from) {
            electrode.target = to;
        }
    }
    ProjectLayout::renamePosition(project, qs(from), qs(to));
}

/// Removes the given nodes, their projections and the given projections; clears links to them.
void removeFromProject(core::ProjectSpec& project, const QSet<QString>& nodes,
                       const QSet<QString>& projections) {
    auto gone = [&](const std::string& name) { return nodes.contains(qs(name)); };
    std::erase_if(project.populations, [&](const auto& p) { return gone(p.name); });
    std::erase_if(project.stimuli, [&](const auto& s) { return gone(s.name); });
    std::erase_if(project.recorders, [&](const auto& r) { return gone(r.name); });
    std::erase_if(project.projections, [&](const auto& p) {
        return projections.contains(qs(p.name)) || gone(p.source) || gone(p.target);
    });
    for (auto& projection : project.projections) {
        if (gone(projection.modulator)) {
            projection.modulator.clear();
        }
    }
    for (auto& stimulus : project.stimuli) {
        if (gone(stimulus.target)) {
            stimulus.target.clear();
            stimulus.neurons.clear();
        }
    }
    for (auto& recorder : project.recorders) {
        if (gone(recorder.target)) {
            recorder.target.clear();
        }
    }
    std::erase_if(project.electrodes, [&](const ElectrodeSpec& e) { return gone(e.name); });
    for (auto& electrode : project.electrodes) {
        if (gone(electrode.target)) {
            electrode.target.clear();
        }
    }
    for (const QString& name : nodes) {
        ProjectLayout::removePosition(project, name);
    }
}

/// Per-node comparison data: its kind and spec, compared as JSON-free structs.
struct NodeState {
    NodeKind kind = NodeKind::Population;
    const core::PopulationSpec* population = nullptr;
    const core::StimulusSpec* stimulus = nullptr;
    const core::RecorderSpec* recorder = nullptr;
    std::optional<ElectrodeSpec> electrode;

    bool sameSpec(const NodeState& other) const {
        if (kind != other.kind) {
            return false;
        }
        switch (kind) {
        case NodeKind::Population:
            return *population == *other.population;
        case NodeKind::Stimulus:
            return *stimulus == *other.stimulus;
        case NodeKind::Recorder:
            return *recorder == *other.recorder;
        case NodeKind::Electrode:
            return electrode == other.electrode;
        }
        return false;
    }
};

std::map<QString, NodeState> nodeStates(const core::ProjectSpec& project) {
    std::map<QString, NodeState> out;
    for (const auto& population : project.populations) {
        NodeState state;
        state.kind = NodeKind::Population;
        state.population = &population;
        out.emplace(qs(population.name), state);
    }
    for (const auto& stimulus : project.stimuli) {
        NodeState state;
        state.kind = NodeKind::Stimulus;
        state.stimulus = &stimulus;
        out.emplace(qs(stimulus.name), state);
    }
    for (const auto& recorder : project.recorders) {
        NodeState state;
        state.kind = NodeKind::Recorder;
        state.recorder = &recorder;
        out.emplace(qs(recorder.name), state);
    }
    for (auto& electrode : project.electrodes) {
        NodeState state;
        state.kind = NodeKind::Electrode;
        const QString name = qs(electrode.name);
        state.electrode = std::move(electrode);
        out.emplace(name, std::move(state));
    }
    return out;
}

std::map<QString, const core::ProjectionSpec*> projectionStates(const core::ProjectSpec& project) {
    std::map<QString, const core::ProjectionSpec*> out;
    for (const auto& projection : project.projections) {
        out.emplace(qs(projection.name), &projection);
    }
    return out;
}

/// Whether the project-level information (name, description, run settings, unknown members)
/// is the same, for "project info changed" checks.
bool sameInfo(const core::ProjectSpec& a, const core::ProjectSpec& b) {
    return a.name == b.name && a.description == b.description && a.simulation == b.simulation &&
           a.extra == b.extra;
}

/// "a -> b" label for undo texts.
QString arrow(const QString& source, const QString& target) {
    return QStringLiteral("%1 \u2192 %2").arg(source, target);
}

} // namespace

Document::Document(const core::ModelRegistry* registry, QObject* parent)
    : QObject(parent)
    , m_registry(registry)
    , m_undoStack(new QUndoStack(this)) {
    // Commands hold whole-project snapshots: keep the history long but bounded.
    m_undoStack->setUndoLimit(kUndoLimit);
    connect(m_undoStack, &QUndoStack::cleanChanged, this,
            [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
}

Document::~Document() {
    // Commands refer to the document: drop them before the document goes, quietly (the stack
    // becoming clean here says nothing about the project being saved).
    const QSignalBlocker blocker(m_undoStack);
    m_undoStack->clear();
}

void Document::setFilePath(const QString& path) {
    const QString absolute = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    if (absolute != m_filePath) {
        m_filePath = absolute;
        Q_EMIT filePathChanged(m_filePath);
    }
}

bool Document::isModified() const {
    return !m_undoStack->isClean();
}

QString Document::displayName() const {
    if (!m_project.name.empty()) {
        return qs(m_project.name);
    }
    if (!m_filePath.isEmpty()) {
        return QFileInfo(m_filePath).completeBaseName();
    }
    return tr("Untitled");
}

void Document::newProject() {
    setProject(core::ProjectSpec{});
}

void Document::setProject(core::ProjectSpec project, const QString& filePath) {
    m_warnings.clear();
    // Projection names identify edges: make duplicates unique.
    QSet<QString> seen;
    for (auto& projection : project.projections) {
        QString name = qs(projection.name);
        if (name.isEmpty()) {
            name = qs(projection.source + "->" + projection.target);
        }
        if (seen.contains(name)) {
            QString unique;
            for (int i = 2;; ++i) {
                unique = QStringLiteral("%1 %2").arg(name).arg(i);
                if (!seen.contains(unique)) {
                    break;
                }
            }
            m_warnings << tr("Projection name \"%1\" was used twice; the second is now \"%2\".")
                              .arg(name, unique);
            name = unique;
        }
        seen.insert(name);
        projection.name = name.toStdString();
    }
    placeMissingNodes(project);
    m_undoStack->clear();
    m_project = std::move(project);
    m_lastProjection.clear();
    m_undoStack->setClean();
    setFilePath(filePath);
    Q_EMIT projectReset();
    Q_EMIT projectInfoChanged();
    Q_EMIT changed();
    Q_EMIT modifiedChanged(false);
}

void Document::placeMissingNodes(core::ProjectSpec& project) const {
    bool missing = false;
    const auto states = nodeStates(project);
    for (const auto& [name, state] : states) {
        if (!ProjectLayout::position(project, name)) {
            missing = true;
            break;
        }
    }
    if (!missing) {
        return;
    }
    const QHash<QString, QPointF> positions = AutoLayout::compute(project);
    // Nodes placed by the file keep their place; new ones go below everything placed.
    double bottom = -std::numeric_limits<double>::infinity();
    bool anyPlaced = false;
    for (const auto& [name, state] : states) {
        if (const auto position = ProjectLayout::position(project, name)) {
            bottom = std::max(bottom, position->y());
            anyPlaced = true;
        }
    }
    double autoTop = std::numeric_limits<double>::infinity();
    for (const QPointF& p : positions) {
        autoTop = std::min(autoTop, p.y());
    }
    const double shift = anyPlaced ? bottom + AutoLayout::rowSpacing - autoTop : 0.0;
    for (const auto& [name, state] : states) {
        if (!ProjectLayout::position(project, name)) {
            ProjectLayout::setPosition(project, name, positions.value(name) + QPointF(0, shift));
        }
    }
}

bool Document::load(const QString& path, QString* error) {
    const QFileInfo info(path);
    try {
        core::ProjectSpec spec = core::ProjectIo::load(toPath(info.absoluteFilePath()));
        setProject(std::move(spec), info.absoluteFilePath());
        return true;
    } catch (const std::exception& e) {
        if (error != nullptr) {
            const QString message = QString::fromStdString(e.what());
            *error = message.contains(info.fileName())
                         ? message
                         : QStringLiteral("%1: %2").arg(path, message);
        }
        return false;
    }
}

bool Document::save(const QString& path, QString* error) {
    if (!saveCopy(path, error)) {
        return false;
    }
    setFilePath(path);
    m_undoStack->setClean();
    return true;
}

bool Document::saveCopy(const QString& path, QString* error) const {
    try {
        core::ProjectIo::save(m_project, toPath(QFileInfo(path).absoluteFilePath()));
        return true;
    } catch (const std::exception& e) {
        if (error != nullptr) {
            *error = QString::fromStdString(e.what());
        }
        return false;
    }
}

QStringList Document::nodeNames() const {
    QStringList names;
    for (const auto& population : m_project.populations) {
        names << qs(population.name);
    }
    for (const auto& stimulus : m_project.stimuli) {
        names << qs(stimulus.name);
    }
    for (const auto& recorder : m_project.recorders) {
        names << qs(recorder.name);
    }
    for (const auto& electrode : electrodes()) {
        names << qs(electrode.name);
    }
    return names;
}

QStringList Document::projectionNames() const {
    QStringList names;
    for (const auto& projection : m_project.projections) {
        names << qs(projection.name);
    }
    return names;
}

std::optional<NodeKind> Document::nodeKind(const QString& name) const {
    if (population(name) != nullptr) {
        return NodeKind::Population;
    }
    if (stimulus(name) != nullptr) {
        return NodeKind::Stimulus;
    }
    if (recorder(name) != nullptr) {
        return NodeKind::Recorder;
    }
    if (electrode(name)) {
        return NodeKind::Electrode;
    }
    return std::nullopt;
}

QPointF Document::nodePosition(const QString& name) const {
    return ProjectLayout::position(m_project, name).value_or(QPointF());
}

const core::PopulationSpec* Document::population(const QString& name) const {
    const std::string key = name.toStdString();
    for (const auto& population : m_project.populations) {
        if (population.name == key) {
            return &population;
        }
    }
    return nullptr;
}

const core::StimulusSpec* Document::stimulus(const QString& name) const {
    const std::string key = name.toStdString();
    for (const auto& stimulus : m_project.stimuli) {
        if (stimulus.name == key) {
            return &stimulus;
        }
    }
    return nullptr;
}

const core::RecorderSpec* Document::recorder(const QString& name) const {
    const std::string key = name.toStdString();
    for (const auto& recorder : m_project.recorders) {
        if (recorder.name == key) {
            return &recorder;
        }
    }
    return nullptr;
}

const core::ProjectionSpec* Document::projection(const QString& name) const {
    const std::string key = name.toStdString();
    for (const auto& projection : m_project.projections) {
        if (projection.name == key) {
            return &projection;
        }
    }
    return nullptr;
}

std::optional<ElectrodeSpec> Document::electrode(const QString& name) const {
    const std::string key = name.toStdString();
    for (auto& electrode : electrodes()) {
        if (electrode.name == key) {
            return electrode;
        }
    }
    return std::nullopt;
}

std::vector<ElectrodeSpec> Document::electrodes() const {
    return m_project.electrodes;
}

bool Document::isCurrentSource(const QString& name) const {
    const core::StimulusSpec* spec = stimulus(name);
    if (spec == nullptr) {
        return false;
    }
    if (const core::ModelInfo* info = m_registry ? m_registry->info(spec->model) : nullptr) {
        return info->kind == core::ModelKind::CurrentSource;
    }
    // Unknown model: a stimulus with a target and no channels injects current.
    return spec->size == 0 && !spec->target.empty();
}

bool Document::emitsSpikes(const QString& name) const {
    if (population(name) != nullptr) {
        return true;
    }
    return stimulus(name) != nullptr && !isCurrentSource(name);
}

bool Document::hasMissingModel(const QString& name) const {
    if (m_registry == nullptr) {
        return false;
    }
    if (const auto* spec = population(name)) {
        return m_registry->info(spec->model) == nullptr;
    }
    if (const auto* spec = stimulus(name)) {
        return m_registry->info(spec->model) == nullptr;
    }
    return false;
}

QString Document::uniqueNodeName(const QString& base) const {
    const QStringList taken = nodeNames();
    if (!base.isEmpty() && !taken.contains(base)) {
        return base;
    }
    for (int i = 2;; ++i) {
        const QString name = QStringLiteral("%1 %2").arg(base).arg(i);
        if (!taken.contains(name)) {
            return name;
        }
    }
}

QString Document::numberedName(const QString& prefix) const {
    const QStringList taken = nodeNames();
    for (int i = 1;; ++i) {
        const QString name = prefix + QString::number(i);
        if (!taken.contains(name)) {
            return name;
        }
    }
}

QString Document::uniqueProjectionName(const QString& base) const {
    const QStringList taken = projectionNames();
    if (!base.isEmpty() && !taken.contains(base)) {
        return base;
    }
    for (int i = 2;; ++i) {
        const QString name = QStringLiteral("%1 %2").arg(base).arg(i);
        if (!taken.contains(name)) {
            return name;
        }
    }
}

bool Document::canConnect(const QString& source, const QString& target, QString* why) const {
    auto refuse = [&](const QString& message) {
        if (why != nullptr) {
            *why = message;
        }
        return false;
    };
    const auto sourceKind = nodeKind(source);
    const auto targetKind = nodeKind(target);
    if (!sourceKind || !targetKind) {
        return refuse(tr("No node named \"%1\".").arg(!sourceKind ? source : target));
    }
    if (*targetKind == NodeKind::Population && emitsSpikes(source)) {
        return true;
    }
    if (*targetKind == NodeKind::Population && isCurrentSource(source)) {
        return true;
    }
    if (*targetKind == NodeKind::Recorder && emitsSpikes(source)) {
        const core::RecorderSpec* spec = recorder(target);
        if (spec->type == "state" && *sourceKind != NodeKind::Population) {
            return refuse(tr("A state recorder records neurons: connect it to a population."));
        }
        return true;
    }
    if (*targetKind == NodeKind::Electrode && *sourceKind == NodeKind::Population) {
        return true;
    }
    if (*targetKind == NodeKind::Stimulus) {
        return refuse(tr("\"%1\" is a stimulus: it has no inputs.").arg(target));
    }
    if (*sourceKind == NodeKind::Recorder || *sourceKind == NodeKind::Electrode) {
        return refuse(
            tr("\"%1\" is a %2: it has no outputs.").arg(source, nodeKindName(*sourceKind)));
    }
    if (*targetKind == NodeKind::Electrode) {
        return refuse(tr("Electrodes record from populations."));
    }
    return refuse(tr("Cannot connect \"%1\" to \"%2\".").arg(source, target));
}

QString Document::createNode(const QString& entry, QPointF position, QString* error) {
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
    core::ProjectSpec after = m_project;
    QString name;
    QString text;
    if (prefix == QLatin1String("model")) {
        const core::ModelInfo* info = m_registry ? m_registry->info(value.toStdString()) : nullptr;
        if (info == nullptr) {
            return refuse(tr("Model \"%1\" is not available.").arg(value));
        }
        switch (info->kind) {
        case core::ModelKind::Neuron: {
            name = numberedName(QStringLiteral("P"));
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
            name = numberedName(base);
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
        name = numberedName(value);
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
        name = numberedName(QStringLiteral("Electrode"));
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
    applyEdit(after, text);
    return name;
}

bool Document::connectNodes(const QString& source, const QString& target, QString* error) {
    QString why;
    if (!canConnect(source, target, &why)) {
        if (error != nullptr) {
            *error = why;
        }
        return false;
    }
    m_lastProjection.clear();
    core::ProjectSpec after = m_project;
    const NodeKind targetKind = *nodeKind(target);
    const std::string sourceName = source.toStdString();
    const std::string targetName = target.toStdString();
    QString text = tr("Connect %1").arg(arrow(source, target));
    if (targetKind == NodeKind::Population && isCurrentSource(source)) {
        for (auto& stimulus : after.stimuli) {
            if (stimulus.name == sourceName) {
                stimulus.target = targetName;
                stimulus.neurons.clear();
            }
        }
    } else if (targetKind == NodeKind::Population) {
        core::ProjectionSpec projection;
        projection.name =
            uniqueProjectionName(source + QStringLiteral("->") + target).toStdString();
        projection.source = sourceName;
        projection.target = targetName;
        projection.connectivity.rule = "fixed_probability";
        projection.connectivity.params = {{"p", 0.1}};
        const core::PopulationSpec* spec = population(target);
        if (const core::ModelInfo* info = m_registry ? m_registry->info(spec->model) : nullptr) {
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
                const core::PopulationSpec* spec = population(source);
                const core::ModelInfo* info =
                    m_registry && spec ? m_registry->info(spec->model) : nullptr;
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
    if (!applyEdit(after, text)) {
        if (error != nullptr) {
            *error = tr("\"%1\" is already connected to \"%2\".").arg(source, target);
        }
        return false;
    }
    return true;
}

bool Document::removeElements(const QStringList& nodes, const QStringList& projections) {
    QSet<QString> nodeSet;
    for (const QString& name : nodes) {
        if (nodeKind(name)) {
            nodeSet.insert(name);
        }
    }
    QSet<QString> projectionSet;
    for (const QString& name : projections) {
        if (projection(name) != nullptr) {
            projectionSet.insert(name);
        }
    }
    if (nodeSet.isEmpty() && projectionSet.isEmpty()) {
        return false;
    }
    core::ProjectSpec after = m_project;
    removeFromProject(after, nodeSet, projectionSet);
    QString text;
    if (nodeSet.size() == 1 && projectionSet.isEmpty()) {
        text = tr("Delete %1").arg(*nodeSet.begin());
    } else if (nodeSet.isEmpty() && projectionSet.size() == 1) {
        text = tr("Delete projection %1").arg(*projectionSet.begin());
    } else {
        text = tr("Delete %1 elements").arg(nodeSet.size() + projectionSet.size());
    }
    return applyEdit(after, text);
}

bool Document::moveNodes(const QHash<QString, QPointF>& positions, int mergeKey) {
    core::ProjectSpec after = m_project;
    int moved = 0;
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        if (!nodeKind(it.key())) {
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
    return applyEdit(after, text, mergeKey != 0 ? moveCommandId : -1, mergeKey);
}

QString Document::checkNodeName(const QString& name, const QString& current) const {
    if (name.trimmed().isEmpty()) {
        return tr("name: must not be empty");
    }
    if (name != name.trimmed()) {
        return tr("name: must not start or end with spaces");
    }
    if (name != current && nodeKind(name)) {
        return tr("name: \"%1\" is already used by another node").arg(name);
    }
    return {};
}

QString Document::checkPopulation(const core::PopulationSpec& spec) const {
    if (const std::string problem = core::PopulationSpec::sizeProblem(spec.size);
        !problem.empty()) {
        return tr("size: %1").arg(qs(problem));
    }
    const core::ModelInfo* info = m_registry ? m_registry->info(spec.model) : nullptr;
    if (info == nullptr) {
        return {}; // a placeholder: its parameters cannot be checked
    }
    if (info->kind != core::ModelKind::Neuron) {
        return tr("model: \"%1\" is not a neuron model").arg(qs(spec.model));
    }
    if (QString message = checkParams(*info, spec.params); !message.isEmpty()) {
        return message;
    }
    for (const auto& [key, value] : spec.initial) {
        if (!info->stateIndex(key)) {
            return tr("initial.%1: model \"%2\" has no state variable \"%1\"")
                .arg(qs(key), qs(spec.model));
        }
        if (QString message = checkValue(value, QStringLiteral("initial.") + qs(key), false);
            !message.isEmpty()) {
            return message;
        }
    }
    return {};
}

QString Document::checkStimulus(const core::StimulusSpec& spec,
                                const core::ProjectSpec& project) const {
    if (spec.size < 0 || spec.size > kMaxSize) {
        return tr("size: must be between 0 and %1 (got %2)").arg(kMaxSize).arg(spec.size);
    }
    const core::ModelInfo* info = m_registry ? m_registry->info(spec.model) : nullptr;
    if (info == nullptr) {
        return {};
    }
    if (info->kind == core::ModelKind::SpikeSource && spec.size < 1) {
        return tr("size: a spike source needs at least one channel");
    }
    if (info->kind == core::ModelKind::CurrentSource && !spec.target.empty()) {
        const core::PopulationSpec* target = project.findPopulation(spec.target);
        if (target == nullptr) {
            return tr("target: no population named \"%1\"").arg(qs(spec.target));
        }
        for (std::int64_t n : spec.neurons) {
            if (n < 0 || n >= target->size) {
                return tr("neurons: %1 is outside [0, %2)").arg(n).arg(target->size);
            }
        }
    }
    if (info->kind != core::ModelKind::SpikeSource &&
        info->kind != core::ModelKind::CurrentSource) {
        return tr("model: \"%1\" is not a stimulus model").arg(qs(spec.model));
    }
    for (double t : spec.times) {
        if (!std::isfinite(t) || t < 0.0) {
            return tr("times: spike times must be >= 0 ms");
        }
    }
    if (!spec.indices.empty() && spec.indices.size() != spec.times.size()) {
        return tr("indices: must have as many entries as times (%1 vs %2)")
            .arg(spec.indices.size())
            .arg(spec.times.size());
    }
    for (std::int64_t index : spec.indices) {
        if (index < 0 || index >= spec.size) {
            return tr("indices: %1 is outside [0, %2)").arg(index).arg(spec.size);
        }
    }
    return checkParams(*info, spec.params);
}

QString Document::checkRecorder(const core::RecorderSpec& spec,
                                const core::ProjectSpec& project) const {
    if (spec.type != "spikes" && spec.type != "rate" && spec.type != "state") {
        return tr("type: unknown recorder type \"%1\" (spikes, rate, state)").arg(qs(spec.type));
    }
    if (!(spec.intervalMs > 0.0) || !std::isfinite(spec.intervalMs)) {
        return tr("interval_ms: must be > 0");
    }
    if (!(spec.binMs > 0.0) || !std::isfinite(spec.binMs)) {
        return tr("bin_ms: must be > 0");
    }
    if (spec.type == "state" && !spec.target.empty()) {
        const core::PopulationSpec* target = project.findPopulation(spec.target);
        if (target == nullptr) {
            return tr("target: a state recorder records a population");
        }
        const core::ModelInfo* info = m_registry ? m_registry->info(target->model) : nullptr;
        for (const std::string& variable : spec.variables) {
            if (info != nullptr && !info->stateIndex(variable)) {
                return tr("variables: model \"%1\" has no state variable \"%2\"")
                    .arg(qs(target->model), qs(variable));
            }
        }
        for (std::int64_t n : spec.neurons) {
            if (n < 0 || n >= target->size) {
                return tr("neurons: %1 is outside [0, %2)").arg(n).arg(target->size);
            }
        }
    }
    return {};
}

QString Document::checkProjection(const core::ProjectionSpec& spec,
                                  const core::ProjectSpec& project) const {
    if (spec.name.empty()) {
        return tr("name: must not be empty");
    }
    if (project.findPopulation(spec.source) == nullptr &&
        project.findStimulus(spec.source) == nullptr) {
        return tr("source: no population or stimulus named \"%1\"").arg(qs(spec.source));
    }
    const core::PopulationSpec* target = project.findPopulation(spec.target);
    if (target == nullptr) {
        return tr("target: no population named \"%1\"").arg(qs(spec.target));
    }
    if (const core::ModelInfo* info = m_registry ? m_registry->info(target->model) : nullptr) {
        if (!info->receptorIndex(spec.receptor)) {
            QStringList known;
            for (const auto& receptor : info->receptors) {
                known << qs(receptor.key);
            }
            return tr("receptor: model \"%1\" has no input \"%2\" (inputs: %3)")
                .arg(qs(target->model), qs(spec.receptor), known.join(QStringLiteral(", ")));
        }
    }
    try {
        core::ConnectivityRule::check(spec.connectivity, "connectivity");
    } catch (const core::Error& e) {
        return QString::fromStdString(e.what());
    }
    if (QString message = checkValue(spec.weight, QStringLiteral("weight"), false);
        !message.isEmpty()) {
        return message;
    }
    if (QString message = checkValue(spec.delayMs, QStringLiteral("delay_ms"), true);
        !message.isEmpty()) {
        return message;
    }
    if (spec.synapse == "static") {
        if (!spec.synapseParams.empty()) {
            return tr("synapse: the static synapse has no parameters");
        }
        if (!spec.modulator.empty()) {
            return tr("modulator: only plastic synapses take a modulator");
        }
    } else if (m_registry != nullptr) {
        const core::ModelInfo* info = m_registry->info(spec.synapse);
        if (info != nullptr) {
            if (info->kind != core::ModelKind::Synapse) {
                return tr("synapse: \"%1\" is not a synapse model").arg(qs(spec.synapse));
            }
            if (QString message = checkParams(*info, spec.synapseParams); !message.isEmpty()) {
                return message;
            }
            if (!spec.delayMs.isConstant()) {
                return tr("delay_ms: synapse model \"%1\" needs one delay for the whole "
                          "projection")
                    .arg(qs(spec.synapse));
            }
        }
    }
    if (!spec.modulator.empty() && project.findPopulation(spec.modulator) == nullptr &&
        project.findStimulus(spec.modulator) == nullptr) {
        return tr("modulator: no population or stimulus named \"%1\"").arg(qs(spec.modulator));
    }
    return {};
}

bool Document::commitNodeEdit(const QString& name, core::ProjectSpec after, const QString& newName,
                              const QString& text, QString* error) {
    std::vector<ElementRename> renames;
    if (newName != name) {
        renames.push_back({false, name, newName});
        renameReferences(after, name.toStdString(), newName.toStdString(), renames);
    }
    QString message;
    // Check the edited node and everything that refers to it.
    const std::string key = newName.toStdString();
    for (const auto& population : after.populations) {
        if (population.name == key) {
            message = checkPopulation(population);
        }
    }
    for (const auto& stimulus : after.stimuli) {
        if (message.isEmpty() && (stimulus.name == key || stimulus.target == key)) {
            message = checkStimulus(stimulus, after);
        }
    }
    for (const auto& recorder : after.recorders) {
        if (message.isEmpty() && (recorder.name == key || recorder.target == key)) {
            message = checkRecorder(recorder, after);
        }
    }
    if (message.isEmpty() && nodeKind(name) == NodeKind::Population) {
        // A changed model must still offer the receptors its projections use.
        for (const auto& projection : after.projections) {
            if (projection.target == key) {
                message = checkProjection(projection, after);
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
    if (!applyEdit(after, label, -1, 0, renames)) {
        if (error != nullptr) {
            error->clear();
        }
        return false;
    }
    return true;
}

bool Document::updatePopulation(const QString& name, const core::PopulationSpec& spec,
                                const QString& text, QString* error) {
    if (population(name) == nullptr) {
        if (error != nullptr) {
            *error = tr("No population named \"%1\".").arg(name);
        }
        return false;
    }
    const QString newName = qs(spec.name);
    if (QString message = checkNodeName(newName, name); !message.isEmpty()) {
        if (error != nullptr) {
            *error = message;
        }
        return false;
    }
    core::ProjectSpec after = m_project;
    for (auto& population : after.populations) {
        if (population.name == name.toStdString()) {
            population = spec;
        }
    }
    return commitNodeEdit(name, std::move(after), newName, text, error);
}

bool Document::updateStimulus(const QString& name, const core::StimulusSpec& spec,
                              const QString& text, QString* error) {
    if (stimulus(name) == nullptr) {
        if (error != nullptr) {
            *error = tr("No stimulus named \"%1\".").arg(name);
        }
        return false;
    }
    const QString newName = qs(spec.name);
    if (QString message = checkNodeName(newName, name); !message.isEmpty()) {
        if (error != nullptr) {
            *error = message;
        }
        return false;
    }
    core::ProjectSpec after = m_project;
    for (auto& stimulus : after.stimuli) {
        if (stimulus.name == name.toStdString()) {
            stimulus = spec;
        }
    }
    // A stimulus that stops emitting spikes loses its projections' validity.
    if (const core::ModelInfo* info = m_registry ? m_registry->info(spec.model) : nullptr) {
        if (info->kind == core::ModelKind::CurrentSource) {
            for (const auto& projection : after.projections) {
                if (projection.source == name.toStdString()) {
                    if (error != nullptr) {
                        *error = tr("model: a current source cannot drive projection %1; "
                                    "delete it first")
                                     .arg(qs(projection.name));
                    }
                    return false;
                }
            }
        }
    }
    return commitNodeEdit(name, std::move(after), newName, text, error);
}

bool Document::updateRecorder(const QString& name, const core::RecorderSpec& spec,
                              const QString& text, QString* error) {
    if (recorder(name) == nullptr) {
        if (error != nullptr) {
            *error = tr("No recorder named \"%1\".").arg(name);
        }
        return false;
    }
    const QString newName = qs(spec.name);
    if (QString message = checkNodeName(newName, name); !message.isEmpty()) {
        if (error != nullptr) {
            *error = message;
        }
        return false;
    }
    if (!spec.target.empty() && !nodeKind(qs(spec.target))) {
        if (error != nullptr) {
            *error = tr("target: no node named \"%1\"").arg(qs(spec.target));
        }
        return false;
    }
    core::ProjectSpec after = m_project;
    for (auto& recorder : after.recorders) {
        if (recorder.name == name.toStdString()) {
            recorder = spec;
        }
    }
    return commitNodeEdit(name, std::move(after), newName, text, error);
}

bool Document::updateElectrode(const QString& name, const ElectrodeSpec& spec, const QString& text,
                               QString* error) {
    if (!electrode(name)) {
        if (error != nullptr) {
            *error = tr("No electrode named \"%1\".").arg(name);
        }
        return false;
    }
    const QString newName = qs(spec.name);
    QString message = checkNodeName(newName, name);
    if (message.isEmpty() && spec.contacts < 1) {
        message = tr("contacts: must be at least 1");
    }
    if (message.isEmpty() && !(spec.spacingUm > 0.0 && std::isfinite(spec.spacingUm))) {
        message = tr("spacing_um: must be > 0");
    }
    if (message.isEmpty() && !spec.target.empty() && population(qs(spec.target)) == nullptr) {
        message = tr("target: no population named \"%1\"").arg(qs(spec.target));
    }
    if (!message.isEmpty()) {
        if (error != nullptr) {
            *error = message;
        }
        return false;
    }
    core::ProjectSpec after = m_project;
    for (auto& electrode : after.electrodes) {
        if (electrode.name == name.toStdString()) {
            electrode = spec;
        }
    }
    return commitNodeEdit(name, std::move(after), newName, text, error);
}

bool Document::updateProjection(const QString& name, const core::ProjectionSpec& spec,
                                const QString& text, QString* error) {
    auto refuse = [&](const QString& message) {
        if (error != nullptr) {
            *error = message;
        }
        return false;
    };
    if (projection(name) == nullptr) {
        return refuse(tr("No projection named \"%1\".").arg(name));
    }
    const QString newName = qs(spec.name);
    if (newName.trimmed().isEmpty()) {
        return refuse(tr("name: must not be empty"));
    }
    if (newName != name && projection(newName) != nullptr) {
        return refuse(tr("name: \"%1\" is already used by another projection").arg(newName));
    }
    core::ProjectSpec after = m_project;
    for (auto& projection : after.projections) {
        if (projection.name == name.toStdString()) {
            projection = spec;
        }
    }
    if (QString message = checkProjection(spec, after); !message.isEmpty()) {
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
    if (!applyEdit(after, label, -1, 0, renames)) {
        if (error != nullptr) {
            error->clear();
        }
        return false;
    }
    return true;
}

bool Document::updateProjectInfo(const QString& name, const QString& description,
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
    core::ProjectSpec after = m_project;
    after.name = name.toStdString();
    after.description = description.toStdString();
    after.simulation = simulation;
    return applyEdit(after, text.isEmpty() ? tr("Edit project settings") : text);
}

bool Document::autoLayout() {
    core::ProjectSpec after = m_project;
    const QHash<QString, QPointF> positions = AutoLayout::compute(after);
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        ProjectLayout::setPosition(after, it.key(), it.value());
    }
    return applyEdit(after, tr("Automatic layout"));
}

QString Document::fragmentMimeType() {
    return QStringLiteral("application/x-plexus-fragment");
}

QByteArray Document::copyElements(const QStringList& nodes) const {
    const QSet<QString> chosen(nodes.begin(), nodes.end());
    core::ProjectSpec fragment;
    fragment.name = "fragment";
    for (const auto& population : m_project.populations) {
        if (chosen.contains(qs(population.name))) {
            fragment.populations.push_back(population);
        }
    }
    for (const auto& stimulus : m_project.stimuli) {
        if (chosen.contains(qs(stimulus.name))) {
            fragment.stimuli.push_back(stimulus);
        }
    }
    for (const auto& recorder : m_project.recorders) {
        if (chosen.contains(qs(recorder.name))) {
            fragment.recorders.push_back(recorder);
        }
    }
    std::vector<ElectrodeSpec> electrodeList;
    for (const auto& electrode : electrodes()) {
        if (chosen.contains(qs(electrode.name))) {
            electrodeList.push_back(electrode);
        }
    }
    fragment.electrodes = electrodeList;
    for (const auto& projection : m_project.projections) {
        if (chosen.contains(qs(projection.source)) && chosen.contains(qs(projection.target))) {
            fragment.projections.push_back(projection);
        }
    }
    for (const QString& name : chosen) {
        if (nodeKind(name)) {
            ProjectLayout::setPosition(fragment, name, nodePosition(name));
        }
    }
    nlohmann::json doc = {{"format", "plexus-fragment"},
                          {"project", core::ProjectIo::toJson(fragment)}};
    return QByteArray::fromStdString(doc.dump());
}

QStringList Document::paste(const QByteArray& data, QPointF offset, QString* error) {
    core::ProjectSpec fragment;
    try {
        const nlohmann::json doc = core::JsonInput::parse(data.toStdString(), "clipboard");
        if (!doc.is_object() || doc.value("format", std::string()) != "plexus-fragment" ||
            !doc.contains("project")) {
            throw core::Error("not a Plexus fragment");
        }
        fragment = core::ProjectIo::fromJson(doc["project"], "clipboard");
    } catch (const std::exception& e) {
        if (error != nullptr) {
            *error = tr("Cannot paste: %1").arg(QString::fromStdString(e.what()));
        }
        return {};
    }
    // New names for every fragment node, unique here and among each other.
    QStringList taken = nodeNames();
    std::map<std::string, std::string> names;
    auto claim = [&](const std::string& name) {
        QString candidate = qs(name);
        if (taken.contains(candidate)) {
            for (int i = 2;; ++i) {
                candidate = QStringLiteral("%1 %2").arg(qs(name)).arg(i);
                if (!taken.contains(candidate)) {
                    break;
                }
            }
        }
        taken << candidate;
        names[name] = candidate.toStdString();
    };
    const auto fragmentElectrodes = fragment.electrodes;
    for (const auto& p : fragment.populations) {
        claim(p.name);
    }
    for (const auto& s : fragment.stimuli) {
        claim(s.name);
    }
    for (const auto& r : fragment.recorders) {
        claim(r.name);
    }
    for (const auto& e : fragmentElectrodes) {
        claim(e.name);
    }
    // References: fragment nodes map to their new names; others are kept if they exist here.
    auto mapReference = [&](const std::string& name) -> std::string {
        if (name.empty()) {
            return name;
        }
        const auto it = names.find(name);
        if (it != names.end()) {
            return it->second;
        }
        return nodeKind(qs(name)) ? name : std::string();
    };
    core::ProjectSpec after = m_project;
    QStringList created;
    auto place = [&](const std::string& oldName) {
        const QString newName = qs(names[oldName]);
        const QPointF position =
            ProjectLayout::position(fragment, qs(oldName)).value_or(QPointF()) + offset;
        ProjectLayout::setPosition(after, newName, position);
        created << newName;
    };
    for (auto population : fragment.populations) {
        const std::string old = population.name;
        population.name = names[old];
        after.populations.push_back(population);
        place(old);
    }
    for (auto stimulus : fragment.stimuli) {
        const std::string old = stimulus.name;
        stimulus.name = names[old];
        stimulus.target = mapReference(stimulus.target);
        if (stimulus.target.empty()) {
            stimulus.neurons.clear();
        }
        after.stimuli.push_back(stimulus);
        place(old);
    }
    for (auto recorder : fragment.recorders) {
        const std::string old = recorder.name;
        recorder.name = names[old];
        recorder.target = mapReference(recorder.target);
        after.recorders.push_back(recorder);
        place(old);
    }
    for (auto electrode : fragmentElectrodes) {
        const std::string old = electrode.name;
        electrode.name = names[old];
        electrode.target = mapReference(electrode.target);
        after.electrodes.push_back(electrode);
        place(old);
    }
    QStringList projectionNamesTaken = projectionNames();
    for (auto projection : fragment.projections) {
        const bool autoName = projection.name == projection.source + "->" + projection.target;
        projection.source = mapReference(projection.source);
        projection.target = mapReference(projection.target);
        projection.modulator = mapReference(projection.modulator);
        if (projection.source.empty() || projection.target.empty()) {
            continue;
        }
        QString name =
            autoName ? qs(projection.source + "->" + projection.target) : qs(projection.name);
        const QString base = name;
        for (int i = 2; projectionNamesTaken.contains(name); ++i) {
            name = QStringLiteral("%1 %2").arg(base).arg(i);
        }
        projectionNamesTaken << name;
        projection.name = name.toStdString();
        after.projections.push_back(projection);
    }
    if (created.isEmpty()) {
        if (error != nullptr) {
            *error = tr("Nothing to paste.");
        }
        return {};
    }
    applyEdit(after, created.size() == 1 ? tr("Paste %1").arg(created.front())
                                         : tr("Paste %1 nodes").arg(created.size()));
    return created;
}

bool Document::applyEdit(const core::ProjectSpec& after, const QString& text, int mergeId,
                         int mergeKey, const std::vector<ElementRename>& renames) {
    if (after == m_project) {
        return false;
    }
    m_undoStack->push(
        new SnapshotCommand(this, m_project, after, text, mergeId, mergeKey, renames));
    return true;
}

void Document::restoreState(const core::ProjectSpec& state,
                            const std::vector<ElementRename>& renames) {
    const core::ProjectSpec old = std::move(m_project);
    m_project = state;

    auto oldNodes = nodeStates(old);
    auto newNodes = nodeStates(m_project);
    auto oldProjections = projectionStates(old);
    auto newProjections = projectionStates(m_project);

    // Renames first: views re-key their items, then compare under the new names.
    std::vector<std::pair<QString, QString>> nodeRenames;
    std::vector<std::pair<QString, QString>> projectionRenames;
    for (const ElementRename& rename : renames) {
        if (rename.projection) {
            auto from = oldProjections.find(rename.from);
            if (from != oldProjections.end() && newProjections.count(rename.to) &&
                !newProjections.count(rename.from) && !oldProjections.count(rename.to)) {
                const core::ProjectionSpec* spec = from->second;
                oldProjections.erase(from);
                oldProjections.emplace(rename.to, spec);
                projectionRenames.emplace_back(rename.from, rename.to);
            }
        } else {
            auto from = oldNodes.find(rename.from);
            auto to = newNodes.find(rename.to);
            if (from != oldNodes.end() && to != newNodes.end() && !newNodes.count(rename.from) &&
                !oldNodes.count(rename.to) && from->second.kind == to->second.kind) {
                NodeState node = std::move(from->second);
                oldNodes.erase(from);
                oldNodes.emplace(rename.to, std::move(node));
                nodeRenames.emplace_back(rename.from, rename.to);
            }
        }
    }

    QStringList removedProjections;
    for (const auto& [name, spec] : oldProjections) {
        if (!newProjections.count(name)) {
            removedProjections << name;
        }
    }
    QStringList removedNodes;
    QStringList addedNodes;
    QStringList changedNodes;
    QStringList movedNodes;
    for (const auto& [name, node] : oldNodes) {
        const auto it = newNodes.find(name);
        if (it == newNodes.end() || it->second.kind != node.kind) {
            removedNodes << name;
        }
    }
    for (const auto& [name, node] : newNodes) {
        const auto it = oldNodes.find(name);
        if (it == oldNodes.end() || it->second.kind != node.kind) {
            addedNodes << name;
            continue;
        }
        if (!node.sameSpec(it->second)) {
            changedNodes << name;
        }
    }
    // Positions: compare under the old name for renamed nodes.
    QHash<QString, QString> oldNameOf;
    for (const auto& [from, to] : nodeRenames) {
        oldNameOf.insert(to, from);
    }
    for (const auto& [name, node] : newNodes) {
        if (addedNodes.contains(name)) {
            continue;
        }
        const auto before = ProjectLayout::position(old, oldNameOf.value(name, name));
        const auto after = ProjectLayout::position(m_project, name);
        if (before != after) {
            movedNodes << name;
        }
    }
    QStringList addedProjections;
    QStringList changedProjections;
    for (const auto& [name, spec] : newProjections) {
        const auto it = oldProjections.find(name);
        if (it == oldProjections.end()) {
            addedProjections << name;
        } else if (!(*it->second == *spec)) {
            changedProjections << name;
        }
    }

    for (const QString& name : removedProjections) {
        Q_EMIT projectionRemoved(name);
    }
    for (const QString& name : removedNodes) {
        Q_EMIT nodeRemoved(name);
    }
    for (const auto& [from, to] : nodeRenames) {
        Q_EMIT nodeRenamed(from, to);
    }
    for (const auto& [from, to] : projectionRenames) {
        Q_EMIT projectionRenamed(from, to);
    }
    for (const QString& name : addedNodes) {
        Q_EMIT nodeAdded(name);
    }
    for (const QString& name : changedNodes) {
        Q_EMIT nodeChanged(name);
    }
    for (const QString& name : movedNodes) {
        Q_EMIT nodeMoved(name, nodePosition(name));
    }
    for (const QString& name : addedProjections) {
        Q_EMIT projectionAdded(name);
    }
    for (const QString& name : changedProjections) {
        Q_EMIT projectionChanged(name);
    }
    if (!sameInfo(old, m_project)) {
        Q_EMIT projectInfoChanged();
    }
    Q_EMIT changed();
}

} // namespace plexus::widgets
