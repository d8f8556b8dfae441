#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QAction;
class QMenu;

namespace plexus::widgets {
class CircuitScene;
class CircuitView;
class Document;
} // namespace plexus::widgets

namespace plexus::app {

class MainWindow;
class RunController;

/**
 * @brief The actions, menus (File, Edit, View, Run, Help) and main toolbar of a MainWindow.
 *
 * Creates every action of the window (parented to the window, so ShortcutList and the
 * Keyboard Shortcuts dialog find them), connects them to the window's public slots, the
 * circuit editor and the run controller, and fills the menu bar and the toolbar. File > Open
 * Recent and File > Examples are filled here; choosing an entry is left to the window
 * (recentFileChosen(), exampleChosen()), which asks about unsaved changes first. The View
 * menu ends with the panel toggles that MainDocks adds.
 */
class MainMenus : public QObject {
    Q_OBJECT

public:
    /// Creates the actions, menus and toolbar of @p window.
    MainMenus(MainWindow& window, widgets::Document* document, widgets::CircuitScene* scene,
              widgets::CircuitView* view, RunController* run);

    /// Recently opened or saved project files, newest first (QSettings).
    static QStringList recentFiles();
    /// Puts @p path first in the recent files (at most ten are kept).
    static void addRecentFile(const QString& path);

    /// The View menu (panel toggles are appended to it).
    QMenu* viewMenu() const { return m_viewMenu; }
    QAction* reloadAction() const { return m_reloadAction; }
    QAction* cutAction() const { return m_cutAction; }
    QAction* copyAction() const { return m_copyAction; }
    QAction* duplicateAction() const { return m_duplicateAction; }
    QAction* deleteAction() const { return m_deleteAction; }
    QAction* autoLayoutAction() const { return m_autoLayoutAction; }
    QAction* snapAction() const { return m_snapAction; }
    /// Checks the light or the dark theme's action.
    void setDarkThemeChecked(bool dark);

Q_SIGNALS:
    /// File > Open Recent: the user chose @p path.
    void recentFileChosen(const QString& path);
    /// File > Examples: the user chose the example @p name (e.g. "cuba.json").
    void exampleChosen(const QString& name);

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void fillRecentMenu();
    void fillExamplesMenu();

    MainWindow& m_window;
    widgets::Document* m_document;
    widgets::CircuitScene* m_scene;
    widgets::CircuitView* m_view;
    RunController* m_run;

    QMenu* m_recentMenu = nullptr;
    QMenu* m_examplesMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_saveAsAction = nullptr;
    QAction* m_exportFigureAction = nullptr;
    QAction* m_exportRunAction = nullptr;
    QAction* m_openRunAction = nullptr;
    QAction* m_openSweepAction = nullptr;
    QAction* m_reloadAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_cutAction = nullptr;
    QAction* m_copyAction = nullptr;
    QAction* m_pasteAction = nullptr;
    QAction* m_duplicateAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_selectAllAction = nullptr;
    QAction* m_autoLayoutAction = nullptr;
    QAction* m_zoomInAction = nullptr;
    QAction* m_zoomOutAction = nullptr;
    QAction* m_zoomResetAction = nullptr;
    QAction* m_fitAction = nullptr;
    QAction* m_snapAction = nullptr;
    QAction* m_lightAction = nullptr;
    QAction* m_darkAction = nullptr;
    QAction* m_runAction = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_gettingStartedAction = nullptr;
    QAction* m_shortcutsAction = nullptr;
    QAction* m_pluginsAction = nullptr;
    QAction* m_protocolAction = nullptr;
};

} // namespace plexus::app
