#pragma once

#include "ShortcutList.h"

#include <QDialog>
#include <QList>
#include <QPair>

class QTreeWidget;

namespace plexus::app {

/**
 * @brief Help > Keyboard Shortcuts: every shortcut of the window, grouped by menu or area, with
 *        where it works, followed by the mouse gestures of the circuit editor.
 */
class ShortcutsDialog : public QDialog {
    Q_OBJECT

public:
    /// A dialog listing @p entries (ShortcutList::collect()) and @p gestures (gesture, effect).
    ShortcutsDialog(const QList<ShortcutList::Entry>& entries,
                    const QList<QPair<QString, QString>>& gestures, QWidget* parent = nullptr);

    /// The list: one top-level item per group, one child per action (columns: action, keys,
    /// where).
    QTreeWidget* tree() const { return m_tree; }

private:
    QTreeWidget* m_tree;
};

} // namespace plexus::app
