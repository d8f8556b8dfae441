// The 3D cortex view under a real OpenGL context (label gl: runs under xvfb with the xcb
// platform): rendering of the default cortex, picking against the camera ray, camera presets,
// PNG export at N x size, neurons with level of detail, surface loading and the panel; the
// scale bar and the colour legend read over the surface at any export scale, a project opens
// on an oblique view of its neurons and electrodes, and the panel's toolbar fits 1280 px.

#include "TestArtifacts.h"
#include "plexus/core/project/ProjectIo.h"
#include "plexus/geometry/placement/CortexPlacement.h"
#include "plexus/geometry/surface/FoldedCortex.h"
#include "plexus/geometry/surface/FreeSurferSurface.h"
#include "plexus/geometry/surface/SurfaceMeasures.h"
#include "plexus/widgets/cortex/CortexPanel.h"
#include "plexus/widgets/cortex/CortexView.h"

#include <Eigen/Geometry>
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QMainWindow>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSurfaceFormat>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>
#include <cmath>
#include <map>
#include <memory>
#include <random>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCommand.h>
#include <vtkInteractorStyle.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataWriter.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkXMLPolyDataWriter.h>

using namespace plexus;
using widgets::CortexView;

namespace {

/// Pixel statistics of a rendered image against its background colour.
struct PixelStats {
    double foreground = 0.0;    ///< fraction of pixels that differ from the background
    double luminanceStd = 0.0;  ///< standard deviation of luminance over foreground pixels
    double meanLuminance = 0.0; ///< mean luminance over foreground pixels
};

PixelStats pixelStats(const QImage& image, QColor background = Qt::white) {
    PixelStats stats;
    if (image.isNull()) {
        return stats;
    }
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    double sum = 0.0;
    double sumSq = 0.0;
    qint64 count = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            const QRgb p = line[x];
            const int d = std::abs(qRed(p) - background.red()) +
                          std::abs(qGreen(p) - background.green()) +
                          std::abs(qBlue(p) - background.blue());
            if (d > 24) {
                const double l = 0.299 * qRed(p) + 0.587 * qGreen(p) + 0.114 * qBlue(p);
                sum += l;
                sumSq += l * l;
                ++count;
            }
        }
    }
    stats.foreground =
        static_cast<double>(count) / (static_cast<double>(rgb.width()) * rgb.height());
    if (count > 0) {
        stats.meanLuminance = sum / count;
        stats.luminanceStd =
            std::sqrt(std::max(0.0, sumSq / count - stats.meanLuminance * stats.meanLuminance));
    }
    return stats;
}

/// Mean absolute difference per channel between two images of the same size.
double meanDifference(const QImage& a, const QImage& b) {
    if (a.size() != b.size()) {
        return 255.0;
    }
    const QImage x = a.convertToFormat(QImage::Format_RGB32);
    const QImage y = b.convertToFormat(QImage::Format_RGB32);
    double total = 0.0;
    for (int row = 0; row < x.height(); ++row) {
        const auto* p = reinterpret_cast<const QRgb*>(x.constScanLine(row));
        const auto* q = reinterpret_cast<const QRgb*>(y.constScanLine(row));
        for (int col = 0; col < x.width(); ++col) {
            total += std::abs(qRed(p[col]) - qRed(q[col])) +
                     std::abs(qGreen(p[col]) - qGreen(q[col])) +
                     std::abs(qBlue(p[col]) - qBlue(q[col]));
        }
    }
    return total / (3.0 * x.width() * x.height());
}

/// Shows @p widget and waits until it has rendered at least once.
bool showAndRender(CortexView& view) {
    view.show();
    if (!QTest::qWaitForWindowExposed(&view, 5000)) {
        return false;
    }
    return QTest::qWaitFor([&] { return view.renderCount() > 0; }, 5000);
}

/// Renders the view now (through its paint path) and returns the widget's image.
QImage renderNow(CortexView& view) {
    const int before = view.renderCount();
    view.update();
    if (!QTest::qWaitFor([&] { return view.renderCount() > before; }, 5000)) {
        return {};
    }
    return view.grabFramebuffer();
}

/// Fraction of the pixels of @p rect in @p image that are light (luminance above 200) and
/// that are dark (below 90).
std::pair<double, double> lightAndDark(const QImage& image, const QRect& rect) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    qint64 light = 0;
    qint64 dark = 0;
    qint64 total = 0;
    const QRect inside = rect.intersected(rgb.rect());
    for (int y = inside.top(); y <= inside.bottom(); ++y) {
        for (int x = inside.left(); x <= inside.right(); ++x) {
            const QRgb p = rgb.pixel(x, y);
            const double l = 0.299 * qRed(p) + 0.587 * qGreen(p) + 0.114 * qBlue(p);
            light += l > 200.0 ? 1 : 0;
            dark += l < 90.0 ? 1 : 0;
            ++total;
        }
    }
    return {total > 0 ? static_cast<double>(light) / total : 0.0,
            total > 0 ? static_cast<double>(dark) / total : 0.0};
}

