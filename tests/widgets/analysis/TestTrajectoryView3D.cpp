// The 3D PCA trajectory view under a real OpenGL context (label gl: runs under xvfb with the xcb
// platform): a known trajectory (a circle in PC1 x PC2) renders as a ring of the condition's
// colour with fading, a highlighted time window changes the pixels and clearing it restores
// them, the orbit camera moves on drags and is kept across new results, and the analysis panel
// switches to 3D and follows live results and the raster selection.

#include "TestArtifacts.h"
#include "plexus/analysis/TrajectoryAnalysis.h"
#include "plexus/widgets/analysis/AnalysisPanel.h"
#include "plexus/widgets/analysis/TrajectoryView.h"
#include "plexus/widgets/analysis/TrajectoryView3D.h"
#include "plexus/widgets/live/LiveRecording.h"
#include "plexus/widgets/plots/PlotTheme.h"

#include <QApplication>
#include <QDir>
#include <QSignalSpy>
#include <QSurfaceFormat>
#include <QtTest>
#include <cmath>
#include <memory>
#include <random>
#include <vtkCamera.h>
#include <vtkRenderer.h>

using namespace plexus;
using widgets::AnalysisResult;
using widgets::TrajectoryView3D;

namespace {

constexpr int kStates = 48;

/// A result with one condition "circle": radius 10 in PC1 x PC2 (units 0 and 1), a ramp of
/// height @p ramp along unit 2 (PC3) and tiny values on three more units; times 5, 15, ... ms.
std::shared_ptr<AnalysisResult> circleResult(double ramp = 2.0) {
    Eigen::MatrixXd states(kStates, 6);
    std::vector<double> times;
    std::mt19937 rng(5);
    std::normal_distribution<double> noise(0.0, 0.01);
    for (int k = 0; k < kStates; ++k) {
        const double phase = 2.0 * M_PI * k / kStates;
        states.row(k) << 10.0 * std::cos(phase), 10.0 * std::sin(phase),
            ramp * (k / (kStates - 1.0) - 0.5), noise(rng), noise(rng), noise(rng);
        times.push_back(5.0 + 10.0 * k);
    }
    analysis::TrajectoryOptions options;
    options.components = 3;
    options.shuffles = 0;
    auto result = std::make_shared<AnalysisResult>();
    result->id = 1;
    result->conditions = {"circle"};
    result->repeatStartsMs = {{0.0}};
    result->trajectory = analysis::TrajectoryAnalysis::run({"circle"}, {states}, options, {times});
    return result;
}

/// Pixels of @p image whose colour is within @p tolerance (sum over channels) of @p colour.
int countNear(const QImage& image, const QColor& colour, int tolerance = 60) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QRgb p = image.pixel(x, y);
            n += std::abs(qRed(p) - colour.red()) + std::abs(qGreen(p) - colour.green()) +
                             std::abs(qBlue(p) - colour.blue()) <=
                         tolerance
                     ? 1
                     : 0;
        }
    }
    return n;
}

/// Fraction of pixels that differ from white.
double foreground(const QImage& image) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QRgb p = image.pixel(x, y);
            n += (765 - qRed(p) - qGreen(p) - qBlue(p)) > 24 ? 1 : 0;
        }
    }
    return static_cast<double>(n) / (static_cast<double>(image.width()) * image.height());
}

/// Mean absolute difference per channel of two images of the same size.
double meanDifference(const QImage& a, const QImage& b) {
    if (a.size() != b.size()) {
        return 255.0;
    }
    double total = 0.0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y);
            const QRgb q = b.pixel(x, y);
            total += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) +
                     std::abs(qBlue(p) - qBlue(q));
        }
    }
    return total / (3.0 * a.width() * a.height());
}

bool showAndRender(widgets::VtkOpenGLWidget& view) {
    view.show();
    if (!QTest::qWaitForWindowExposed(&view, 5000)) {
        return false;
    }
    return QTest::qWaitFor([&] { return view.renderCount() > 0; }, 5000);
}

