// The dynamics and readout views of the analysis panel: each view given a known result shows
// the right numbers in its title, legend and caption, draws exactly the numbers of its table,
// and the CSV written by AnalysisExport holds exactly those numbers; the panel computes
// dynamics and readouts on a recording in the background and hands them to the views.

#include "CsvRows.h"
#include "TestArtifacts.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <cmath>
#include <plexus/analysis/AperiodicFit.h>
#include <plexus/analysis/PowerLawFit.h>
#include <plexus/widgets/analysis/AnalysisExport.h>
#include <plexus/widgets/analysis/AnalysisPanel.h>
#include <plexus/widgets/analysis/AvalancheView.h>
#include <plexus/widgets/analysis/BranchingView.h>
#include <plexus/widgets/analysis/ConfusionMatrixView.h>
#include <plexus/widgets/analysis/DynamicsView.h>
#include <plexus/widgets/analysis/MemoryCapacityView.h>
#include <plexus/widgets/analysis/PredictionView.h>
#include <plexus/widgets/analysis/ReadoutView.h>
#include <plexus/widgets/analysis/SpectrumView.h>
#include <plexus/widgets/live/LiveRecording.h>
#include <random>

using namespace plexus::widgets;
namespace an = plexus::analysis;

namespace {

using plexus::tests::readCsv;

/// The (x, y) points of graph @p index of @p plot.
std::vector<std::pair<double, double>> points(QCustomPlot* plot, int index) {
    std::vector<std::pair<double, double>> out;
    for (auto it = plot->graph(index)->data()->constBegin();
         it != plot->graph(index)->data()->constEnd(); ++it) {
        out.emplace_back(it->key, it->value);
    }
    return out;
}

/// Texts of every legend of @p plot.
QStringList legendTexts(QCustomPlot* plot) {
    QStringList texts;
    for (QCPLegend* legend : plot->findChildren<QCPLegend*>()) {
        for (int i = 0; i < legend->itemCount(); ++i) {
            if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i))) {
                texts << item->plottable()->name();
            }
        }
    }
    return texts;
}

/// The rows of @p csv named @p series as (x, y) from columns 1 and 2.
std::vector<std::pair<double, double>> csvSeries(const std::vector<QStringList>& csv,
                                                 const QString& series) {
    std::vector<std::pair<double, double>> out;
    for (const QStringList& row : csv) {
        if (row.size() >= 3 && row[0] == series) {
            out.emplace_back(row[1].toDouble(), row[2].toDouble());
        }
    }
    return out;
}

/// Hand-made avalanches: sizes 1 x6, 2 x3, 4 x1; durations 1 x7, 2 x3; fits with known numbers.
AnalysisResult::Dynamics knownAvalanches() {
    AnalysisResult::Dynamics d;
    an::AvalancheResult a;
    a.binMs = 0.5;
    a.bins = 200;
    a.sizes = {1, 1, 1, 1, 1, 1, 2, 2, 2, 4};
    a.durations = {1, 1, 1, 1, 1, 1, 1, 2, 2, 2};
    a.startBins.assign(10, 0);
    d.avalanches = a;
    an::CracklingNoise c;
    c.sizes.alpha = 2.5;
    c.sizes.alphaError = 0.25;
    c.sizes.xmin = 2;
    c.sizes.ks = 0.042;
    c.sizes.samples = 10;
    c.sizes.tail = 4;
    c.durations.alpha = 3.0;
    c.durations.alphaError = 0.5;
    c.durations.xmin = 1;
    c.durations.ks = 0.1;
    c.durations.samples = 10;
    c.durations.tail = 10;
    c.predictedExponent = 4.0 / 3.0;
    c.fittedExponent = 1.25;
    d.crackling = c;
    return d;
}

/// A spectrum 10^(1 - 1.5 log10 f + 0.6 exp(-(f - 10)^2 / 4.5)), f = 0, 0.5, ..., 100 Hz.
AnalysisResult::Dynamics knownSpectrum() {
    AnalysisResult::Dynamics d;
    an::Spectrum s;
    for (int i = 0; i <= 200; ++i) {
        const double f = 0.5 * i;
        s.frequenciesHz.push_back(f);
        s.power.push_back(f > 0.0
                              ? std::pow(10.0, 1.0 - 1.5 * std::log10(f) +
                                                   0.6 * std::exp(-(f - 10.0) * (f - 10.0) / 4.5))
                              : 0.0);
    }
    d.spectrum = s;
    d.spectrumLowHz = 1.0;
    d.spectrumHighHz = 60.0;
    d.aperiodicOptions.lowHz = 2.0;
    d.aperiodicOptions.highHz = 40.0;
    d.aperiodic = an::AperiodicFit::fit(s, d.aperiodicOptions);
    return d;
}