/// Where @p point (mm) lands in the view (pixels, y down), and whether it is in front.
QPointF toScreen(CortexView& view, const Eigen::Vector3d& point) {
    vtkRenderer* renderer = view.renderer();
    renderer->SetWorldPoint(point.x(), point.y(), point.z(), 1.0);
    renderer->WorldToDisplay();
    double display[3];
    renderer->GetDisplayPoint(display);
    const double ratio = view.devicePixelRatioF();
    return {display[0] / ratio, view.height() - display[1] / ratio};
}

/// Zooms the view's camera by @p factor (as the wheel would).
void renderWindowZoom(CortexView& view, double factor) {
    view.renderer()->GetActiveCamera()->Zoom(factor);
}

} // namespace

class TestCortexView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rendersDefaultCortex();
    void curvatureColouringVaries();
    void pickAtCentreHitsTheSurfaceUnderIt();
    void clickEmitsVertexPicked();
    void cameraPresetsChangeTheImage();
    void exportWritesScaledPng();
    void scaleBarIsANiceLength();
    void whiteSurfaceShowsThroughPial();
    void neuronsWithLevelOfDetail();
    void loadsSurfacesAndReportsErrors();
    void panelLoadsAndExports();
    void overlaysReadOverTheSurface();
    void projectOpensOnItsNeuronsAndElectrodes();
    void toolbarFitsAt1280();
    void survivesFloatingDock();
    void cleanupTestCase();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CortexView> m_view;
};

void TestCortexView::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_view = std::make_unique<CortexView>();
    m_view->resize(800, 600);
    QVERIFY(showAndRender(*m_view));
}

void TestCortexView::cleanupTestCase() {
    m_view.reset();
}

void TestCortexView::rendersDefaultCortex() {
    CortexView& view = *m_view;
    QVERIFY(view.surfaceName().contains(QLatin1String("Procedural")));
    QCOMPARE(view.pialSurface().vertexCount(), 40962);
    QVERIFY(view.whiteSurface().has_value());
    QVERIFY(view.isLeftHemisphere());
    const QImage image = renderNow(view);
    QCOMPARE(image.size(), QSize(800, 600) * view.devicePixelRatio());
    // Steady-state render time of the default cortex (two surfaces' worth of data on the GPU,
    // the pial one drawn): the median of a few frames.
    std::vector<double> times;
    for (int i = 0; i < 5; ++i) {
        renderNow(view);
        times.push_back(view.lastRenderMs());
    }
    std::sort(times.begin(), times.end());
    const PixelStats stats = pixelStats(image);
    qInfo("default cortex 800x600: foreground %.3f, luminance %.1f +- %.1f, render %.1f ms "
          "(median of 5)",
          stats.foreground, stats.meanLuminance, stats.luminanceStd, times[2]);
    // The hemisphere fills a good part of the view but not all of it.
    QVERIFY(stats.foreground > 0.25 && stats.foreground < 0.75);
    QVERIFY(times[2] < 2000.0);
    QVERIFY(image.save(plexus::tests::artifactPath(QStringLiteral("cortex.png"))));
}

void TestCortexView::curvatureColouringVaries() {
    CortexView& view = *m_view;
    view.resetCamera();
    view.setColoring(CortexView::Coloring::Solid);
    const PixelStats solid = pixelStats(renderNow(view));
    view.setColoring(CortexView::Coloring::Curvature);
    const PixelStats curvature = pixelStats(renderNow(view));
    view.setColoring(CortexView::Coloring::SulcalDepth);
    const PixelStats depth = pixelStats(renderNow(view));
    view.setColoring(CortexView::Coloring::Curvature);
    qInfo("luminance spread: solid %.1f, curvature %.1f, sulcal depth %.1f", solid.luminanceStd,
          curvature.luminanceStd, depth.luminanceStd);
    // Shading alone varies; colouring by curvature (light gyri, dark sulci) adds to it.
    QVERIFY(curvature.luminanceStd > 1.15 * solid.luminanceStd);
    QVERIFY(depth.luminanceStd > 1.1 * solid.luminanceStd);
    QVERIFY(curvature.meanLuminance < solid.meanLuminance);
}

