#pragma once

#include "plexus/widgets/document/Document.h"

#include <QString>
#include <QStringList>
#include <plexus/core/project/ProjectSpec.h>
#include <utility>
#include <vector>

namespace plexus::widgets {

/**
 * @brief What changed between two states of a project, element by element, as the document
 *        reports it to its views.
 *
 * Renames carried by the edit are applied first (a renamed node or projection is the same
 * element under a new name, so views keep its item and selection); then nodes and projections
 * are compared by name: added, removed, changed spec, moved (layout position only).
 */
class DocumentChanges {
public:
    /// The changes turning @p before into @p after, given the renames of the edit.
    static DocumentChanges compare(const core::ProjectSpec& before, const core::ProjectSpec& after,
                                   const std::vector<ElementRename>& renames);

    QStringList removedProjections;
    QStringList removedNodes;
    /// Renamed nodes (from, to) whose kind stayed the same.
    std::vector<std::pair<QString, QString>> nodeRenames;
    /// Renamed projections (from, to).
    std::vector<std::pair<QString, QString>> projectionRenames;
    QStringList addedNodes;
    /// Nodes whose spec changed (not only their position).
    QStringList changedNodes;
    /// Nodes whose layout position changed.
    QStringList movedNodes;
    QStringList addedProjections;
    QStringList changedProjections;
    /// Name, description, run settings or unknown project members changed.
    bool infoChanged = false;
};

} // namespace plexus::widgets
