#include "AutosaveManager.h"
#include "GettingStartedDialog.h"
#include "MainWindow.h"
#include "QtMessageRouter.h"
#include "RunController.h"
#include "ShortcutsDialog.h"
#include "TestArtifacts.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QProcessEnvironment>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QTreeWidgetItem>
#include <QUndoStack>
#include <nlohmann/json.hpp>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/core/project/ProjectSpec.h>
#include <plexus/core/record/RunArchive.h>
#include <plexus/widgets/document/Document.h>
#include <plexus/widgets/editor/CircuitScene.h>
#include <plexus/widgets/editor/CircuitView.h>
#include <plexus/widgets/editor/NodeItem.h>
#include <plexus/widgets/editor/Palette.h>
#include <plexus/widgets/figures/FigureStyle.h>
#include <plexus/widgets/inspector/Inspector.h>
#include <plexus/widgets/inspector/ProjectSummaryView.h>
#include <plexus/widgets/live/LivePlotPanel.h>
#include <plexus/widgets/live/LiveRecording.h>
#include <plexus/widgets/live/RasterPlot.h>
#include <plexus/widgets/live/RatePlot.h>

using plexus::app::MainWindow;
using plexus::widgets::ProjectSummaryView;
namespace core = plexus::core;
namespace widgets = plexus::widgets;
using Section = ProjectSummaryView::Section;

/// Tests of the main window: loading projects, error reporting and the command-line screenshot.
class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void startsEmpty();
    void showsGeneratedProject();
    void showsCubaExample();
    void inspectorShowsSelectedNode();
    void malformedFileKeepsPreviousProject();
    void deeplyNestedFileKeepsPreviousProject();
    void missingFileReportsError();
    void savesAndReloads();
    void undoAndRedoFromTheEditMenu();
    void examplesGalleryOpensEveryExample();
    void themesSwitch();
    void layoutIsRememberedBetweenSessions();
    void autosaveAndCrashRecovery();
    void screenshotFromCommandLine();
    void quitWithBadProjectExitsNonZero();
    void runArchiveRoundTripThroughTheWindow();

    void everyShortcutIsUniqueInItsContext();
    void f5RunsAProjectThatHasAFile();
    void shortcutListIsReadFromTheActions();
    void defaultLayoutGivesRoomToCanvasAndPlots();
    void firstWindowFitsTheScreen();
    void openedCircuitsShowAtAReadableZoom();
    void paletteDoubleClicksPlaceNodesApart();
    void runningWithoutInputExplainsWhy();
    void gettingStartedOnTheFirstStartOnly();
    void statusAreasAgreeAfterARun();
    void inspectorFollowsSaveAs();
    void invalidInspectorInputBlocksTheRun();
    void qtMessagesGoToTheLogNotTheTerminal();

private:
    static QString cubaPath();
    static plexus::core::ProjectSpec makeFixture();
    QString fixturePath() const { return m_dir.filePath(QStringLiteral("fixture.json")); }
    /// A small project of built-in models that runs in a moment (0.1 s): drive -> E.
    QString runnablePath() const { return m_dir.filePath(QStringLiteral("runnable.json")); }
    static void checkPopulationSize(const MainWindow& window, const QString& name,
                                    const QString& size);
    QProcess* runPlexus(const QStringList& arguments);
    static bool waitForState(plexus::app::RunController* run, plexus::app::RunState state);

    QTemporaryDir m_dir;
};

QString TestMainWindow::cubaPath() {
    return QStringLiteral(PLEXUS_SOURCE_DIR "/resources/examples/cuba.json");
}

plexus::core::ProjectSpec TestMainWindow::makeFixture() {
    using namespace plexus::core;
    ProjectSpec project;
    project.name = "Fixture CUBA";
    project.description = "Test fixture written through ProjectIo";
    project.simulation.durationS = 0.1;

    PopulationSpec excitatory;
    excitatory.name = "E";
    excitatory.model = "lif_curr_exp";
    excitatory.size = 3200;
    excitatory.params = {{"tau_m", 20.0}, {"v_thresh", -50.0}};
    excitatory.initial = {{"v", ValueSpec::uniform(-60.0, -50.0)}};
    PopulationSpec inhibitory = excitatory;
    inhibitory.name = "I";
    inhibitory.size = 800;
    project.populations = {excitatory, inhibitory};

    StimulusSpec drive;
    drive.name = "drive";
    drive.model = "poisson";
    drive.size = 100;
    drive.params = {{"rate_hz", 5.0}};
    project.stimuli = {drive};

    ProjectionSpec ee;
    ee.name = "EE";
    ee.source = "E";
    ee.target = "E";
    ee.connectivity.rule = "fixed_probability";
    ee.connectivity.params = {{"p", 0.02}};
    ee.weight = ValueSpec::constant(0.27);
    ee.delayMs = ValueSpec::constant(0.8);
    ProjectionSpec ie = ee;
    ie.name = "IE";
    ie.source = "I";
    ie.receptor = "inh";
    project.projections = {ee, ie};
    return project;
}

void TestMainWindow::checkPopulationSize(const MainWindow& window, const QString& name,
                                         const QString& size) {
    const QTreeWidgetItem* item = window.summaryView()->findItem(Section::Populations, name);
    QVERIFY2(item != nullptr, qPrintable(QStringLiteral("population %1 not listed").arg(name)));
    QCOMPARE(item->text(ProjectSummaryView::SizeColumn), size);
    QVERIFY(!item->text(ProjectSummaryView::ModelColumn).isEmpty());
}

QProcess* TestMainWindow::runPlexus(const QStringList& arguments) {
    auto* process = new QProcess(this);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    process->setProcessEnvironment(environment);
    process->setWorkingDirectory(m_dir.path());
    process->start(QStringLiteral(PLEXUS_GUI_EXECUTABLE), arguments);
    if (!process->waitForFinished(120000)) {
        process->kill();
        process->waitForFinished();
    }
    return process;
}

bool TestMainWindow::waitForState(plexus::app::RunController* run, plexus::app::RunState state) {
    // Simulated progress, not wall time, decides: poll until the state comes (or a minute).
    for (int i = 0; i < 6000 && run->status().state != state; ++i) {
        QTest::qWait(10);
    }
    return run->status().state == state;
}