/// Structured Poisson spikes: two populations, four conditions of 200 ms, twice.
void fillStructured(widgets::LiveRecording& rec, std::vector<analysis::ConditionEpoch>& epochs) {
    using Pop = widgets::LiveRecording::Population;
    constexpr double dt = 0.1;
    rec.reset({Pop{"A", 40, false}, Pop{"B", 30, false}}, dt, 10);
    const char* names[] = {"left_slow", "left_fast", "right_slow", "right_fast"};
    const double rates[4][2] = {{30, 4}, {60, 4}, {4, 30}, {4, 60}};
    epochs.clear();
    for (int r = 0; r < 2; ++r) {
        for (int c = 0; c < 4; ++c) {
            epochs.push_back({names[c], (r * 4 + c) * 200.0, (r * 4 + c + 1) * 200.0});
        }
    }
    const auto steps = static_cast<std::int64_t>(1600.0 / dt + 0.5);
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    for (std::size_t p = 0; p < 2; ++p) {
        const auto size = static_cast<std::int32_t>(rec.population(p).size);
        std::vector<std::int64_t> st;
        std::vector<std::int32_t> ne;
        for (std::int64_t s = 0; s < steps; ++s) {
            const int c = static_cast<int>(s * dt / 200.0) % 4;
            for (std::int32_t n = 0; n < size; ++n) {
                const double rate = rates[c][p] * (1.0 + 0.8 * (n / (size - 1.0) - 0.5));
                if (uniform(rng) < rate * dt * 1e-3) {
                    st.push_back(s);
                    ne.push_back(n);
                }
            }
        }
        rec.appendSpikes(p, st.data(), ne.data(), st.size());
    }
    rec.setCurrentStep(steps);
}

} // namespace

class TestTrajectoryView3D : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void circleRendersAndHighlights();
    void orbitCameraKeptAcrossResults();
    void panelSwitchesTo3DAndFollowsLiveResults();
    void smallViewKeepsAxisTitlesInside();
};

void TestTrajectoryView3D::circleRendersAndHighlights() {
    TrajectoryView3D view;
    view.resize(640, 480);
    QVERIFY(showAndRender(view));
    // Empty: a message, nothing else.
    QCOMPARE(view.conditionCount(), std::size_t{0});

    const auto result = circleResult();
    view.setResult(result);
    QCOMPARE(view.conditionCount(), std::size_t{1});
    QCOMPARE(view.stateCount(), static_cast<std::size_t>(kStates));
    QVERIFY(view.axisTitle(0).startsWith(QStringLiteral("PC1 (")));
    QVERIFY(view.axisTitle(2).startsWith(QStringLiteral("PC3 (")));
    // PC1 and PC2 carry the circle (almost all the variance).
    const Eigen::VectorXd ratio = result->trajectory->pca.explainedVarianceRatio();
    QVERIFY(ratio(0) + ratio(1) > 0.97);

    const QImage plain = view.renderImage(1.0);
    QVERIFY(!plain.isNull());
    QVERIFY(plain.save(plexus::tests::artifactPath(QStringLiteral("trajectory3d_circle.png"))));
    const double ink = foreground(plain);
    QVERIFY2(ink > 0.01 && ink < 0.6, qPrintable(QString::number(ink)));
    // The newest part of the trail is the condition's full colour; older parts fade.
    const QColor colour = widgets::PlotTheme::seriesColor(0);
    const int full = countNear(plain, colour);
    QVERIFY2(full > 100, qPrintable(QString::number(full)));
    const QColor faded = TrajectoryView3D::fadedColor(colour, Qt::white, 0, kStates);
    QVERIFY(faded.red() > colour.red() && faded.green() > colour.green());
    QVERIFY2(countNear(plain, faded, 45) > 10, "no faded trail pixels");
    // A ring: coloured pixels spread over a wide box, with the centre of the box empty.
    int minX = plain.width();
    int maxX = -1;
    int minY = plain.height();
    int maxY = -1;
    for (int y = 0; y < plain.height(); ++y) {
        for (int x = 0; x < plain.width(); ++x) {
            const QRgb p = plain.pixel(x, y);
            if (qBlue(p) > qRed(p) + 40 && qBlue(p) < 235) {
                minX = std::min(minX, x);
                maxX = std::max(maxX, x);
                minY = std::min(minY, y);
                maxY = std::max(maxY, y);
            }
        }
    }
    QVERIFY2(maxX - minX > plain.width() / 3, qPrintable(QString::number(maxX - minX)));
    QVERIFY2(maxY - minY > plain.height() / 6, qPrintable(QString::number(maxY - minY)));
    const QRgb centre = plain.pixel((minX + maxX) / 2, (minY + maxY) / 2);
    QVERIFY(qRed(centre) > 200 && qGreen(centre) > 200 && qBlue(centre) > 200);

    // Highlight the first quarter (the faded part): emphasised in the full colour.
    std::vector<std::vector<bool>> flags(1, std::vector<bool>(kStates, false));
    for (int k = 0; k < kStates / 4; ++k) {
        flags[0][static_cast<std::size_t>(k)] = true;
    }
    view.setHighlighted(flags);
    QCOMPARE(view.highlightedPointCount(), static_cast<std::size_t>(kStates / 4));
    const QImage highlighted = view.renderImage(1.0);
    QVERIFY(highlighted.save(
        plexus::tests::artifactPath(QStringLiteral("trajectory3d_highlight.png"))));
    const double changed = meanDifference(plain, highlighted);
    QVERIFY2(changed > 0.2, qPrintable(QString::number(changed)));
    const int fullAfter = countNear(highlighted, colour);
    QVERIFY2(fullAfter > full + 200,
             qPrintable(QStringLiteral("%1 -> %2").arg(full).arg(fullAfter)));
    // Clearing restores the picture.
    view.setHighlighted({});
    QCOMPARE(view.highlightedPointCount(), std::size_t{0});
    QVERIFY(meanDifference(plain, view.renderImage(1.0)) < 0.05);

    // High-resolution export.
    const QString png = plexus::tests::artifactPath(QStringLiteral("trajectory3d_export.png"));
    QVERIFY2(view.exportPng(png, 2.0), qPrintable(view.lastError()));
    QCOMPARE(QImage(png).size(), QSize(1280, 960) * view.devicePixelRatioF());
}

