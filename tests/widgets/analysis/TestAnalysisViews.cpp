// Population analysis views over a live recording: the numbers they show are the core's numbers
// (RDM, MDS, model comparisons, PCA projections, trajectory metrics, spike statistics), the
// computation runs on a worker thread without blocking the GUI and never applies a superseded
// result, a raster shift-drag selection highlights the expected trajectory states, the condition
// helpers cut the run as documented, and screenshots of every tab are not blank. Also: a growing
// recording is recomputed with older requests superseded, the highlight flags both trajectory
// views draw, the 3D switch's note on the offscreen platform, and "Export data…" CSV files
// (shape, header and exact values).

#include "CsvRows.h"
#include "TestArtifacts.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <plexus/analysis/ActivityBuilder.h>
#include <plexus/analysis/GeoTopology.h>
#include <plexus/analysis/Mds.h>
#include <plexus/analysis/RdmCalculator.h>
#include <plexus/analysis/RdmComparison.h>
#include <plexus/analysis/TrajectoryAnalysis.h>
#include <plexus/core/engine/SpikeRecorder.h>
#include <plexus/core/record/RunRecord.h>
#include <plexus/core/record/SpikeStatistics.h>
#include <plexus/widgets/analysis/AnalysisExport.h>
#include <plexus/widgets/analysis/AnalysisPanel.h>
#include <plexus/widgets/analysis/AnalysisRunner.h>
#include <plexus/widgets/analysis/ComparisonChart.h>
#include <plexus/widgets/analysis/ConditionTable.h>
#include <plexus/widgets/analysis/MdsPlot.h>
#include <plexus/widgets/analysis/ModelRdm.h>
#include <plexus/widgets/analysis/RdmHeatmap.h>
#include <plexus/widgets/analysis/RsaView.h>
#include <plexus/widgets/analysis/SpikeStatisticsView.h>
#include <plexus/widgets/analysis/TrajectoryCurve.h>
#include <plexus/widgets/analysis/TrajectoryView.h>
#include <plexus/widgets/analysis/TrajectoryView3D.h>
#include <plexus/widgets/live/LiveRecording.h>
#include <plexus/widgets/live/RasterPlot.h>
#include <plexus/widgets/plots/QCustomPlotInclude.h>
#include <random>
#include <set>
#include <vector>

using namespace plexus::widgets;
namespace an = plexus::analysis;

namespace {

using Pop = LiveRecording::Population;

constexpr double kDt = 0.1;
constexpr double kEpochMs = 200.0;

/// Firing of populations A and B in one condition: rate (Hz) at the band's centre and a
/// gradient across the neurons (rate x (1 + gradient (n / (N - 1) - 0.5))).
struct Pattern {
    const char* name;
    double rateA;
    double rateB;
    double gradient;
};

/// Left conditions drive A, right ones B; fast doubles the rate and flips the gradient.
const Pattern kPatterns[] = {{"left_slow", 30.0, 4.0, 0.9},
                             {"left_fast", 60.0, 4.0, -0.9},
                             {"right_slow", 4.0, 30.0, 0.9},
                             {"right_fast", 4.0, 60.0, -0.9}};

/// The epochs of fillStructured(): the four conditions twice, 200 ms each.
std::vector<an::ConditionEpoch> structuredEpochs() {
    std::vector<an::ConditionEpoch> epochs;
    for (int repeat = 0; repeat < 2; ++repeat) {
        for (int c = 0; c < 4; ++c) {
            const double start = (repeat * 4 + c) * kEpochMs;
            epochs.push_back({kPatterns[c].name, start, start + kEpochMs});
        }
    }
    return epochs;
}

/// A (40 neurons) and B (30 neurons) firing Poisson spikes by the patterns of
/// structuredEpochs(), plus a stimulus population "Input" (10 neurons, 20 Hz).
void fillStructured(LiveRecording& rec) {
    rec.reset({Pop{"A", 40, false}, Pop{"B", 30, false}, Pop{"Input", 10, true}}, kDt, 10);
    const auto epochs = structuredEpochs();
    const auto steps = static_cast<std::int64_t>(epochs.back().endMs / kDt + 0.5);
    std::mt19937 rng(1234);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    for (std::size_t p = 0; p < 3; ++p) {
        const auto size = static_cast<std::int32_t>(rec.population(p).size);
        std::vector<std::int64_t> st;
        std::vector<std::int32_t> ne;
        for (std::int64_t s = 0; s < steps; ++s) {
            const auto e = static_cast<std::size_t>(s * kDt / kEpochMs);
            const Pattern& pattern = kPatterns[e % 4];
            for (std::int32_t n = 0; n < size; ++n) {
                double rate = 20.0;
                if (p < 2) {
                    const double base = p == 0 ? pattern.rateA : pattern.rateB;
                    rate = base * (1.0 + pattern.gradient * (n / (size - 1.0) - 0.5));
                }
                if (uniform(rng) < rate * kDt * 1e-3) {
                    st.push_back(s);
                    ne.push_back(n);
                }
            }
        }
        rec.appendSpikes(p, st.data(), ne.data(), st.size());
    }
    rec.setCurrentStep(steps);
}

/// @p size neurons firing at @p rateHz for @p ms (one population, many spikes, fast to make).
void fillLarge(LiveRecording& rec, std::size_t size, double ms, double rateHz, unsigned seed) {
    rec.reset({Pop{"E", size, false}}, kDt, 10);
    const auto steps = static_cast<std::int64_t>(ms / kDt);
    std::mt19937 rng(seed);
    std::poisson_distribution<int> count(rateHz * static_cast<double>(size) * kDt * 1e-3);
    std::uniform_int_distribution<std::int32_t> neuron(0, static_cast<std::int32_t>(size) - 1);
    std::vector<std::int64_t> st;
    std::vector<std::int32_t> ne;
    for (std::int64_t s = 0; s < steps; ++s) {
        const int k = count(rng);
        for (int i = 0; i < k; ++i) {
            st.push_back(s);
            ne.push_back(neuron(rng));
        }
    }
    rec.appendSpikes(0, st.data(), ne.data(), st.size());
    rec.setCurrentStep(steps);
}

/// The spikes of populations @p pops of @p rec as the core reads them (time = step x dt).
std::vector<an::SpikeTimes> coreSpikes(const LiveRecording& rec,
                                       const std::vector<std::size_t>& pops) {
    std::vector<an::SpikeTimes> out;
    for (const std::size_t p : pops) {
        an::SpikeTimes s;
        s.name = rec.population(p).name;
        s.size = rec.population(p).size;
        for (const std::int64_t step : rec.spikeSteps(p)) {
            s.timesMs.push_back(static_cast<double>(step) * rec.dtMs());
        }
        s.neurons = rec.spikeNeurons(p);
        out.push_back(std::move(s));
    }
    return out;
}

/// Waits until @p panel applied the result of request @p id.
bool waitForResult(AnalysisPanel& panel, std::uint64_t id, int timeoutMs = 120000) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (panel.result() && panel.result()->id == id) {
            return true;
        }
        QTest::qWait(10);
    }
    return false;
}

using plexus::tests::readCsv;

/// Share of pixels that differ from the most common colour (the background).
double inkShare(const QImage& image) {
    std::map<QRgb, int> counts;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            ++counts[image.pixel(x, y)];
        }
    }
    int total = 0;
    int top = 0;
    for (const auto& [color, n] : counts) {
        total += n;
        top = std::max(top, n);
    }
    return total > 0 ? 1.0 - static_cast<double>(top) / total : 0.0;
}

/// Number of distinct colours in @p image (sampled).
std::size_t colourCount(const QImage& image) {
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            colours.insert(image.pixel(x, y));
        }
    }
    return colours.size();
}

} // namespace