namespace {

/// Where a shortcut of @p action is active: the widgets whose focus (or whose window) it needs.
struct ShortcutScope {
    Qt::ShortcutContext context;
    QList<QWidget*> widgets; ///< associated widgets other than menus, menu bars and tool bars
};

ShortcutScope scopeOf(QAction* action) {
    ShortcutScope scope{action->shortcutContext(), {}};
    for (QObject* object : action->associatedObjects()) {
        auto* widget = qobject_cast<QWidget*>(object);
        if (widget != nullptr && qobject_cast<QMenu*>(widget) == nullptr &&
            qobject_cast<QMenuBar*>(widget) == nullptr &&
            qobject_cast<QToolBar*>(widget) == nullptr) {
            scope.widgets << widget;
        }
    }
    return scope;
}

/// True when the scopes of two shortcuts of one window can be active at the same time.
bool overlap(const ShortcutScope& a, const ShortcutScope& b) {
    const bool aWide = a.context == Qt::WindowShortcut || a.context == Qt::ApplicationShortcut ||
                       a.widgets.isEmpty();
    const bool bWide = b.context == Qt::WindowShortcut || b.context == Qt::ApplicationShortcut ||
                       b.widgets.isEmpty();
    if (aWide || bWide) {
        return true;
    }
    // Widget scopes overlap when one widget contains the other (or they are the same).
    for (QWidget* x : a.widgets) {
        for (QWidget* y : b.widgets) {
            if (x == y || x->isAncestorOf(y) || y->isAncestorOf(x)) {
                return true;
            }
        }
    }
    return false;
}

/// Every action of @p window that has a shortcut: its own, its children's, and those its
/// widgets carry.
QList<QAction*> shortcutActions(QWidget* window) {
    QList<QAction*> actions = window->findChildren<QAction*>();
    for (QWidget* widget : window->findChildren<QWidget*>()) {
        actions << widget->actions();
    }
    actions << window->actions();
    QList<QAction*> out;
    for (QAction* action : std::as_const(actions)) {
        if (!action->shortcuts().isEmpty() && !out.contains(action)) {
            out << action;
        }
    }
    return out;
}

} // namespace

void TestMainWindow::initTestCase() {
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
    // Settings and recovery files of this test live in Qt's test locations, never the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PlexusTest"));
    QCoreApplication::setApplicationName(QStringLiteral("TestMainWindow"));
    QSettings().clear();
    QDir(plexus::app::AutosaveManager::recoveryFolder()).removeRecursively();
    plexus::core::ProjectIo::save(makeFixture(), QFile::encodeName(fixturePath()).toStdString());
    {
        core::ProjectSpec runnable;
        runnable.name = "Runnable";
        runnable.simulation.durationS = 0.1;
        core::PopulationSpec e;
        e.name = "E";
        e.model = "lif_cuba";
        e.size = 200;
        runnable.populations = {e};
        core::StimulusSpec drive;
        drive.name = "drive";
        drive.model = "poisson";
        drive.size = 50;
        drive.params = {{"rate_hz", 50.0}};
        runnable.stimuli = {drive};
        core::ProjectionSpec input;
        input.name = "input";
        input.source = "drive";
        input.target = "E";
        input.connectivity.rule = "fixed_probability";
        input.connectivity.params = {{"p", 0.2}};
        input.weight = core::ValueSpec::constant(5.0);
        input.delayMs = core::ValueSpec::constant(1.0);
        runnable.projections = {input};
        core::ProjectIo::save(runnable, QFile::encodeName(runnablePath()).toStdString());
    }
    QVERIFY(QFileInfo::exists(fixturePath()));
}

void TestMainWindow::startsEmpty() {
    MainWindow window;
    QVERIFY(!window.hasProject());
    QVERIFY(window.summaryView()->isEmpty());
    QCOMPARE(window.windowTitle(), QStringLiteral("Plexus"));
    QCOMPARE(window.summaryView()->sectionItem(Section::Populations), nullptr);
    // The circuit editor is the central widget; the panels are docks.
    QVERIFY(window.centralWidget()->isAncestorOf(window.circuitView()));
    for (const char* dock : {"paletteDock", "inspectorDock", "overviewDock", "historyDock",
                             "plotsDock", "view3dDock", "analysisDock", "logDock"}) {
        QVERIFY2(window.findChild<QDockWidget*>(QLatin1String(dock)) != nullptr, dock);
    }
    QVERIFY(window.scene()->nodeItems().isEmpty());
    QVERIFY(!window.isRecoveryOffered());
}

void TestMainWindow::showsGeneratedProject() {
    MainWindow window;
    QSignalSpy loaded(&window, &MainWindow::projectLoaded);
    QVERIFY2(window.loadProject(fixturePath()), qPrintable(window.lastError()));
    QCOMPARE(loaded.count(), 1);
    QVERIFY(window.hasProject());
    QVERIFY(window.lastError().isEmpty());
    QCOMPARE(window.windowTitle(), QStringLiteral("Plexus \u2014 Fixture CUBA"));

    checkPopulationSize(window, QStringLiteral("E"), QStringLiteral("3200"));
    checkPopulationSize(window, QStringLiteral("I"), QStringLiteral("800"));

    const ProjectSummaryView* view = window.summaryView();
    QCOMPARE(view->sectionItem(Section::Populations)->childCount(), 2);
    QCOMPARE(view->sectionItem(Section::Stimuli)->childCount(), 1);
    QCOMPARE(view->sectionItem(Section::Projections)->childCount(), 2);

    const QTreeWidgetItem* ee = view->findItem(Section::Projections, QStringLiteral("EE"));
    QVERIFY(ee != nullptr);
    QVERIFY(ee->text(ProjectSummaryView::ConnectivityColumn).startsWith("fixed_probability"));
    QVERIFY(ee->text(ProjectSummaryView::ConnectivityColumn).contains("p=0.02"));
    QCOMPARE(ee->text(ProjectSummaryView::ModelColumn), QStringLiteral("static"));

    const QTreeWidgetItem* drive = view->findItem(Section::Stimuli, QStringLiteral("drive"));
    QVERIFY(drive != nullptr);
    QCOMPARE(drive->text(ProjectSummaryView::SizeColumn), QStringLiteral("100"));
}

void TestMainWindow::showsCubaExample() {
    if (!QFileInfo::exists(cubaPath())) {
        QSKIP("resources/examples/cuba.json is not there yet");
    }
    MainWindow window;
    QVERIFY2(window.loadProject(cubaPath()), qPrintable(window.lastError()));
    checkPopulationSize(window, QStringLiteral("E"), QStringLiteral("3200"));
    checkPopulationSize(window, QStringLiteral("I"), QStringLiteral("800"));
    QVERIFY(window.summaryView()->sectionItem(Section::Projections)->childCount() > 0);
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("Plexus \u2014 ")));
    QCOMPARE(window.scene()->nodeItems().size(), 4);
    QCOMPARE(window.scene()->edgeItems().size(), 4);
    QCOMPARE(window.recentFiles().value(0), QFileInfo(cubaPath()).absoluteFilePath());
}