void TestCortexView::pickAtCentreHitsTheSurfaceUnderIt() {
    CortexView& view = *m_view;
    view.setCameraPreset(CortexView::CameraPreset::Lateral);
    renderNow(view);
    const QPoint centre(view.width() / 2, view.height() / 2);
    const std::optional<qint64> picked = view.pickVertex(centre);
    QVERIFY(picked.has_value());
    const auto& mesh = view.pialSurface();
    QVERIFY(*picked >= 0 && *picked < mesh.vertexCount());

    // The ray through the centre of the view runs from the camera through the focal point.
    const Eigen::Vector3f eye(view.cameraPosition().x(), view.cameraPosition().y(),
                              view.cameraPosition().z());
    const Eigen::Vector3f focal(view.cameraFocalPoint().x(), view.cameraFocalPoint().y(),
                                view.cameraFocalPoint().z());
    const Eigen::Vector3f dir = (focal - eye).normalized();
    const auto rayDistance = [&](const Eigen::Vector3f& p) {
        const Eigen::Vector3f d = p - eye;
        return (d - d.dot(dir) * dir).norm();
    };
    // The first surface vertex along the ray: the nearest (along the ray) of the vertices
    // within 1.5 mm of it.
    float firstDepth = std::numeric_limits<float>::infinity();
    for (Eigen::Index i = 0; i < mesh.vertexCount(); ++i) {
        const Eigen::Vector3f p = mesh.vertices().row(i).transpose();
        if (rayDistance(p) < 1.5f) {
            firstDepth = std::min(firstDepth, (p - eye).dot(dir));
        }
    }
    const Eigen::Vector3f v = mesh.vertices().row(*picked).transpose();
    const Eigen::Vector3f hit(view.lastPickPosition().x(), view.lastPickPosition().y(),
                              view.lastPickPosition().z());
    qInfo("picked vertex %lld: %.2f mm from the ray, depth %.2f mm (first surface at %.2f mm), "
          "hit point %.2f mm from the ray",
          static_cast<long long>(*picked), rayDistance(v), (v - eye).dot(dir), firstDepth,
          rayDistance(hit));
    QVERIFY(rayDistance(hit) < 0.5f);
    QVERIFY(rayDistance(v) < 2.0f);
    QVERIFY(std::abs((v - eye).dot(dir) - firstDepth) < 2.0f);
    // The lateral view of a left hemisphere looks at its lateral side: the hit lies on the
    // camera's side (x below the middle of the hemisphere).
    QVERIFY(hit.x() < 0.5f * (mesh.bounds()[0] + mesh.bounds()[1]));
    // Over the background nothing is picked.
    QVERIFY(!view.pickVertex(QPoint(3, 3)).has_value());
}

void TestCortexView::clickEmitsVertexPicked() {
    CortexView& view = *m_view;
    view.setCameraPreset(CortexView::CameraPreset::Lateral);
    renderNow(view);
    QSignalSpy spy(&view, &CortexView::vertexPicked);
    const QPoint centre(view.width() / 2, view.height() / 2);
    const std::optional<qint64> expected = view.pickVertex(centre);
    QVERIFY(expected.has_value());
    const QVector3D cameraBefore = view.cameraPosition();
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, centre);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toLongLong(), *expected);
    // A click does not move the camera; a drag rotates it and picks nothing.
    QVERIFY((view.cameraPosition() - cameraBefore).length() < 1e-3f);
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, centre);
    for (int step = 1; step <= 10; ++step) {
        QMouseEvent move(QEvent::MouseMove, QPointF(centre + QPoint(8 * step, 0)),
                         view.mapToGlobal(QPointF(centre + QPoint(8 * step, 0))), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&view, &move);
    }
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, centre + QPoint(80, 0));
    QCOMPARE(spy.count(), 1);
    QVERIFY((view.cameraPosition() - cameraBefore).length() > 5.0f);
    // The wheel zooms (the camera moves towards the focal point).
    const float distanceBefore = (view.cameraPosition() - view.cameraFocalPoint()).length();
    QWheelEvent wheel(QPointF(centre), view.mapToGlobal(QPointF(centre)), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &wheel);
    QVERIFY((view.cameraPosition() - view.cameraFocalPoint()).length() < distanceBefore);
    view.resetCamera();
}

