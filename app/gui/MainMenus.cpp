#include "MainMenus.h"

#include "MainWindow.h"
#include "RunController.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStyle>
#include <QToolBar>
#include <QUndoStack>
#include <exception>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/widgets/document/Document.h>
#include <plexus/widgets/editor/CircuitScene.h>
#include <plexus/widgets/editor/CircuitView.h>

namespace plexus::app {

namespace {

constexpr int kMaxRecentFiles = 10;
const char* kRecentKey = "recentFiles";

} // namespace

MainMenus::MainMenus(MainWindow& window, widgets::Document* document, widgets::CircuitScene* scene,
                     widgets::CircuitView* view, RunController* run)
    : QObject(&window)
    , m_window(window)
    , m_document(document)
    , m_scene(scene)
    , m_view(view)
    , m_run(run) {
    createActions();
    createMenus();
    createToolBar();
}

void MainMenus::setDarkThemeChecked(bool dark) {
    if (m_darkAction != nullptr) {
        (dark ? m_darkAction : m_lightAction)->setChecked(true);
    }
}

QStringList MainMenus::recentFiles() {
    return QSettings().value(kRecentKey).toStringList();
}

void MainMenus::addRecentFile(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecentFiles) {
        files.removeLast();
    }
    QSettings().setValue(kRecentKey, files);
}