void TestMainWindow::inspectorShowsSelectedNode() {
    MainWindow window;
    QVERIFY(window.loadProject(cubaPath()));
    // Selecting a row of the overview selects the node in the editor and shows it.
    QTreeWidgetItem* item =
        window.summaryView()->findItem(Section::Populations, QStringLiteral("I"));
    QVERIFY(item != nullptr);
    window.summaryView()->treeWidget()->setCurrentItem(item);
    QCOMPARE(window.scene()->selectedNodes(), QStringList{QStringLiteral("I")});
    QCOMPARE(window.inspector()->currentNode(), QStringLiteral("I"));
    auto* size = qobject_cast<QLineEdit*>(window.inspector()->field(QStringLiteral("size")));
    QVERIFY(size != nullptr);
    QCOMPARE(size->text(), QStringLiteral("800"));
    auto* tau = qobject_cast<QLineEdit*>(window.inspector()->field(QStringLiteral("param:tau_m")));
    QVERIFY(tau != nullptr);
    QCOMPARE(tau->text(), QStringLiteral("20"));
}

void TestMainWindow::malformedFileKeepsPreviousProject() {
    MainWindow window;
    QVERIFY2(window.loadProject(fixturePath()), qPrintable(window.lastError()));
    const QString title = window.windowTitle();

    const QString badPath = m_dir.filePath(QStringLiteral("broken-project.json"));
    {
        QFile bad(badPath);
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(R"({"format": "plexus-project", "formatVersion": 1, "populations": [{"na)");
    }

    QSignalSpy failed(&window, &MainWindow::projectLoadFailed);
    QVERIFY(!window.loadProject(badPath));
    QCOMPARE(failed.count(), 1);
    {
        QFile bad(badPath);
        QVERIFY(bad.open(QIODevice::ReadOnly));
        QVERIFY(bad.readAll().endsWith(R"([{"na)"));
    }

    QVERIFY2(window.lastError().contains(QStringLiteral("broken-project.json")),
             qPrintable(window.lastError()));
    QVERIFY(window.logText().contains(QStringLiteral("broken-project.json")));
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("broken-project.json")));

    // The previous project is still loaded and shown.
    QVERIFY(window.hasProject());
    QCOMPARE(window.projectPath(), QFileInfo(fixturePath()).absoluteFilePath());
    QCOMPARE(window.windowTitle(), title);
    checkPopulationSize(window, QStringLiteral("E"), QStringLiteral("3200"));
    checkPopulationSize(window, QStringLiteral("I"), QStringLiteral("800"));

    // A later good load clears the error.
    QVERIFY(window.loadProject(fixturePath()));
    QVERIFY(window.lastError().isEmpty());
}

void TestMainWindow::deeplyNestedFileKeepsPreviousProject() {
    MainWindow window;
    QVERIFY2(window.loadProject(fixturePath()), qPrintable(window.lastError()));
    const QString title = window.windowTitle();

    // 200 KB nested 10^5 levels deep: copying or printing it would overflow the stack.
    const QString deepPath = m_dir.filePath(QStringLiteral("deep-project.json"));
    const QByteArray deep = R"({"format": "plexus-project", "formatVersion": 2, "x": )" +
                            QByteArray(100000, '[') + QByteArray(100000, ']') + "}";
    {
        QFile file(deepPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(deep);
    }

    QSignalSpy failed(&window, &MainWindow::projectLoadFailed);
    QVERIFY(!window.loadProject(deepPath));
    QCOMPARE(failed.count(), 1);
    const QString expected = QFileInfo(deepPath).absoluteFilePath() +
                             QStringLiteral(": line 1, column 310: nesting deeper than 256 levels");
    QVERIFY2(window.lastError().contains(expected), qPrintable(window.lastError()));
    QVERIFY(window.logText().contains(expected));
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("deep-project.json")));

    // The previous project stays, and the file is untouched.
    QCOMPARE(window.projectPath(), QFileInfo(fixturePath()).absoluteFilePath());
    QCOMPARE(window.windowTitle(), title);
    checkPopulationSize(window, QStringLiteral("E"), QStringLiteral("3200"));
    QFile file(deepPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), deep);
}

void TestMainWindow::missingFileReportsError() {
    MainWindow window;
    const QString missing = m_dir.filePath(QStringLiteral("does-not-exist.json"));
    QVERIFY(!window.loadProject(missing));
    QVERIFY2(window.lastError().contains(QStringLiteral("does-not-exist.json")),
             qPrintable(window.lastError()));
    QVERIFY(!window.hasProject());
    QVERIFY(window.summaryView()->isEmpty());
    QCOMPARE(window.windowTitle(), QStringLiteral("Plexus"));
}

void TestMainWindow::savesAndReloads() {
    MainWindow window;
    QVERIFY(window.loadProject(cubaPath()));
    auto* document = window.document();
    auto population = *document->population(QStringLiteral("E"));
    population.params["tau_m"] = 25.0;
    QVERIFY(document->updatePopulation(QStringLiteral("E"), population));
    QVERIFY(window.windowTitle().endsWith(QStringLiteral(" *")));
    const QString path = m_dir.filePath(QStringLiteral("saved.json"));
    QVERIFY2(window.saveProject(path), qPrintable(window.lastError()));
    QVERIFY(!document->isModified());
    QVERIFY(!window.windowTitle().endsWith(QStringLiteral(" *")));
    QCOMPARE(window.projectPath(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(window.recentFiles().value(0), QFileInfo(path).absoluteFilePath());

    MainWindow other;
    QVERIFY(other.loadProject(path));
    QVERIFY(other.document()->project() == document->project());
    QCOMPARE(other.document()->population(QStringLiteral("E"))->params.at("tau_m"), 25.0);
    // Positions came back from the file's layout.
    for (const QString& name : document->nodeNames()) {
        QCOMPARE(other.document()->nodePosition(name), document->nodePosition(name));
    }
    // Saving where it cannot write reports the error and keeps the document as it was.
    QVERIFY(!window.saveProject(m_dir.filePath(QStringLiteral("no/such/folder/x.json"))));
    QVERIFY(!window.lastError().isEmpty());
    QCOMPARE(window.projectPath(), QFileInfo(path).absoluteFilePath());
}

void TestMainWindow::undoAndRedoFromTheEditMenu() {
    MainWindow window;
    QAction* undo = nullptr;
    QAction* redo = nullptr;
    for (QAction* action : window.findChildren<QAction*>()) {
        if (action->shortcut() == QKeySequence(QKeySequence::Undo)) {
            undo = action;
        } else if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)) {
            redo = action;
        }
    }
    QVERIFY(undo != nullptr && redo != nullptr);
    QVERIFY(!undo->isEnabled());
    window.scene()->dropEntry(QStringLiteral("model:lif_cuba"), QPointF(0, 0));
    QVERIFY(undo->isEnabled());
    QVERIFY(undo->text().contains(QStringLiteral("Add population P1")));
    QVERIFY(window.hasProject());
    undo->trigger();
    QVERIFY(window.document()->nodeNames().isEmpty());
    QVERIFY(window.scene()->nodeItems().isEmpty());
    redo->trigger();
    QCOMPARE(window.document()->nodeNames(), QStringList{QStringLiteral("P1")});
}