class TestAnalysisViews : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void conditionHelpers();
    void conditionsFromTrials();
    void modelRdms();
    void requestFinishesInAPanelNeverShown();
    void rdmEqualsCore();
    void trajectoryEqualsCore();
    void statisticsEqualCore();
    void errorsShowInline();
    void workerDoesNotBlock();
    void supersededNeverApplied();
    void rasterSelectionHighlights();
    void restrictToSelectedNeurons();
    void liveUpdateFollowsRevision();
    void liveUpdateSupersedesOlderJobs();
    void highlightIn2DAndNote3D();
    void exportCsv();
    void screenshots();
    void readableAt1280();

private:
    LiveRecording m_rec;
    an::ActivityOptions m_options;
};

void TestAnalysisViews::initTestCase() {
    fillStructured(m_rec);
    m_options.binMs = 10.0;
    m_options.kernel = an::SmoothingKernel::Gaussian;
    m_options.sigmaMs = 20.0;
    m_options.ratesHz = true;
    m_options.resolution = an::UnitResolution::Neuron;
    // The panel smooths over the run recorded so far, [0, now].
    m_options.recordedFromMs = 0.0;
    m_options.recordedToMs = m_rec.currentTimeMs();
}

void TestAnalysisViews::conditionHelpers() {
    // K epochs with cycling names: repeats share a name.
    const auto split = ConditionTable::splitEpochs(0.0, 1000.0, 4, {"a", "b"});
    QCOMPARE(split.size(), std::size_t{4});
    const char* names[] = {"a", "b", "a", "b"};
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(split[i].name, std::string(names[i]));
        QCOMPARE(split[i].startMs, 250.0 * i);
        QCOMPARE(split[i].endMs, 250.0 * (i + 1));
    }
    const auto plain = ConditionTable::splitEpochs(0.0, 900.0, 3);
    QCOMPARE(plain[2].name, std::string("e3"));
    QCOMPARE(plain[2].startMs, 600.0);
    // Windows of 200 ms every 100 ms over 1000 ms: starts 0..800, nine windows.
    const auto windows = ConditionTable::windows(0.0, 1000.0, 200.0, 100.0);
    QCOMPARE(windows.size(), std::size_t{9});
    QCOMPARE(windows.back().name, std::string("w9"));
    QCOMPARE(windows.back().startMs, 800.0);
    QCOMPARE(windows.back().endMs, 1000.0);

    // The table: helpers, invalid rows left out, add continues after the last epoch.
    ConditionTable table;
    QSignalSpy changed(&table, &ConditionTable::epochsChanged);
    table.setRunDurationMs(1200.0);
    table.splitRun(3, {"x"});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(table.epochs().size(), std::size_t{3});
    QCOMPARE(table.epochs()[1].startMs, 400.0);
    QCOMPARE(table.epochs()[1].name, std::string("x"));
    table.addEpoch();
    QCOMPARE(table.epochs().size(), std::size_t{4});
    QCOMPARE(table.epochs()[3].startMs, 1200.0);
    QCOMPARE(table.epochs()[3].endMs, 1600.0);
    QCOMPARE(table.epochs()[3].name, std::string("a"));
    auto* grid = table.findChild<QTableWidget*>();
    QVERIFY(grid != nullptr);
    grid->item(0, 2)->setText(QStringLiteral("-5")); // end before start: not used
    QCOMPARE(table.invalidRowCount(), 1);
    QCOMPARE(table.epochs().size(), std::size_t{3});
    table.removeSelectedEpochs(); // nothing selected: the last row
    QCOMPARE(table.epochs().size(), std::size_t{2});
    table.slidingWindows(500.0, 250.0);
    QCOMPARE(table.epochs().size(), std::size_t{3}); // 0-500, 250-750, 500-1000 in 1200 ms
}

void TestAnalysisViews::conditionsFromTrials() {
    // A run with 2 conditions x 2 trials of 500 ms, 100 ms apart, interleaved: L R L R.
    plexus::core::RunRecord record;
    record.conditionNames = {"L", "R"};
    record.trials = {{0.0, 500.0, 0, 0, "left"},
                     {600.0, 1100.0, 1, 0, "R"},
                     {1200.0, 1700.0, 0, 1, "left"},
                     {1800.0, 2300.0, 1, 1, "R"}};
    // A panel without a recording: the table and its glue only, no analysis starts.
    AnalysisPanel panel(nullptr);
    ConditionTable* table = panel.conditionTable();
    QPushButton* from = table->fromTrialsButton();
    QVERIFY(from != nullptr);
    QVERIFY(!from->isEnabled()); // no trials yet
    QVERIFY(from->toolTip().contains(QStringLiteral("no trials")));
    table->splitRun(3, {"x"});
    panel.setRunTrials(record.trials, record.conditionNames);
    QVERIFY(from->isEnabled());
    QSignalSpy changed(table, &ConditionTable::epochsChanged);
    from->click();
    QCOMPARE(changed.count(), 1);
    const std::vector<an::ConditionEpoch> epochs = table->epochs();
    QCOMPARE(epochs.size(), std::size_t{4});
    const std::vector<std::string> names = {"L", "R", "L", "R"};
    const double starts[] = {0.0, 600.0, 1200.0, 1800.0};
    for (std::size_t i = 0; i < epochs.size(); ++i) {
        QCOMPARE(epochs[i].name, names[i]);
        QCOMPARE(epochs[i].startMs, starts[i]);
        QCOMPARE(epochs[i].endMs, starts[i] + 500.0);
    }
    // A run without trials disables the button again and leaves the rows alone.
    panel.setRunTrials({}, {});
    QVERIFY(!from->isEnabled());
    table->fillFromTrials();
    QCOMPARE(table->epochs().size(), std::size_t{4});
}