void MainMenus::fillRecentMenu() {
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (const QString& file : files) {
        QAction* action = m_recentMenu->addAction(QDir::toNativeSeparators(file));
        action->setEnabled(QFileInfo::exists(file));
        connect(action, &QAction::triggered, this, [this, file] { Q_EMIT recentFileChosen(file); });
    }
    if (files.isEmpty()) {
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    connect(m_recentMenu->addAction(tr("Clear list")), &QAction::triggered, this,
            [] { QSettings().remove(kRecentKey); });
}

void MainMenus::fillExamplesMenu() {
    m_examplesMenu->clear();
    for (const QString& name : MainWindow::exampleNames()) {
        QString title = name;
        QString description;
        QFile file(QStringLiteral(":/examples/") + name);
        if (file.open(QIODevice::ReadOnly)) {
            try {
                const core::ProjectSpec spec =
                    core::ProjectIo::parse(file.readAll().toStdString(), name.toStdString());
                if (!spec.name.empty()) {
                    title = QString::fromStdString(spec.name);
                }
                description = QString::fromStdString(spec.description);
            } catch (const std::exception&) {
                description = tr("(could not be read)");
            }
        }
        QAction* action = m_examplesMenu->addAction(title);
        action->setObjectName(QStringLiteral("example:") + name);
        action->setStatusTip(description);
        action->setToolTip(description);
        connect(action, &QAction::triggered, this, [this, name] { Q_EMIT exampleChosen(name); });
    }
}

void MainMenus::createActions() {
    QStyle* s = m_window.style();
    auto make = [this](const QIcon& icon, const QString& text, const QKeySequence& key,
                       const QString& tip) {
        auto* action = new QAction(icon, text, &m_window);
        if (!key.isEmpty()) {
            action->setShortcut(key);
        }
        action->setStatusTip(tip);
        action->setToolTip(
            key.isEmpty() ? text
                          : QStringLiteral("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')),
                                                          key.toString(QKeySequence::NativeText)));
        return action;
    };
    m_newAction = make(s->standardIcon(QStyle::SP_FileIcon), tr("&New"), QKeySequence::New,
                       tr("Start an empty project"));
    connect(m_newAction, &QAction::triggered, &m_window, &MainWindow::newProject);
    m_openAction = make(s->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open\u2026"),
                        QKeySequence::Open, tr("Open a project file"));
    connect(m_openAction, &QAction::triggered, &m_window, &MainWindow::openProjectDialog);
    m_saveAction = make(s->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save"),
                        QKeySequence::Save, tr("Save the project"));
    connect(m_saveAction, &QAction::triggered, &m_window, &MainWindow::save);
    // Keys whose standard binding differs between desktops are spelled out, so they are the
    // same everywhere (and in Help > Keyboard Shortcuts and the README).
    m_saveAsAction =
        make(QIcon(), tr("Save &As\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
             tr("Save the project under a new name"));
    connect(m_saveAsAction, &QAction::triggered, &m_window, &MainWindow::saveAs);
    // F5 is Run (as in IDEs); reloading gets a key of its own.
    m_reloadAction = make(s->standardIcon(QStyle::SP_BrowserReload), tr("&Reload"),
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                          tr("Load the current project file again"));
    connect(m_reloadAction, &QAction::triggered, &m_window, &MainWindow::reloadProject);
    m_exportFigureAction = make(
        QIcon(), tr("Export &Figure\u2026"), QKeySequence(tr("Ctrl+E")),
        tr("Export views as a PNG, SVG or PDF figure (several views: one multi-panel figure)"));
    connect(m_exportFigureAction, &QAction::triggered, &m_window, &MainWindow::exportFigureDialog);
    m_exportRunAction = make(QIcon(), tr("Export &Run Data\u2026"), QKeySequence(),
                             tr("Write the run shown (spikes, rates, traces, electrode "
                                "recordings) to an HDF5 run archive or CSV files"));
    connect(m_exportRunAction, &QAction::triggered, &m_window, &MainWindow::exportRunDialog);
    m_openRunAction = make(QIcon(), tr("Open Recorded R&un\u2026"), QKeySequence(),
                           tr("Show a run archive (.h5) in the plots and the analysis without "
                              "simulating"));
    connect(m_openRunAction, &QAction::triggered, &m_window, &MainWindow::openRunDialog);
    m_openSweepAction = make(QIcon(), tr("Open S&weep Archive\u2026"), QKeySequence(),
                             tr("Show a sweep archive (.sweep.h5, e.g. of plexus-cli sweep) in "
                                "the Experiment panel"));
    connect(m_openSweepAction, &QAction::triggered, &m_window, &MainWindow::openSweepDialog);
    m_protocolAction = make(QIcon(), tr("&Protocol…"), QKeySequence(),
                            tr("Edit the conditions, trials and perturbations a run follows"));
    m_protocolAction->setObjectName(QStringLiteral("protocolAction"));
    connect(m_protocolAction, &QAction::triggered, &m_window,
            [this] { m_window.showPanel(QStringLiteral("protocol")); });
    m_quitAction =
        make(QIcon(), tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), tr("Quit Plexus"));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, &m_window, &QWidget::close);

    QUndoStack* undo = m_document->undoStack();
    m_undoAction = undo->createUndoAction(&m_window, tr("&Undo"));
    m_undoAction->setIcon(s->standardIcon(QStyle::SP_ArrowBack));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = undo->createRedoAction(&m_window, tr("&Redo"));
    m_redoAction->setIcon(s->standardIcon(QStyle::SP_ArrowForward));
    m_redoAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});

    // Editing actions apply to the circuit editor; their shortcuts work while it has focus, so
    // text fields (inspector, palette search) keep their own Ctrl+C, Delete, ...
    auto editorAction = [&](const QString& text, const QKeySequence& key, const QString& tip) {
        QAction* action = make(QIcon(), text, key, tip);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(action);
        return action;
    };
    m_cutAction = editorAction(tr("Cu&t"), QKeySequence::Cut, tr("Cut the selected nodes"));
    connect(m_cutAction, &QAction::triggered, m_scene, &widgets::CircuitScene::cutSelection);
    m_copyAction = editorAction(tr("&Copy"), QKeySequence::Copy, tr("Copy the selected nodes"));
    connect(m_copyAction, &QAction::triggered, m_scene, &widgets::CircuitScene::copySelection);
    m_pasteAction = editorAction(tr("&Paste"), QKeySequence::Paste, tr("Paste copied nodes"));
    connect(m_pasteAction, &QAction::triggered, m_scene, &widgets::CircuitScene::pasteClipboard);
    m_duplicateAction = editorAction(tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D),
                                     tr("Copy and paste the selection"));
    connect(m_duplicateAction, &QAction::triggered, m_scene,
            &widgets::CircuitScene::duplicateSelection);
    m_deleteAction = editorAction(tr("&Delete"), QKeySequence::Delete,
                                  tr("Delete the selected nodes and projections"));
    m_deleteAction->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    connect(m_deleteAction, &QAction::triggered, m_scene, &widgets::CircuitScene::deleteSelection);
    m_selectAllAction =
        editorAction(tr("Select &All"), QKeySequence::SelectAll, tr("Select every element"));
    connect(m_selectAllAction, &QAction::triggered, m_scene,
            &widgets::CircuitScene::selectAllElements);
    m_autoLayoutAction = make(QIcon(), tr("Automatic &Layout"), QKeySequence(Qt::CTRL | Qt::Key_L),
                              tr("Arrange the nodes in columns following the flow of activity"));
    // Triggering it is wired by the window (it also fits the view).

    m_zoomInAction =
        make(QIcon(), tr("Zoom &In"), QKeySequence(Qt::CTRL | Qt::Key_Plus), tr("Zoom in"));
    connect(m_zoomInAction, &QAction::triggered, m_view, &widgets::CircuitView::zoomIn);
    m_zoomOutAction =
        make(QIcon(), tr("Zoom &Out"), QKeySequence(Qt::CTRL | Qt::Key_Minus), tr("Zoom out"));
    connect(m_zoomOutAction, &QAction::triggered, m_view, &widgets::CircuitView::zoomOut);
    m_zoomResetAction =
        make(QIcon(), tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_0), tr("Zoom to 100 %"));
    connect(m_zoomResetAction, &QAction::triggered, m_view, &widgets::CircuitView::resetZoom);
    m_fitAction =
        make(s->standardIcon(QStyle::SP_TitleBarMaxButton), tr("&Fit to View"),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), tr("Show the whole circuit"));
    connect(m_fitAction, &QAction::triggered, m_view, &widgets::CircuitView::fitToView);
    m_snapAction = make(QIcon(), tr("Snap to &Grid"), QKeySequence(Qt::CTRL | Qt::Key_G),
                        tr("Snap dragged nodes to the grid"));
    m_snapAction->setCheckable(true);
    m_snapAction->setChecked(true);
    connect(m_snapAction, &QAction::toggled, m_scene, &widgets::CircuitScene::setGridSnapping);

    auto* themes = new QActionGroup(&m_window);
    m_lightAction = make(QIcon(), tr("&Light Theme"), {}, tr("Light colours"));
    m_darkAction = make(QIcon(), tr("&Dark Theme"), {}, tr("Dark colours"));
    for (QAction* action : {m_lightAction, m_darkAction}) {
        action->setCheckable(true);
        themes->addAction(action);
    }
    m_lightAction->setChecked(true);
    connect(m_lightAction, &QAction::triggered, &m_window,
            [this] { m_window.setDarkTheme(false); });
    connect(m_darkAction, &QAction::triggered, &m_window, [this] { m_window.setDarkTheme(true); });

    m_runAction = m_run->runAction();
    m_pauseAction = m_run->pauseAction();
    m_stopAction = m_run->stopAction();

    m_pluginsAction = new QAction(tr("&Plugins\u2026"), &m_window);
    m_pluginsAction->setObjectName(QStringLiteral("pluginsAction"));
    m_pluginsAction->setStatusTip(tr("List, disable and enable the model plugins"));
    connect(m_pluginsAction, &QAction::triggered, &m_window, &MainWindow::showPlugins);
    m_gettingStartedAction =
        make(QIcon(), tr("&Getting Started"), QKeySequence(Qt::Key_F1),
             tr("Build a circuit, run it, look at it, analyse it and export figures"));
    m_gettingStartedAction->setObjectName(QStringLiteral("gettingStartedAction"));
    connect(m_gettingStartedAction, &QAction::triggered, &m_window,
            &MainWindow::showGettingStarted);
    m_shortcutsAction =
        make(QIcon(), tr("&Keyboard Shortcuts"), QKeySequence(Qt::CTRL | Qt::Key_Slash),
             tr("List every keyboard shortcut and mouse gesture"));
    m_shortcutsAction->setObjectName(QStringLiteral("shortcutsAction"));
    connect(m_shortcutsAction, &QAction::triggered, &m_window, &MainWindow::showShortcuts);
    m_aboutAction = new QAction(tr("&About Plexus"), &m_window);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, &m_window, &MainWindow::showAbout);
}

