// Issue 5 GUI parts under a real OpenGL context (label gl: xvfb + xcb): the placement planner
// dialog (baseline and optimised layouts side by side, worker thread, Apply), EEG montage
// import onto a head sphere, vessel graphs from CSV with margin conflicts, and the linked
// neuron highlight of the 3D panel.

#include "TestArtifacts.h"
#include "plexus/core/project/ProjectSpec.h"
#include "plexus/geometry/placement/CortexPlacement.h"
#include "plexus/geometry/placement/ElectrodePlacement.h"
#include "plexus/geometry/surface/FoldedCortex.h"
#include "plexus/geometry/vessels/VesselGenerator.h"
#include "plexus/widgets/cortex/CortexPanel.h"
#include "plexus/widgets/cortex/CortexView.h"
#include "plexus/widgets/cortex/PlannerDialog.h"
#include "plexus/widgets/live/LiveRecording.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSurfaceFormat>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>
#include <cmath>
#include <fstream>

using namespace plexus;
using widgets::CortexPanel;
using widgets::CortexView;
using widgets::PlannerDialog;

namespace {

const QString kMontages =
    QStringLiteral("/usr/lib/python3/dist-packages/mne/channels/data/montages/");

/// Fraction of pixels that differ from @p background by more than a little.
double foreground(const QImage& image, QColor background = Qt::white) {
    if (image.isNull()) {
        return 0.0;
    }
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    qint64 count = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            const int d = std::abs(qRed(line[x]) - background.red()) +
                          std::abs(qGreen(line[x]) - background.green()) +
                          std::abs(qBlue(line[x]) - background.blue());
            count += d > 24 ? 1 : 0;
        }
    }
    return static_cast<double>(count) / (static_cast<double>(rgb.width()) * rgb.height());
}

/// Pixels close to @p color.
qint64 pixelsNear(const QImage& image, QColor color, int tolerance = 60) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    qint64 count = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            const int d = std::abs(qRed(line[x]) - color.red()) +
                          std::abs(qGreen(line[x]) - color.green()) +
                          std::abs(qBlue(line[x]) - color.blue());
            count += d < tolerance ? 1 : 0;
        }
    }
    return count;
}

/// Bright cyan pixels (the highlight colour, shaded).
qint64 cyanPixels(const QImage& image) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    qint64 count = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            const QRgb p = line[x];
            count += qRed(p) < 130 && qGreen(p) > 150 && qBlue(p) > 190 ? 1 : 0;
        }
    }
    return count;
}

/// Renders @p view through its paint path and returns the widget's image.
QImage renderNow(CortexView& view) {
    const int before = view.renderCount();
    view.update();
    if (!QTest::qWaitFor([&] { return view.renderCount() > before; }, 5000)) {
        return {};
    }
    return view.grabFramebuffer();
}

/// Channels of a montage file counted independently of MontageReader: .txt rows after the
/// header, .elc NumberPositions; fiducials (Nz, Nasion, LPA, RPA) left out.
int countChannels(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return -1;
    }
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    const QStringList fiducials = {QStringLiteral("Nz"), QStringLiteral("Nasion"),
                                   QStringLiteral("LPA"), QStringLiteral("RPA")};
    int count = 0;
    if (path.endsWith(QLatin1String(".txt"))) {
        for (int i = 1; i < lines.size(); ++i) {
            const QString label = lines[i].simplified().section(QLatin1Char(' '), 0, 0);
            count += !label.isEmpty() && !fiducials.contains(label) ? 1 : 0;
        }
        return count;
    }
    bool labels = false;
    for (const QString& line : lines) {
        const QString t = line.trimmed();
        if (t.startsWith(QLatin1String("NumberPositions"))) {
            count += t.section(QLatin1Char('='), 1).trimmed().toInt();
        } else if (t == QLatin1String("Labels")) {
            labels = true;
        } else if (labels && fiducials.contains(t)) {
            --count;
        }
    }
    return count;
}

