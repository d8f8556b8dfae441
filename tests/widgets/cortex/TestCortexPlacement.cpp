// Neurons of a project placed in a cortical patch (CortexPlacement) and coloured live by
// activity in the 3D panel (label gl: runs under xvfb with the xcb platform).

#include "TestArtifacts.h"
#include "plexus/core/project/ProjectSpec.h"
#include "plexus/geometry/placement/CortexPlacement.h"
#include "plexus/geometry/placement/ElectrodePlacement.h"
#include "plexus/geometry/surface/FoldedCortex.h"
#include "plexus/geometry/surface/VertexLocator.h"
#include "plexus/widgets/cortex/CortexActivity.h"
#include "plexus/widgets/cortex/CortexPanel.h"
#include "plexus/widgets/cortex/CortexView.h"
#include "plexus/widgets/live/LiveRecording.h"

#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QSurfaceFormat>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <set>
#include <utility>
#include <vector>

using namespace plexus;
using geometry::CortexPlacement;

namespace {

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

/// Fraction of pixels that differ between two images of the same size.
double imageDifference(const QImage& a, const QImage& b) {
    if (a.isNull() || a.size() != b.size()) {
        return 0.0;
    }
    const QImage x = a.convertToFormat(QImage::Format_RGB32);
    const QImage y = b.convertToFormat(QImage::Format_RGB32);
    qint64 differing = 0;
    for (int row = 0; row < x.height(); ++row) {
        const auto* p = reinterpret_cast<const QRgb*>(x.constScanLine(row));
        const auto* q = reinterpret_cast<const QRgb*>(y.constScanLine(row));
        for (int col = 0; col < x.width(); ++col) {
            differing += p[col] != q[col] ? 1 : 0;
        }
    }
    return static_cast<double>(differing) / (x.width() * x.height());
}

QImage renderNow(widgets::CortexView& view) {
    const int before = view.renderCount();
    view.update();
    if (!QTest::qWaitFor([&] { return view.renderCount() > before; }, 5000)) {
        return {};
    }
    return view.grabFramebuffer();
}

} // namespace

class TestCortexPlacement : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void positionsLieBetweenSurfaces();
    void mixedPopulationsGetADisc();
    void sheetsKeepTheirDepth();
    void defaultAnchorHasAStraightThinColumn();
    void electrodesGoThroughTheirPopulation();
    void activityCountsRecentSpikes();
    void panelColoursByActivity();
    void electrodesFromSpecs();
    void panelPlacesAndExportsElectrodes();
    void panelShowsVesselsAndConflicts();
};