void TestCortexView::cameraPresetsChangeTheImage() {
    CortexView& view = *m_view;
    std::map<CortexView::CameraPreset, QImage> images;
    const std::pair<CortexView::CameraPreset, const char*> presets[] = {
        {CortexView::CameraPreset::Lateral, "lateral"},
        {CortexView::CameraPreset::Medial, "medial"},
        {CortexView::CameraPreset::Dorsal, "dorsal"},
        {CortexView::CameraPreset::Anterior, "anterior"}};
    for (const auto& [preset, name] : presets) {
        view.setCameraPreset(preset);
        images[preset] = renderNow(view);
        images[preset].save(
            plexus::tests::artifactPath(QStringLiteral("cortex_%1.png").arg(QLatin1String(name))));
        const PixelStats stats = pixelStats(images[preset]);
        QVERIFY2(
            stats.foreground > 0.1 && stats.foreground < 0.8,
            qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(name)).arg(stats.foreground)));
    }
    // Camera geometry: lateral looks from -x (left hemisphere), medial from +x, dorsal from +z.
    view.setCameraPreset(CortexView::CameraPreset::Lateral);
    QVERIFY(view.cameraPosition().x() < view.cameraFocalPoint().x() - 50.0f);
    QVERIFY(std::abs(view.cameraViewUp().z() - 1.0f) < 1e-3f);
    view.setCameraPreset(CortexView::CameraPreset::Medial);
    QVERIFY(view.cameraPosition().x() > view.cameraFocalPoint().x() + 50.0f);
    view.setCameraPreset(CortexView::CameraPreset::Dorsal);
    QVERIFY(view.cameraPosition().z() > view.cameraFocalPoint().z() + 50.0f);
    QVERIFY(std::abs(view.cameraViewUp().y() - 1.0f) < 1e-3f);
    const double lateralMedial = meanDifference(images[CortexView::CameraPreset::Lateral],
                                                images[CortexView::CameraPreset::Medial]);
    const double lateralDorsal = meanDifference(images[CortexView::CameraPreset::Lateral],
                                                images[CortexView::CameraPreset::Dorsal]);
    qInfo("mean pixel difference: lateral/medial %.1f, lateral/dorsal %.1f", lateralMedial,
          lateralDorsal);
    QVERIFY(lateralMedial > 5.0);
    QVERIFY(lateralDorsal > 5.0);
    // Until the user moves the camera, the framing follows the view's size.
    view.setCameraPreset(CortexView::CameraPreset::Lateral);
    const float lateralDistance = (view.cameraPosition() - view.cameraFocalPoint()).length();
    view.resize(400, 600);
    QTest::qWait(20);
    QVERIFY((view.cameraPosition() - view.cameraFocalPoint()).length() > 1.5f * lateralDistance);
    QVERIFY(pixelStats(renderNow(view)).foreground > 0.1);
    view.resize(800, 600);
    QTest::qWait(20);
    QVERIFY(std::abs((view.cameraPosition() - view.cameraFocalPoint()).length() - lateralDistance) <
            1e-3f * lateralDistance);
    // Reset returns to the lateral image.
    view.resetCamera();
    QVERIFY(meanDifference(renderNow(view), images[CortexView::CameraPreset::Lateral]) < 0.5);
}

void TestCortexView::exportWritesScaledPng() {
    CortexView& view = *m_view;
    view.resetCamera();
    const QImage screen = renderNow(view);
    for (const double scale : {1.0, 2.0, 3.0}) {
        const QString file = m_dir.filePath(QStringLiteral("export_%1.png").arg(scale));
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(view.exportPng(file, scale), qPrintable(view.lastError()));
        const qint64 elapsed = timer.elapsed();
        QImage image(file);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), (QSizeF(screen.size()) * scale).toSize());
        const PixelStats stats = pixelStats(image);
        qInfo("export x%.0f: %dx%d in %lld ms, foreground %.3f", scale, image.width(),
              image.height(), static_cast<long long>(elapsed), stats.foreground);
        // The same picture at a higher resolution: similar coverage, and it matches the
        // screen once scaled back.
        QVERIFY(std::abs(stats.foreground - pixelStats(screen).foreground) < 0.03);
        const QImage back =
            image.scaled(screen.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        QVERIFY(meanDifference(back, screen) < 12.0);
    }
    QVERIFY(view.exportPng(plexus::tests::artifactPath(QStringLiteral("cortex_2x.png")), 2.0));
    // Failures say why.
    QVERIFY(!view.exportPng(m_dir.filePath(QStringLiteral("no/such/dir/x.png")), 1.0));
    QVERIFY(view.lastError().contains(QLatin1String("x.png")));
    QVERIFY(!view.exportPng(m_dir.filePath(QStringLiteral("huge.png")), 100.0));
    // The view still renders normally afterwards.
    QVERIFY(meanDifference(renderNow(view), screen) < 0.5);
}

void TestCortexView::scaleBarIsANiceLength() {
    CortexView& view = *m_view;
    view.resetCamera();
    renderNow(view);
    const double mm = view.scaleBarLengthMm();
    const double mantissa = mm / std::pow(10.0, std::floor(std::log10(mm)));
    QVERIFY(std::abs(mantissa - 1.0) < 1e-9 || std::abs(mantissa - 2.0) < 1e-9 ||
            std::abs(mantissa - 5.0) < 1e-9);
    // The hemisphere (170 mm long) spans most of the 800 px view: 110 px is 15..35 mm.
    QVERIFY(mm >= 10.0 && mm <= 50.0);
    // Zooming in shortens it.
    renderWindowZoom(view, 4.0);
    renderNow(view);
    QVERIFY(view.scaleBarLengthMm() < mm);
    view.resetCamera();
}

void TestCortexView::whiteSurfaceShowsThroughPial() {
    CortexView& view = *m_view;
    view.resetCamera();
    const QImage pialOnly = renderNow(view);
    view.setWhiteSurfaceVisible(true);
    QVERIFY(view.isWhiteSurfaceVisible());
    const QImage both = renderNow(view);
    both.save(plexus::tests::artifactPath(QStringLiteral("cortex_white.png")));
    qInfo("white surface render %.1f ms", view.lastRenderMs());
    QVERIFY(meanDifference(pialOnly, both) > 2.0);
    // Picking now hits the white surface, which lies deeper along the ray.
    const QPoint centre(view.width() / 2, view.height() / 2);
    const std::optional<qint64> white = view.pickVertex(centre);
    QVERIFY(white.has_value());
    const QVector3D whiteHit = view.lastPickPosition();
    view.setWhiteSurfaceVisible(false);
    QVERIFY(view.pickVertex(centre).has_value());
    const QVector3D pialHit = view.lastPickPosition();
    QVERIFY((whiteHit - view.cameraPosition()).length() >
            (pialHit - view.cameraPosition()).length());
    QVERIFY(meanDifference(renderNow(view), pialOnly) < 0.5);
}