core::ProjectSpec twoPopulations() {
    core::ProjectSpec project;
    core::PopulationSpec sheet;
    sheet.name = "E";
    sheet.model = "lif";
    sheet.size = 400;
    sheet.spatial = core::SpatialSpec::withShape("grid");
    core::PopulationSpec mixed;
    mixed.name = "I";
    mixed.model = "lif";
    mixed.size = 100;
    project.populations = {sheet, mixed};
    return project;
}

} // namespace

class TestCortexPlanner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void plannerRespectsMarginAndBeatsBaseline();
    void plannerDialogShowsLayoutsSideBySide();
    void montageImportMakesOneContactPerChannel_data();
    void montageImportMakesOneContactPerChannel();
    void vesselCsvLoadsAndMarksConflicts();
    void badVesselCsvNamesFileAndLine();
    void highlightedNeuronsAreDrawnLarger();
};

void TestCortexPlanner::plannerRespectsMarginAndBeatsBaseline() {
    const geometry::FoldedCortex cortex;
    geometry::SurfaceMesh pial = cortex.pial();
    pial.computeNormals();
    const std::int64_t centre =
        geometry::CortexPlacement::compute(core::ProjectSpec{}, pial).anchorVertex();
    geometry::VesselGenerator::Options vesselOptions;
    vesselOptions.rootVertices = {centre};
    vesselOptions.trees = 3;
    const auto vessels = geometry::VesselGenerator::generate(pial, vesselOptions);
    QVERIFY(vessels.edgeCount() > 0);

    PlannerDialog::Request request;
    request.centreVertex = centre;
    request.radiusMm = 4.0;
    request.maxSites = 12;
    request.vesselMarginMm = 0.25;
    const auto outcome = PlannerDialog::plan(request, pial, vessels);
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QVERIFY(outcome.targets.size() > 10);
    const auto& optimised = outcome.result.optimised;
    const auto& baseline = outcome.result.baseline;
    QVERIFY(!optimised.sites.empty());
    QVERIFY(static_cast<int>(optimised.sites.size()) <= request.maxSites);
    QVERIFY(optimised.violations.empty());
    QVERIFY(optimised.coverage >= baseline.coverage);
    QVERIFY(optimised.coverage > 0.0);
    // Checked independently of the planner: no contact or track within the margin.
    const auto array = geometry::PlacementPlanner::toElectrodeArray(optimised, "check");
    QVERIFY(vessels.violations({array}, request.vesselMarginMm, true).empty());
    for (const auto& site : optimised.sites) {
        QVERIFY(site.depthMm >= request.minDepthMm - 1e-9);
        QVERIFY(site.depthMm <= request.maxDepthMm + 1e-9);
    }
    // Applied as a thread electrode, the sites come back as placed contacts.
    const auto spec = geometry::ElectrodePlacement::fromLayout(optimised, "plan");
    const auto placed = geometry::ElectrodePlacement::build(spec, pial, centre);
    QVERIFY(placed.has_value());
    QCOMPARE(placed->contactCount(), static_cast<int>(optimised.sites.size()));
    for (int i = 0; i < placed->contactCount(); ++i) {
        QVERIFY((placed->contact(i).position - optimised.sites[static_cast<std::size_t>(i)].contact)
                    .norm() < 1e-6);
    }
}