void TestCortexPlacement::positionsLieBetweenSurfaces() {
    const geometry::FoldedCortex cortex;
    const core::ProjectSpec project = twoPopulations();
    const auto placement = CortexPlacement::compute(project, cortex.pial(), &cortex.white());
    QCOMPARE(placement.neuronCount(), std::size_t{500});
    QCOMPARE(placement.populations().size(), std::size_t{2});
    QCOMPARE(placement.populations()[1].first, std::size_t{400});
    QVERIFY(placement.populations()[0].depth < placement.populations()[1].depth);
    const auto& pial = cortex.pial().vertices();
    const auto& white = cortex.white().vertices();
    const geometry::VertexLocator pialLocator(pial);
    const auto& xyz = placement.positions();
    for (std::size_t i = 0; i < placement.neuronCount(); ++i) {
        const Eigen::Vector3f p(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
        QVERIFY(p.allFinite());
        const auto vertex = placement.vertices()[i];
        const float thickness = (white.row(vertex) - pial.row(vertex)).norm();
        const auto nearest = pialLocator.nearest(p);
        QVERIFY(nearest.has_value());
        QVERIFY2(nearest->distance <= thickness + 1e-4f,
                 qPrintable(QStringLiteral("neuron %1: %2 mm from pial, thickness %3")
                                .arg(i)
                                .arg(nearest->distance)
                                .arg(thickness)));
        // Below the pial surface (inside its vertex's tangent plane).
        const Eigen::Vector3f normal = cortex.pial().normals().row(vertex).transpose();
        QVERIFY((p - pial.row(vertex).transpose()).dot(normal) <= 1e-4f);
    }
    // The two populations sit side by side, not on top of each other.
    Eigen::Vector3f centre[2] = {Eigen::Vector3f::Zero(), Eigen::Vector3f::Zero()};
    for (int k = 0; k < 2; ++k) {
        const auto& pop = placement.populations()[static_cast<std::size_t>(k)];
        for (std::size_t i = pop.first; i < pop.first + pop.count; ++i) {
            centre[k] += Eigen::Vector3f(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
        }
        centre[k] /= static_cast<float>(pop.count);
    }
    QVERIFY((centre[0] - centre[1]).norm() > 0.5f);
    // Deterministic.
    const auto again = CortexPlacement::compute(project, cortex.pial(), &cortex.white());
    QVERIFY(again.positions() == placement.positions());
}

void TestCortexPlacement::mixedPopulationsGetADisc() {
    const geometry::FoldedCortex cortex;
    CortexPlacement::Options options;
    options.depths = {0.5, 0.0}; // the disc on the pial surface
    const auto placement =
        CortexPlacement::compute(twoPopulations(), cortex.pial(), &cortex.white(), options);
    const auto& pop = placement.populations()[1];
    QCOMPARE(pop.depth, 0.0);
    // Spread over a disc of 0.4 mm radius, not all at one point.
    const auto& xyz = placement.positions();
    Eigen::Vector3f centre = Eigen::Vector3f::Zero();
    for (std::size_t i = pop.first; i < pop.first + pop.count; ++i) {
        centre += Eigen::Vector3f(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
    }
    centre /= static_cast<float>(pop.count);
    float farthest = 0.0f;
    std::set<std::pair<float, float>> distinct;
    for (std::size_t i = pop.first; i < pop.first + pop.count; ++i) {
        const Eigen::Vector3f p(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
        farthest = std::max(farthest, (p - centre).norm());
        distinct.insert({p.x(), p.y()});
    }
    QCOMPARE(distinct.size(), pop.count);
    QVERIFY2(farthest > 0.25f && farthest < 0.6f, qPrintable(QString::number(farthest)));
}

void TestCortexPlacement::sheetsKeepTheirDepth() {
    // A sheet 600 um deep spans 0.6 mm of its columns around its depth; a grid has no depth.
    const geometry::FoldedCortex cortex;
    core::ProjectSpec project = twoPopulations();
    project.populations[0].spatial = core::SpatialSpec::withShape("sheet");
    project.populations[0].spatial.extentUm = {800.0, 800.0, 600.0};
    project.populations[1].spatial = core::SpatialSpec::withShape("grid");
    CortexPlacement::Options options;
    options.depths = {0.4, 0.5};
    const auto placement =
        CortexPlacement::compute(project, cortex.pial(), &cortex.white(), options);
    const auto& pial = cortex.pial().vertices();
    const auto& white = cortex.white().vertices();
    const auto& xyz = placement.positions();
    for (std::size_t k = 0; k < 2; ++k) {
        const auto& pop = placement.populations()[k];
        double low = 1e9;
        double high = -1e9;
        for (std::size_t i = pop.first; i < pop.first + pop.count; ++i) {
            // Depth below the pial tangent plane along the column: the neuron is
            // pial + offset + d (white - pial) with the offset in the tangent plane.
            const auto v = placement.vertices()[i];
            const Eigen::Vector3f column = (white.row(v) - pial.row(v)).transpose();
            const Eigen::Vector3f normal = cortex.pial().normals().row(v).transpose();
            const Eigen::Vector3f p(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
            const float d =
                (p - pial.row(v).transpose()).dot(normal) / column.dot(normal); // fraction
            const double mm = d * column.norm() - pop.depth * column.norm();
            low = std::min(low, mm);
            high = std::max(high, mm);
        }
        if (k == 0) {
            QVERIFY2(low > -0.31 && low < -0.27 && high > 0.27 && high < 0.31,
                     qPrintable(QStringLiteral("%1 .. %2 mm").arg(low).arg(high)));
        } else {
            QVERIFY2(std::abs(low) < 1e-4 && std::abs(high) < 1e-4,
                     qPrintable(QStringLiteral("%1 .. %2 mm").arg(low).arg(high)));
        }
    }
}

void TestCortexPlacement::defaultAnchorHasAStraightThinColumn() {
    const geometry::FoldedCortex cortex;
    const auto& pial = cortex.pial();
    const auto& white = cortex.white();
    const std::int64_t anchor = CortexPlacement::defaultAnchor(pial, &white);
    QCOMPARE(CortexPlacement::compute(twoPopulations(), pial, &white).anchorVertex(), anchor);
    const auto column = [&](Eigen::Index v) -> Eigen::Vector3f {
        return (white.vertices().row(v) - pial.vertices().row(v)).transpose();
    };
    const auto straightAndThin = [&](Eigen::Index v) {
        const Eigen::Vector3f c = column(v);
        return c.norm() <= 3.5f && c.dot(-pial.normals().row(v).transpose()) >= 0.9f * c.norm();
    };
    QVERIFY(anchor >= 0);
    QVERIFY(straightAndThin(anchor));
    // The most lateral such vertex (a left hemisphere: smallest x).
    for (Eigen::Index v = 0; v < pial.vertexCount(); ++v) {
        if (straightAndThin(v)) {
            QVERIFY(pial.vertices()(v, 0) >= pial.vertices()(anchor, 0));
        }
    }
    // The most lateral vertex of this cortex is not such a place.
    Eigen::Index lateral = 0;
    pial.vertices().col(0).minCoeff(&lateral);
    QVERIFY(!straightAndThin(lateral));
    QVERIFY(column(lateral).norm() > 5.0f);
}

void TestCortexPlacement::electrodesGoThroughTheirPopulation() {
    // A probe without an anchor goes down through the middle of its population, even where
    // the mesh (about 1 mm between vertices) is coarser than the population (a 0.4 mm disc).
    const geometry::FoldedCortex cortex;
    core::ProjectSpec project = twoPopulations();
    const auto placement = CortexPlacement::compute(project, cortex.pial(), &cortex.white());
    widgets::ElectrodeSpec probe;
    probe.name = "probe";
    probe.type = "laminar";
    probe.target = "I";
    probe.contacts = 32;
    probe.spacingUm = 100.0;
    const auto arrays = geometry::ElectrodePlacement::buildAround({probe}, cortex.pial(),
                                                                  &cortex.white(), &placement, 0);
    QCOMPARE(arrays.size(), std::size_t{1});
    const auto& pop = placement.populations()[1];
    const auto& xyz = placement.positions();
    int near = 0;
    double closest = 1e9;
    for (std::size_t i = pop.first; i < pop.first + pop.count; ++i) {
        const Eigen::Vector3d p(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
        double distance = 1e9;
        for (const auto& contact : arrays[0].contacts()) {
            distance = std::min(distance, (contact.position - p).norm());
        }
        closest = std::min(closest, distance);
        near += distance <= 0.1 ? 1 : 0;
    }
    // The probe runs down the column of the neuron in the middle, contacts 0.1 mm apart: that
    // neuron is at most 0.05 mm from a contact, and the multi-unit radius (0.1 mm) reaches it.
    QVERIFY2(closest <= 0.0501, qPrintable(QString::number(closest)));
    QVERIFY(near >= 1);
    // An electrode with a stored anchor stays there.
    const auto placed = geometry::ElectrodePlacement::buildAround(
        {geometry::ElectrodePlacement::withAnchor(probe, 1234, 3200.0)}, cortex.pial(),
        &cortex.white(), &placement, 0);
    const Eigen::Vector3d entry = cortex.pial().vertices().row(1234).cast<double>().transpose();
    QVERIFY((placed[0].shanks()[0].entry - entry).norm() < 1e-6);
}

void TestCortexPlacement::activityCountsRecentSpikes() {
    const geometry::FoldedCortex cortex;
    const auto placement = CortexPlacement::compute(twoPopulations(), cortex.pial());
    widgets::LiveRecording recording;
    recording.reset({{"stim", 10, true}, {"E", 400, false}, {"I", 100, false}}, 0.1, 10);
    const std::vector<std::int64_t> steps = {10, 600, 900, 950, 1000};
    const std::vector<std::int32_t> neurons = {3, 3, 5, 5, 7};
    recording.appendSpikes(2, steps.data(), neurons.data(), steps.size());
    recording.setCurrentStep(1000);
    const auto counts =
        widgets::CortexActivity::spikeCounts(placement, recording, 50.0); // steps (500, 1000]
    QCOMPARE(counts.size(), std::size_t{500});
    QCOMPARE(counts[400 + 3], 1.0f);
    QCOMPARE(counts[400 + 5], 2.0f);
    QCOMPARE(counts[400 + 7], 1.0f);
    QCOMPARE(counts[3], 0.0f);
}

void TestCortexPlacement::panelColoursByActivity() {
    widgets::CortexPanel panel;
    panel.resize(800, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto& view = *panel.view();
    QVERIFY(QTest::qWaitFor([&] { return view.renderCount() > 0; }, 5000));

    const core::ProjectSpec project = twoPopulations();
    widgets::LiveRecording recording;
    recording.reset({{"E", 400, false}, {"I", 100, false}}, 0.1, 10);
    panel.setLiveData(&project, &recording);
    QCOMPARE(view.neuronCount(), qint64{500});
    QVERIFY(panel.placement() != nullptr);
    view.setNeuronPointSize(8.0);
    panel.focusNeurons();
    const QImage populations = renderNow(view);
    QVERIFY(!populations.isNull());
    // Before a run: population colours, and a legend naming them.
    QCOMPARE(view.legend(), widgets::CortexView::Legend::Populations);
    QCOMPARE(view.legendEntries().size(), std::size_t{2});
    QCOMPARE(view.legendEntries()[0].name, QStringLiteral("E"));
    QCOMPARE(view.legendEntries()[0].color, QColor(0x1f, 0x77, 0xb4));
    QCOMPARE(view.legendEntries()[1].name, QStringLiteral("I"));
    populations.save(
        plexus::tests::artifactPath(QStringLiteral("cortex_integration_1_populations.png")));

    recording.setCurrentStep(100);
    panel.refreshActivity();
    const QImage quiet = renderNow(view);
    std::vector<std::int64_t> steps;
    std::vector<std::int32_t> neurons;
    for (std::int32_t n = 0; n < 400; n += 2) {
        steps.push_back(400);
        neurons.push_back(n);
    }
    recording.appendSpikes(0, steps.data(), neurons.data(), steps.size());
    recording.setCurrentStep(450);
    panel.refreshActivity();
    const QImage active = renderNow(view);
    active.save(plexus::tests::artifactPath(QStringLiteral("cortex_integration_1_activity.png")));
    // The legend says what the colours mean: one spike in the 50 ms window is 20 Hz, the
    // most any neuron had.
    QCOMPARE(view.legend(), widgets::CortexView::Legend::Activity);
    QVERIFY2(view.legendTitle().contains(QStringLiteral("Hz")) &&
                 view.legendTitle().contains(QStringLiteral("50 ms")),
             qPrintable(view.legendTitle()));
    QCOMPARE(view.legendLow(), 0.0);
    QCOMPARE(view.legendHigh(), 20.0);
    QCOMPARE(view.legendLabels(),
             (QStringList{QStringLiteral("0"), QStringLiteral("10"), QStringLiteral("20")}));
    QVERIFY2(imageDifference(quiet, active) > 0.001,
             qPrintable(QString::number(imageDifference(quiet, active))));

    panel.setLiveData(nullptr, nullptr);
    QCOMPARE(view.neuronCount(), qint64{0});
}

void TestCortexPlacement::electrodesFromSpecs() {
    const geometry::FoldedCortex cortex;
    widgets::ElectrodeSpec laminar;
    laminar.name = "probe";
    laminar.type = "laminar";
    laminar.contacts = 16;
    laminar.spacingUm = 100.0;
    QVERIFY(!geometry::ElectrodePlacement::anchorVertex(laminar).has_value());
    QCOMPARE(geometry::ElectrodePlacement::depthUm(laminar), 1600.0);
    laminar = geometry::ElectrodePlacement::withAnchor(laminar, 1234, 1700.0);
    QCOMPARE(*geometry::ElectrodePlacement::anchorVertex(laminar), std::int64_t{1234});
    const auto array = geometry::ElectrodePlacement::build(laminar, cortex.pial(), 0);
    QVERIFY(array.has_value());
    QCOMPARE(array->contactCount(), 16);
    QCOMPARE(static_cast<int>(array->shanks().size()), 1);
    const Eigen::Vector3d entry = cortex.pial().vertices().row(1234).cast<double>().transpose();
    QVERIFY(std::abs((array->shanks()[0].tip - entry).norm() - 1.7) < 1e-6);

    widgets::ElectrodeSpec utah;
    utah.name = "utah";
    utah.type = "utah";
    utah.contacts = 16;
    utah.spacingUm = 400.0;
    widgets::ElectrodeSpec point;
    point.name = "pt";
    const auto arrays =
        geometry::ElectrodePlacement::buildAll({laminar, utah, point}, cortex.pial(), 5);
    QCOMPARE(arrays.size(), std::size_t{3});
    QCOMPARE(arrays[1].contactCount(), 16);
    QCOMPARE(arrays[2].contactCount(), 1);
}

void TestCortexPlacement::panelPlacesAndExportsElectrodes() {
    widgets::CortexPanel panel;
    panel.resize(800, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto& view = *panel.view();
    QVERIFY(QTest::qWaitFor([&] { return view.renderCount() > 0; }, 5000));

    core::ProjectSpec project = twoPopulations();
    widgets::ElectrodeSpec laminar;
    laminar.name = "probe";
    laminar.type = "laminar";
    laminar.contacts = 8;
    laminar.spacingUm = 200.0;
    widgets::ElectrodeSpec utah;
    utah.name = "utah";
    utah.type = "utah";
    utah.contacts = 9;
    utah.spacingUm = 400.0;
    project.electrodes = {laminar, utah};
    panel.setLiveData(&project, nullptr);
    QCOMPARE(view.electrodes().size(), std::size_t{2});
    panel.focusNeurons();
    view.focusOn(view.cameraFocalPoint(), 2.5);
    const QImage withElectrodes = renderNow(view);
    withElectrodes.save(
        plexus::tests::artifactPath(QStringLiteral("cortex_integration_2_electrodes.png")));

    // Place mode: a click on the surface moves the selected electrode and reports it.
    QSignalSpy placed(&panel, &widgets::CortexPanel::electrodePlaced);
    panel.setSelectedElectrode(QStringLiteral("utah"));
    panel.setPlacingElectrode(true);
    const QPoint centre(view.width() / 2, view.height() / 2);
    const auto vertex = view.pickVertex(centre);
    QVERIFY(vertex.has_value());
    QTest::mouseClick(&view, Qt::LeftButton, {}, centre);
    QTRY_COMPARE(placed.count(), 1);
    QCOMPARE(placed.at(0).at(0).toString(), QStringLiteral("utah"));
    QCOMPARE(placed.at(0).at(1).toLongLong(), *vertex);
    QCOMPARE(*geometry::ElectrodePlacement::anchorVertex(panel.electrodes()[1]), *vertex);
    QVERIFY(!geometry::ElectrodePlacement::anchorVertex(panel.electrodes()[0]).has_value());
    const auto& contacts = view.electrodes()[1].contacts();
    const Eigen::Vector3d entry =
        view.pialSurface().vertices().row(*vertex).cast<double>().transpose();
    double nearest = 1e9;
    for (const auto& contact : contacts) {
        nearest = std::min(nearest, (contact.position - entry).norm());
    }
    QVERIFY(nearest < 2.0);

    // Dragging: the camera stays, the electrode follows the cursor, the release places it once.
    QSignalSpy dragged(&view, &widgets::CortexView::vertexDragged);
    const QVector3D eye = view.cameraPosition();
    const QPoint from(view.width() / 2, view.height() / 2);
    const QPoint to(view.width() / 2 + 40, view.height() / 2 + 20);
    const auto target = view.pickVertex(to);
    QVERIFY(target.has_value());
    QTest::mousePress(&view, Qt::LeftButton, {}, from);
    for (int k = 1; k <= 4; ++k) {
        QMouseEvent move(QEvent::MouseMove, QPointF(from + (to - from) * k / 4),
                         view.mapToGlobal(QPointF(from + (to - from) * k / 4)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&view, &move);
    }
    QTest::mouseRelease(&view, Qt::LeftButton, {}, to);
    QTRY_COMPARE(placed.count(), 2);
    QVERIFY(dragged.count() >= 4);
    QCOMPARE(placed.at(1).at(1).toLongLong(), *target);
    QCOMPARE(*geometry::ElectrodePlacement::anchorVertex(panel.electrodes()[1]), *target);
    QCOMPARE(view.cameraPosition(), eye);

    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("contacts.csv"));
    QVERIFY(panel.exportElectrodeCsv(csv));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 1 + 8 + 9);
}

void TestCortexPlacement::panelShowsVesselsAndConflicts() {
    widgets::CortexPanel panel;
    panel.resize(800, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto& view = *panel.view();
    QVERIFY(QTest::qWaitFor([&] { return view.renderCount() > 0; }, 5000));

    core::ProjectSpec project = twoPopulations();
    widgets::ElectrodeSpec utah;
    utah.name = "utah";
    utah.type = "utah";
    utah.contacts = 25;
    utah.spacingUm = 400.0;
    project.electrodes = {utah};
    panel.setLiveData(&project, nullptr);
    panel.focusNeurons();
    view.focusOn(view.cameraFocalPoint(), 4.0);
    const QImage before = renderNow(view);

    panel.setVesselsVisible(true);
    QVERIFY(panel.areVesselsVisible());
    QVERIFY(view.vessels().edgeCount() > 0);
    const int conflicts = panel.vesselConflictCount();
    const QImage withVessels = renderNow(view);
    withVessels.save(
        plexus::tests::artifactPath(QStringLiteral("cortex_integration_3_vessels.png")));
    QVERIFY(imageDifference(before, withVessels) > 0.01);

    // A huge margin flags every contact; the status line names the closest one.
    panel.setVesselMarginMm(100.0);
    QCOMPARE(panel.vesselConflictCount(), 25);
    renderNow(view).save(
        plexus::tests::artifactPath(QStringLiteral("cortex_integration_3_conflicts.png")));
    QVERIFY2(panel.statusText().contains(QStringLiteral("closest")),
             qPrintable(panel.statusText()));
    panel.setVesselMarginMm(0.2);
    QCOMPARE(panel.vesselConflictCount(), conflicts);

    panel.setVesselsVisible(false);
    QCOMPARE(view.vessels().edgeCount(), std::int64_t{0});
    QCOMPARE(panel.vesselConflictCount(), 0);
}

int main(int argc, char** argv) {
    QSurfaceFormat::setDefaultFormat(widgets::VtkOpenGLWidget::defaultFormat());
    QApplication app(argc, argv);
    TestCortexPlacement test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestCortexPlacement.moc"