void TestAnalysisViews::modelRdms() {
    QCOMPARE(ModelRdm::categoryOf("left_slow"), std::string("left"));
    QCOMPARE(ModelRdm::categoryOf("left3"), std::string("left"));
    QCOMPARE(ModelRdm::categoryOf("42"), std::string("42"));
    const std::vector<std::string> names = {"left_slow", "left_fast", "right_slow"};
    const an::Rdm category = ModelRdm::category().build(names, {100.0, 300.0, 500.0});
    QCOMPARE(category(0, 1), 0.0);
    QCOMPARE(category(0, 2), 1.0);
    QCOMPARE(category(1, 2), 1.0);
    const an::Rdm time = ModelRdm::timeDistance().build(names, {100.0, 300.0, 700.0});
    QCOMPARE(time(0, 1), 200.0);
    QCOMPARE(time(2, 0), 600.0);
    QCOMPARE(time(1, 1), 0.0);
    bool threw = false;
    try {
        ModelRdm::fromMatrix("bad", Eigen::MatrixXd::Zero(2, 2)).build(names, {});
    } catch (const std::exception&) {
        threw = true;
    }
    QVERIFY(threw);

    // Models from files: a good 3 x 3 CSV is added, a broken one is refused with a reason.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString good = dir.filePath(QStringLiteral("ramp.csv"));
    const QString bad = dir.filePath(QStringLiteral("broken.csv"));
    {
        QFile file(good);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("0,1,2\n1,0,1\n2,1,0\n");
        QFile broken(bad);
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("0,1\n1,zero\n");
    }
    RsaView view;
    QSignalSpy changed(&view, &RsaView::settingsChanged);
    QCOMPARE(view.models().size(), std::size_t{2}); // time distance and category
    QVERIFY(view.loadModel(good));
    QCOMPARE(changed.count(), 1);
    const auto models = view.models();
    QCOMPARE(models.size(), std::size_t{3});
    QCOMPARE(models[2].name, std::string("ramp"));
    QCOMPARE(models[2].build(names, {}).matrix()(0, 2), 2.0);
    QString error;
    QVERIFY(!view.loadModel(bad, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(view.models().size(), std::size_t{3});
    view.clearLoadedModels();
    QCOMPARE(view.models().size(), std::size_t{2});
}

void TestAnalysisViews::requestFinishesInAPanelNeverShown() {
    // A panel that was never shown (a test, a figure drawn headless) computes what it is asked
    // for, however often its timer looks while the work runs.
    AnalysisPanel panel(&m_rec);
    panel.setLiveUpdate(false);
    panel.setUpdateIntervalMs(10);
    panel.setEpochs(structuredEpochs());
    panel.setActivityOptions(m_options);
    panel.rsaView()->setBootstraps(20000); // long enough for many timer ticks
    const std::uint64_t id = panel.requestUpdate();
    QVERIFY(waitForResult(panel, id, 60000));
    QVERIFY(panel.result()->rsa);
}

void TestAnalysisViews::rdmEqualsCore() {
    AnalysisPanel panel(&m_rec);
    panel.setLiveUpdate(false);
    panel.setEpochs(structuredEpochs());
    panel.setActivityOptions(m_options);
    panel.setShuffles(2);
    // Stimulus populations are not analysed by default.
    QCOMPARE(panel.selectedPopulations(), (std::vector<std::size_t>{0, 1}));

    const auto activity =
        an::ActivityBuilder::epochs(coreSpikes(m_rec, {0, 1}), structuredEpochs(), m_options);
    for (const auto metric : {an::DistanceMetric::Correlation, an::DistanceMetric::Euclidean,
                              an::DistanceMetric::Crossnobis}) {
        panel.rsaView()->setMetric(metric);
        QCOMPARE(panel.rsaView()->metric(), metric);
        const std::uint64_t id = panel.requestUpdate();
        QVERIFY(waitForResult(panel, id));
        QVERIFY2(panel.rsaView()->message().isEmpty(), qPrintable(panel.rsaView()->message()));

        const an::Rdm rdm = an::RdmCalculator::compute(activity, metric);
        RdmHeatmap* heatmap = panel.rsaView()->heatmap();
        QCOMPARE(heatmap->conditionCount(), std::size_t{4});
        for (std::size_t i = 0; i < 4; ++i) {
            for (std::size_t j = 0; j < 4; ++j) {
                QCOMPARE(heatmap->cellValue(i, j), rdm(i, j)); // exact
            }
        }
        // Condition names label the rows.
        auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(heatmap->yAxis->ticker());
        QVERIFY(ticker);
        QCOMPARE(ticker->ticks().value(2.0), QStringLiteral("right_slow"));

        // MDS of the RDM (of its square roots for crossnobis).
        Eigen::MatrixXd forMds = rdm.matrix();
        if (metric == an::DistanceMetric::Crossnobis) {
            forMds = forMds.cwiseMax(0.0).cwiseSqrt();
        }
        const auto mds = an::Mds::classical(forMds, 2);
        QCOMPARE(panel.rsaView()->mdsPlot()->pointCount(), 4);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(panel.rsaView()->mdsPlot()->pointAt(i).x(), mds.coordinates(i, 0));
            QCOMPARE(panel.rsaView()->mdsPlot()->pointAt(i).y(), mds.coordinates(i, 1));
        }

        // Model comparisons with their bootstrap intervals.
        const std::vector<std::string> names = {"left_slow", "left_fast", "right_slow",
                                                "right_fast"};
        const std::vector<double> centres = {500.0, 700.0, 900.0, 1100.0};
        QCPBars* bars = panel.rsaView()->comparisonChart()->bars();
        QCPErrorBars* errors = panel.rsaView()->comparisonChart()->errorBars();
        QCOMPARE(bars->data()->size(), 2);
        int k = 0;
        for (const ModelRdm& model : {ModelRdm::timeDistance(), ModelRdm::category()}) {
            const auto expected = an::RdmComparison::bootstrap(
                rdm, model.build(names, centres), an::ComparisonMethod::Spearman, 500, 0.95, 1);
            QCOMPARE(bars->data()->at(k)->value, expected.value);
            QCOMPARE(errors->data()->at(k).errorMinus, expected.value - expected.ciLow);
            QCOMPARE(errors->data()->at(k).errorPlus, expected.ciHigh - expected.value);
            ++k;
        }
    }

    // Known structure: the left conditions are alike, left and right are not; the category
    // model explains the correlation RDM well.
    panel.rsaView()->setMetric(an::DistanceMetric::Correlation);
    const std::uint64_t id = panel.requestUpdate();
    QVERIFY(waitForResult(panel, id));
    const auto keep = panel.result(); // the next request replaces it
    const auto& rsa = *keep->rsa;
    QVERIFY(rsa.rdm(0, 1) < rsa.rdm(0, 2));
    QVERIFY(rsa.rdm(2, 3) < rsa.rdm(1, 3));
    QVERIFY(rsa.models[1].comparison.value > 0.5);

    // Geo-topological transform: the heatmap shows the transformed RDM, the chart both.
    an::GeoTopologicalThresholds gt;
    gt.lower = 0.2;
    gt.upper = 0.6;
    panel.rsaView()->setGeoTopology(gt);
    const std::uint64_t gtId = panel.requestUpdate();
    QVERIFY(waitForResult(panel, gtId));
    const an::Rdm transformed = an::GeoTopology::transform(rsa.rdm, gt);
    for (std::size_t i = 0; i < 4; ++i) {
        for (std::size_t j = 0; j < 4; ++j) {
            QCOMPARE(panel.rsaView()->heatmap()->cellValue(i, j), transformed(i, j));
        }
    }
    QCOMPARE(panel.rsaView()->comparisonChart()->geoBars()->data()->size(), 2);
}

void TestAnalysisViews::trajectoryEqualsCore() {
    AnalysisPanel panel(&m_rec);
    panel.setLiveUpdate(false);
    panel.setEpochs(structuredEpochs());
    panel.setActivityOptions(m_options);
    panel.setShuffles(3);
    const std::uint64_t id = panel.requestUpdate();
    QVERIFY(waitForResult(panel, id));

    // The job smooths over the recorded run: rates hold up to its ends.
    QCOMPARE(panel.currentJob().activity.recordedFromMs, 0.0);
    QCOMPARE(panel.currentJob().activity.recordedToMs, m_rec.currentTimeMs());
    const auto activity =
        an::ActivityBuilder::epochs(coreSpikes(m_rec, {0, 1}), structuredEpochs(), m_options);
    an::TrajectoryOptions options;
    options.components = 3;
    options.shuffles = 3;
    const auto expected = an::TrajectoryAnalysis::run(activity, options);

    TrajectoryView* view = panel.trajectoryView();
    QVERIFY(view->message().isEmpty());
    QCOMPARE(view->curveCount(), std::size_t{4});
    for (const auto& [cx, cy] : {std::pair{0, 1}, std::pair{0, 2}, std::pair{1, 2}}) {
        view->setComponents(cx, cy);
        for (std::size_t c = 0; c < 4; ++c) {
            const TrajectoryCurve* curve = view->curve(c);
            const Eigen::MatrixXd& projection = expected.conditions[c].projection;
            QCOMPARE(curve->name(), QString::fromStdString(expected.conditions[c].name));
            QCOMPARE(curve->stateCount(), static_cast<int>(projection.rows()));
            QCOMPARE(projection.rows(), Eigen::Index{20}); // 200 ms in 10 ms bins
            int k = 0;
            for (auto it = curve->data()->constBegin(); it != curve->data()->constEnd();
                 ++it, ++k) {
                QCOMPARE(it->key, projection(k, cx)); // exact
                QCOMPARE(it->value, projection(k, cy));
            }
            // Older states fade: the first is the most transparent.
            QVERIFY(curve->alphaOf(0) < curve->alphaOf(curve->stateCount() - 1));
        }
    }

    // Metrics table = core metrics and shuffle controls.
    QTableWidget* table = view->metricsTable();
    for (int r = 0; r < TrajectoryView::MetricRowCount; ++r) {
        const auto& m =
            expected.metric(TrajectoryView::metricName(static_cast<TrajectoryView::MetricRow>(r)));
        QCOMPARE(table->item(r, TrajectoryView::ValueColumn)->data(Qt::UserRole).toDouble(),
                 m.value);
        QCOMPARE(table->item(r, TrajectoryView::TimeShuffleColumn)->data(Qt::UserRole).toDouble(),
                 m.timeShuffle.mean);
        QCOMPARE(
            table->item(r, TrajectoryView::TimeShuffleColumn)->data(Qt::UserRole + 1).toDouble(),
            m.timeShuffle.sd);
        QCOMPARE(table->item(r, TrajectoryView::UnitShuffleColumn)->data(Qt::UserRole).toDouble(),
                 m.unitShuffle.mean);
    }
    QCOMPARE(view->conditionTable()->rowCount(), 4);
    QCOMPARE(view->conditionTable()->item(1, 1)->data(Qt::UserRole).toDouble(),
             expected.conditions[1].pathLength);
    // Known structure: the unit shuffle destroys the low-dimensional structure.
    const auto& pr = expected.metric("participation_ratio");
    QVERIFY(pr.value < pr.unitShuffle.mean);
}

void TestAnalysisViews::statisticsEqualCore() {
    AnalysisPanel panel(&m_rec);
    panel.setLiveUpdate(false);
    panel.setEpochs(structuredEpochs());
    panel.setSelectedPopulations({0, 1, 2});
    const std::uint64_t id = panel.requestUpdate();
    QVERIFY(waitForResult(panel, id));
    QTableWidget* table = panel.statisticsView()->table();
    QCOMPARE(table->rowCount(), 3);
    const double durationMs = 1600.0;
    for (std::size_t p = 0; p < 3; ++p) {
        const int row = static_cast<int>(p);
        const auto size = m_rec.population(p).size;
        const std::size_t spikes = m_rec.spikeSteps(p).size();
        QCOMPARE(table->item(row, SpikeStatisticsView::SpikesColumn)->data(Qt::UserRole).toDouble(),
                 static_cast<double>(spikes));
        QCOMPARE(table->item(row, SpikeStatisticsView::RateColumn)->data(Qt::UserRole).toDouble(),
                 static_cast<double>(spikes) / (static_cast<double>(size) * durationMs * 1e-3));
        plexus::core::SpikeRecorder recorder;
        recorder.steps = m_rec.spikeSteps(p);
        recorder.neurons = m_rec.spikeNeurons(p);
        QCOMPARE(table->item(row, SpikeStatisticsView::CvColumn)->data(Qt::UserRole).toDouble(),
                 plexus::core::SpikeStatistics::meanCvIsi(recorder, size));

        // Fano factor from a plain counts matrix (16 windows of 100 ms).
        std::vector<std::vector<double>> counts(size, std::vector<double>(16, 0.0));
        for (std::size_t i = 0; i < spikes; ++i) {
            const double t = m_rec.spikeSteps(p)[i] * kDt;
            counts[static_cast<std::size_t>(m_rec.spikeNeurons(p)[i])]
                  [static_cast<std::size_t>(std::floor(t / 100.0))] += 1.0;
        }
        double fano = 0.0;
        int used = 0;
        for (const auto& c : counts) {
            double mean = 0.0;
            for (const double v : c) {
                mean += v / 16.0;
            }
            if (mean <= 0.0) {
                continue;
            }
            double var = 0.0;
            for (const double v : c) {
                var += (v - mean) * (v - mean) / 15.0;
            }
            fano += var / mean;
            ++used;
        }
        QVERIFY(
            std::abs(
                table->item(row, SpikeStatisticsView::FanoColumn)->data(Qt::UserRole).toDouble() -
                fano / used) < 1e-9);
        // Known answers: the stimulus is a homogeneous Poisson process (Fano and CV near 1);
        // A and B switch rates between epochs, so their counts are overdispersed.
        const auto& stat = panel.result()->statistics[p];
        if (p == 2) {
            QVERIFY2(std::abs(stat.fanoFactor - 1.0) < 0.25,
                     qPrintable(QString::number(stat.fanoFactor)));
            QVERIFY(std::abs(stat.meanCvIsi - 1.0) < 0.25);
        } else {
            QVERIFY(stat.fanoFactor > 1.5);
        }
        // Every ISI is in the histogram or beyond it.
        double isis = static_cast<double>(stat.isiOverflow);
        for (const double c : stat.isiCounts) {
            isis += c;
        }
        std::vector<int> perNeuron(size, 0);
        for (const auto n : m_rec.spikeNeurons(p)) {
            ++perNeuron[static_cast<std::size_t>(n)];
        }
        double expectedIsis = 0.0;
        for (const int n : perNeuron) {
            expectedIsis += std::max(0, n - 1);
        }
        QCOMPARE(isis, expectedIsis);
    }
    QCOMPARE(panel.statisticsView()->histogram()->graphCount(), 3);
}

void TestAnalysisViews::errorsShowInline() {
    AnalysisPanel panel(&m_rec);
    panel.setLiveUpdate(false);
    panel.setEpochs({{"only", 0.0, 400.0}});
    panel.setShuffles(0);
    std::uint64_t id = panel.requestUpdate();
    QVERIFY(waitForResult(panel, id));
    QVERIFY2(panel.rsaView()->message().contains(QStringLiteral("at least 2 conditions")),
             qPrintable(panel.rsaView()->message()));
    // ... and says how to make conditions.
    QVERIFY2(panel.rsaView()->message().contains(QStringLiteral("Split run")) &&
                 panel.rsaView()->message().contains(QStringLiteral("Windows")),
             qPrintable(panel.rsaView()->message()));
    QVERIFY(panel.trajectoryView()->message().isEmpty()); // one trajectory is fine
    QCOMPARE(panel.trajectoryView()->curveCount(), std::size_t{1});
    QCOMPARE(panel.rsaView()->heatmap()->conditionCount(), std::size_t{0});

    // Repeats of different lengths: trajectories cannot be averaged.
    panel.setEpochs({{"a", 0.0, 200.0}, {"b", 200.0, 400.0}, {"a", 400.0, 500.0}});
    id = panel.requestUpdate();
    QVERIFY(waitForResult(panel, id));
    QVERIFY(!panel.trajectoryView()->message().isEmpty());
    QCOMPARE(panel.trajectoryView()->curveCount(), std::size_t{0});
    QVERIFY(panel.rsaView()->message().isEmpty()); // patterns are still defined

    // No population: every view says so.
    panel.setSelectedPopulations({});
    id = panel.requestUpdate();
    QVERIFY(waitForResult(panel, id));
    QVERIFY(panel.trajectoryView()->message().contains(QStringLiteral("no population")));
    QVERIFY(panel.rsaView()->message().contains(QStringLiteral("no population")));

    // An empty table analyses the whole run as one condition.
    panel.setSelectedPopulations({0, 1});
    panel.setEpochs({});
    QCOMPARE(panel.analysedEpochs().size(), std::size_t{1});
    QCOMPARE(panel.analysedEpochs()[0].endMs, m_rec.currentTimeMs());
    // Epochs past the recorded time wait.
    panel.setEpochs({{"a", 0.0, 800.0}, {"b", 800.0, 1600.0}, {"c", 1600.0, 2400.0}});
    QCOMPARE(panel.analysedEpochs().size(), std::size_t{2});
}

void TestAnalysisViews::workerDoesNotBlock() {
    LiveRecording rec;
    fillLarge(rec, 1200, 10000.0, 15.0, 5);
    AnalysisPanel panel(&rec);
    panel.setLiveUpdate(false);
    panel.setEpochs(ConditionTable::splitEpochs(0.0, 10000.0, 20));
    an::ActivityOptions options = m_options;
    options.binMs = 5.0;
    panel.setActivityOptions(options);
    panel.setShuffles(2);
    panel.rsaView()->setBootstraps(2000);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    qint64 maxGap = 0;
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, this, [&] {
        const qint64 now = clock.elapsed();
        maxGap = std::max(maxGap, now - last);
        last = now;
        ++ticks;
    });
    QElapsedTimer submit;
    submit.start();
    const std::uint64_t id = panel.requestUpdate();
    const qint64 submitMs = submit.elapsed();
    QVERIFY(panel.isBusy());
    QVERIFY(!panel.findChild<QProgressBar*>()->isHidden()); // "computing…" shows
    clock.restart();
    ticker.start();
    QVERIFY(waitForResult(panel, id));
    const qint64 elapsed = clock.elapsed();
    ticker.stop();
    QVERIFY(!panel.isBusy());
    QVERIFY(panel.findChild<QProgressBar*>()->isHidden());
    qInfo(
        "large job: submit %lld ms, computed in %.0f ms, waited %lld ms, %d ticks, max gap %lld ms",
        submitMs, panel.result()->computeMs, elapsed, ticks, maxGap);
    QVERIFY2(elapsed > 300, "the computation should be large enough to matter");
    QVERIFY(submitMs < 200); // copying the spikes is quick
    QVERIFY(ticks >= elapsed / 10 / 4);
    QVERIFY2(maxGap < 300, qPrintable(QString::number(maxGap)));
    QCOMPARE(panel.result()->units, std::size_t{1200});
}