void TestCortexPlanner::plannerDialogShowsLayoutsSideBySide() {
    CortexPanel panel;
    panel.resize(900, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel, 5000));
    QPointer<PlannerDialog> dialog = panel.openPlanner();
    QVERIFY(dialog != nullptr);
    QVERIFY(panel.areVesselsVisible()); // planning needs vessels: the procedural tree is on
    QVERIFY(QTest::qWaitForWindowExposed(dialog, 5000));
    PlannerDialog::Request request = dialog->request();
    request.radiusMm = 4.0;
    request.maxSites = 12;
    dialog->setRequest(request);
    QSignalSpy finished(dialog.data(), &PlannerDialog::planFinished);
    QElapsedTimer timer;
    timer.start();
    dialog->run();
    QVERIFY(timer.elapsed() < 100); // the planner runs on a worker thread
    QVERIFY(dialog->isRunning());
    QVERIFY(finished.wait(60000));
    QVERIFY(dialog->outcome().has_value());
    QVERIFY2(dialog->outcome()->error.isEmpty(), qPrintable(dialog->outcome()->error));
    const auto& result = dialog->outcome()->result;
    QVERIFY(result.optimised.violations.empty());
    QVERIFY(result.optimised.coverage >= result.baseline.coverage);
    QVERIFY(dialog->summaryText(0).contains(QStringLiteral("Coverage")));
    QVERIFY(dialog->summaryText(1).contains(QStringLiteral("phosphene coverage")));
    QVERIFY(!dialog->violationLines().isEmpty());
    QVERIFY(dialog->violationLines().join(QLatin1Char('\n')).contains(QStringLiteral("none")) ||
            !result.baseline.violations.empty());

    // Two views, side by side, both showing a surface with contacts.
    CortexView* left = dialog->baselineView();
    CortexView* right = dialog->optimisedView();
    QVERIFY(left->mapTo(dialog, QPoint(0, 0)).x() + left->width() <=
            right->mapTo(dialog, QPoint(0, 0)).x());
    QCOMPARE(right->electrodes().size(), std::size_t{1});
    QCOMPARE(right->electrodes()[0].contactCount(),
             static_cast<int>(result.optimised.sites.size()));
    const QImage a = renderNow(*left);
    const QImage b = renderNow(*right);
    QVERIFY(foreground(a) > 0.05);
    QVERIFY(foreground(b) > 0.05);
    a.save(plexus::tests::artifactPath(QStringLiteral("planner_baseline.png")));
    b.save(plexus::tests::artifactPath(QStringLiteral("planner_optimised.png")));
    dialog->grab().save(plexus::tests::artifactPath(QStringLiteral("planner_dialog.png")));
    QVERIFY(pixelsNear(b, QColor(255, 200, 0), 90) > 0); // yellow contacts
    QVERIFY(
        dialog->exportPng(plexus::tests::artifactPath(QStringLiteral("planner_export.png")), 1.5));
    const QImage exported(plexus::tests::artifactPath(QStringLiteral("planner_export.png")));
    QCOMPARE(exported.width(),
             static_cast<int>(std::lround(1.5 * left->devicePixelRatioF() * left->width())) +
                 static_cast<int>(std::lround(1.5 * right->devicePixelRatioF() * right->width())));
    QVERIFY(foreground(exported.copy(0, 0, exported.width() / 2, exported.height())) > 0.05);
    QVERIFY(foreground(exported.copy(exported.width() / 2, 0, exported.width() / 2,
                                     exported.height())) > 0.05);

    QSignalSpy created(&panel, &CortexPanel::electrodeCreated);
    const int sites = static_cast<int>(result.optimised.sites.size());
    dialog->apply();
    QCOMPARE(created.count(), 1);
    const auto spec = created.at(0).at(0).value<widgets::ElectrodeSpec>();
    QCOMPARE(QString::fromStdString(spec.type), QStringLiteral("thread"));
    QCOMPARE(spec.contacts, sites);
    QVERIFY(!panel.view()->electrodes().empty());
    QCOMPARE(panel.view()->electrodes().back().contactCount(), sites);
    QTRY_VERIFY(dialog.isNull()); // closed and deleted
}

void TestCortexPlanner::montageImportMakesOneContactPerChannel_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("biosemi64.txt") << QStringLiteral("biosemi64.txt");
    QTest::newRow("standard_1020.elc") << QStringLiteral("standard_1020.elc");
}