/// Poisson spikes of one population of 60 neurons at 20 Hz for 4 s, and a stimulus.
void fillRun(LiveRecording& rec) {
    using Pop = LiveRecording::Population;
    constexpr double dt = 0.1;
    rec.reset({Pop{"E", 60, false}}, dt, 10);
    const std::int64_t steps = 40000;
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::vector<std::int64_t> st;
    std::vector<std::int32_t> ne;
    for (std::int64_t s = 0; s < steps; ++s) {
        // Neurons 0..29 fire fast in the first half of every 400 ms, the others in the second.
        const bool first = (s / 2000) % 2 == 0;
        for (std::int32_t n = 0; n < 60; ++n) {
            const double rate = (n < 30) == first ? 40.0 : 5.0;
            if (uniform(rng) < rate * dt * 1e-3) {
                st.push_back(s);
                ne.push_back(n);
            }
        }
    }
    rec.appendSpikes(0, st.data(), ne.data(), st.size());
    rec.setCurrentStep(steps);
}

bool waitForResult(AnalysisPanel& panel, std::uint64_t id) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 120000) {
        if (panel.result() && panel.result()->id == id) {
            return true;
        }
        QTest::qWait(10);
    }
    return false;
}

} // namespace

class TestResultViews : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void avalancheViewShowsFitAndDistributions();
    void spectrumViewShowsExponentAndAlphaPeak();
    void branchingViewShowsM();
    void memoryCapacityViewShowsSum();
    void confusionMatrixViewShowsCountsAndAccuracy();
    void predictionViewShowsNrmse();
    void panelComputesDynamicsAndReadout();
};

void TestResultViews::avalancheViewShowsFitAndDistributions() {
    const AnalysisResult::Dynamics d = knownAvalanches();
    AvalancheView view;
    view.resize(900, 400);
    view.setDynamics(d);
    QCOMPARE(view.title(), QStringLiteral("10 avalanches, bin 0.5 ms"));
    const QStringList legends = legendTexts(&view);
    QVERIFY2(legends.contains(QStringLiteral("α = 2.50 ± 0.25")), qPrintable(legends.join('|')));
    QVERIFY2(legends.contains(QStringLiteral("KS = 0.042, x ≥ 2")), qPrintable(legends.join('|')));
    QVERIFY2(legends.contains(QStringLiteral("β = 3.00 ± 0.50")), qPrintable(legends.join('|')));
    QVERIFY2(view.caption().contains(QStringLiteral("1.33")) &&
                 view.caption().contains(QStringLiteral("fitted 1.25")),
             qPrintable(view.caption()));

    // Sizes: P(1) = 0.6, P(2) = 0.3, P(4) = 0.1; the fit from xmin = 2 at the tail's share.
    const auto sizes = points(&view, 0);
    QCOMPARE(sizes.size(), std::size_t{3});
    QCOMPARE(sizes[0], std::make_pair(1.0, 0.6));
    QCOMPARE(sizes[1], std::make_pair(2.0, 0.3));
    QCOMPARE(sizes[2], std::make_pair(4.0, 0.1));
    const auto fit = points(&view, 1);
    QCOMPARE(fit.front().first, 2.0);
    QCOMPARE(fit.back().first, 4.0);
    const double zeta = an::PowerLawFit::hurwitzZeta(2.5, 2.0);
    QVERIFY(std::abs(fit.front().second - 0.4 * std::pow(2.0, -2.5) / zeta) < 1e-12);

    // The CSV holds exactly the plotted numbers.
    AnalysisResult result;
    result.dynamics = d;
    QTemporaryDir dir;
    const auto files = AnalysisExport::writeCsv(result, dir.path().toStdString());
    QVERIFY(std::find(files.begin(), files.end(), "avalanches.csv") != files.end());
    const auto csv = readCsv(dir.filePath(QStringLiteral("avalanches.csv")));
    QCOMPARE(csv.front(), (QStringList{"series", "x", "probability"}));
    QCOMPARE(csvSeries(csv, QStringLiteral("size")), sizes);
    QCOMPARE(csvSeries(csv, QStringLiteral("size_fit")), fit);
    QCOMPARE(csvSeries(csv, QStringLiteral("duration")), points(&view, 3));

    QVERIFY(view.grab().toImage().save(
        plexus::tests::artifactPath(QStringLiteral("avalanche-view.png"))));

    // A message removes the graphs and every legend item that pointed at them (the durations
    // have a legend of their own), so the next layout touches no deleted graph.
    view.showMessage(QStringLiteral("No avalanches"));
    QCOMPARE(view.graphCount(), 0);
    QVERIFY2(legendTexts(&view).isEmpty(), qPrintable(legendTexts(&view).join('|')));
    view.replot();
    view.setDynamics(d);
    QVERIFY(legendTexts(&view).contains(QStringLiteral("β = 3.00 ± 0.50")));
}

