// The main window's menu bar and toolbar: every menu, action, shortcut, separator and
// submenu in order, against the known listing.
#include "MainWindow.h"

#include <QAction>
#include <QCoreApplication>
#include <QDockWidget>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QToolBar>
#include <plexus/widgets/experiment/ProtocolEditor.h>

using plexus::app::MainWindow;

namespace {

/// One line per entry of @p actions: separators as "---", submenus as "> title", actions as
/// "text [shortcut] #objectName", marked "(window)" when the window owns the action.
QStringList describe(const QList<QAction*>& actions, const MainWindow& window,
                     const QToolBar* toolBar = nullptr) {
    QStringList lines;
    for (QAction* action : actions) {
        if (action->isSeparator()) {
            lines << QStringLiteral("---");
            continue;
        }
        if (toolBar != nullptr) {
            if (QWidget* widget = toolBar->widgetForAction(action);
                widget != nullptr && widget->objectName() == QLatin1String("speedBox")) {
                lines << QStringLiteral("[widget %1]").arg(widget->objectName());
                continue;
            }
        }
        if (action->menu() != nullptr) {
            lines << QStringLiteral("> %1 #%2")
                         .arg(action->menu()->title(), action->menu()->objectName());
            continue;
        }
        QString line = action->text();
        if (!action->shortcut().isEmpty()) {
            line += QStringLiteral(" [%1]").arg(
                action->shortcut().toString(QKeySequence::PortableText));
        }
        if (!action->objectName().isEmpty()) {
            line += QStringLiteral(" #") + action->objectName();
        }
        if (action->parent() == &window) {
            line += QStringLiteral(" (window)");
        }
        lines << line;
    }
    return lines;
}

} // namespace

class TestMainMenus : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void menuBarListsEveryAction();
    void toolBarListsTheRunActions();
    void protocolActionShowsEditor();
};

void TestMainMenus::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PlexusTest"));
    QCoreApplication::setApplicationName(QStringLiteral("TestMainMenus"));
    QSettings().clear();
}

void TestMainMenus::menuBarListsEveryAction() {
    MainWindow window(MainWindow::PluginLoading::Skip);
    QStringList lines;
    for (QAction* menuAction : window.menuBar()->actions()) {
        QMenu* menu = menuAction->menu();
        QVERIFY(menu != nullptr);
        lines << QStringLiteral("MENU %1 #%2").arg(menu->title(), menu->objectName());
        lines << describe(menu->actions(), window);
    }
    const QStringList expected = {
        QStringLiteral("MENU &File #fileMenu"),
        QStringLiteral("&New [Ctrl+N] (window)"),
        QStringLiteral("&Open\u2026 [Ctrl+O] (window)"),
        QStringLiteral("> Open &Recent #recentMenu"),
        QStringLiteral("> &Examples #examplesMenu"),
        QStringLiteral("---"),
        QStringLiteral("&Save [Ctrl+S] (window)"),
        QStringLiteral("Save &As\u2026 [Ctrl+Shift+S] (window)"),
        QStringLiteral("&Reload [Ctrl+Shift+R] (window)"),
        QStringLiteral("---"),
        QStringLiteral("Export &Figure\u2026 [Ctrl+E] (window)"),
        QStringLiteral("Export &Run Data\u2026 (window)"),
        QStringLiteral("Open Recorded R&un\u2026 (window)"),
        QStringLiteral("Open S&weep Archive\u2026 (window)"),
        QStringLiteral("---"),
        QStringLiteral("&Quit [Ctrl+Q] (window)"),
        QStringLiteral("MENU &Edit #"),
        QStringLiteral("&Undo [Ctrl+Z] (window)"),
        QStringLiteral("&Redo [Ctrl+Shift+Z] (window)"),
        QStringLiteral("---"),
        QStringLiteral("Cu&t [Ctrl+X] (window)"),
        QStringLiteral("&Copy [Ctrl+C] (window)"),
        QStringLiteral("&Paste [Ctrl+V] (window)"),
        QStringLiteral("D&uplicate [Ctrl+D] (window)"),
        QStringLiteral("&Delete [Del] (window)"),
        QStringLiteral("---"),
        QStringLiteral("Select &All [Ctrl+A] (window)"),
        QStringLiteral("Automatic &Layout [Ctrl+L] (window)"),
        QStringLiteral("MENU &View #viewMenu"),
        QStringLiteral("Zoom &In [Ctrl++] (window)"),
        QStringLiteral("Zoom &Out [Ctrl+-] (window)"),
        QStringLiteral("&Actual Size [Ctrl+0] (window)"),
        QStringLiteral("&Fit to View [Ctrl+Shift+F] (window)"),
        QStringLiteral("Snap to &Grid [Ctrl+G] (window)"),
        QStringLiteral("---"),
        QStringLiteral("&Light Theme (window)"),
        QStringLiteral("&Dark Theme (window)"),
        QStringLiteral("---"),
        QStringLiteral("Palette"),
        QStringLiteral("Inspector"),
        QStringLiteral("Overview"),
        QStringLiteral("History"),
        QStringLiteral("Plots"),
        QStringLiteral("3D View"),
        QStringLiteral("Analysis"),
        QStringLiteral("Experiment"),
        QStringLiteral("Protocol"),
        QStringLiteral("Log"),
        QStringLiteral("MENU &Run #runMenu"),
        QStringLiteral("&Run [F5] #runAction"),
        QStringLiteral("&Pause [F6] #pauseAction"),
        QStringLiteral("S&tep [F10] #stepAction"),
        QStringLiteral("&Stop [Shift+F5] #stopAction"),
        QStringLiteral("R&eset [Ctrl+F5] #resetAction"),
        QStringLiteral("---"),
        QStringLiteral("&Trace Selected Population [Ctrl+Shift+T] #traceAction"),
        QStringLiteral("---"),
        QStringLiteral("&Protocol\u2026 #protocolAction (window)"),
        QStringLiteral("MENU &Help #helpMenu"),
        QStringLiteral("&Getting Started [F1] #gettingStartedAction (window)"),
        QStringLiteral("&Keyboard Shortcuts [Ctrl+/] #shortcutsAction (window)"),
        QStringLiteral("---"),
        QStringLiteral("&Plugins\u2026 #pluginsAction (window)"),
        QStringLiteral("&About Plexus (window)"),
    };
    QCOMPARE(lines.join(QLatin1Char('\n')), expected.join(QLatin1Char('\n')));
}