void TestAnalysisViews::supersededNeverApplied() {
    LiveRecording big;
    fillLarge(big, 800, 8000.0, 15.0, 9);
    AnalysisJob slow = AnalysisJob::fromRecording(
        big, {0}, ConditionTable::splitEpochs(0.0, 8000.0, 16), m_options);
    slow.trajectory.shuffles = 4;
    AnalysisJob fast = AnalysisJob::fromRecording(m_rec, {0, 1}, structuredEpochs(), m_options);
    fast.trajectory.shuffles = 0;
    fast.bootstraps = 10;

    AnalysisRunner runner;
    std::vector<std::uint64_t> delivered;
    std::vector<std::size_t> conditions;
    connect(&runner, &AnalysisRunner::finished, this, [&](std::shared_ptr<const AnalysisResult> r) {
        delivered.push_back(r->id);
        conditions.push_back(r->conditions.size());
    });
    const std::uint64_t first = runner.submit(slow);
    QTest::qWait(20); // let it start
    const std::uint64_t second = runner.submit(fast);
    QVERIFY(second > first);
    QTRY_VERIFY_WITH_TIMEOUT(!runner.isBusy(), 120000);
    QTest::qWait(200); // nothing late arrives
    QCOMPARE(delivered, std::vector<std::uint64_t>{second});
    QCOMPARE(conditions, std::vector<std::size_t>{4});
    QCOMPARE(runner.discardedCount(), std::uint64_t{1});

    // A result that was finished and posted before the newer request came is dropped too.
    const std::uint64_t third = runner.submit(fast);
    QElapsedTimer wait;
    wait.start();
    while (wait.elapsed() < 20000) { // no event processing: the delivery stays queued
        QThread::msleep(50);
        if (runner.isBusy() && wait.elapsed() > 3000) {
            break;
        }
    }
    const std::uint64_t fourth = runner.submit(fast);
    QVERIFY(fourth > third);
    QTRY_VERIFY_WITH_TIMEOUT(!runner.isBusy(), 60000);
    QTest::qWait(100);
    QCOMPARE(delivered, (std::vector<std::uint64_t>{second, fourth}));

    // Through the panel: two quick requests, one result.
    AnalysisPanel panel(&m_rec);
    panel.setLiveUpdate(false);
    panel.setEpochs(structuredEpochs());
    panel.setShuffles(1);
    QSignalSpy applied(&panel, &AnalysisPanel::resultApplied);
    const std::uint64_t a = panel.requestUpdate();
    panel.setShuffles(2);
    const std::uint64_t b = panel.requestUpdate();
    QVERIFY(waitForResult(panel, b));
    QTest::qWait(300);
    QCOMPARE(applied.count(), 1);
    QCOMPARE(applied.at(0).at(0).value<std::uint64_t>(), b);
    QVERIFY(a != b);
}