void TestTrajectoryView3D::smallViewKeepsAxisTitlesInside() {
    // A figure panel's size: the axis titles ("PC1 (..%)") keep their pixel size, so the
    // framing leaves room for them; nothing is cut at the edges of the picture.
    TrajectoryView3D view;
    view.resize(320, 170);
    QVERIFY(showAndRender(view));
    view.setResult(circleResult(20.0)); // a helix: as tall as it is wide
    const QImage image = view.renderImage(1.0);
    image.save(plexus::tests::artifactPath(QStringLiteral("trajectory3d_small.png")));
    const auto inked = [&](int x, int y) { return qGray(image.pixel(x, y)) < 160; };
    int edge = 0;
    for (int x = 0; x < image.width(); ++x) {
        edge +=
            inked(x, 0) + inked(x, 1) + inked(x, image.height() - 1) + inked(x, image.height() - 2);
    }
    for (int y = 0; y < image.height(); ++y) {
        edge +=
            inked(0, y) + inked(1, y) + inked(image.width() - 1, y) + inked(image.width() - 2, y);
    }
    QVERIFY2(edge == 0, qPrintable(QStringLiteral("%1 dark pixels on the edges").arg(edge)));
    QVERIFY(foreground(image) > 0.01);
}

void TestTrajectoryView3D::orbitCameraKeptAcrossResults() {
    TrajectoryView3D view;
    view.resize(500, 400);
    QVERIFY(showAndRender(view));
    view.setResult(circleResult());
    QVERIFY(!view.isCameraUserMoved());
    vtkCamera* camera = view.renderer()->GetActiveCamera();
    double before[3];
    camera->GetPosition(before);
    const QImage first = view.renderImage(1.0);
    // Left drag orbits.
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(250, 200));
    for (int i = 1; i <= 8; ++i) {
        QMouseEvent move(QEvent::MouseMove, QPointF(250 + 15 * i, 200 + 4 * i),
                         view.mapToGlobal(QPointF(250 + 15 * i, 200 + 4 * i)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&view, &move);
    }
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(370, 232));
    QVERIFY(view.isCameraUserMoved());
    double after[3];
    camera->GetPosition(after);
    const double moved =
        std::hypot(after[0] - before[0], after[1] - before[1], after[2] - before[2]);
    QVERIFY2(moved > 0.5, qPrintable(QString::number(moved)));
    QVERIFY(meanDifference(first, view.renderImage(1.0)) > 0.2);
    // A new result (live update) keeps the user's camera.
    view.setResult(circleResult());
    double kept[3];
    camera->GetPosition(kept);
    QCOMPARE(kept[0], after[0]);
    QCOMPARE(kept[2], after[2]);
    // Reset returns to the default view.
    view.resetCamera();
    QVERIFY(!view.isCameraUserMoved());
    double reset[3];
    camera->GetPosition(reset);
    QVERIFY(std::hypot(reset[0] - before[0], reset[1] - before[1], reset[2] - before[2]) <
            1e-6 * std::max(1.0, std::hypot(before[0], before[1], before[2])) + 1e-9);
}