void TestCortexView::neuronsWithLevelOfDetail() {
    CortexView& view = *m_view;
    view.resetCamera();
    const QImage empty = renderNow(view);
    // 100 000 neurons in the grey matter: between the white and the pial surface.
    const auto& pial = view.pialSurface();
    const auto& white = *view.whiteSurface();
    const qint64 n = 100000;
    std::vector<float> xyz(static_cast<std::size_t>(n) * 3);
    std::mt19937 random(3);
    std::uniform_real_distribution<float> depth(0.1f, 0.9f);
    for (qint64 i = 0; i < n; ++i) {
        const Eigen::Index v = static_cast<Eigen::Index>(random() % pial.vertexCount());
        const Eigen::Vector3f p =
            white.vertices().row(v) +
            depth(random) * (pial.vertices().row(v) - white.vertices().row(v));
        std::copy_n(p.data(), 3, xyz.data() + 3 * i);
    }
    view.setNeuronPositions(xyz);
    QCOMPARE(view.neuronCount(), n);
    std::vector<float> rates(static_cast<std::size_t>(n));
    for (qint64 i = 0; i < n; ++i) {
        rates[static_cast<std::size_t>(i)] = static_cast<float>(i % 100);
    }
    QVERIFY(view.setNeuronValues(rates, 0.0f, 99.0f));
    QVERIFY(!view.setNeuronValues(std::span<const float>(rates).first(10), 0.0f, 1.0f));
    const QImage withNeurons = renderNow(view);
    std::vector<double> times;
    for (int i = 0; i < 3; ++i) {
        renderNow(view);
        times.push_back(view.lastRenderMs());
    }
    std::sort(times.begin(), times.end());
    withNeurons.save(plexus::tests::artifactPath(QStringLiteral("cortex_neurons.png")));
    QCOMPARE(view.neuronsDrawn(), n);
    // Neurons inside the cortex are mostly hidden by the opaque pial surface, but those in
    // the grey matter near the surface poke through at sulcal walls: the image changes.
    QVERIFY(meanDifference(withNeurons, empty) > 0.05);

    // While the camera moves, a subset is drawn.
    vtkInteractorStyle* style = view.interactorStyle();
    style->InvokeEvent(vtkCommand::StartInteractionEvent);
    renderNow(view);
    const double movingMs = view.lastRenderMs();
    QVERIFY(view.neuronsDrawn() <= view.neuronLodThreshold());
    QVERIFY(view.neuronsDrawn() > view.neuronLodThreshold() / 2);
    style->InvokeEvent(vtkCommand::EndInteractionEvent);
    renderNow(view);
    QCOMPARE(view.neuronsDrawn(), n);
    qInfo("100000 neurons: render %.1f ms at rest, %.1f ms while moving (%lld drawn)", times[1],
          movingMs, static_cast<long long>(view.neuronLodThreshold()));

    // Live colouring: RGBA per neuron, e.g. every GUI frame.
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(n) * 4, 255);
    QVERIFY(view.setNeuronColors(rgba));
    QVERIFY(!view.setNeuronColors(std::span<const std::uint8_t>(rgba).first(8)));
    // Without the pial surface every neuron is visible.
    view.setPialSurfaceVisible(false);
    const QImage bare = renderNow(view);
    bare.save(plexus::tests::artifactPath(QStringLiteral("cortex_neurons_bare.png")));
    view.setPialSurfaceVisible(true);
    view.clearNeurons();
    QCOMPARE(view.neuronCount(), qint64{0});
    QVERIFY(meanDifference(renderNow(view), empty) < 0.5);
}

