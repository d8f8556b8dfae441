#pragma once

#include "plexus/widgets/document/DocumentFile.h"
#include "plexus/widgets/document/ElectrodeSpec.h"
#include "plexus/widgets/document/NodeKind.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <plexus/core/project/ProjectEdits.h>
#include <plexus/core/project/ProjectSpec.h>
#include <vector>

class QUndoStack;

namespace plexus::core {
class ModelRegistry;
} // namespace plexus::core

namespace plexus::widgets {

class DocumentClipboard;
class DocumentEdits;

/// A rename carried by an edit, so views can keep their items (and selection) across it.
struct ElementRename {
    bool projection = false; ///< true for a projection, false for a node
    QString from;
    QString to;
};

/**
 * @brief The project being edited: a core::ProjectSpec, its file and its undo stack.
 *
 * Every change goes through an edit method (createNode(), connectNodes(), moveNodes(),
 * updatePopulation(), ...). Each validates the change, and either refuses it (returns false
 * and explains why in @p error, changing nothing) or pushes exactly one undo command onto
 * undoStack(). Consecutive moves of one drag are merged into one command.
 *
 * After any change (an edit, an undo or a redo) the document compares the old and new project
 * and emits fine-grained signals (nodeAdded(), projectionChanged(), nodeMoved(), ...) so views
 * update only what changed.
 *
 * Nodes are the project's populations, stimuli, recorders and electrodes; their names are one
 * namespace. Edges are projections (by name) plus the "target" links of recorders, current
 * sources and electrodes, which belong to those nodes. Node positions are kept in the project
 * (see ProjectLayout), so saving writes them and loading restores them.
 *
 * Document is the facade the views use; the work is done by one class per concern:
 * DocumentFile (the file path, reading and writing), DocumentEdits (the undoable edits, with
 * DocumentChecks for specs and core::ProjectEdits for names, renames, removals and paste),
 * DocumentClipboard (copy and paste of fragments) and DocumentChanges (what an edit, undo or
 * redo changed, turned into the signals below). Queries stay here.
 */
class Document : public QObject {
    Q_OBJECT

public:
    /// A document over the models of @p registry (which must outlive it), with an empty project.
    explicit Document(const core::ModelRegistry* registry, QObject* parent = nullptr);
    ~Document() override;

    /// The models available to this document.
    const core::ModelRegistry* registry() const { return m_registry; }
    /// The project as it is now.
    const core::ProjectSpec& project() const { return m_project; }
    /// The undo stack holding every edit.
    QUndoStack* undoStack() const { return m_undoStack; }

    /// Absolute path of the project file, empty for a new project.
    QString filePath() const;
    /// Sets the file path (without saving).
    void setFilePath(const QString& path);
    /// True when there are changes since the last load or save.
    bool isModified() const;
    /// Project name, else the file's base name, else "Untitled".
    QString displayName() const;
    /// Remarks from the last setProject() or load(), e.g. renamed duplicate projections.
    QStringList warnings() const { return m_warnings; }

    /// Replaces the project with an empty one (no path, clean, empty undo stack).
    void newProject();
    /**
     * @brief Replaces the project with @p project (undo stack cleared, clean state).
     *
     * Nodes without a stored position are placed by AutoLayout; duplicate projection names are
     * made unique (both reported in warnings()).
     */
    void setProject(core::ProjectSpec project, const QString& filePath = {});
    /**
     * @brief Loads a project file. On failure the current project stays as it is, @p error
     *        names the file and the problem, and the file is not touched.
     */
    bool load(const QString& path, QString* error = nullptr);
    /// Saves atomically to @p path; on success the document is clean and takes that path.
    bool save(const QString& path, QString* error = nullptr);
    /// Writes the project to @p path without changing the file path or the clean state.
    bool saveCopy(const QString& path, QString* error = nullptr) const;

    /// Every node name: populations, stimuli, recorders, electrodes (in that order).
    QStringList nodeNames() const;
    /// Every projection name, in project order.
    QStringList projectionNames() const;
    /// Kind of node @p name, or nothing.
    std::optional<NodeKind> nodeKind(const QString& name) const;
    /// Centre of node @p name in scene coordinates (0, 0 when it has none).
    QPointF nodePosition(const QString& name) const;
    /// The population named @p name, or nullptr (likewise for the other finders).
    const core::PopulationSpec* population(const QString& name) const;
    const core::StimulusSpec* stimulus(const QString& name) const;
    const core::RecorderSpec* recorder(const QString& name) const;
    const core::ProjectionSpec* projection(const QString& name) const;
    std::optional<ElectrodeSpec> electrode(const QString& name) const;
    /// The project's electrodes.
    std::vector<ElectrodeSpec> electrodes() const;
    /// True when @p name emits spikes that a projection can carry (population or spike source).
    bool emitsSpikes(const QString& name) const;
    /// True when stimulus @p name is a current source (injects into a target population).
    bool isCurrentSource(const QString& name) const;
    /// True when the model of node @p name is not registered (a placeholder).
    bool hasMissingModel(const QString& name) const;
    /// @p base if no node has that name, else "base 2", "base 3", ...
    QString uniqueNodeName(const QString& base) const;
    /// The first of "prefix1", "prefix2", ... that no node uses.
    QString numberedName(const QString& prefix) const;
    /// @p base if no projection has that name, else "base 2", ...
    QString uniqueProjectionName(const QString& base) const;
    /// True when connectNodes(@p source, @p target) would be accepted; else @p why says why.
    bool canConnect(const QString& source, const QString& target, QString* why = nullptr) const;