void TestMainWindow::examplesGalleryOpensEveryExample() {
    MainWindow window;
    const QStringList names = MainWindow::exampleNames();
    for (const char* name : {"cuba.json", "coba.json", "liquid_state_machine.json",
                             "stdp_learning.json", "ei_reservoir.json", "gain_control.json"}) {
        QVERIFY2(names.contains(QLatin1String(name)), name);
        QVERIFY2(window.findChild<QAction*>(QStringLiteral("example:") + QLatin1String(name)) !=
                     nullptr,
                 name);
    }
    for (const QString& name : names) {
        QVERIFY2(window.openExample(name), qPrintable(window.lastError()));
        QVERIFY(window.hasProject());
        QVERIFY(window.projectPath().isEmpty()); // an untitled copy: saving asks for a file
        QVERIFY(!window.document()->isModified());
        QVERIFY(!window.document()->nodeNames().isEmpty());
        QCOMPARE(window.scene()->nodeItems().size(), window.document()->nodeNames().size());
        QVERIFY(!window.logText().contains(QStringLiteral("Models not available")));
    }
    QVERIFY(!window.openExample(QStringLiteral("no-such-example.json")));
}

void TestMainWindow::themesSwitch() {
    MainWindow window;
    window.setDarkTheme(true);
    QVERIFY(window.isDarkTheme());
    QVERIFY(window.scene()->theme().isDark);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
    window.setDarkTheme(false);
    QVERIFY(!window.scene()->theme().isDark);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 150);
}

void TestMainWindow::layoutIsRememberedBetweenSessions() {
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.findChild<QDockWidget*>(QStringLiteral("paletteDock"))->hide();
        window.setDarkTheme(true);
        window.saveSession();
    }
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("paletteDock"))->isVisible());
    window.restoreSession();
    QVERIFY(!window.findChild<QDockWidget*>(QStringLiteral("paletteDock"))->isVisible());
    QVERIFY(window.isDarkTheme());
    window.setDarkTheme(false);
    QSettings().remove(QStringLiteral("window"));
}

void TestMainWindow::autosaveAndCrashRecovery() {
    using plexus::app::AutosaveManager;
    const QString project = m_dir.filePath(QStringLiteral("recover-me.json"));
    QFile::remove(project);
    QVERIFY(QFile::copy(cubaPath(), project));
    QFile(project).setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QByteArray original;
    {
        QFile file(project);
        QVERIFY(file.open(QIODevice::ReadOnly));
        original = file.readAll();
    }
    plexus::core::ProjectSpec edited;
    {
        auto* window = new MainWindow;
        QVERIFY(window->loadProject(project));
        QVERIFY(!window->autosave()->autosaveNow()); // nothing to save yet
        auto population = *window->document()->population(QStringLiteral("I"));
        population.size = 900;
        QVERIFY(window->document()->updatePopulation(QStringLiteral("I"), population));
        QVERIFY(window->autosave()->autosaveNow());
        const QString recovery = window->autosave()->currentRecoveryFile();
        QVERIFY(QFileInfo::exists(recovery));
        QVERIFY(recovery.startsWith(AutosaveManager::recoveryFolder()));
        edited = window->document()->project();
        // The session ends without closing the window (a crash): the recovery file stays.
        delete window;
        QVERIFY(QFileInfo::exists(recovery));
    }
    {
        QFile file(project);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), original); // the user's file was never written
        QFile(project).setFileTime(QDateTime::currentDateTime().addSecs(-60),
                                   QFileDevice::FileModificationTime);
    }
    MainWindow window;
    QVERIFY(window.loadProject(project));
    QVERIFY(window.checkForRecovery(project));
    QVERIFY(window.isRecoveryOffered());
    QVERIFY(window.restoreRecovery());
    QVERIFY(!window.isRecoveryOffered());
    QVERIFY(window.document()->project() == edited);
    QVERIFY(window.document()->isModified());
    QCOMPARE(window.projectPath(), QFileInfo(project).absoluteFilePath());
    // The restored changes are one undo step on top of the saved project.
    window.document()->undoStack()->undo();
    QCOMPARE(window.document()->population(QStringLiteral("I"))->size, std::int64_t(800));
    window.document()->undoStack()->redo();

    // Saving clears the recovery; a recovery older than the project is not offered.
    QVERIFY(window.saveProject(project));
    QVERIFY(!QFileInfo::exists(window.autosave()->currentRecoveryFile()));
    QVERIFY(!window.checkForRecovery(project));

    // Discarding deletes the offered file.
    auto population = *window.document()->population(QStringLiteral("E"));
    population.size = 10;
    QVERIFY(window.document()->updatePopulation(QStringLiteral("E"), population));
    QVERIFY(window.autosave()->autosaveNow());
    QFile(project).setFileTime(QDateTime::currentDateTime().addSecs(-60),
                               QFileDevice::FileModificationTime);
    QVERIFY(window.checkForRecovery(project));
    window.discardRecovery();
    QVERIFY(!QFileInfo::exists(AutosaveManager::recoveryFileFor(project)));
    QVERIFY(!window.checkForRecovery(project));
}

