#pragma once

#include "plexus/widgets/document/Document.h"

#include <QUndoCommand>
#include <plexus/core/project/ProjectSpec.h>
#include <vector>

namespace plexus::widgets {

/**
 * @brief One user intent on a Document, stored as the project before and after it.
 *
 * Redo sets the document to the after-state, undo to the before-state; the document works out
 * what changed and tells its views. Renames are carried along so views keep their items.
 * Commands with the same id() (not -1) and merge key merge: the first keeps its before-state
 * and takes the newest after-state (consecutive moves of one drag become one command).
 */
class SnapshotCommand : public QUndoCommand {
public:
    /// A command turning @p before into @p after on @p document.
    SnapshotCommand(Document* document, core::ProjectSpec before, core::ProjectSpec after,
                    const QString& text, int id = -1, int mergeKey = 0,
                    std::vector<ElementRename> renames = {});

    void undo() override;
    void redo() override;
    int id() const override { return m_id; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    Document* m_document;
    core::ProjectSpec m_before;
    core::ProjectSpec m_after;
    int m_id;
    int m_mergeKey;
    std::vector<ElementRename> m_renames;
};

} // namespace plexus::widgets