void TestCortexPlanner::montageImportMakesOneContactPerChannel() {
    QFETCH(QString, file);
    const QString path = kMontages + file;
    if (!QFileInfo::exists(path)) {
        QSKIP("python3-mne's montage files are not installed");
    }
    const int expected = countChannels(path);
    QVERIFY(expected > 10);
    CortexPanel panel;
    panel.resize(800, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel, 5000));
    QSignalSpy created(&panel, &CortexPanel::electrodeCreated);
    QVERIFY2(panel.importMontageFile(path), qPrintable(panel.statusText()));
    QCOMPARE(created.count(), 1);
    const auto spec = created.at(0).at(0).value<widgets::ElectrodeSpec>();
    QCOMPARE(QString::fromStdString(spec.type), QStringLiteral("eeg"));
    QCOMPARE(spec.contacts, expected);
    QCOMPARE(panel.view()->electrodes().size(), std::size_t{1});
    const auto& eeg = panel.view()->electrodes()[0];
    QCOMPARE(eeg.type(), geometry::ElectrodeArray::Type::Eeg);
    QCOMPARE(eeg.contactCount(), expected);
    // Every contact on the head sphere around the cortex, outside it.
    const auto& pial = panel.view()->pialSurface();
    const Eigen::Vector3d c = geometry::ElectrodePlacement::headSphereCentre(pial);
    const double r = geometry::ElectrodePlacement::headSphereRadius(pial);
    for (int i = 0; i < eeg.contactCount(); ++i) {
        QVERIFY(std::abs((eeg.contact(i).position - c).norm() - r) < 1e-6);
    }
    QVERIFY(eeg.indexOf("Cz") >= 0);
    // Cz is on top of the head.
    QVERIFY(eeg.contact(eeg.indexOf("Cz")).position.z() > c.z() + 0.9 * r);
    const QImage image = renderNow(*panel.view());
    QVERIFY(pixelsNear(image, widgets::CortexView::contactColor(), 90) > 20);
    panel.exportPngFile(plexus::tests::artifactPath(
                            QStringLiteral("montage_%1.png").arg(QFileInfo(file).baseName())),
                        1.0);
}

void TestCortexPlanner::vesselCsvLoadsAndMarksConflicts() {
    CortexPanel panel;
    panel.resize(800, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel, 5000));
    const auto& pial = panel.view()->pialSurface();
    // A point electrode at a vertex and a vessel passing right through its contact.
    const std::int64_t vertex = pial.vertexCount() / 3;
    widgets::ElectrodeSpec electrode;
    electrode.name = "probe";
    electrode = geometry::ElectrodePlacement::withAnchor(electrode, vertex, 500.0);
    panel.setElectrodes({electrode});
    QCOMPARE(panel.view()->electrodes().size(), std::size_t{1});
    const Eigen::Vector3d contact = panel.view()->electrodes()[0].contact(0).position;
    geometry::VesselGraph graph;
    const auto a = graph.addNode(contact + Eigen::Vector3d(-3.0, 0.05, 0.0));
    const auto b = graph.addNode(contact + Eigen::Vector3d(3.0, 0.05, 0.0));
    const auto far = graph.addNode(contact + Eigen::Vector3d(3.0, 20.0, 0.0));
    graph.addEdge(a, b, 0.1);
    graph.addEdge(b, far, 0.08);
    QTemporaryDir dir;
    const QString nodes = dir.filePath(QStringLiteral("v_nodes.csv"));
    const QString edges = dir.filePath(QStringLiteral("v_edges.csv"));
    graph.writeCsv(nodes.toStdString(), edges.toStdString());

    QVERIFY2(panel.loadVesselCsv(nodes, edges), qPrintable(panel.statusText()));
    QVERIFY(panel.hasLoadedVessels());
    QVERIFY(panel.areVesselsVisible());
    const auto& shown = panel.view()->vessels();
    QCOMPARE(shown.nodeCount(), graph.nodeCount());
    QCOMPARE(shown.edgeCount(), graph.edgeCount());
    for (std::int64_t i = 0; i < graph.nodeCount(); ++i) {
        QVERIFY((shown.nodes()[static_cast<std::size_t>(i)] -
                 graph.nodes()[static_cast<std::size_t>(i)])
                    .norm() < 1e-9);
    }
    for (std::size_t e = 0; e < graph.edges().size(); ++e) {
        QCOMPARE(shown.edges()[e].radiusMm, graph.edges()[e].radiusMm);
    }
    QCOMPARE(panel.vesselConflictCount(), 1);
    QVERIFY(panel.statusText().contains(QStringLiteral("probe")));
    panel.view()->focusOn(QVector3D(static_cast<float>(contact.x()),
                                    static_cast<float>(contact.y()),
                                    static_cast<float>(contact.z())),
                          4.0);
    const QImage image = renderNow(*panel.view());
    QVERIFY(pixelsNear(image, QColor(230, 0, 0), 60) > 0); // the red contact / vessel
    image.save(plexus::tests::artifactPath(QStringLiteral("vessels_csv.png")));

    // Moved away from the vessel: no conflict.
    std::int64_t farthest = 0;
    for (std::int64_t v = 0; v < pial.vertexCount(); ++v) {
        if ((pial.vertices().row(v).cast<double>().transpose() - contact).norm() >
            (pial.vertices().row(farthest).cast<double>().transpose() - contact).norm()) {
            farthest = v;
        }
    }
    panel.setElectrodes({geometry::ElectrodePlacement::withAnchor(electrode, farthest, 500.0)});
    QCOMPARE(panel.vesselConflictCount(), 0);
    panel.clearLoadedVessels();
    QVERIFY(!panel.hasLoadedVessels());
}