void TestAnalysisViews::rasterSelectionHighlights() {
    AnalysisPanel panel(&m_rec);
    panel.setLiveUpdate(false);
    panel.setEpochs(structuredEpochs());
    panel.setActivityOptions(m_options);
    panel.setShuffles(0);
    const std::uint64_t id = panel.requestUpdate();
    QVERIFY(waitForResult(panel, id));

    // Known answer: [300, 500] ms covers the second half of left_fast's first repeat
    // (200-400: bin centres 305..395, 10 states) and the first half of right_slow's
    // (400-600: 405..495, 10 states); the second repeats (1000-1200, 1200-1400) are outside.
    RasterSelection selection;
    selection.startMs = 300.0;
    selection.endMs = 500.0;
    panel.setSelection(selection);
    QCOMPARE(panel.trajectoryView()->highlightedPointCount(), std::size_t{20});
    QCOMPARE(panel.trajectoryView()->curve(1)->highlightedCount(), std::size_t{10});
    QCOMPARE(panel.trajectoryView()->curve(2)->highlightedCount(), std::size_t{10});
    QVERIFY(panel.trajectoryView()->curve(1)->isHighlighted(19));
    QVERIFY(!panel.trajectoryView()->curve(1)->isHighlighted(9));
    // A window in the second repeat highlights the same offsets.
    selection.startMs = 1100.0;
    selection.endMs = 1300.0;
    panel.setSelection(selection);
    QCOMPARE(panel.trajectoryView()->highlightedPointCount(), std::size_t{20});
    panel.clearSelection();
    QCOMPARE(panel.trajectoryView()->highlightedPointCount(), std::size_t{0});

    // Shift-drag in the raster emits the selection; the panel highlights it.
    RasterPlot raster;
    raster.resize(900, 400);
    raster.setRecording(&m_rec);
    raster.setTimeRange(0.0, 1600.0);
    raster.show();
    QVERIFY(QTest::qWaitForWindowExposed(&raster));
    raster.refresh();
    raster.replot();
    QSignalSpy selected(&raster, &RasterPlot::selectionChanged);
    connect(&raster, &RasterPlot::selectionChanged, &panel, &AnalysisPanel::setSelection);
    const QPoint from = raster.pixelOf(0, 5, 300.0).toPoint();
    const QPoint to = raster.pixelOf(0, 20, 700.0).toPoint();
    QTest::mousePress(&raster, Qt::LeftButton, Qt::ShiftModifier, from);
    QTest::mouseMove(&raster, (from + to) / 2);
    QTest::mouseMove(&raster, to);
    QTest::mouseRelease(&raster, Qt::LeftButton, Qt::ShiftModifier, to);
    QCOMPARE(selected.count(), 1);
    const RasterSelection& s = raster.selection();
    QVERIFY(std::abs(s.startMs - 300.0) < 5.0);
    QVERIFY(std::abs(s.endMs - 700.0) < 5.0);
    QVERIFY(s.population.has_value());
    QCOMPARE(*s.population, std::size_t{0});
    QCOMPARE(s.firstNeuron, 5);
    QCOMPARE(s.lastNeuron, 20);
    QCOMPARE(panel.selection(), s);
    // Expected states: offsets (b + 0.5) x 10 ms whose time in some repeat is in the window.
    std::size_t expected = 0;
    std::map<std::string, std::vector<double>> starts;
    std::vector<std::string> order;
    for (const auto& e : structuredEpochs()) {
        if (starts.find(e.name) == starts.end()) {
            order.push_back(e.name);
        }
        starts[e.name].push_back(e.startMs);
    }
    for (const auto& name : order) {
        for (int b = 0; b < 20; ++b) {
            const double offset = (b + 0.5) * 10.0;
            expected += std::any_of(starts[name].begin(), starts[name].end(), [&](double t0) {
                return t0 + offset >= s.startMs && t0 + offset <= s.endMs;
            });
        }
    }
    QVERIFY(expected >= 38 && expected <= 42);
    QCOMPARE(panel.trajectoryView()->highlightedPointCount(), expected);
    raster.grab().save(
        plexus::tests::artifactPath(QStringLiteral("analysis_raster_selection.png")));

    // A drag across bands selects the time window only.
    const QPoint other = raster.pixelOf(1, 10, 900.0).toPoint();
    QTest::mousePress(&raster, Qt::LeftButton, Qt::ShiftModifier, from);
    QTest::mouseMove(&raster, other);
    QTest::mouseRelease(&raster, Qt::LeftButton, Qt::ShiftModifier, other);
    QCOMPARE(selected.count(), 2);
    QVERIFY(!raster.selection().population.has_value());
    QVERIFY(!raster.selection().isEmpty());
    // A shift-click clears.
    QTest::mouseClick(&raster, Qt::LeftButton, Qt::ShiftModifier, from);
    QCOMPARE(selected.count(), 3);
    QVERIFY(raster.selection().isEmpty());
    QCOMPARE(panel.trajectoryView()->highlightedPointCount(), std::size_t{0});
    // A plain drag still pans and selects nothing.
    const QCPRange before = raster.xAxis->range();
    QTest::mousePress(&raster, Qt::LeftButton, Qt::NoModifier, to);
    QTest::mouseMove(&raster, to - QPoint(100, 0));
    QTest::mouseRelease(&raster, Qt::LeftButton, Qt::NoModifier, to - QPoint(100, 0));
    QCOMPARE(selected.count(), 3);
    QVERIFY(raster.xAxis->range().lower > before.lower + 1.0);
}