void TestResultViews::spectrumViewShowsExponentAndAlphaPeak() {
    const AnalysisResult::Dynamics d = knownSpectrum();
    SpectrumView view;
    view.resize(700, 400);
    view.setDynamics(d);
    QVERIFY2(view.title().startsWith(QStringLiteral("Rate spectrum: χ = 1.50")),
             qPrintable(view.title()));
    QCOMPARE(view.alphaLabel(), QStringLiteral("alpha 10.0 Hz"));
    // Spectrum from 1 to 60 Hz in 0.5 Hz steps, as plotted and as written.
    const auto spectrum = points(&view, 0);
    QCOMPARE(spectrum.size(), std::size_t{119});
    QCOMPARE(spectrum.front().first, 1.0);
    QCOMPARE(spectrum.back().first, 60.0);
    AnalysisResult result;
    result.dynamics = d;
    QTemporaryDir dir;
    AnalysisExport::writeCsv(result, dir.path().toStdString());
    const auto csv = readCsv(dir.filePath(QStringLiteral("spectrum.csv")));
    QCOMPARE(csvSeries(csv, QStringLiteral("spectrum")), spectrum);
    QCOMPARE(csvSeries(csv, QStringLiteral("aperiodic_fit")), points(&view, 1));
    QCOMPARE(csvSeries(csv, QStringLiteral("peak")), points(&view, 2));
    QCOMPARE(points(&view, 2).size(), std::size_t{1});
    QVERIFY(std::abs(points(&view, 2)[0].first - 10.0) < 0.2);
    QVERIFY(view.grab().toImage().save(
        plexus::tests::artifactPath(QStringLiteral("spectrum-view.png"))));
}

void TestResultViews::branchingViewShowsM() {
    AnalysisResult::Dynamics d;
    an::BranchingResult b;
    b.m = 0.9;
    b.b = 0.5;
    b.conventional = 0.45;
    b.tauSteps = -1.0 / std::log(0.9);
    for (int k = 1; k <= 10; ++k) {
        b.rk.push_back(0.5 * std::pow(0.9, k));
    }
    b.kmax = 10;
    d.branching = b;
    d.branchingBinMs = 4.0;
    BranchingView view;
    view.setDynamics(d);
    QCOMPARE(view.title(), QStringLiteral("m = 0.900 (r₁ = 0.450), bin 4 ms"));
    QVERIFY2(legendTexts(&view).join('|').contains(QStringLiteral("m = 0.900|τ = 38 ms")),
             qPrintable(legendTexts(&view).join('|')));
    const auto fit = points(&view, 1);
    QCOMPARE(fit.size(), std::size_t{10});
    QVERIFY(std::abs(fit[2].second - 0.5 * 0.729) < 1e-12);
    AnalysisResult result;
    result.dynamics = d;
    QTemporaryDir dir;
    AnalysisExport::writeCsv(result, dir.path().toStdString());
    const auto csv = readCsv(dir.filePath(QStringLiteral("branching.csv")));
    QCOMPARE(csvSeries(csv, QStringLiteral("r_k")), points(&view, 0));
    QCOMPARE(csvSeries(csv, QStringLiteral("fit")), fit);
}

