#pragma once

#include "plexus/widgets/document/DocumentChecks.h"
#include "plexus/widgets/document/ElectrodeSpec.h"

#include <QCoreApplication>
#include <QHash>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <functional>
#include <plexus/core/project/ProjectEdits.h>
#include <plexus/core/project/ProjectSpec.h>
#include <vector>

namespace plexus::widgets {

class Document;
struct ElementRename;

/**
 * @brief The undoable edits of a Document: each checks the change and either refuses it
 *        (returns false or an empty name, with one line in @p error, changing nothing) or
 *        pushes exactly one undo command through Document::applyEdit().
 *
 * The rules that need no screen (unique names, renames that follow every reference, removals
 * with their dependants) are core::ProjectEdits; the checks of specs against the models are
 * DocumentChecks. Document offers each edit under the same name.
 */
class DocumentEdits {
    Q_DECLARE_TR_FUNCTIONS(DocumentEdits)

public:
    /// Edits of @p document (which must outlive this object).
    explicit DocumentEdits(Document& document);

    /// See Document::createNode().
    QString createNode(const QString& entry, QPointF position, QString* error = nullptr);
    /// See Document::connectNodes().
    bool connectNodes(const QString& source, const QString& target, QString* error = nullptr);
    /// Name of the projection created by the last successful connectNodes() (if any).
    QString lastCreatedProjection() const { return m_lastProjection; }
    /// Forgets lastCreatedProjection() (the project was replaced).
    void forgetLastProjection() { m_lastProjection.clear(); }
    /// See Document::removeElements().
    bool removeElements(const QStringList& nodes, const QStringList& projections,
                        core::ProjectEdits::Removal* removed = nullptr);
    /// See Document::removalSummary().
    static QString removalSummary(const core::ProjectEdits::Removal& removed);
    /// See Document::moveNodes().
    bool moveNodes(const QHash<QString, QPointF>& positions, int mergeKey = 0);
    /// See Document::updatePopulation().
    bool updatePopulation(const QString& name, const core::PopulationSpec& spec,
                          const QString& text = {}, QString* error = nullptr);
    /// See Document::updateStimulus().
    bool updateStimulus(const QString& name, const core::StimulusSpec& spec,
                        const QString& text = {}, QString* error = nullptr);
    /// See Document::updateRecorder().
    bool updateRecorder(const QString& name, const core::RecorderSpec& spec,
                        const QString& text = {}, QString* error = nullptr);
    /// See Document::updateElectrode().
    bool updateElectrode(const QString& name, const ElectrodeSpec& spec, const QString& text = {},
                         QString* error = nullptr);
    /// See Document::updateProjection().
    bool updateProjection(const QString& name, const core::ProjectionSpec& spec,
                          const QString& text = {}, QString* error = nullptr);
    /// See Document::updateProjectInfo().
    bool updateProjectInfo(const QString& name, const QString& description,
                           const core::SimulationSpec& simulation, const QString& text = {},
                           QString* error = nullptr);
    /// See Document::autoLayout().
    bool autoLayout();

private:
    bool commitNodeEdit(const QString& name, const core::ProjectSpec& after, const QString& newName,
                        const std::vector<ElementRename>& renames, const QString& text,
                        QString* error);
    QString checkNodeName(const QString& name, const QString& current) const;
    /**
     * @brief The edit of node @p name (an element of the project's list @p nodes) into @p spec:
     * checks the new name, then @p check (empty: accepted), renames the node with every
     * reference to it, replaces its spec, then checks the edited project with @p checkAfter and
     * commits. False with @p error when refused.
     */
    template <class Spec>
    bool replaceNode(const QString& name, const Spec& spec,
                     std::vector<Spec> core::ProjectSpec::*nodes, const QString& text,
                     QString* error, const std::function<QString()>& check = {},
                     const std::function<QString(const core::ProjectSpec&)>& checkAfter = {});

    Document& m_document;
    DocumentChecks m_checks;
    QString m_lastProjection;
};

} // namespace plexus::widgets