void TestAnalysisViews::restrictToSelectedNeurons() {
    AnalysisPanel panel(&m_rec);
    panel.setLiveUpdate(false);
    panel.setEpochs(structuredEpochs());
    panel.setActivityOptions(m_options);
    panel.setShuffles(0);
    RasterSelection selection;
    selection.startMs = 0.0;
    selection.endMs = 400.0;
    selection.population = 1;
    selection.firstNeuron = 10;
    selection.lastNeuron = 19;
    panel.setSelection(selection);
    panel.setRestrictToSelection(true);
    QVERIFY(panel.restrictToSelection());
    const std::uint64_t id = panel.requestUpdate();
    QVERIFY(waitForResult(panel, id));
    QCOMPARE(panel.result()->units, std::size_t{10});
    // Equals the core on B's neurons 10..19 alone.
    an::SpikeTimes b = coreSpikes(m_rec, {1}).front();
    an::SpikeTimes sub;
    sub.name = b.name;
    sub.size = 10;
    for (std::size_t i = 0; i < b.timesMs.size(); ++i) {
        if (b.neurons[i] >= 10 && b.neurons[i] <= 19) {
            sub.timesMs.push_back(b.timesMs[i]);
            sub.neurons.push_back(b.neurons[i] - 10);
        }
    }
    const auto activity = an::ActivityBuilder::epochs({sub}, structuredEpochs(), m_options);
    const an::Rdm rdm = an::RdmCalculator::compute(activity, an::DistanceMetric::Correlation);
    QCOMPARE(panel.rsaView()->heatmap()->cellValue(0, 3), rdm(0, 3));
    QCOMPARE(panel.result()->statistics.size(), std::size_t{1});
    QCOMPARE(panel.result()->statistics[0].neurons, std::size_t{10});
}

void TestAnalysisViews::liveUpdateFollowsRevision() {
    LiveRecording rec;
    fillStructured(rec);
    AnalysisPanel panel(&rec);
    panel.setShuffles(0);
    panel.setEpochs(structuredEpochs());
    panel.setUpdateIntervalMs(50);
    panel.resize(1000, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy applied(&panel, &AnalysisPanel::resultApplied);
    QTRY_VERIFY_WITH_TIMEOUT(applied.count() >= 1, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 30000);
    QTest::qWait(400);
    const int settled = applied.count();
    QTest::qWait(400);
    QCOMPARE(applied.count(), settled); // revision unchanged: nothing recomputed
    // The run goes on: new spikes and time; a new result follows by itself.
    const std::int64_t steps[] = {16001, 16500};
    const std::int32_t neurons[] = {1, 2};
    rec.appendSpikes(0, steps, neurons, 2);
    rec.setCurrentStep(18000);
    QTRY_VERIFY_WITH_TIMEOUT(applied.count() > settled, 30000);
    QCOMPARE(panel.result()->statisticsEndMs, 1600.0);
    // With the live switch off nothing follows.
    panel.setLiveUpdate(false);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 30000);
    const int off = applied.count();
    rec.setCurrentStep(19000);
    QTest::qWait(400);
    QCOMPARE(applied.count(), off);
}

void TestAnalysisViews::liveUpdateSupersedesOlderJobs() {
    // A recording that grows faster than the analysis finishes: every applied result is the
    // newest request's (older ones are superseded, never applied), and the last one covers the
    // whole recording.
    LiveRecording rec;
    fillLarge(rec, 400, 2000.0, 20.0, 7);
    AnalysisPanel panel(&rec);
    panel.setShuffles(50);
    panel.setUpdateIntervalMs(20);
    panel.resize(1000, 600);
    QSignalSpy applied(&panel, &AnalysisPanel::resultApplied);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    std::int64_t step = rec.currentStep();
    std::mt19937 rng(3);
    for (int i = 0; i < 20; ++i) {
        std::vector<std::int64_t> st;
        std::vector<std::int32_t> ne;
        for (int k = 0; k < 200; ++k) {
            st.push_back(step + k * 5);
            ne.push_back(static_cast<std::int32_t>(rng() % 400));
        }
        rec.appendSpikes(0, st.data(), ne.data(), st.size());
        step += 1000;
        rec.setCurrentStep(step);
        QTest::qWait(25);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 60000);
    QTest::qWait(200);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 60000);
    QVERIFY(applied.count() >= 1);
    // Applied ids only grow and the last applied result is the newest request.
    std::uint64_t last = 0;
    for (const auto& args : applied) {
        const auto id = args.at(0).value<std::uint64_t>();
        QVERIFY(id > last);
        last = id;
    }
    QCOMPARE(panel.result()->id, panel.runner()->latestId());
    // A request made while another runs supersedes it: only the newer one is applied.
    const int before = applied.count();
    const std::uint64_t older = panel.requestUpdate();
    const std::uint64_t newer = panel.requestUpdate();
    QVERIFY(newer > older);
    QTRY_VERIFY_WITH_TIMEOUT(panel.result()->id == newer, 60000);
    for (int i = before; i < applied.count(); ++i) {
        QVERIFY(applied.at(i).at(0).value<std::uint64_t>() != older);
    }
    QCOMPARE(panel.result()->statisticsEndMs, rec.currentTimeMs());
    QCOMPARE(panel.trajectoryView()->result(), panel.result());
}