void TestMainMenus::toolBarListsTheRunActions() {
    MainWindow window(MainWindow::PluginLoading::Skip);
    const QList<QToolBar*> toolBars = window.findChildren<QToolBar*>();
    QCOMPARE(toolBars.size(), 1);
    QToolBar* toolBar = toolBars.front();
    QCOMPARE(toolBar->objectName(), QStringLiteral("mainToolBar"));
    QCOMPARE(toolBar->windowTitle(), QStringLiteral("Main"));
    const QStringList expected = {
        QStringLiteral("&New [Ctrl+N] (window)"),
        QStringLiteral("&Open\u2026 [Ctrl+O] (window)"),
        QStringLiteral("&Save [Ctrl+S] (window)"),
        QStringLiteral("---"),
        QStringLiteral("&Undo [Ctrl+Z] (window)"),
        QStringLiteral("&Redo [Ctrl+Shift+Z] (window)"),
        QStringLiteral("---"),
        QStringLiteral("&Run [F5] #runAction"),
        QStringLiteral("&Pause [F6] #pauseAction"),
        QStringLiteral("S&tep [F10] #stepAction"),
        QStringLiteral("&Stop [Shift+F5] #stopAction"),
        QStringLiteral("R&eset [Ctrl+F5] #resetAction"),
        QStringLiteral("[widget speedBox]"),
        QStringLiteral("---"),
        QStringLiteral("&Fit to View [Ctrl+Shift+F] (window)"),
    };
    QCOMPARE(describe(toolBar->actions(), window, toolBar).join(QLatin1Char('\n')),
             expected.join(QLatin1Char('\n')));
}

void TestMainMenus::protocolActionShowsEditor() {
    MainWindow window(MainWindow::PluginLoading::Skip);
    auto* dock = window.findChild<QDockWidget*>(QStringLiteral("protocolDock"));
    QVERIFY(dock != nullptr);
    QVERIFY(dock->isAncestorOf(window.findChild<plexus::widgets::ProtocolEditor*>()));
    dock->hide();
    auto* action = window.findChild<QAction*>(QStringLiteral("protocolAction"));
    QVERIFY(action != nullptr);
    action->trigger();
    QVERIFY(!dock->isHidden());
    QVERIFY(window.showPanel(QStringLiteral("protocol")));
}

QTEST_MAIN(TestMainMenus)
#include "TestMainMenus.moc"