void TestCortexView::loadsSurfacesAndReportsErrors() {
    CortexView view;
    view.resize(400, 300);
    QVERIFY(showAndRender(view));
    QSignalSpy changed(&view, &CortexView::surfaceChanged);
    // A FreeSurfer subject directory: lh.pial with lh.white and lh.curv next to it.
    const geometry::FoldedCortex cortex;
    QDir(m_dir.path()).mkdir(QStringLiteral("surf"));
    const std::filesystem::path surf = m_dir.filePath(QStringLiteral("surf")).toStdString();
    geometry::FreeSurferSurface::write(cortex.pial(), surf / "lh.pial");
    geometry::FreeSurferSurface::write(cortex.white(), surf / "lh.white");
    geometry::FreeSurferSurface::writeCurvature(*cortex.pial().scalar("curv"),
                                                cortex.pial().triangleCount(), surf / "lh.curv");
    const QString pialPath = QString::fromStdString((surf / "lh.pial").string());
    QVERIFY2(view.loadSurface(pialPath), qPrintable(view.lastError()));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(view.surfaceName(), QStringLiteral("lh.pial"));
    QVERIFY(view.whiteSurface().has_value());
    QCOMPARE(*view.pialSurface().scalar("curv"), *cortex.pial().scalar("curv"));
    QVERIFY(pixelStats(renderNow(view)).foreground > 0.2);

    // A VTK XML file written by VTK.
    vtkNew<vtkXMLPolyDataWriter> writer;
    auto polyData = vtkSmartPointer<vtkPolyData>::New();
    {
        vtkNew<vtkPoints> points;
        for (Eigen::Index i = 0; i < cortex.white().vertexCount(); ++i) {
            points->InsertNextPoint(cortex.white().vertices()(i, 0),
                                    cortex.white().vertices()(i, 1),
                                    cortex.white().vertices()(i, 2));
        }
        vtkNew<vtkCellArray> polys;
        for (Eigen::Index t = 0; t < cortex.white().triangleCount(); ++t) {
            const vtkIdType ids[3] = {cortex.white().triangles()(t, 0),
                                      cortex.white().triangles()(t, 1),
                                      cortex.white().triangles()(t, 2)};
            polys->InsertNextCell(3, ids);
        }
        polyData->SetPoints(points);
        polyData->SetPolys(polys);
    }
    writer->SetInputData(polyData);
    const QString vtp = m_dir.filePath(QStringLiteral("white.vtp"));
    writer->SetFileName(vtp.toLocal8Bit().constData());
    QVERIFY(writer->Write() == 1);
    QVERIFY2(view.loadSurface(vtp), qPrintable(view.lastError()));
    QVERIFY(!view.whiteSurface().has_value());
    QVERIFY(view.pialSurface().scalar("curv") != nullptr); // computed

    // A damaged file: false, the old surface stays, and the error names the file.
    const QString bad = m_dir.filePath(QStringLiteral("rh.pial"));
    {
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\xff\xff\xfe created by nobody\n\n\x00\x00", 26);
    }
    QVERIFY(!view.loadSurface(bad));
    QVERIFY2(view.lastError().contains(bad) &&
                 view.lastError().contains(QLatin1String("truncated")),
             qPrintable(view.lastError()));
    QCOMPARE(view.surfaceName(), QStringLiteral("white.vtp"));
    QCOMPARE(changed.count(), 2);
    view.showDefaultCortex(7);
    QVERIFY(view.surfaceName().contains(QLatin1String("seed 7")));
}

void TestCortexView::panelLoadsAndExports() {
    widgets::CortexPanel panel;
    panel.resize(900, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel, 5000));
    QVERIFY(QTest::qWaitFor([&] { return panel.view()->renderCount() > 0; }, 5000));
    QVERIFY(panel.statusText().contains(QLatin1String("40962 vertices")));
    QVERIFY(!panel.loadSurfaceFile(m_dir.filePath(QStringLiteral("missing.gii"))));
    QVERIFY2(panel.statusText().contains(QLatin1String("missing.gii")),
             qPrintable(panel.statusText()));
    const QString png = m_dir.filePath(QStringLiteral("panel.png"));
    QVERIFY(panel.exportPngFile(png, 1.5));
    const QImage image(png);
    QCOMPARE(image.size(),
             (QSizeF(panel.view()->size() * panel.view()->devicePixelRatio()) * 1.5).toSize());
    // The panel has the promised actions (on the toolbar or in its menus).
    QStringList texts;
    for (QAction* action : panel.actions()) {
        texts << action->text();
    }
    for (const char* expected :
         {"Load surface…", "Default cortex", "Lateral", "Medial", "Dorsal", "Reset", "Neurons",
          "White matter", "Place electrode", "Plan…", "Import montage…", "Export contacts…",
          "Show vessels", "Load vessels…", "Export PNG…"}) {
        QVERIFY2(texts.contains(QString::fromUtf8(expected)), expected);
    }
    panel.grab().save(plexus::tests::artifactPath(QStringLiteral("cortex_panel.png")));
}

