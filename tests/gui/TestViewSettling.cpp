// Screenshots and figures wait for the analysis: after a short run with the analysis panel
// shown, settling the views returns only once the panel has applied the result for the whole
// run (not while its next request still waits for its timer), and `plexus --panel analysis
// --screenshot` captures the computed trajectories rather than an empty or "computing" panel.
#include "MainWindow.h"
#include "RunController.h"

#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <plexus/widgets/analysis/AnalysisPanel.h>
#include <plexus/widgets/analysis/TrajectoryView.h>
#include <plexus/widgets/plots/PlotTheme.h>
#include <plexus/widgets/plots/QCustomPlotInclude.h>

using namespace plexus;

namespace {

QString cuba() {
    return QStringLiteral(PLEXUS_SOURCE_DIR "/resources/examples/cuba.json");
}

/// Pixels of @p image within a few levels of @p color.
int pixelsNear(const QImage& image, const QColor& color) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) <= 6 && std::abs(c.green() - color.green()) <= 6 &&
                std::abs(c.blue() - color.blue()) <= 6) {
                ++count;
            }
        }
    }
    return count;
}

} // namespace

class TestViewSettling : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void settlingWaitsForTheAnalysisResult() {
        app::MainWindow window;
        QVERIFY2(window.loadProject(cuba()), qPrintable(window.lastError()));
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        app::RunController* run = window.runController();
        run->runFor(0.3);
        QVERIFY(run->waitUntilDone(120000));
        QVERIFY(window.showPanel(QStringLiteral("analysis")));
        auto* analysis = window.findChild<widgets::AnalysisPanel*>();
        QVERIFY(analysis != nullptr);

        QVERIFY(window.settleViews(120000));
        // Right after settling (no events in between): the result of the whole run is shown.
        QVERIFY(!analysis->isBusy());
        QVERIFY(!analysis->hasPendingWork());
        QCustomPlot* plot = analysis->trajectoryView()->plot();
        QVERIFY2(plot->plottableCount() > 0, "no trajectory drawn: the analysis was not applied");
        for (const QLabel* label : analysis->findChildren<QLabel*>()) {
            if (label->text().startsWith(QStringLiteral("computing"))) {
                QVERIFY2(!label->isVisible(), "still computing");
            }
        }
    }

    void analysisScreenshotShowsTheComputedResult() {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("analysis.png"));
        QProcess plexus; // on the test's own display
        plexus.start(QStringLiteral(PLEXUS_GUI_EXECUTABLE),
                     {cuba(), QStringLiteral("--run-for"), QStringLiteral("0.3"),
                      QStringLiteral("--panel"), QStringLiteral("analysis"),
                      QStringLiteral("--screenshot"), png, QStringLiteral("--quit")});
        QVERIFY(plexus.waitForFinished(180000));
        const QString err = QString::fromLocal8Bit(plexus.readAllStandardError());
        QVERIFY2(plexus.exitCode() == 0, qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("did not finish")), qPrintable(err));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1280, 800));
        // The trajectory of the run is drawn in the first condition colour: about 150 of its
        // pixels in the analysis panel (the lower half; the editor above uses other colours),
        // none while the panel is empty or still computing.
        const QImage lower = image.copy(0, 400, image.width(), 360);
        const int drawn = pixelsNear(lower, widgets::PlotTheme::seriesColor(0));
        QVERIFY2(drawn > 60, qPrintable(QStringLiteral("%1 trajectory pixels").arg(drawn)));
    }
};

QTEST_MAIN(TestViewSettling)
#include "TestViewSettling.moc"