void TestCortexPlanner::badVesselCsvNamesFileAndLine() {
    CortexPanel panel;
    QTemporaryDir dir;
    const QString nodes = dir.filePath(QStringLiteral("nodes.csv"));
    const QString edges = dir.filePath(QStringLiteral("edges.csv"));
    {
        std::ofstream n(nodes.toStdString());
        n << "id,x_mm,y_mm,z_mm\n0,0,0,0\n1,1,0,0\n";
        std::ofstream e(edges.toStdString());
        e << "from,to,radius_mm\n0,1,0.1\n0,1,banana\n";
    }
    QVERIFY(!panel.loadVesselCsv(nodes, edges));
    QVERIFY2(panel.statusText().contains(QStringLiteral("edges.csv:3")),
             qPrintable(panel.statusText()));
    QVERIFY(!panel.hasLoadedVessels());
}

void TestCortexPlanner::highlightedNeuronsAreDrawnLarger() {
    CortexPanel panel;
    panel.resize(800, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel, 5000));
    const core::ProjectSpec project = twoPopulations();
    panel.setLiveData(&project, nullptr);
    panel.focusNeurons();
    CortexView* view = panel.view();
    const QImage before = renderNow(*view);
    const qint64 cyanBefore = cyanPixels(before);

    panel.setHighlightedNeurons(QStringLiteral("I"), {0, 5, 7, 1000});
    const auto& placement = *panel.placement();
    QCOMPARE(view->highlightedNeurons().size(), std::size_t{3}); // 1000 is out of range
    QCOMPARE(view->highlightedNeurons()[0], static_cast<qint64>(placement.populations()[1].first));
    const QImage after = renderNow(*view);
    before.save(plexus::tests::artifactPath(QStringLiteral("highlight_before.png")));
    after.save(plexus::tests::artifactPath(QStringLiteral("highlight.png")));
    QVERIFY2(cyanPixels(after) > cyanBefore + 10,
             qPrintable(QStringLiteral("%1 -> %2").arg(cyanBefore).arg(cyanPixels(after))));

    // A raster selection (population index through the recording) selects the same way.
    widgets::LiveRecording recording;
    recording.reset({{"E", 400, false}, {"I", 100, false}}, 0.1, 10);
    panel.setLiveData(&project, &recording);
    widgets::RasterSelection selection;
    selection.startMs = 0.0;
    selection.endMs = 10.0;
    selection.population = 0;
    selection.firstNeuron = 10;
    selection.lastNeuron = 14;
    panel.setHighlightedSelection(selection);
    QCOMPARE(view->highlightedNeurons().size(), std::size_t{5});
    QCOMPARE(view->highlightedNeurons()[0], qint64{10});
    selection.population.reset();
    panel.setHighlightedSelection(selection);
    QVERIFY(view->highlightedNeurons().empty());
    panel.setHighlightedNeurons(QStringLiteral("I"), {0, 5, 7});

    // Kept across a placement update; cleared by an unknown population.
    panel.updatePlacement();
    QCOMPARE(view->highlightedNeurons().size(), std::size_t{3});
    panel.setHighlightedNeurons(QStringLiteral("nope"), {0});
    QVERIFY(view->highlightedNeurons().empty());
}

int main(int argc, char** argv) {
    QSurfaceFormat::setDefaultFormat(widgets::VtkOpenGLWidget::defaultFormat());
    QApplication app(argc, argv);
    TestCortexPlanner test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestCortexPlanner.moc"
