#include "ShortcutList.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QToolBar>

namespace plexus::app {

namespace {

QString plainText(const QString& text) {
    QString out = text;
    out.remove(QLatin1Char('&'));
    if (out.endsWith(QChar(0x2026))) {
        out.chop(1);
    }
    return out.trimmed();
}

/// The area of @p window that @p widget belongs to: the circuit editor (the central widget),
/// a panel (its dock's title) or the window itself.
QString areaOf(QMainWindow* window, const QWidget* widget) {
    for (const QWidget* w = widget; w != nullptr && w != window; w = w->parentWidget()) {
        if (w == window->centralWidget()) {
            return QObject::tr("Circuit editor");
        }
        if (const auto* dock = qobject_cast<const QDockWidget*>(w)) {
            return dock->windowTitle();
        }
    }
    return QObject::tr("Anywhere");
}

/// Where the keys of @p action work.
QString scopeOf(QMainWindow* window, const QAction* action) {
    if (action->shortcutContext() == Qt::WindowShortcut ||
        action->shortcutContext() == Qt::ApplicationShortcut) {
        return QObject::tr("Anywhere");
    }
    for (QObject* object : action->associatedObjects()) {
        auto* widget = qobject_cast<QWidget*>(object);
        if (widget != nullptr && qobject_cast<QMenu*>(widget) == nullptr &&
            qobject_cast<QToolBar*>(widget) == nullptr &&
            qobject_cast<QMenuBar*>(widget) == nullptr) {
            return areaOf(window, widget);
        }
    }
    return QObject::tr("Anywhere");
}

void collectMenu(QMainWindow* window, QMenu* menu, const QString& group,
                 QList<ShortcutList::Entry>& out, QSet<const QAction*>& seen) {
    for (QAction* action : menu->actions()) {
        if (action->menu() != nullptr) {
            collectMenu(window, action->menu(), group, out, seen);
            continue;
        }
        if (action->isSeparator() || action->shortcuts().isEmpty() || seen.contains(action)) {
            continue;
        }
        seen.insert(action);
        out.append({group, plainText(action->text()), action->shortcuts(), scopeOf(window, action),
                    action});
    }
}

} // namespace

QList<ShortcutList::Entry> ShortcutList::collect(QMainWindow* window) {
    QList<Entry> entries;
    QSet<const QAction*> seen;
    for (QAction* top : window->menuBar()->actions()) {
        if (QMenu* menu = top->menu()) {
            collectMenu(window, menu, plainText(top->text()), entries, seen);
        }
    }
    // Actions carried by widgets of the window that no menu lists.
    QList<QWidget*> widgets = window->findChildren<QWidget*>();
    widgets.prepend(window);
    for (QWidget* widget : std::as_const(widgets)) {
        if (qobject_cast<QMenu*>(widget) != nullptr) {
            continue;
        }
        for (QAction* action : widget->actions()) {
            if (action->shortcuts().isEmpty() || seen.contains(action)) {
                continue;
            }
            seen.insert(action);
            const QString area = areaOf(window, widget);
            entries.append({area, plainText(action->text()), action->shortcuts(),
                            scopeOf(window, action), action});
        }
    }
    return entries;
}

QString ShortcutList::keysText(const QList<QKeySequence>& keys) {
    QStringList parts;
    for (const QKeySequence& key : keys) {
        parts << key.toString(QKeySequence::NativeText);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace plexus::app