void TestMainWindow::screenshotFromCommandLine() {
    const QString project = QFileInfo::exists(cubaPath()) ? cubaPath() : fixturePath();
    const QString png = m_dir.filePath(QStringLiteral("out.png"));
    QProcess* process =
        runPlexus({project, QStringLiteral("--screenshot"), png, QStringLiteral("--size"),
                   QStringLiteral("1200x760"), QStringLiteral("--quit")});
    const QByteArray errors = process->readAllStandardError();
    QCOMPARE(process->exitStatus(), QProcess::NormalExit);
    QVERIFY2(process->exitCode() == 0, errors.constData());

    QImage image(png);
    QVERIFY2(!image.isNull(), "screenshot missing or unreadable");
    QCOMPARE(image.size(), QSize(1200, 760));

    // Non-blank: the grey levels vary across the image.
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    double sum = 0.0;
    double sumSquares = 0.0;
    for (int y = 0; y < grey.height(); ++y) {
        const uchar* row = grey.constScanLine(y);
        for (int x = 0; x < grey.width(); ++x) {
            sum += row[x];
            sumSquares += double(row[x]) * row[x];
        }
    }
    const double count = double(grey.width()) * grey.height();
    const double mean = sum / count;
    const double variance = sumSquares / count - mean * mean;
    QVERIFY2(variance > 1.0, qPrintable(QStringLiteral("variance %1").arg(variance)));
}

void TestMainWindow::quitWithBadProjectExitsNonZero() {
    const QString missing = m_dir.filePath(QStringLiteral("no-such-project.json"));
    QProcess* process = runPlexus({missing, QStringLiteral("--quit")});
    QCOMPARE(process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(process->exitCode(), 1);
    QVERIFY(process->readAllStandardError().contains("no-such-project.json"));
}

void TestMainWindow::runArchiveRoundTripThroughTheWindow() {
    // Run the CUBA example live for 200 ms, export the run to an HDF5 archive, then show the
    // archive again: the plots' recording holds exactly the same spikes and rates.
    QTemporaryDir dir;
    MainWindow window;
    QVERIFY2(window.loadProject(cubaPath()), qPrintable(window.lastError()));
    window.runController()->runFor(0.2);
    QVERIFY(window.runController()->waitUntilDone(120000));
    const widgets::LiveRecording& live = window.runController()->recording();
    QVERIFY(live.spikeTotal() > 1000);
    const std::vector<std::int64_t> steps = live.spikeSteps(0);
    const std::vector<std::int32_t> neurons = live.spikeNeurons(0);
    const std::vector<std::uint32_t> bins = live.rateBins(1);
    const std::uint64_t total = live.spikeTotal();

    const QString archive = dir.filePath(QStringLiteral("run.h5"));
    QString error;
    QVERIFY2(window.exportRun(archive, &error), qPrintable(error));
    const core::RunRecord record = core::RunArchive::read(archive.toStdString());
    QCOMPARE(record.name, std::string("CUBA"));
    QVERIFY(std::abs(record.durationMs - 200.0) < 1e-9);
    QCOMPARE(record.populations.at(0).spikes.at(0).neurons, neurons);

    QVERIFY2(window.openRun(archive, &error), qPrintable(error));
    const widgets::LiveRecording& shown = window.runController()->recording();
    QCOMPARE(shown.spikeTotal(), total);
    QCOMPARE(shown.spikeSteps(0), steps);
    QCOMPARE(shown.spikeNeurons(0), neurons);
    QCOMPARE(shown.rateBins(1), bins);
    QCOMPARE(window.runController()->recordedRunSource(), archive);
    // Polls leave the recorded run alone until a new run starts.
    QTest::qWait(200);
    QCOMPARE(window.runController()->recording().spikeTotal(), total);
    // A figure of the recorded run names the archive in its provenance.
    const QString figure = dir.filePath(QStringLiteral("raster.svg"));
    QVERIFY2(
        window.exportFigure({QStringLiteral("raster")}, widgets::FigureStyle{}, 1, figure, &error),
        qPrintable(error));
    QFile sidecar(figure + QStringLiteral(".json"));
    QVERIFY(sidecar.open(QIODevice::ReadOnly));
    const auto provenance = nlohmann::json::parse(sidecar.readAll().toStdString());
    QCOMPARE(provenance["run"]["state"].get<std::string>(), std::string("recorded"));
    QCOMPARE(provenance["run"]["spikes"].get<std::uint64_t>(), total);
    QCOMPARE(QString::fromStdString(provenance["run"]["source"].get<std::string>()),
             QFileInfo(archive).absoluteFilePath());

    // A file that is not an archive: one error naming it, the shown run is kept.
    const QString text = dir.filePath(QStringLiteral("notes.h5"));
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not hdf5");
    file.close();
    QVERIFY(!window.openRun(text, &error));
    QVERIFY2(error.contains(QStringLiteral("notes.h5")), qPrintable(error));
    QCOMPARE(window.runController()->recording().spikeTotal(), total);
}

void TestMainWindow::everyShortcutIsUniqueInItsContext() {
    MainWindow window;
    QVERIFY(window.loadProject(fixturePath())); // Reload is enabled with a file
    const QList<QAction*> actions = shortcutActions(&window);
    QVERIFY2(actions.size() >= 30, qPrintable(QString::number(actions.size())));
    QStringList clashes;
    for (qsizetype i = 0; i < actions.size(); ++i) {
        for (qsizetype j = i + 1; j < actions.size(); ++j) {
            for (const QKeySequence& key : actions[i]->shortcuts()) {
                if (actions[j]->shortcuts().contains(key) &&
                    overlap(scopeOf(actions[i]), scopeOf(actions[j]))) {
                    clashes << QStringLiteral("%1: \"%2\" and \"%3\"")
                                   .arg(key.toString(), actions[i]->text(), actions[j]->text());
                }
            }
        }
    }
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QStringLiteral("; "))));
    // The keys IDE users expect.
    QCOMPARE(window.runController()->runAction()->shortcut(), QKeySequence(Qt::Key_F5));
}

void TestMainWindow::f5RunsAProjectThatHasAFile() {
    MainWindow window;
    QVERIFY(window.loadProject(runnablePath()));
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.circuitView()->setFocus();
    QSignalSpy runs(window.runController()->runAction(), &QAction::triggered);
    QTest::keyClick(&window, Qt::Key_F5);
    QCOMPARE(runs.count(), 1);
    QVERIFY(window.runController()->waitUntilDone(120000));
    QCOMPARE(window.runController()->status().state, plexus::app::RunState::Finished);
}

