#include "AutosaveManager.h"
#include "MainWindow.h"
#include "RunController.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QTreeWidgetItem>
#include <QUndoStack>
#include <nlohmann/json.hpp>
#include <plexus/core/ProjectIo.h>
#include <plexus/core/ProjectSpec.h>
#include <plexus/core/RunArchive.h>
#include <plexus/widgets/CircuitScene.h>
#include <plexus/widgets/CircuitView.h>
#include <plexus/widgets/Document.h>
#include <plexus/widgets/FigureStyle.h>
#include <plexus/widgets/Inspector.h>
#include <plexus/widgets/LiveRecording.h>
#include <plexus/widgets/ProjectSummaryView.h>

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

private:
    static QString cubaPath();
    static plexus::core::ProjectSpec makeFixture();
    QString fixturePath() const { return m_dir.filePath(QStringLiteral("fixture.json")); }
    static void checkPopulationSize(const MainWindow& window, const QString& name,
                                    const QString& size);
    QProcess* runPlexus(const QStringList& arguments);

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

void TestMainWindow::initTestCase() {
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
    // Settings and recovery files of this test live in Qt's test locations, never the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PlexusTest"));
    QCoreApplication::setApplicationName(QStringLiteral("TestMainWindow"));
    QSettings().clear();
    QDir(plexus::app::AutosaveManager::recoveryFolder()).removeRecursively();
    plexus::core::ProjectIo::save(makeFixture(), QFile::encodeName(fixturePath()).toStdString());
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
        } else if (action->shortcut() == QKeySequence(QKeySequence::Redo)) {
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

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
