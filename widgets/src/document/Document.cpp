#include "plexus/widgets/document/Document.h"

#include "plexus/widgets/document/DocumentChanges.h"
#include "plexus/widgets/document/DocumentClipboard.h"
#include "plexus/widgets/document/DocumentEdits.h"
#include "plexus/widgets/document/ProjectLayout.h"
#include "plexus/widgets/document/SnapshotCommand.h"
#include "plexus/widgets/editor/AutoLayout.h"

#include <QFileInfo>
#include <QUndoStack>
#include <algorithm>
#include <limits>
#include <plexus/core/plugin/ModelRegistry.h>
#include <plexus/core/project/ProjectEdits.h>

namespace plexus::widgets {

namespace {

constexpr int kUndoLimit = 1000;

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

QStringList toQStringList(const std::vector<std::string>& names) {
    QStringList out;
    for (const std::string& name : names) {
        out << qs(name);
    }
    return out;
}

} // namespace

Document::Document(const core::ModelRegistry* registry, QObject* parent)
    : QObject(parent)
    , m_registry(registry)
    , m_undoStack(new QUndoStack(this))
    , m_edits(std::make_unique<DocumentEdits>(*this))
    , m_clipboard(std::make_unique<DocumentClipboard>(*this)) {
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
    if (m_file.setPath(path)) {
        Q_EMIT filePathChanged(m_file.path());
    }
}

QString Document::filePath() const {
    return m_file.path();
}

bool Document::isModified() const {
    return !m_undoStack->isClean();
}

QString Document::displayName() const {
    return m_file.displayName(m_project);
}

void Document::newProject() {
    setProject(core::ProjectSpec{});
}

void Document::setProject(core::ProjectSpec project, const QString& filePath) {
    m_warnings.clear();
    // Projection names identify edges: make duplicates unique.
    for (const auto& change : core::ProjectEdits::makeProjectionNamesUnique(project)) {
        m_warnings << tr("Projection name \"%1\" was used twice; the second is now \"%2\".")
                          .arg(qs(change.from), qs(change.to));
    }
    placeMissingNodes(project);
    m_undoStack->clear();
    m_project = std::move(project);
    m_edits->forgetLastProjection();
    m_undoStack->setClean();
    setFilePath(filePath);
    Q_EMIT projectReset();
    Q_EMIT projectInfoChanged();
    Q_EMIT changed();
    Q_EMIT modifiedChanged(false);
}

void Document::placeMissingNodes(core::ProjectSpec& project) const {
    bool missing = false;
    const QStringList names = toQStringList(core::ProjectEdits::nodeNames(project));
    for (const QString& name : names) {
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
    for (const QString& name : names) {
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
    for (const QString& name : names) {
        if (!ProjectLayout::position(project, name)) {
            ProjectLayout::setPosition(project, name, positions.value(name) + QPointF(0, shift));
        }
    }
}

bool Document::load(const QString& path, QString* error) {
    std::optional<core::ProjectSpec> spec = DocumentFile::read(path, error);
    if (!spec) {
        return false;
    }
    setProject(std::move(*spec), QFileInfo(path).absoluteFilePath());
    return true;
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
    return DocumentFile::write(m_project, path, error);
}

QStringList Document::nodeNames() const {
    return toQStringList(core::ProjectEdits::nodeNames(m_project));
}

QStringList Document::projectionNames() const {
    return toQStringList(core::ProjectEdits::projectionNames(m_project));
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
    return qs(core::ProjectEdits::uniqueNodeName(m_project, base.toStdString()));
}

QString Document::numberedName(const QString& prefix) const {
    return qs(core::ProjectEdits::numberedNodeName(m_project, prefix.toStdString()));
}

QString Document::uniqueProjectionName(const QString& base) const {
    return qs(core::ProjectEdits::uniqueProjectionName(m_project, base.toStdString()));
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
    return m_edits->createNode(entry, position, error);
}

bool Document::connectNodes(const QString& source, const QString& target, QString* error) {
    return m_edits->connectNodes(source, target, error);
}

QString Document::lastCreatedProjection() const {
    return m_edits->lastCreatedProjection();
}

bool Document::removeElements(const QStringList& nodes, const QStringList& projections,
                              core::ProjectEdits::Removal* removed) {
    return m_edits->removeElements(nodes, projections, removed);
}

QString Document::removalSummary(const core::ProjectEdits::Removal& removed) {
    return DocumentEdits::removalSummary(removed);
}

bool Document::moveNodes(const QHash<QString, QPointF>& positions, int mergeKey) {
    return m_edits->moveNodes(positions, mergeKey);
}

bool Document::updatePopulation(const QString& name, const core::PopulationSpec& spec,
                                const QString& text, QString* error) {
    return m_edits->updatePopulation(name, spec, text, error);
}

bool Document::updateStimulus(const QString& name, const core::StimulusSpec& spec,
                              const QString& text, QString* error) {
    return m_edits->updateStimulus(name, spec, text, error);
}

bool Document::updateRecorder(const QString& name, const core::RecorderSpec& spec,
                              const QString& text, QString* error) {
    return m_edits->updateRecorder(name, spec, text, error);
}

bool Document::updateElectrode(const QString& name, const ElectrodeSpec& spec, const QString& text,
                               QString* error) {
    return m_edits->updateElectrode(name, spec, text, error);
}

bool Document::updateProjection(const QString& name, const core::ProjectionSpec& spec,
                                const QString& text, QString* error) {
    return m_edits->updateProjection(name, spec, text, error);
}

bool Document::updateProjectInfo(const QString& name, const QString& description,
                                 const core::SimulationSpec& simulation, const QString& text,
                                 QString* error) {
    return m_edits->updateProjectInfo(name, description, simulation, text, error);
}

bool Document::autoLayout() {
    return m_edits->autoLayout();
}

QString Document::fragmentMimeType() {
    return DocumentClipboard::mimeType();
}

QByteArray Document::copyElements(const QStringList& nodes) const {
    return m_clipboard->copy(nodes);
}

QStringList Document::paste(const QByteArray& data, QPointF offset, QString* error) {
    return m_clipboard->paste(data, offset, error);
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
    const DocumentChanges changes = DocumentChanges::compare(old, m_project, renames);

    for (const QString& name : changes.removedProjections) {
        Q_EMIT projectionRemoved(name);
    }
    for (const QString& name : changes.removedNodes) {
        Q_EMIT nodeRemoved(name);
    }
    for (const auto& [from, to] : changes.nodeRenames) {
        Q_EMIT nodeRenamed(from, to);
    }
    for (const auto& [from, to] : changes.projectionRenames) {
        Q_EMIT projectionRenamed(from, to);
    }
    for (const QString& name : changes.addedNodes) {
        Q_EMIT nodeAdded(name);
    }
    for (const QString& name : changes.changedNodes) {
        Q_EMIT nodeChanged(name);
    }
    for (const QString& name : changes.movedNodes) {
        Q_EMIT nodeMoved(name, nodePosition(name));
    }
    for (const QString& name : changes.addedProjections) {
        Q_EMIT projectionAdded(name);
    }
    for (const QString& name : changes.changedProjections) {
        Q_EMIT projectionChanged(name);
    }
    if (changes.infoChanged) {
        Q_EMIT projectInfoChanged();
    }
    Q_EMIT changed();
}

} // namespace plexus::widgets