void TestMainWindow::shortcutListIsReadFromTheActions() {
    MainWindow window;
    QVERIFY(window.loadProject(fixturePath()));
    auto rows = [](plexus::app::ShortcutsDialog* dialog) {
        QStringList out;
        QTreeWidget* tree = dialog->tree();
        for (int g = 0; g < tree->topLevelItemCount(); ++g) {
            for (int i = 0; i < tree->topLevelItem(g)->childCount(); ++i) {
                const QTreeWidgetItem* item = tree->topLevelItem(g)->child(i);
                out << item->text(0) + QStringLiteral(" = ") + item->text(1);
            }
        }
        return out;
    };
    plexus::app::ShortcutsDialog* dialog = window.showShortcuts();
    QVERIFY(dialog != nullptr && dialog->isVisible());
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    dialog->grab().save(plexus::tests::artifactPath(QStringLiteral("shortcuts-dialog.png")));
    const QStringList listed = rows(dialog);
    dialog->close();
    // Every action with a shortcut is there with all its keys, the editor's own keys included.
    for (QAction* action : shortcutActions(&window)) {
        QString text = action->text().remove(QLatin1Char('&'));
        if (text.endsWith(QChar(0x2026))) {
            text.chop(1);
        }
        QStringList keys;
        for (const QKeySequence& key : action->shortcuts()) {
            keys << key.toString(QKeySequence::NativeText);
        }
        const QString row =
            text.trimmed() + QStringLiteral(" = ") + keys.join(QStringLiteral(", "));
        QVERIFY2(listed.contains(row), qPrintable(row));
    }
    QVERIFY(listed.contains(QStringLiteral("Run = F5")));
    QVERIFY(listed.contains(QStringLiteral("Reload = Ctrl+Shift+R")));
    QVERIFY(listed.contains(QStringLiteral("Fit to View = F")));
    QVERIFY(listed.contains(QStringLiteral("Redo = Ctrl+Shift+Z, Ctrl+Y")));
    QVERIFY(listed.contains(QStringLiteral("Save As = Ctrl+Shift+S")));
    QVERIFY(listed.contains(QStringLiteral("Pan = Middle drag, or Space+drag")));
    // An action added later is listed the next time: the list never goes stale.
    auto* extra = new QAction(QStringLiteral("Extra tool"), &window);
    extra->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_X));
    window.menuBar()->actions().front()->menu()->addAction(extra);
    dialog = window.showShortcuts();
    QVERIFY(rows(dialog).contains(QStringLiteral("Extra tool = Ctrl+Alt+X")));
    dialog->close();
}

void TestMainWindow::defaultLayoutGivesRoomToCanvasAndPlots() {
    for (const QSize screen :
         {QSize(1280, 800), QSize(1366, 768), QSize(1600, 900), QSize(1920, 1080)}) {
        const QString where = QStringLiteral("%1x%2").arg(screen.width()).arg(screen.height());
        MainWindow window;
        const QRect available(QPoint(0, 0), screen);
        window.applyDefaultGeometry(available);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(50);
        QVERIFY2(available.contains(window.frameGeometry()), qPrintable(where));
        const double area = double(window.width()) * window.height();
        const QWidget* canvas = window.circuitView();
        auto* plots = window.findChild<QDockWidget*>(QStringLiteral("plotsDock"));
        auto* log = window.findChild<QDockWidget*>(QStringLiteral("logDock"));
        // The plots are in front; the log is a tab behind them.
        QVERIFY2(!plots->visibleRegion().isEmpty(), qPrintable(where));
        QVERIFY2(log->visibleRegion().isEmpty(), qPrintable(where));
        const double canvasShare = double(canvas->width()) * canvas->height() / area;
        const double plotsShare = double(plots->width()) * plots->height() / area;
        const QString shares = QStringLiteral("%1: canvas %2 x %3 (%4 %), plots %5 x %6 (%7 %)")
                                   .arg(where)
                                   .arg(canvas->width())
                                   .arg(canvas->height())
                                   .arg(100 * canvasShare, 0, 'f', 1)
                                   .arg(plots->width())
                                   .arg(plots->height())
                                   .arg(100 * plotsShare, 0, 'f', 1);
        qInfo("%s", qPrintable(shares));
        window.grab().save(
            plexus::tests::artifactPath(QStringLiteral("default-layout-%1.png").arg(where)));
        QVERIFY2(canvasShare + plotsShare >= 0.55, qPrintable(shares));
        QVERIFY2(canvas->height() >= window.height() * 0.4, qPrintable(shares));
        QVERIFY2(canvas->width() >= window.width() * 0.45, qPrintable(shares));
        QVERIFY2(plots->height() >= window.height() * 0.3, qPrintable(shares));
    }
}

void TestMainWindow::firstWindowFitsTheScreen() {
    MainWindow window;
    const QRect available = window.screen()->availableGeometry();
    // Whatever a panel needs, the window can be that small.
    QVERIFY(window.minimumSizeHint().width() <= available.width());
    QVERIFY(window.minimumSizeHint().height() <= available.height());
}

void TestMainWindow::openedCircuitsShowAtAReadableZoom() {
    using plexus::widgets::CircuitView;
    MainWindow window;
    window.applyDefaultGeometry(QRect(0, 0, 1280, 800));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto zoomAfter = [&](auto open) {
        QVERIFY(open());
        QTest::qWait(50);
    };
    for (const QString& name : MainWindow::exampleNames()) {
        zoomAfter([&] { return window.openExample(name); });
        const qreal zoom = window.circuitView()->zoom();
        QVERIFY2(zoom >= CircuitView::readableZoom - 1e-9 && zoom <= 1.0 + 1e-9,
                 qPrintable(QStringLiteral("%1: %2").arg(name).arg(zoom)));
    }
    // One small node is not blown up beyond 100 %.
    core::ProjectSpec small;
    core::PopulationSpec one;
    one.name = "Only";
    one.model = "lif_cuba";
    one.size = 10;
    small.populations = {one};
    const QString smallPath = m_dir.filePath(QStringLiteral("small.json"));
    core::ProjectIo::save(small, smallPath.toStdString());
    zoomAfter([&] { return window.loadProject(smallPath); });
    QCOMPARE(window.circuitView()->zoom(), 1.0);
    // A wide circuit (30 populations in a row) stays readable: its start shows.
    core::ProjectSpec wide;
    for (int i = 0; i < 30; ++i) {
        core::PopulationSpec population = one;
        population.name = "P" + std::to_string(i);
        wide.populations.push_back(population);
        if (i > 0) {
            core::ProjectionSpec projection;
            projection.name = "link" + std::to_string(i);
            projection.source = "P" + std::to_string(i - 1);
            projection.target = population.name;
            projection.connectivity.rule = "one_to_one";
            wide.projections.push_back(projection);
        }
    }
    const QString widePath = m_dir.filePath(QStringLiteral("wide.json"));
    core::ProjectIo::save(wide, widePath.toStdString());
    zoomAfter([&] { return window.loadProject(widePath); });
    QCOMPARE(window.circuitView()->zoom(), CircuitView::readableZoom);
    const QRect viewport = window.circuitView()->viewport()->rect();
    const QRect first =
        window.circuitView()
            ->mapFromScene(window.scene()->node(QStringLiteral("P0"))->sceneBoundingRect())
            .boundingRect();
    QVERIFY2(viewport.contains(first), "the circuit's first node is not in view");
}

