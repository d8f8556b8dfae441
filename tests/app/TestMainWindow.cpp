#include "MainWindow.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QTreeWidgetItem>
#include <plexus/core/ProjectIo.h>
#include <plexus/core/ProjectSpec.h>
#include <plexus/widgets/ProjectSummaryView.h>

using plexus::app::MainWindow;
using plexus::widgets::ProjectSummaryView;
using Section = ProjectSummaryView::Section;

/// Tests of the main window: loading projects, error reporting and the command-line screenshot.
class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void startsEmpty();
    void showsGeneratedProject();
    void showsCubaExample();
    void inspectorShowsSelectedRow();
    void malformedFileKeepsPreviousProject();
    void missingFileReportsError();
    void screenshotFromCommandLine();
    void quitWithBadProjectExitsNonZero();

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
    plexus::core::ProjectIo::save(makeFixture(), QFile::encodeName(fixturePath()).toStdString());
    QVERIFY(QFileInfo::exists(fixturePath()));
}

void TestMainWindow::startsEmpty() {
    MainWindow window;
    QVERIFY(!window.hasProject());
    QVERIFY(window.summaryView()->isEmpty());
    QCOMPARE(window.windowTitle(), QStringLiteral("Plexus"));
    QCOMPARE(window.summaryView()->sectionItem(Section::Populations), nullptr);
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
}

void TestMainWindow::inspectorShowsSelectedRow() {
    MainWindow window;
    QVERIFY(window.loadProject(fixturePath()));
    auto* inspector = window.findChild<QLabel*>(QStringLiteral("inspector"));
    QVERIFY(inspector != nullptr);

    QTreeWidgetItem* item =
        window.summaryView()->findItem(Section::Populations, QStringLiteral("I"));
    QVERIFY(item != nullptr);
    window.summaryView()->treeWidget()->setCurrentItem(item);
    QVERIFY2(inspector->text().contains(QStringLiteral("800")), qPrintable(inspector->text()));
    QVERIFY(inspector->text().contains(QStringLiteral("tau_m")));
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

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