void TestCortexView::overlaysReadOverTheSurface() {
    CortexView& view = *m_view;
    view.resetCamera();
    // Zoomed in: the scale bar and the legend sit over the surface, not the background.
    renderWindowZoom(view, 6.0);
    view.setActivityLegend(QStringLiteral("Rate (Hz), last 50 ms"), 0.0, 40.0);
    QCOMPARE(view.legendLabels(),
             (QStringList{QStringLiteral("0"), QStringLiteral("20"), QStringLiteral("40")}));
    QCOMPARE(CortexView::activityColor(0.0), QColor(214, 219, 228));
    QCOMPARE(CortexView::activityColor(1.0), QColor(103, 0, 13));
    const QImage screen = renderNow(view);
    // A round length: 1, 2 or 5 times a power of ten, said in mm or um.
    QVERIFY2(QRegularExpression(QStringLiteral("^[125]0* (mm|µm)$"))
                 .match(view.scaleBarLabel())
                 .hasMatch(),
             qPrintable(view.scaleBarLabel()));
    const auto checkOverlays = [&](const QImage& image, const CortexView::OverlayLayout& layout,
                                   const char* what) {
        QCOMPARE(layout.imageSize, image.size());
        for (const QRect& plate : {layout.scaleBarPlate, layout.legendPlate}) {
            QVERIFY2(!plate.isEmpty() && image.rect().contains(plate), what);
            // The text fits its plate.
            QVERIFY2(plate.height() >= layout.textPixels, what);
            // A light plate with dark ink on it, wherever it sits.
            const auto [light, dark] = lightAndDark(image, plate);
            QVERIFY2(light > 0.5 && dark > 0.01, qPrintable(QStringLiteral("%1: light %2, dark %3")
                                                                .arg(QLatin1String(what))
                                                                .arg(light)
                                                                .arg(dark)));
        }
        QVERIFY2(!layout.scaleBarPlate.intersects(layout.legendPlate), what);
    };
    checkOverlays(screen, view.overlayLayout(), "screen");
    QCOMPARE(view.overlayLayout().textPixels, CortexView::overlayTextPixels());
    // Surface under the scale bar's plate: without the plate its ink would be on grey.
    const QRect plate = view.overlayLayout().scaleBarPlate;
    const QRect below(plate.left(), plate.top() - plate.height(), plate.width(), plate.height());
    QVERIFY(lightAndDark(screen, below).first < 0.5);

    // Exports at 2x and 3x: text and plates grow with the image.
    for (const double scale : {2.0, 3.0}) {
        const QImage image = view.renderImage(scale);
        QVERIFY(!image.isNull());
        const auto& layout = view.exportOverlayLayout();
        QCOMPARE(layout.textPixels, CortexView::overlayTextPixels() * scale);
        checkOverlays(image, layout, scale == 2.0 ? "2x" : "3x");
        QVERIFY(std::abs(layout.scaleBarPlate.height() -
                         scale * view.overlayLayout().scaleBarPlate.height()) <= 2.0 * scale);
        image.save(
            plexus::tests::artifactPath(QStringLiteral("cortex_overlays_%1x.png").arg(scale)));
    }
    // For print: text of a chosen height (e.g. 7 pt at 300 dpi = 29 px) in a 1x image.
    const QImage print = view.renderImageWithText(1.0, 29.0);
    QCOMPARE(view.exportOverlayLayout().textPixels, 29.0);
    checkOverlays(print, view.exportOverlayLayout(), "print");
    QVERIFY(view.exportOverlayLayout().legendPlate.height() >
            1.8 * view.overlayLayout().legendPlate.height());
    // A small view (a figure panel) keeps the legend compact: the title without its qualifier
    // and a shorter bar, so most of the picture stays visible.
    {
        const QSize shown = view.size();
        view.resize(320, 240);
        const QImage small = view.renderImageWithText(1.0, 16.0);
        const auto& layout = view.exportOverlayLayout();
        checkOverlays(small, layout, "small");
        QVERIFY2(layout.legendPlate.width() < 0.4 * small.width() &&
                     layout.legendPlate.height() < 0.55 * small.height(),
                 qPrintable(QStringLiteral("legend %1 x %2 in %3 x %4")
                                .arg(layout.legendPlate.width())
                                .arg(layout.legendPlate.height())
                                .arg(small.width())
                                .arg(small.height())));
        small.save(plexus::tests::artifactPath(QStringLiteral("cortex_overlays_small.png")));
        view.resize(shown);
    }
    // Population legend: a swatch and a name each.
    view.setPopulationLegend(
        {{QStringLiteral("E"), QColor(31, 119, 180)}, {QStringLiteral("I"), QColor(44, 160, 44)}});
    checkOverlays(renderNow(view), view.overlayLayout(), "populations");
    view.clearLegend();
    renderNow(view);
    QVERIFY(view.overlayLayout().legendPlate.isEmpty());
    view.resetCamera();
}