void TestResultViews::memoryCapacityViewShowsSum() {
    AnalysisResult::Readout r;
    r.task = AnalysisResult::ReadoutTask::MemoryCapacity;
    an::ReadoutTasks::MemoryCapacity mc;
    mc.curve = {0.9, 0.5, 0.125};
    mc.total = 1.525;
    r.memory = mc;
    MemoryCapacityView view;
    view.setReadout(&r);
    QCOMPARE(view.title(), QStringLiteral("MC = Σ r²(k) = 1.52"));
    const auto curve = points(&view, 0);
    QCOMPARE(curve.size(), std::size_t{3});
    QCOMPARE(curve[2], std::make_pair(3.0, 0.125));
    AnalysisResult result;
    result.readout = r;
    QTemporaryDir dir;
    AnalysisExport::writeCsv(result, dir.path().toStdString());
    const auto csv = readCsv(dir.filePath(QStringLiteral("memory_capacity.csv")));
    QCOMPARE(csv.front(), (QStringList{"series", "delay", "r_squared"}));
    QCOMPARE(csvSeries(csv, QStringLiteral("memory")), curve);
    // Without a memory function the view says why.
    view.setReadout(nullptr, QStringLiteral("No readout: too few samples"));
    QCOMPARE(view.message(), QStringLiteral("No readout: too few samples"));
    QCOMPARE(view.graphCount(), 0);
}

void TestResultViews::confusionMatrixViewShowsCountsAndAccuracy() {
    AnalysisResult::Readout r;
    r.task = AnalysisResult::ReadoutTask::Classify;
    r.classes = {"left", "right"};
    an::ReadoutTasks::Classification c;
    c.confusion = Eigen::MatrixXi(2, 2);
    c.confusion << 3, 1, 0, 4;
    c.testAccuracy = 0.875;
    c.chance = 0.5;
    c.testSamples = 8;
    r.classification = c;
    ConfusionMatrixView view;
    view.resize(500, 400);
    view.setReadout(&r);
    QCOMPARE(view.title(), QStringLiteral("Accuracy 87.5% (chance 50.0%)"));
    QCOMPARE(view.cellText(0, 0), QStringLiteral("3\n75%"));
    QCOMPARE(view.cellText(0, 1), QStringLiteral("1\n25%"));
    QCOMPARE(view.cellText(1, 1), QStringLiteral("4\n100%"));
    QCOMPARE(view.cellValue(0, 0), 75.0);
    AnalysisResult result;
    result.readout = r;
    QTemporaryDir dir;
    AnalysisExport::writeCsv(result, dir.path().toStdString());
    const auto csv = readCsv(dir.filePath(QStringLiteral("confusion.csv")));
    QCOMPARE(csv.size(), std::size_t{3});
    QCOMPARE(csv[0], (QStringList{"true_class", "left", "right"}));
    QCOMPARE(csv[1], (QStringList{"left", "3", "1"}));
    QCOMPARE(csv[2], (QStringList{"right", "0", "4"}));
    QVERIFY(view.grab().toImage().save(
        plexus::tests::artifactPath(QStringLiteral("confusion-view.png"))));
}

void TestResultViews::predictionViewShowsNrmse() {
    AnalysisResult::Readout r;
    r.task = AnalysisResult::ReadoutTask::Narma10;
    an::ReadoutTasks::Regression reg;
    reg.testTarget = Eigen::Vector3d(0.1, 0.3, 0.2);
    reg.testPrediction = Eigen::Vector3d(0.15, 0.25, 0.2);
    reg.testNrmse = 0.4321;
    reg.testR2 = 0.8;
    r.regression = reg;
    r.testTimesMs = {30.0, 10.0, 20.0}; // plotted in time order
    PredictionView view;
    view.setReadout(&r);
    QCOMPARE(view.title(), QStringLiteral("NARMA-10: NRMSE = 0.432, R² = 0.800"));
    const auto target = points(&view, 0);
    QCOMPARE(target[0], std::make_pair(10.0, 0.3));
    QCOMPARE(points(&view, 1)[2], std::make_pair(30.0, 0.15));
    AnalysisResult result;
    result.readout = r;
    QTemporaryDir dir;
    AnalysisExport::writeCsv(result, dir.path().toStdString());
    const auto csv = readCsv(dir.filePath(QStringLiteral("prediction.csv")));
    QCOMPARE(csv[0], (QStringList{"series", "time_ms", "target", "prediction"}));
    QCOMPARE(csv[1], (QStringList{"test", "10", "0.29999999999999999", "0.25"}));
}