void TestAnalysisViews::highlightIn2DAndNote3D() {
    AnalysisPanel panel(&m_rec);
    panel.setLiveUpdate(false);
    panel.setEpochs(structuredEpochs());
    panel.setActivityOptions(m_options);
    panel.setShuffles(0);
    panel.resize(1200, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const std::uint64_t id = panel.requestUpdate();
    QVERIFY(waitForResult(panel, id));
    TrajectoryView* view = panel.trajectoryView();
    QTest::qWait(50);
    const QImage plain = view->plot()->grab().toImage();

    RasterSelection selection;
    selection.startMs = 300.0;
    selection.endMs = 500.0;
    panel.setSelection(selection);
    // The flags both views draw: per condition, per state, equal to the curves'.
    const auto& flags = view->highlightFlags();
    QCOMPARE(flags.size(), std::size_t{4});
    std::size_t total = 0;
    for (std::size_t c = 0; c < flags.size(); ++c) {
        QCOMPARE(static_cast<int>(flags[c].size()), view->curve(c)->stateCount());
        for (std::size_t k = 0; k < flags[c].size(); ++k) {
            QCOMPARE(flags[c][k], view->curve(c)->isHighlighted(static_cast<int>(k)));
            total += flags[c][k] ? 1 : 0;
        }
    }
    QCOMPARE(total, std::size_t{20});
    // left_fast (200-400 ms): states 10..19 (centres 305..395) are inside, 0..9 are not.
    for (std::size_t k = 0; k < 20; ++k) {
        QCOMPARE(static_cast<bool>(flags[1][k]), k >= 10);
    }
    // Emphasised: the plot's pixels change.
    view->plot()->replot();
    const QImage highlighted = view->plot()->grab().toImage();
    QCOMPARE(highlighted.size(), plain.size());
    int changed = 0;
    for (int y = 0; y < plain.height(); ++y) {
        for (int x = 0; x < plain.width(); ++x) {
            changed += plain.pixel(x, y) != highlighted.pixel(x, y) ? 1 : 0;
        }
    }
    QVERIFY2(changed > 200, qPrintable(QString::number(changed)));
    panel.clearSelection();
    for (const auto& f : view->highlightFlags()) {
        QVERIFY(std::none_of(f.begin(), f.end(), [](bool b) { return b; }));
    }

    // The 3D switch: without OpenGL (offscreen) a note, no view, no crash; back to 2D works.
    view->setThreeD(true);
    QVERIFY(view->isThreeD());
    QTest::qWait(50);
    QVERIFY(view->view3D() == nullptr);
    QVERIFY(view->note3D().contains(QStringLiteral("OpenGL")));
    panel.setSelection(selection);
    const std::uint64_t again = panel.requestUpdate();
    QVERIFY(waitForResult(panel, again));
    view->setThreeD(false);
    QVERIFY(!view->isThreeD());
    QCOMPARE(view->highlightedPointCount(), std::size_t{20});
}

void TestAnalysisViews::exportCsv() {
    AnalysisPanel panel(&m_rec);
    panel.setLiveUpdate(false);
    QString error;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Nothing computed yet: nothing written, a reason.
    QVERIFY(!panel.exportDataButton()->isEnabled());
    QVERIFY(panel.exportData(dir.path(), &error).isEmpty());
    QVERIFY(!error.isEmpty());

    panel.setEpochs(structuredEpochs());
    panel.setActivityOptions(m_options);
    panel.setShuffles(3);
    const std::uint64_t id = panel.requestUpdate();
    QVERIFY(waitForResult(panel, id));
    QVERIFY(panel.exportDataButton()->isEnabled());
    const QStringList files = panel.exportData(dir.filePath(QStringLiteral("out")), &error);
    QVERIFY2(!files.isEmpty(), qPrintable(error));
    QVERIFY(error.isEmpty());
    const auto path = [&](const char* name) {
        return QDir(dir.filePath(QStringLiteral("out"))).filePath(QString::fromLatin1(name));
    };
    for (const char* name :
         {"trajectory_projection.csv", "trajectory_summary.csv", "trajectory_conditions.csv",
          "explained_variance.csv", "condition_distance.csv", "rdm.csv", "mds.csv"}) {
        QVERIFY2(files.contains(path(name)), name);
    }
    const AnalysisResult& r = *panel.result();
    const auto& traj = *r.trajectory;
    const auto k = traj.pca.components().cols();
    QCOMPARE(k, Eigen::Index{3});

    // Trajectory coordinates: condition, time, PC1..PC3 per state; exact values.
    const auto projection = readCsv(path("trajectory_projection.csv"));
    QCOMPARE(projection.front(),
             (QStringList{QStringLiteral("condition"), QStringLiteral("time_ms"),
                          QStringLiteral("pc1"), QStringLiteral("pc2"), QStringLiteral("pc3")}));
    std::size_t states = 0;
    for (const auto& c : traj.conditions) {
        states += static_cast<std::size_t>(c.projection.rows());
    }
    QCOMPARE(states, std::size_t{80});
    QCOMPARE(projection.size(), states + 1);
    std::size_t row = 1;
    for (const auto& c : traj.conditions) {
        for (Eigen::Index t = 0; t < c.projection.rows(); ++t, ++row) {
            const QStringList& line = projection[row];
            QCOMPARE(line.size(), qsizetype{5});
            QCOMPARE(line[0].toStdString(), c.name);
            QCOMPARE(line[1].toDouble(), c.timesMs[static_cast<std::size_t>(t)]);
            for (Eigen::Index j = 0; j < 3; ++j) {
                QCOMPARE(line[static_cast<int>(j) + 2].toDouble(), c.projection(t, j));
            }
        }
    }
    // The drawn 2D curve holds the same numbers (PC1, PC2 of condition 2, state 7).
    const auto* curve = panel.trajectoryView()->curve(2);
    QCOMPARE(curve->data()->at(7)->key, projection[1 + 20 * 2 + 7][2].toDouble());
    QCOMPARE(curve->data()->at(7)->value, projection[1 + 20 * 2 + 7][3].toDouble());

    // Summary metrics with controls.
    const auto summary = readCsv(path("trajectory_summary.csv"));
    QCOMPARE(summary.size(), traj.summary.size() + 1);
    QCOMPARE(summary.front().size(), qsizetype{8});
    QCOMPARE(summary.front()[0], QStringLiteral("metric"));
    for (std::size_t i = 0; i < traj.summary.size(); ++i) {
        QCOMPARE(summary[i + 1][0].toStdString(), traj.summary[i].name);
        QCOMPARE(summary[i + 1][1].toDouble(), traj.summary[i].value);
        QCOMPARE(summary[i + 1][3].toDouble(), traj.summary[i].timeShuffle.sd);
        QCOMPARE(summary[i + 1][4].toDouble(),
                 static_cast<double>(traj.summary[i].timeShuffle.count));
    }
    const auto perCondition = readCsv(path("trajectory_conditions.csv"));
    QCOMPARE(perCondition.size(), std::size_t{5});
    QCOMPARE(perCondition[3][1].toDouble(), traj.conditions[2].pathLength);

    // RDM: condition x condition with names; MDS: condition, dim1, dim2.
    const auto rdm = readCsv(path("rdm.csv"));
    QCOMPARE(rdm.size(), std::size_t{5});
    QCOMPARE(rdm.front(), (QStringList{QStringLiteral("condition"), QStringLiteral("left_slow"),
                                       QStringLiteral("left_fast"), QStringLiteral("right_slow"),
                                       QStringLiteral("right_fast")}));
    for (std::size_t i = 0; i < 4; ++i) {
        QCOMPARE(rdm[i + 1].size(), qsizetype{5});
        for (std::size_t j = 0; j < 4; ++j) {
            QCOMPARE(rdm[i + 1][static_cast<int>(j) + 1].toDouble(), r.rsa->rdm(i, j));
            QCOMPARE(
                rdm[i + 1][static_cast<int>(j) + 1].toDouble(),
                panel.rsaView()->heatmap()->cellValue(static_cast<int>(i), static_cast<int>(j)));
        }
    }
    const auto mds = readCsv(path("mds.csv"));
    QCOMPARE(mds.size(), std::size_t{5});
    QCOMPARE(mds.front(), (QStringList{QStringLiteral("condition"), QStringLiteral("dim1"),
                                       QStringLiteral("dim2")}));
    QCOMPARE(mds[4][2].toDouble(), r.rsa->mds(3, 1));
    const auto variance = readCsv(path("explained_variance.csv"));
    QCOMPARE(variance.size(), std::size_t{4});
    QCOMPARE(variance[1][2].toDouble(), traj.pca.explainedVarianceRatio()(0));

    // Names with commas cannot break the shape.
    AnalysisResult odd = r;
    odd.trajectory->conditions[0].name = "a,b\"c";
    const auto written =
        AnalysisExport::writeCsv(odd, dir.filePath(QStringLiteral("odd")).toStdString());
    QVERIFY(!written.empty());
    const auto oddRows = readCsv(QDir(dir.filePath(QStringLiteral("odd")))
                                     .filePath(QStringLiteral("trajectory_projection.csv")));
    QCOMPARE(oddRows[1].size(), qsizetype{5});
    QCOMPARE(oddRows[1][0], QStringLiteral("a_b_c"));
    // An unwritable place fails with the reason.
    QFile blocker(dir.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QVERIFY(panel.exportData(dir.filePath(QStringLiteral("file/sub")), &error).isEmpty());
    QVERIFY(!error.isEmpty());
}

void TestAnalysisViews::screenshots() {
    AnalysisPanel panel(&m_rec);
    panel.setLiveUpdate(false);
    panel.setEpochs(structuredEpochs());
    panel.setActivityOptions(m_options);
    panel.setShuffles(5);
    panel.rsaView()->setGeoTopology(std::nullopt);
    panel.resize(1400, 820);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const std::uint64_t id = panel.requestUpdate();
    QVERIFY(waitForResult(panel, id));
    RasterSelection selection;
    selection.startMs = 300.0;
    selection.endMs = 500.0;
    panel.setSelection(selection);
    const QString names[] = {QStringLiteral("analysis_trajectories.png"),
                             QStringLiteral("analysis_rsa.png"),
                             QStringLiteral("analysis_statistics.png")};
    for (int tab = 0; tab < 3; ++tab) {
        panel.tabs()->setCurrentIndex(tab);
        QTest::qWait(100);
        const QImage image = panel.grab().toImage();
        QVERIFY(image.save(plexus::tests::artifactPath(names[tab])));
        QVERIFY2(inkShare(image) > 0.05, qPrintable(names[tab]));
        QVERIFY2(colourCount(image) > 40, qPrintable(names[tab]));
        // The plot area itself is not blank.
        QWidget* plot = tab == 0   ? static_cast<QWidget*>(panel.trajectoryView()->plot())
                        : tab == 1 ? static_cast<QWidget*>(panel.rsaView()->heatmap())
                                   : static_cast<QWidget*>(panel.statisticsView()->histogram());
        QVERIFY2(colourCount(plot->grab().toImage()) > 10, qPrintable(names[tab]));
    }
    // Dark palette (as in the live plot tests): every view follows it.
    const QPalette light = QApplication::palette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x25, 0x29, 0x2f));
    dark.setColor(QPalette::WindowText, QColor(0xe3, 0xe6, 0xea));
    dark.setColor(QPalette::Base, QColor(0x1c, 0x1f, 0x24));
    dark.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2e, 0x35));
    dark.setColor(QPalette::Text, QColor(0xe3, 0xe6, 0xea));
    dark.setColor(QPalette::Button, QColor(0x30, 0x35, 0x3c));
    dark.setColor(QPalette::ButtonText, QColor(0xe3, 0xe6, 0xea));
    dark.setColor(QPalette::ToolTipBase, QColor(0x31, 0x36, 0x3e));
    dark.setColor(QPalette::ToolTipText, QColor(0xe3, 0xe6, 0xea));
    QApplication::setPalette(dark);
    for (int tab : {0, 1}) {
        panel.tabs()->setCurrentIndex(tab);
        QTest::qWait(100);
        const QImage darkImage = panel.grab().toImage();
        QVERIFY(darkImage.save(
            plexus::tests::artifactPath(tab == 0 ? QStringLiteral("analysis_trajectories_dark.png")
                                                 : QStringLiteral("analysis_rsa_dark.png"))));
        // The plot background follows the palette.
        const QImage plot = (tab == 0 ? static_cast<QWidget*>(panel.trajectoryView()->plot())
                                      : static_cast<QWidget*>(panel.rsaView()->mdsPlot()))
                                ->grab()
                                .toImage();
        QCOMPARE(QColor(plot.pixel(3, 3)), QColor(0x1c, 0x1f, 0x24));
    }
    QApplication::setPalette(light);
}