void TestCortexView::projectOpensOnItsNeuronsAndElectrodes() {
    // The example with electrodes, as the window opens it: the view frames the neurons and the
    // electrodes obliquely, with the cortex around them.
    const core::ProjectSpec project =
        core::ProjectIo::load(PLEXUS_SOURCE_DIR "/resources/examples/cuba_electrodes.json");
    widgets::CortexPanel panel;
    panel.resize(1280, 440);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel, 5000));
    CortexView& view = *panel.view();
    QVERIFY(QTest::qWaitFor([&] { return view.renderCount() > 0; }, 5000));
    panel.setLiveData(&project, nullptr);
    panel.focusNeurons();
    const QImage image = renderNow(view);
    image.save(plexus::tests::artifactPath(QStringLiteral("cortex_project_view.png")));
    QCOMPARE(view.legend(), CortexView::Legend::Populations);
    QCOMPARE(view.legendEntries().size(), std::size_t{2});

    // The neurons take a good part of the view, not all of it.
    const geometry::CortexPlacement& placement = *panel.placement();
    QRectF neurons;
    const auto& xyz = placement.positions();
    for (std::size_t i = 0; i < placement.neuronCount(); i += 7) {
        const QPointF p =
            toScreen(view, Eigen::Vector3d(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]));
        neurons =
            neurons.isNull() ? QRectF(p, QSizeF(1, 1)) : neurons.united(QRectF(p, QSizeF(1, 1)));
    }
    qInfo("neurons span %.0f x %.0f px of %d x %d", neurons.width(), neurons.height(), view.width(),
          view.height());
    QVERIFY(QRectF(view.rect()).contains(neurons));
    QVERIFY2(neurons.height() > 0.25 * view.height() && neurons.height() < 0.75 * view.height(),
             qPrintable(QString::number(neurons.height())));
    // Every contact and shank entry is in view.
    for (const auto& array : view.electrodes()) {
        for (const auto& contact : array.contacts()) {
            QVERIFY(QRectF(view.rect()).contains(toScreen(view, contact.position)));
        }
        for (const auto& shank : array.shanks()) {
            QVERIFY(QRectF(view.rect()).contains(toScreen(view, shank.entry)));
        }
    }
    // Looking at the patch from 50 degrees off its normal, from outside.
    const Eigen::Vector3f normal = view.pialSurface().normals().row(placement.anchorVertex());
    const QVector3D eye = view.cameraPosition() - view.cameraFocalPoint();
    const double angle = std::acos(QVector3D::dotProduct(
                             eye.normalized(), QVector3D(normal.x(), normal.y(), normal.z()))) *
                         180.0 / M_PI;
    QVERIFY2(std::abs(angle - CortexView::kPatchTiltDeg) < 1.0, qPrintable(QString::number(angle)));
    // The cortex around the patch fills the rest of the view: surface (not background) in
    // most of the image, with folds shading it (light and dark parts).
    const PixelStats stats = pixelStats(image);
    QVERIFY2(stats.foreground > 0.8, qPrintable(QString::number(stats.foreground)));
    QVERIFY2(stats.luminanceStd > 15.0, qPrintable(QString::number(stats.luminanceStd)));
}

void TestCortexView::toolbarFitsAt1280() {
    // The 3-D panel spans a 1280 px wide window: every toolbar item shows, nothing goes into
    // the overflow menu.
    widgets::CortexPanel panel;
    panel.resize(1280, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel, 5000));
    QTest::qWait(50);
    QToolBar* bar = panel.toolBar();
    QVERIFY2(bar->sizeHint().width() <= 1280, qPrintable(QString::number(bar->sizeHint().width())));
    auto* extension = bar->findChild<QToolButton*>(QStringLiteral("qt_toolbar_ext_button"));
    QVERIFY(extension == nullptr || !extension->isVisible());
    for (QAction* action : bar->actions()) {
        QWidget* widget = bar->widgetForAction(action);
        QVERIFY(widget != nullptr);
        if (!action->isSeparator()) {
            QVERIFY2(widget->isVisible() && widget->geometry().right() < bar->width(),
                     qPrintable(action->text()));
        }
    }
    panel.grab().save(plexus::tests::artifactPath(QStringLiteral("cortex_panel_1280.png")));
}

void TestCortexView::survivesFloatingDock() {
    // Floating and re-docking moves the view to another window: Qt destroys its OpenGL
    // context and makes a new one, and VTK must follow.
    QMainWindow window;
    window.resize(1000, 700);
    auto* dock = new QDockWidget(QStringLiteral("3D View"), &window);
    auto* panel = new widgets::CortexPanel(dock);
    dock->setWidget(panel);
    window.addDockWidget(Qt::RightDockWidgetArea, dock);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window, 5000));
    CortexView& view = *panel->view();
    QVERIFY(QTest::qWaitFor([&] { return view.renderCount() > 0; }, 5000));
    const double docked = pixelStats(renderNow(view)).foreground;
    dock->setFloating(true);
    dock->resize(640, 480);
    QVERIFY(QTest::qWaitForWindowExposed(dock, 5000));
    const QImage floating = renderNow(view);
    QVERIFY(!floating.isNull());
    const double floatingForeground = pixelStats(floating).foreground;
    dock->setFloating(false);
    QVERIFY(QTest::qWaitForWindowExposed(&window, 5000));
    const QImage back = renderNow(view);
    qInfo("foreground docked %.3f, floating %.3f, re-docked %.3f", docked, floatingForeground,
          pixelStats(back).foreground);
    QVERIFY(floatingForeground > 0.1);
    QVERIFY(pixelStats(back).foreground > 0.1);
    QVERIFY(view.isVtkInitialized());
}

int main(int argc, char** argv) {
    QSurfaceFormat::setDefaultFormat(widgets::VtkOpenGLWidget::defaultFormat());
    QApplication app(argc, argv);
    TestCortexView test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestCortexView.moc"