void TestMainWindow::paletteDoubleClicksPlaceNodesApart() {
    MainWindow window;
    window.applyDefaultGeometry(QRect(0, 0, 1280, 800));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(50);
    QTreeWidget* tree = window.palette()->tree();
    QTreeWidgetItem* item = window.palette()->findEntry(QStringLiteral("model:lif_cuba"));
    QVERIFY(item != nullptr);
    tree->scrollToItem(item);
    const QPoint at = tree->visualItemRect(item).center();
    auto visibleCentre = [&] {
        return window.circuitView()->mapToScene(window.circuitView()->viewport()->rect().center());
    };
    const QPointF centre = visibleCentre();
    for (int i = 0; i < 10; ++i) {
        // Each new node goes near the middle of what the view shows at that moment.
        const QPointF middle = visibleCentre();
        // A double-click is press, release, double-click, release.
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, Qt::NoModifier, at);
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, Qt::NoModifier, at);
        QTest::qWait(20);
        const QString name = QStringLiteral("P%1").arg(i + 1);
        QVERIFY2(window.scene()->node(name) != nullptr, qPrintable(name));
        QVERIFY2(QLineF(window.document()->nodePosition(name), middle).length() < 600.0,
                 qPrintable(name));
    }
    window.circuitView()->fitToView();
    window.grab().save(plexus::tests::artifactPath(QStringLiteral("ten-new-nodes.png")));
    const QList<plexus::widgets::NodeItem*> nodes = window.scene()->nodeItems();
    QCOMPARE(nodes.size(), 10);
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        for (qsizetype j = i + 1; j < nodes.size(); ++j) {
            QVERIFY2(
                !nodes[i]->sceneCardRect().intersects(nodes[j]->sceneCardRect()),
                qPrintable(nodes[i]->name() + QStringLiteral(" overlaps ") + nodes[j]->name()));
        }
    }
    // The first one sits in the middle of the view.
    const QPointF first = window.document()->nodePosition(QStringLiteral("P1"));
    QVERIFY(QLineF(first, centre).length() <= plexus::widgets::CircuitScene::gridSize);
}

void TestMainWindow::runningWithoutInputExplainsWhy() {
    MainWindow window;
    plexus::app::RunController* run = window.runController();
    // Before any run the plots say what to do.
    QVERIFY2(
        run->plotPanel()->rasterPlot()->emptyMessage().contains(QStringLiteral("Press Run (F5)")),
        qPrintable(run->plotPanel()->rasterPlot()->emptyMessage()));
    QVERIFY(
        run->plotPanel()->ratePlot()->emptyMessage().contains(QStringLiteral("Press Run (F5)")));
    // An empty project does not run, and says why.
    QSignalSpy advice(run, &plexus::app::RunController::advice);
    QVERIFY(!run->run());
    QCOMPARE(run->status().state, plexus::app::RunState::Idle);
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("no populations")),
             qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(window.logText().contains(QStringLiteral("no populations")));
    // A population that nothing drives runs silent: the status bar and the log name it.
    window.scene()->dropEntry(QStringLiteral("model:lif_cuba"), QPointF(0, 0));
    QVERIFY(run->runFor(0.3));
    QVERIFY(run->waitUntilDone(120000));
    QCOMPARE(run->recording().spikeTotal(), std::uint64_t(0));
    const QString expected = QStringLiteral("Population P1 has no input: connect a stimulus");
    QVERIFY2(window.statusBar()->currentMessage().contains(expected),
             qPrintable(window.statusBar()->currentMessage()));
    QVERIFY2(window.logText().contains(expected), qPrintable(window.logText()));
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.grab().save(plexus::tests::artifactPath(QStringLiteral("advice-in-status-bar.png")));
    // With a stimulus driving it there is nothing to say.
    const QString source =
        window.scene()->dropEntry(QStringLiteral("model:poisson"), QPointF(-400, 0));
    QVERIFY(!source.isEmpty());
    QVERIFY(window.document()->connectNodes(source, QStringLiteral("P1")));
    auto projection = *window.document()->projection(window.document()->lastCreatedProjection());
    projection.weight = core::ValueSpec::constant(20.0);
    QVERIFY(window.document()->updateProjection(projection.name.c_str(), projection));
    advice.clear();
    run->reset();
    QVERIFY(run->runFor(0.3));
    QVERIFY(run->waitUntilDone(120000));
    QVERIFY(run->recording().spikeTotal() > 0);
    QCOMPARE(advice.count(), 0);
}

void TestMainWindow::gettingStartedOnTheFirstStartOnly() {
    QSettings().remove(QStringLiteral("help"));
    {
        MainWindow window;
        QVERIFY(window.showGettingStartedOnFirstStart());
        auto* dialog = window.findChild<plexus::app::GettingStartedDialog*>();
        QVERIFY(dialog != nullptr && dialog->isVisible());
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        dialog->grab().save(plexus::tests::artifactPath(QStringLiteral("getting-started.png")));
        // A real page: a title and a heading per step.
        const QString html = dialog->browser()->toHtml();
        const QString text = dialog->browser()->toPlainText();
        QVERIFY(dialog->browser()->document()->toPlainText().startsWith(
            QStringLiteral("Getting Started with Plexus")));
        for (const char* heading :
             {"1. Build a circuit", "2. Run", "3. Look", "4. Analyse", "5. Export"}) {
            QVERIFY2(text.contains(QLatin1String(heading)), heading);
        }
        QVERIFY(html.contains(QStringLiteral("font-size")) || html.contains(QStringLiteral("<h2")));
        dialog->close();
    }
    {
        // Not again; but always from the Help menu.
        MainWindow window;
        QVERIFY(!window.showGettingStartedOnFirstStart());
        QVERIFY(window.findChild<plexus::app::GettingStartedDialog*>() == nullptr);
        auto* action = window.findChild<QAction*>(QStringLiteral("gettingStartedAction"));
        QVERIFY(action != nullptr);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::Key_F1));
        action->trigger();
        auto* dialog = window.findChild<plexus::app::GettingStartedDialog*>();
        QVERIFY(dialog != nullptr && dialog->isVisible());
        dialog->close();
    }
    // Scripted runs never show it (nor mark it shown).
    const QString png = m_dir.filePath(QStringLiteral("first-start.png"));
    QDir(m_dir.filePath(QStringLiteral("config"))).removeRecursively();
    QProcess* process = runPlexus({QStringLiteral("--screenshot"), png, QStringLiteral("--quit")});
    QCOMPARE(process->exitCode(), 0);
    const QString settings = m_dir.filePath(QStringLiteral("config/Plexus/Plexus.conf"));
    QFile file(settings);
    if (file.open(QIODevice::ReadOnly)) {
        QVERIFY2(!file.readAll().contains("gettingStartedShown"), qPrintable(settings));
    }
}

