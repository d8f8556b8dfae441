#pragma once

#include "plexus/widgets/inspector/SweepTarget.h"

#include <QPointer>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <memory>
#include <optional>

class QLabel;
class QScrollArea;

namespace plexus::geometry {
class SurfaceMesh;
}

namespace plexus::widgets {

class Document;
class InspectorPage;
class ParameterForm;

/**
 * @brief Edits the selected element of a Document: a population, stimulus, recorder,
 *        electrode or projection, or the project's own settings when nothing is selected.
 *
 * The inspector shows one page of the selection's kind under a heading: ProjectPage,
 * PopulationPage, StimulusPage, RecorderPage, ElectrodePage, ProjectionPage or, for several
 * elements, SelectionSummaryPage. The forms are built from the models' parameter descriptors
 * (label, unit, range, default, documentation) and from core::ConnectivityRule for connectivity.
 * Every committed field is one Document edit, so one undo step. Invalid input is refused and
 * explained under the field; so are edits the document refuses (e.g. a name already in use). The
 * page is built anew (deferred to the event loop, keeping the scroll position and the focused
 * field) whenever the shown element changes, through the inspector or otherwise (undo, redo, the
 * circuit editor).
 *
 * The project heading follows the project's name and file (Save As renames an untitled
 * project).
 *
 * Field keys (object names): "name", "model", "size", "spatial", "param:KEY", "initial:VAR";
 * stimuli: "target", "receptor", "times", "indices"; projections: "receptor", "rule",
 * "conn:KEY", "file" (edge file of csv_edges, with its "browse:file" button), "autapses",
 * "weight", "delay", "synapse", "synparam:KEY", "modulator"; recorders: "type", "target",
 * "variables", "neurons", "interval", "bin"; electrodes: "type", "target", "contacts",
 * "spacing", "anchorVertex", "depth", "anchorX", "anchorY", "anchorZ"; project: "projectName",
 * "description", "dt", "duration", "seed", "threads".
 */
class Inspector : public QWidget {
    Q_OBJECT

public:
    /// An inspector over @p document (which must outlive it), showing the project settings.
    explicit Inspector(Document* document, QWidget* parent = nullptr);

    /// Shows what a selection of @p nodes and @p projections calls for: the one element, a
    /// summary of several, or the project settings when empty.
    void setSelection(const QStringList& nodes, const QStringList& projections);
    /// Shows the project settings.
    void showProject();
    /// Shows node @p name.
    void showNode(const QString& name);
    /// Shows projection @p name.
    void showProjection(const QString& name);

    /// The node shown (empty when none).
    QString currentNode() const { return m_node; }
    /// The projection shown (empty when none).
    QString currentProjection() const { return m_projection; }
    /// The form shown, rebuilt first if a rebuild is pending.
    ParameterForm* form();
    /// Field @p key of the form shown, or nullptr.
    QWidget* field(const QString& key);
    /// Error shown under field @p key.
    QString errorText(const QString& key);
    /// The heading text.
    QString title() const;
    /**
     * @brief Commits what is typed in the focused field (as leaving it would) and checks the
     *        form for fields that still show an error.
     * @return empty when every field holds a valid, committed value; otherwise a line naming
     *         the element, the first invalid field and its error (e.g. "Population E, Membrane
     *         time constant: \"abc\" is not a number."), and that field gets the focus.
     */
    QString commitPendingEdits();
    /**
     * @brief The pial surface electrode anchors refer to (the 3D view's): the electrode form
     * then shows the x, y, z of a vertex anchor, checks vertex numbers and snaps numeric
     * x, y, z edits to the nearest vertex (for display; the entry point stays as typed).
     * Null: x, y, z only for electrodes with a numeric anchor.
     */
    void setElectrodeSurface(std::shared_ptr<const geometry::SurfaceMesh> pial);
    /**
     * @brief What a sweep of field @p key of the form shown would vary: its parameter path
     *        (SweepTarget::pathOf()), the value it shows, its label and allowed range; nothing
     *        when the field is not a number a sweep can vary (or holds a distribution).
     */
    std::optional<SweepTarget> sweepTarget(const QString& key);

Q_SIGNALS:
    /// "Sweep this parameter..." was chosen in the context menu of a number field.
    void sweepRequested(const plexus::widgets::SweepTarget& target);
    /// "Edit protocol…" was clicked on the project page.
    void protocolRequested();

private:
    void addSweepMenus(InspectorPage* page);
    void scheduleRebuild();
    void rebuild();
    InspectorPage* createPage() const;

    Document* m_document;
    QLabel* m_title;
    QScrollArea* m_scroll;
    QPointer<InspectorPage> m_page;
    QString m_node;
    QString m_projection;
    QStringList m_summary;
    bool m_rebuildPending = false;
    std::shared_ptr<const geometry::SurfaceMesh> m_surface;
};

} // namespace plexus::widgets