    /**
     * @brief Creates a node from a palette entry at @p position (one undo command).
     *
     * Entries are "model:NAME" (a neuron model gives a population, a spike or current source
     * model a stimulus), "recorder:spikes|rate|state" and "electrode:TYPE".
     * @return the new node's name, or an empty string (with @p error) when refused.
     */
    QString createNode(const QString& entry, QPointF position, QString* error = nullptr);
    /**
     * @brief Connects @p source to @p target: a projection between spiking nodes and a
     *        population, or the target link of a recorder, current source or electrode.
     * @return true when connected (one undo command).
     */
    bool connectNodes(const QString& source, const QString& target, QString* error = nullptr);
    /// Name of the projection created by the last successful connectNodes() (if any).
    QString lastCreatedProjection() const;
    /**
     * @brief Deletes nodes and projections (one undo command). Projections of deleted nodes go
     *        with them; links to deleted nodes (recorder targets, ...) are cleared.
     * @param removed when given, receives what went and what was disconnected (see
     *        removalSummary()).
     */
    bool removeElements(const QStringList& nodes, const QStringList& projections,
                        core::ProjectEdits::Removal* removed = nullptr);
    /// One line for the status bar: "Deleted 1 node and 2 projections; disconnected: rate1."
    static QString removalSummary(const core::ProjectEdits::Removal& removed);
    /**
     * @brief Moves nodes to new centres. Calls with the same non-zero @p mergeKey (one drag)
     *        merge into one undo command.
     */
    bool moveNodes(const QHash<QString, QPointF>& positions, int mergeKey = 0);
    /// Replaces population @p name by @p spec (renames cascade to references).
    bool updatePopulation(const QString& name, const core::PopulationSpec& spec,
                          const QString& text = {}, QString* error = nullptr);
    /// Replaces stimulus @p name by @p spec.
    bool updateStimulus(const QString& name, const core::StimulusSpec& spec,
                        const QString& text = {}, QString* error = nullptr);
    /// Replaces recorder @p name by @p spec.
    bool updateRecorder(const QString& name, const core::RecorderSpec& spec,
                        const QString& text = {}, QString* error = nullptr);
    /// Replaces electrode @p name by @p spec.
    bool updateElectrode(const QString& name, const ElectrodeSpec& spec, const QString& text = {},
                         QString* error = nullptr);
    /// Replaces projection @p name by @p spec (source and target must stay valid).
    bool updateProjection(const QString& name, const core::ProjectionSpec& spec,
                          const QString& text = {}, QString* error = nullptr);
    /// Sets the project's name, description and simulation settings.
    bool updateProjectInfo(const QString& name, const QString& description,
                           const core::SimulationSpec& simulation, const QString& text = {},
                           QString* error = nullptr);
    /// Places every node with AutoLayout (one undo command).
    bool autoLayout();

    /// Copy and paste of this document's elements, through the application clipboard too.
    DocumentClipboard& clipboard() const { return *m_clipboard; }
    /// MIME type of copied elements.
    static QString fragmentMimeType();
    /// The given nodes, and the projections among them, as clipboard data.
    QByteArray copyElements(const QStringList& nodes) const;
    /**
     * @brief Adds copied elements (one undo command), renamed where names are taken and moved
     *        by @p offset. References to nodes outside the fragment are kept when those nodes
     *        exist here and cleared otherwise.
     * @return names of the new nodes (empty with @p error when the data is not a fragment).
     */
    QStringList paste(const QByteArray& data, QPointF offset, QString* error = nullptr);

    /**
     * @brief Pushes one undo command that turns the project into @p after.
     *
     * Commands with the same @p mergeId (not -1) and @p mergeKey merge. Returns false (and
     * pushes nothing) when @p after equals the current project.
     */
    bool applyEdit(const core::ProjectSpec& after, const QString& text, int mergeId = -1,
                   int mergeKey = 0, const std::vector<ElementRename>& renames = {});
    /// Sets the project to @p state and emits the change signals (used by undo commands).
    void restoreState(const core::ProjectSpec& state, const std::vector<ElementRename>& renames);

    /// Undo-command id of node moves.
    static constexpr int moveCommandId = 1001;

Q_SIGNALS:
    /// The whole project was replaced (new, load): views rebuild.
    void projectReset();
    void nodeAdded(const QString& name);
    void nodeRemoved(const QString& name);
    void nodeRenamed(const QString& from, const QString& to);
    /// The node's spec changed (not only its position).
    void nodeChanged(const QString& name);
    void nodeMoved(const QString& name, QPointF position);
    void projectionAdded(const QString& name);
    void projectionRemoved(const QString& name);
    void projectionRenamed(const QString& from, const QString& to);
    void projectionChanged(const QString& name);
    /// Name, description or simulation settings changed.
    void projectInfoChanged();
    /// Emitted after every change, once the specific signals above were emitted.
    void changed();
    void filePathChanged(const QString& path);
    /// The modified state changed (edits after a save, undo back to the saved state).
    void modifiedChanged(bool modified);

private:
    void placeMissingNodes(core::ProjectSpec& project) const;

    const core::ModelRegistry* m_registry = nullptr;
    core::ProjectSpec m_project;
    QUndoStack* m_undoStack = nullptr;
    DocumentFile m_file;
    QStringList m_warnings;
    std::unique_ptr<DocumentEdits> m_edits;
    std::unique_ptr<DocumentClipboard> m_clipboard;
};

} // namespace plexus::widgets