void TestTrajectoryView3D::panelSwitchesTo3DAndFollowsLiveResults() {
    widgets::LiveRecording rec;
    std::vector<analysis::ConditionEpoch> epochs;
    fillStructured(rec, epochs);
    widgets::AnalysisPanel panel(&rec);
    panel.setShuffles(0);
    panel.setEpochs(epochs);
    panel.setUpdateIntervalMs(50);
    panel.resize(1280, 760);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy applied(&panel, &widgets::AnalysisPanel::resultApplied);
    QTRY_VERIFY_WITH_TIMEOUT(applied.count() >= 1, 60000);
    widgets::TrajectoryView* trajectories = panel.trajectoryView();
    QVERIFY(trajectories->view3D() == nullptr); // created on first use
    trajectories->setThreeD(true);
    TrajectoryView3D* view = trajectories->view3D();
    QVERIFY(view != nullptr);
    QVERIFY(trajectories->note3D().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(view->renderCount() > 0, 5000);
    QCOMPARE(view->result(), panel.result());
    QCOMPARE(view->conditionCount(), std::size_t{4});
    QCOMPARE(view->stateCount(), std::size_t{80});

    // The raster selection highlights the same states in 2D and 3D.
    const QImage plain = view->renderImage(1.0);
    widgets::RasterSelection selection;
    selection.startMs = 300.0;
    selection.endMs = 500.0;
    panel.setSelection(selection);
    QCOMPARE(trajectories->highlightedPointCount(), std::size_t{20});
    QCOMPARE(view->highlightedPointCount(), std::size_t{20});
    const QImage highlighted = view->renderImage(1.0);
    QVERIFY(meanDifference(plain, highlighted) > 0.1);
    QTest::qWait(300);
    const QImage shot = panel.grab().toImage();
    QVERIFY(shot.save(plexus::tests::artifactPath(QStringLiteral("analysis_trajectories_3d.png"))));

    // The run goes on: a new result reaches the 3D view by itself, highlight kept.
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 30000);
    const int settled = applied.count();
    const std::int64_t steps[] = {16001, 16500};
    const std::int32_t neurons[] = {1, 2};
    rec.appendSpikes(0, steps, neurons, 2);
    rec.setCurrentStep(18000);
    QTRY_VERIFY_WITH_TIMEOUT(applied.count() > settled, 60000);
    QCOMPARE(view->result(), panel.result());
    QCOMPARE(view->highlightedPointCount(), std::size_t{20});
    // Back to 2D and again to 3D: the same view.
    trajectories->setThreeD(false);
    trajectories->setThreeD(true);
    QCOMPARE(trajectories->view3D(), view);
    panel.clearSelection();
    QCOMPARE(view->highlightedPointCount(), std::size_t{0});
}

int main(int argc, char** argv) {
    QSurfaceFormat::setDefaultFormat(widgets::VtkOpenGLWidget::defaultFormat());
    QApplication app(argc, argv);
    TestTrajectoryView3D test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestTrajectoryView3D.moc"