void TestAnalysisViews::readableAt1280() {
    // Nothing recorded: the trajectory tab says what to do instead of showing an empty plot.
    LiveRecording empty;
    AnalysisPanel idle(&empty);
    idle.resize(1280, 520);
    idle.show();
    QVERIFY(QTest::qWaitForWindowExposed(&idle));
    QVERIFY2(idle.trajectoryNote().contains(QStringLiteral("Run the simulation")),
             qPrintable(idle.trajectoryNote()));
    QVERIFY(!idle.trajectoryView()->isVisible());
    QWidget* note = idle.tabs()->currentWidget();
    QVERIFY(note->width() >= 320 && note->height() >= 200);

    // A run analysed as one condition in a 1280 px wide window: every column of the summary
    // table shows (the convergence row's "needs 2 conditions" is the widest value) and the
    // plot keeps a useful size.
    AnalysisPanel panel(&m_rec);
    panel.setLiveUpdate(false);
    panel.setEpochs({});
    panel.setShuffles(5);
    panel.resize(1280, 520);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const std::uint64_t id = panel.requestUpdate();
    QVERIFY(waitForResult(panel, id));
    QTest::qWait(50);
    QVERIFY(panel.trajectoryNote().isEmpty());
    QVERIFY(panel.trajectoryView()->isVisible());
    QTableWidget* table = panel.trajectoryView()->metricsTable();
    QHeaderView* header = table->horizontalHeader();
    const int last = table->columnCount() - 1;
    QVERIFY2(header->sectionViewportPosition(last) + header->sectionSize(last) <=
                 table->viewport()->width(),
             qPrintable(QStringLiteral("last column ends at %1 px, the table shows %2 px")
                            .arg(header->sectionViewportPosition(last) + header->sectionSize(last))
                            .arg(table->viewport()->width())));
    QCOMPARE(table->horizontalScrollBar()->maximum(), 0);
    const QCPAxisRect* axes = panel.trajectoryView()->plot()->axisRect();
    QVERIFY2(axes->width() >= 300 && axes->height() >= 250,
             qPrintable(QStringLiteral("%1 x %2").arg(axes->width()).arg(axes->height())));
    QVERIFY(panel.grab().save(plexus::tests::artifactPath(QStringLiteral("analysis_1280.png"))));

    // No population ticked: the note says to tick one.
    panel.setSelectedPopulations({});
    const std::uint64_t none = panel.requestUpdate();
    QVERIFY(waitForResult(panel, none));
    QVERIFY2(panel.trajectoryNote().contains(QStringLiteral("Tick the populations")),
             qPrintable(panel.trajectoryNote()));
}

QTEST_MAIN(TestAnalysisViews)
#include "TestAnalysisViews.moc"