void MainMenus::createMenus() {
    QMenu* fileMenu = m_window.menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(QStringLiteral("fileMenu"));
    fileMenu->addAction(m_newAction);
    fileMenu->addAction(m_openAction);
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainMenus::fillRecentMenu);
    m_examplesMenu = fileMenu->addMenu(tr("&Examples"));
    m_examplesMenu->setObjectName(QStringLiteral("examplesMenu"));
    fillExamplesMenu();
    fileMenu->addSeparator();
    fileMenu->addAction(m_saveAction);
    fileMenu->addAction(m_saveAsAction);
    fileMenu->addAction(m_reloadAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_exportFigureAction);
    fileMenu->addAction(m_exportRunAction);
    fileMenu->addAction(m_openRunAction);
    fileMenu->addAction(m_openSweepAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);

    QMenu* editMenu = m_window.menuBar()->addMenu(tr("&Edit"));
    editMenu->addAction(m_undoAction);
    editMenu->addAction(m_redoAction);
    editMenu->addSeparator();
    editMenu->addAction(m_cutAction);
    editMenu->addAction(m_copyAction);
    editMenu->addAction(m_pasteAction);
    editMenu->addAction(m_duplicateAction);
    editMenu->addAction(m_deleteAction);
    editMenu->addSeparator();
    editMenu->addAction(m_selectAllAction);
    editMenu->addAction(m_autoLayoutAction);

    m_viewMenu = m_window.menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    m_viewMenu->addAction(m_zoomInAction);
    m_viewMenu->addAction(m_zoomOutAction);
    m_viewMenu->addAction(m_zoomResetAction);
    m_viewMenu->addAction(m_fitAction);
    m_viewMenu->addAction(m_snapAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_lightAction);
    m_viewMenu->addAction(m_darkAction);
    m_viewMenu->addSeparator();
    // Panel toggles are added by createDocks().

    QMenu* runMenu = m_window.menuBar()->addMenu(tr("&Run"));
    runMenu->setObjectName(QStringLiteral("runMenu"));
    runMenu->addAction(m_runAction);
    runMenu->addAction(m_pauseAction);
    runMenu->addAction(m_run->stepAction());
    runMenu->addAction(m_stopAction);
    runMenu->addAction(m_run->resetAction());
    runMenu->addSeparator();
    runMenu->addAction(m_run->traceAction());
    runMenu->addSeparator();
    runMenu->addAction(m_protocolAction);

    QMenu* helpMenu = m_window.menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(QStringLiteral("helpMenu"));
    helpMenu->addAction(m_gettingStartedAction);
    helpMenu->addAction(m_shortcutsAction);
    helpMenu->addSeparator();
    helpMenu->addAction(m_pluginsAction);
    helpMenu->addAction(m_aboutAction);
}

void MainMenus::createToolBar() {
    QToolBar* toolBar = m_window.addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    toolBar->addAction(m_newAction);
    toolBar->addAction(m_openAction);
    toolBar->addAction(m_saveAction);
    toolBar->addSeparator();
    toolBar->addAction(m_undoAction);
    toolBar->addAction(m_redoAction);
    toolBar->addSeparator();
    toolBar->addAction(m_runAction);
    toolBar->addAction(m_pauseAction);
    toolBar->addAction(m_run->stepAction());
    toolBar->addAction(m_stopAction);
    toolBar->addAction(m_run->resetAction());
    toolBar->addWidget(m_run->speedBox());
    toolBar->addSeparator();
    toolBar->addAction(m_fitAction);
}

} // namespace plexus::app