void TestResultViews::panelComputesDynamicsAndReadout() {
    LiveRecording rec;
    fillRun(rec);
    AnalysisPanel panel(&rec);
    panel.setLiveUpdate(false);
    // Trials: a and b alternate every 200 ms, ten of each.
    std::vector<an::ConditionEpoch> epochs;
    for (int i = 0; i < 20; ++i) {
        epochs.push_back({i % 2 == 0 ? "a" : "b", 200.0 * i, 200.0 * (i + 1)});
    }
    panel.setEpochs(epochs);
    const std::uint64_t id = panel.requestUpdate();
    QVERIFY(waitForResult(panel, id));
    const auto& result = *panel.result();
    QVERIFY2(result.dynamics.has_value(), result.dynamicsError.c_str());
    QVERIFY(result.dynamics->avalanches.has_value());
    QVERIFY(result.dynamics->spectrum.has_value());
    QVERIFY(result.dynamics->branching.has_value());
    QVERIFY2(result.readout.has_value(), result.readoutError.c_str());
    QVERIFY(result.readout->classification.has_value());
    // The neurons that fire fast tell the conditions apart.
    QVERIFY(result.readout->classification->testAccuracy > 0.99);
    DynamicsView* dynamics = panel.dynamicsView();
    QVERIFY2(dynamics->avalancheView()->title().contains(QStringLiteral("avalanches")),
             qPrintable(dynamics->avalancheView()->title()));
    QVERIFY(dynamics->spectrumView()->graphCount() >= 1);
    QVERIFY(dynamics->branchingView()->title().startsWith(QStringLiteral("m = ")));
    QVERIFY2(
        panel.readoutView()->confusionView()->title().startsWith(QStringLiteral("Accuracy 100.0%")),
        qPrintable(panel.readoutView()->confusionView()->title()));

    // What a person sees: the panel at the width of a 1280 x 800 window.
    panel.resize(1280, 480);
    panel.show();
    const auto grabTab = [&](QWidget* tab, const QString& name) {
        panel.tabs()->setCurrentWidget(tab);
        QTest::qWait(50);
        QVERIFY(panel.grab().toImage().save(plexus::tests::artifactPath(name)));
    };
    grabTab(dynamics, QStringLiteral("panel-dynamics.png"));
    grabTab(panel.readoutView(), QStringLiteral("panel-classify.png"));

    // Memory capacity on a generated input: the view gets the memory function.
    auto settings = panel.readoutView()->settings();
    settings.task = AnalysisResult::ReadoutTask::MemoryCapacity;
    settings.delays = 5;
    panel.readoutView()->setSettings(settings);
    QCOMPARE(panel.readoutView()->currentView(),
             static_cast<QWidget*>(panel.readoutView()->memoryView()));
    const std::uint64_t memoryId = panel.requestUpdate();
    QVERIFY(waitForResult(panel, memoryId));
    QVERIFY2(panel.result()->readout && panel.result()->readout->memory,
             panel.result()->readoutError.c_str());
    QCOMPARE(panel.result()->readout->memory->curve.size(), std::size_t{5});
    QVERIFY(panel.readoutView()->memoryView()->title().startsWith(QStringLiteral("MC = ")));
    grabTab(panel.readoutView(), QStringLiteral("panel-memory.png"));
    settings.task = AnalysisResult::ReadoutTask::Narma10;
    settings.input.kind = AnalysisJob::ReadoutInput::Kind::Narma;
    panel.readoutView()->setSettings(settings);
    const std::uint64_t narmaId = panel.requestUpdate();
    QVERIFY(waitForResult(panel, narmaId));
    QVERIFY2(panel.result()->readout && panel.result()->readout->regression,
             panel.result()->readoutError.c_str());
    QVERIFY(panel.readoutView()->predictionView()->title().startsWith(
        QStringLiteral("NARMA-10: NRMSE = ")));
    grabTab(panel.readoutView(), QStringLiteral("panel-narma.png"));

    // A CSV input that is missing is named in the view.
    settings.input.kind = AnalysisJob::ReadoutInput::Kind::Csv;
    QTemporaryDir dir;
    settings.input.path = dir.filePath(QStringLiteral("missing.csv")).toStdString();
    panel.readoutView()->setSettings(settings);
    const std::uint64_t badId = panel.requestUpdate();
    QVERIFY(waitForResult(panel, badId));
    QVERIFY(!panel.result()->readout);
    QVERIFY2(panel.readoutView()->memoryView()->message().contains(QStringLiteral("missing.csv")),
             qPrintable(panel.readoutView()->memoryView()->message()));
}

QTEST_MAIN(TestResultViews)
#include "TestResultViews.moc"
