#include "plexus/widgets/document/SnapshotCommand.h"

namespace plexus::widgets {

SnapshotCommand::SnapshotCommand(Document* document, core::ProjectSpec before,
                                 core::ProjectSpec after, const QString& text, int id, int mergeKey,
                                 std::vector<ElementRename> renames)
    : QUndoCommand(text)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_id(id)
    , m_mergeKey(mergeKey)
    , m_renames(std::move(renames)) {}

void SnapshotCommand::undo() {
    std::vector<ElementRename> reversed;
    for (auto it = m_renames.rbegin(); it != m_renames.rend(); ++it) {
        reversed.push_back({it->projection, it->to, it->from});
    }
    m_document->restoreState(m_before, reversed);
}

void SnapshotCommand::redo() {
    m_document->restoreState(m_after, m_renames);
}

bool SnapshotCommand::mergeWith(const QUndoCommand* other) {
    const auto* command = dynamic_cast<const SnapshotCommand*>(other);
    if (command == nullptr || command->m_id != m_id || command->m_mergeKey != m_mergeKey ||
        m_mergeKey == 0 || !command->m_renames.empty() || !m_renames.empty()) {
        return false;
    }
    m_after = command->m_after;
    setObsolete(m_after == m_before);
    return true;
}

} // namespace plexus::widgets