void TestMainWindow::statusAreasAgreeAfterARun() {
    MainWindow window;
    QVERIFY(window.loadProject(runnablePath())); // 0.1 s
    plexus::app::RunController* run = window.runController();
    auto* label = window.statusBar()->findChild<QLabel*>(QStringLiteral("runStatus"));
    QVERIFY(label != nullptr);
    QVERIFY(run->runFor(0.1));
    QVERIFY(run->waitUntilDone(120000));
    QVERIFY(window.logText().contains(QStringLiteral("finished at")));
    QVERIFY2(label->text().startsWith(QStringLiteral("finished")), qPrintable(label->text()));
    // Run again, slowly, and pause: the message area must not still say "finished".
    run->setSpeed(0.1);
    run->reset();
    QVERIFY(waitForState(run, plexus::app::RunState::Idle));
    QVERIFY(run->run());
    QVERIFY(waitForState(run, plexus::app::RunState::Running));
    run->pause();
    QVERIFY(waitForState(run, plexus::app::RunState::Paused));
    QVERIFY2(label->text().startsWith(QStringLiteral("paused")), qPrintable(label->text()));
    const QString message = window.statusBar()->currentMessage();
    QVERIFY2(!message.contains(QStringLiteral("finished")), qPrintable(message));
    run->stop();
    run->setSpeed(0.0);
    QVERIFY(run->waitUntilDone(120000));
}

void TestMainWindow::inspectorFollowsSaveAs() {
    MainWindow window;
    window.scene()->dropEntry(QStringLiteral("model:lif_cuba"), QPointF(0, 0));
    window.scene()->selectElements({});
    QTest::qWait(10);
    QVERIFY2(window.inspector()->title().contains(QStringLiteral("Untitled")),
             qPrintable(window.inspector()->title()));
    QVERIFY(window.saveProject(m_dir.filePath(QStringLiteral("my-circuit.json"))));
    QTest::qWait(10);
    const QString title = window.inspector()->title();
    QVERIFY2(title.contains(QStringLiteral("my-circuit")), qPrintable(title));
    QVERIFY(!title.contains(QStringLiteral("Untitled")));
}

void TestMainWindow::invalidInspectorInputBlocksTheRun() {
    MainWindow window;
    QVERIFY(window.loadProject(runnablePath()));
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.scene()->selectElements({QStringLiteral("E")});
    auto* tau = qobject_cast<QLineEdit*>(window.inspector()->field(QStringLiteral("param:tau_m")));
    QVERIFY(tau != nullptr);
    // Typed but not confirmed (no Enter, the field keeps the focus), then Run.
    tau->setFocus(Qt::OtherFocusReason);
    tau->selectAll();
    QTest::keyClicks(tau, QStringLiteral("fast"));
    plexus::app::RunController* run = window.runController();
    QVERIFY(!run->run());
    QTest::qWait(50);
    QCOMPARE(run->status().state, plexus::app::RunState::Idle);
    window.grab().save(plexus::tests::artifactPath(QStringLiteral("run-refused.png")));
    const QString message = window.statusBar()->currentMessage();
    QVERIFY2(message.contains(QStringLiteral("Population E")) &&
                 message.contains(QStringLiteral("Membrane time constant")) &&
                 message.contains(QStringLiteral("\"fast\" is not a number")),
             qPrintable(message));
    QVERIFY(window.document()->population(QStringLiteral("E"))->params.count("tau_m") == 0);
    // A valid value typed the same way is committed, then the run starts with it.
    tau = qobject_cast<QLineEdit*>(window.inspector()->field(QStringLiteral("param:tau_m")));
    tau->setFocus(Qt::OtherFocusReason);
    tau->selectAll();
    QTest::keyClicks(tau, QStringLiteral("25"));
    QVERIFY(run->run());
    QCOMPARE(window.document()->population(QStringLiteral("E"))->params.at("tau_m"), 25.0);
    QVERIFY(run->waitUntilDone(120000));
    QCOMPARE(run->status().state, plexus::app::RunState::Finished);
}

void TestMainWindow::qtMessagesGoToTheLogNotTheTerminal() {
    using plexus::app::QtMessageRouter;
    using Route = QtMessageRouter::Route;
    QCOMPARE(QtMessageRouter::route(QtWarningMsg, "qt.qpa.xcb", QStringLiteral("XInput")),
             Route::Drop);
    QCOMPARE(QtMessageRouter::route(QtWarningMsg, "default",
                                    QStringLiteral("This plugin does not support "
                                                   "propagateSizeHints()")),
             Route::Drop);
    QCOMPARE(QtMessageRouter::route(QtWarningMsg, "default",
                                    QStringLiteral("QAction::event: Ambiguous shortcut "
                                                   "overload: F5")),
             Route::Log);
    QCOMPARE(QtMessageRouter::route(QtCriticalMsg, "default", QStringLiteral("out of memory")),
             Route::Terminal);
    // In this process: warnings reach the sink, noise does not.
    QStringList logged;
    const QtMessageHandler previous = QtMessageRouter::install();
    QtMessageRouter::setLogSink([&](const QString& text, bool) { logged << text; });
    qWarning("QAction::event: Ambiguous shortcut overload: F5");
    const QLoggingCategory xcb("qt.qpa.xcb");
    qCWarning(xcb) << "xkb noise";
    QtMessageRouter::setLogSink({});
    qInstallMessageHandler(previous);
    QCOMPARE(logged, QStringList{QStringLiteral("Qt: QAction::event: Ambiguous shortcut "
                                                "overload: F5")});
    // The executable: nothing but its own lines on the terminal.
    const QString png = m_dir.filePath(QStringLiteral("quiet.png"));
    QProcess* process =
        runPlexus({cubaPath(), QStringLiteral("--screenshot"), png, QStringLiteral("--quit")});
    QCOMPARE(process->exitCode(), 0);
    const QString output =
        QString::fromLocal8Bit(process->readAllStandardError() + process->readAllStandardOutput());
    for (const QString& line : output.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QVERIFY2(line.startsWith(QStringLiteral("plexus: ")), qPrintable(line));
    }
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
