#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>

class QAction;
class QMainWindow;

namespace plexus::app {

/**
 * @brief Every keyboard shortcut of a window, read from its actions, so a list made from it
 *        never goes stale.
 *
 * collect() walks the menu bar's menus in order (submenus too), then the actions that widgets
 * of the window carry without a menu listing them (the circuit editor's own keys, panels'
 * actions). Each entry says where its keys work: anywhere in the window, or only in one area
 * (the circuit editor, a panel) for actions with a widget shortcut context.
 */
class ShortcutList {
public:
    /// One action with its keys.
    struct Entry {
        QString group;            ///< the menu ("File", "Run") or the area ("Circuit editor")
        QString action;           ///< the action's text without mnemonics or ellipsis
        QList<QKeySequence> keys; ///< every key sequence of the action
        QString scope;            ///< where the keys work: "Anywhere" or an area's name
        QAction* source = nullptr;
    };

    /// Every action of @p window that has a shortcut.
    static QList<Entry> collect(QMainWindow* window);
    /// The keys as shown to people, e.g. "Ctrl+Shift+R" or "+, =".
    static QString keysText(const QList<QKeySequence>& keys);
};

} // namespace plexus::app
