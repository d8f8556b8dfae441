// Live plots: the GUI-side recording store, the raster's level of detail (dots vs density
// image) with exact spike accounting, picking a neuron by clicking, rate smoothing, the shared
// time window, empty recordings, and a rendered screenshot of a populated panel.

#include "TestArtifacts.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <plexus/widgets/live/LivePlotPanel.h>
#include <plexus/widgets/live/LiveRecording.h>
#include <plexus/widgets/live/MembranePlot.h>
#include <plexus/widgets/live/RasterPlot.h>
#include <plexus/widgets/live/RatePlot.h>
#include <plexus/widgets/live/RateSmoother.h>
#include <plexus/widgets/live/WeightPlot.h>
#include <random>
#include <time.h>
#include <vector>

using namespace plexus::widgets;

namespace {

using Pop = LiveRecording::Population;

/// Spikes of one population, generated in ascending step order.
struct SpikeBatch {
    std::vector<std::int64_t> steps;
    std::vector<std::int32_t> neurons;
};

/// @p count spikes spread uniformly over steps [0, steps) and neurons [0, size).
SpikeBatch uniformSpikes(std::size_t count, std::int64_t steps, std::int32_t size,
                         std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::int64_t> step(0, steps - 1);
    std::uniform_int_distribution<std::int32_t> neuron(0, size - 1);
    SpikeBatch batch;
    batch.steps.resize(count);
    batch.neurons.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        batch.steps[i] = step(rng);
        batch.neurons[i] = neuron(rng);
    }
    std::sort(batch.steps.begin(), batch.steps.end());
    return batch;
}

/// Spikes whose time (step * dt) lies in [lower, upper] ms, all populations.
std::uint64_t spikesIn(const LiveRecording& rec, double lower, double upper) {
    std::uint64_t n = 0;
    for (std::size_t p = 0; p < rec.populationCount(); ++p) {
        for (std::int64_t s : rec.spikeSteps(p)) {
            const double t = static_cast<double>(s) * rec.dtMs();
            n += (t >= lower && t <= upper) ? 1 : 0;
        }
    }
    return n;
}

/// A small network run of @p ms: E/I/input spikes with a slow rhythm, rates, membrane traces
/// of three neurons in mV plus one current trace in nA, and two plastic projections.
void fillDemo(LiveRecording& rec, double ms) {
    rec.reset({Pop{"E", 800, false}, Pop{"I", 200, false}, Pop{"Input", 100, true}}, 0.1, 10);
    const auto steps = static_cast<std::int64_t>(ms / 0.1);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const double baseHz[3] = {6.0, 18.0, 12.0};
    for (std::size_t p = 0; p < 3; ++p) {
        const std::int32_t size = static_cast<std::int32_t>(rec.population(p).size);
        std::vector<std::int64_t> st;
        std::vector<std::int32_t> ne;
        std::vector<std::uint32_t> bins(static_cast<std::size_t>(steps / 10), 0u);
        for (std::int64_t s = 0; s < steps; ++s) {
            const double t = s * 0.1;
            const double rhythm = 1.0 + 0.8 * std::sin(2.0 * M_PI * t / 125.0 + p);
            const double lambda = baseHz[p] * rhythm * size * 1e-4;
            std::poisson_distribution<int> count(lambda);
            const int k = count(rng);
            for (int i = 0; i < k; ++i) {
                st.push_back(s);
                ne.push_back(static_cast<std::int32_t>(uniform(rng) * size));
                bins[static_cast<std::size_t>(s / 10)] += 1;
            }
        }
        rec.appendSpikes(p, st.data(), ne.data(), st.size());
        rec.appendRateBins(p, 0, bins.data(), bins.size());
    }
    const std::size_t traces[3] = {rec.addTrace(0, 12, "v", "mV"), rec.addTrace(0, 345, "v", "mV"),
                                   rec.addTrace(1, 7, "v", "mV")};
    const std::size_t current = rec.addTrace(0, 12, "I_syn", "nA");
    for (std::size_t k = 0; k < 3; ++k) {
        std::vector<std::int64_t> st;
        std::vector<float> v;
        double vm = -65.0;
        for (std::int64_t s = 0; s < steps; ++s) {
            vm += 0.1 / 20.0 * (-65.0 - vm) + 0.35 * (uniform(rng) - 0.45) * (k + 1);
            if (vm > -50.0) {
                vm = -70.0;
            }
            st.push_back(s);
            v.push_back(static_cast<float>(vm));
        }
        rec.appendSamples(traces[k], st.data(), v.data(), st.size());
    }
    {
        std::vector<std::int64_t> st;
        std::vector<float> v;
        for (std::int64_t s = 0; s < steps; s += 5) {
            st.push_back(s);
            v.push_back(static_cast<float>(0.2 * std::sin(s * 0.01) + 0.05 * uniform(rng)));
        }
        rec.appendSamples(current, st.data(), v.data(), st.size());
    }
    for (std::int64_t s = 0; s <= steps; s += 500) {
        const double t = s * 0.1;
        std::vector<std::uint32_t> h1(20), h2(20);
        for (int b = 0; b < 20; ++b) {
            const double x = (b + 0.5) / 20.0;
            h1[b] = static_cast<std::uint32_t>(
                400 * std::exp(-std::pow((x - 0.3 - t / 8000.0) / 0.1, 2)));
            h2[b] = static_cast<std::uint32_t>(
                250 * std::exp(-std::pow((x - 0.7 + t / 10000.0) / 0.15, 2)));
        }
        rec.appendWeights("E->E", s, static_cast<float>(0.3 + t / 8000.0), 0.0, 1.0, h1);
        rec.appendWeights("Input->E", s, static_cast<float>(0.7 - t / 10000.0), 0.0, 1.0, h2);
    }
    rec.setCurrentStep(steps);
}

/// CPU time of this thread in ms (less disturbed than wall time on a shared machine).
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

double percentile(std::vector<double> v, double q) {
    if (v.empty()) {
        return 0.0;
    }
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

} // namespace

class TestLivePlots : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void spikesStayOrdered();
    void rateBinsOverwriteAndFillGaps();
    void rateHzOfKnownCount();
    void tracesAddDedupeRemove();
    void weightsAndReset();
    void rasterDensityCountsEverySpike();
    void rasterDotsDrawEverySpike();
    void clickPicksNeuron();
    void boxcarOfStepIsRamp();
    void gaussianKeepsConstant();
    void windowFollowsCurrentTime();
    void panStopsFollowing();
    void emptyAndResetRecordings();
    void membraneGroupsByUnit();
    void weightPlotShowsTracks();
    void screenshot();

private:
    QTemporaryDir m_dir;
};

void TestLivePlots::initTestCase() {
    QVERIFY(m_dir.isValid());
}

void TestLivePlots::spikesStayOrdered() {
    LiveRecording rec;
    rec.reset({Pop{"A", 10, false}, Pop{"B", 5, false}}, 0.1, 10);
    const std::uint64_t r0 = rec.revision();
    const std::int64_t s1[] = {1, 3, 3, 8};
    const std::int32_t n1[] = {0, 1, 2, 3};
    rec.appendSpikes(0, s1, n1, 4);
    QVERIFY(rec.revision() > r0);
    QCOMPARE(rec.spikeTotal(), std::uint64_t{4});
    QCOMPARE(rec.currentStep(), std::int64_t{8});
    // A late batch that overlaps earlier steps is merged, keeping arrival order for ties.
    const std::int64_t s2[] = {2, 8, 9};
    const std::int32_t n2[] = {7, 9, 4};
    rec.appendSpikes(0, s2, n2, 3);
    QCOMPARE(rec.spikeSteps(0), (std::vector<std::int64_t>{1, 2, 3, 3, 8, 8, 9}));
    QCOMPARE(rec.spikeNeurons(0), (std::vector<std::int32_t>{0, 7, 1, 2, 3, 9, 4}));
    QCOMPARE(rec.spikeTotal(), std::uint64_t{7});
    QVERIFY(rec.spikeSteps(1).empty());
    // Unknown populations and empty batches change nothing.
    const std::uint64_t r1 = rec.revision();
    rec.appendSpikes(5, s2, n2, 3);
    rec.appendSpikes(1, s2, n2, 0);
    QCOMPARE(rec.revision(), r1);
    QVERIFY(rec.spikeSteps(99).empty());
}

void TestLivePlots::rateBinsOverwriteAndFillGaps() {
    LiveRecording rec;
    rec.reset({Pop{"A", 100, false}}, 0.1, 10);
    const std::uint32_t a[] = {1, 2, 3};
    rec.appendRateBins(0, 0, a, 3);
    const std::uint32_t b[] = {9};
    rec.appendRateBins(0, 1, b, 1); // overwrite
    QCOMPARE(rec.rateBins(0), (std::vector<std::uint32_t>{1, 9, 3}));
    const std::uint32_t c[] = {5, 6};
    rec.appendRateBins(0, 6, c, 2); // gap of bins 3..5 filled with zeros
    QCOMPARE(rec.rateBins(0), (std::vector<std::uint32_t>{1, 9, 3, 0, 0, 0, 5, 6}));
    QCOMPARE(rec.currentStep(), std::int64_t{79}); // end of bin 7
    rec.appendRateBins(0, 2, c, 2);                // overwrite inside, no growth
    QCOMPARE(rec.rateBins(0), (std::vector<std::uint32_t>{1, 9, 5, 6, 0, 0, 5, 6}));
}

void TestLivePlots::rateHzOfKnownCount() {
    LiveRecording rec;
    // 250 neurons, bins of 20 steps at 0.05 ms = 1 ms: 5 spikes in a bin = 5 / (250 * 1e-3 s).
    rec.reset({Pop{"A", 250, false}, Pop{"Empty", 0, false}}, 0.05, 20);
    const std::uint32_t counts[] = {5, 0, 250};
    rec.appendRateBins(0, 0, counts, 3);
    rec.appendRateBins(1, 0, counts, 3);
    QCOMPARE(rec.rateHz(0, 0), 20.0);
    QCOMPARE(rec.rateHz(0, 1), 0.0);
    QCOMPARE(rec.rateHz(0, 2), 1000.0);
    QCOMPARE(rec.rateHz(0, 3), 0.0); // past the end
    QCOMPARE(rec.rateHz(1, 0), 0.0); // no neurons
}

void TestLivePlots::tracesAddDedupeRemove() {
    LiveRecording rec;
    rec.reset({Pop{"A", 10, false}}, 0.1, 10);
    QCOMPARE(rec.addTrace(0, 3, "v", "mV"), std::size_t{0});
    QCOMPARE(rec.addTrace(0, 4, "v", "mV"), std::size_t{1});
    const std::uint64_t r = rec.revision();
    QCOMPARE(rec.addTrace(0, 3, "v", "mV"), std::size_t{0}); // same trace
    QCOMPARE(rec.revision(), r);
    QCOMPARE(rec.addTrace(0, 3, "w", "pA"), std::size_t{2});
    const std::int64_t s[] = {0, 1, 2};
    const float v[] = {-65.f, -64.f, -63.f};
    rec.appendSamples(1, s, v, 3);
    QCOMPARE(rec.trace(1).values, (std::vector<float>{-65.f, -64.f, -63.f}));
    rec.removeTrace(0);
    QCOMPARE(rec.traceCount(), std::size_t{2});
    QCOMPARE(rec.trace(0).neuron, 4); // later traces shift down
    QCOMPARE(rec.trace(0).steps.size(), std::size_t{3});
    QCOMPARE(rec.trace(1).variable, std::string("w"));
    rec.removeTrace(7); // ignored
    QCOMPARE(rec.traceCount(), std::size_t{2});
}

void TestLivePlots::weightsAndReset() {
    LiveRecording rec;
    rec.reset({Pop{"A", 10, false}}, 0.1, 10);
    QCOMPARE(rec.appendWeights("A->A", 100, 0.5f, 0.0, 2.0, {1, 2, 3}), std::size_t{0});
    QCOMPARE(rec.appendWeights("B->A", 100, 0.1f, 0.0, 1.0, {4}), std::size_t{1});
    QCOMPARE(rec.appendWeights("A->A", 200, 0.6f, 0.0, 2.5, {3, 2, 1, 0}), std::size_t{0});
    QCOMPARE(rec.weightTrackCount(), std::size_t{2});
    const auto& track = rec.weightTrack(0);
    QCOMPARE(track.steps, (std::vector<std::int64_t>{100, 200}));
    QCOMPARE(track.mean, (std::vector<float>{0.5f, 0.6f}));
    QCOMPARE(track.histogram, (std::vector<std::uint32_t>{3, 2, 1, 0})); // latest only
    QCOMPARE(track.histogramHigh, 2.5);
    QCOMPARE(rec.currentStep(), std::int64_t{200});

    const std::uint64_t generation = rec.generation();
    rec.setDropped(12);
    rec.reset({Pop{"X", 3, false}, Pop{"Y", 4, true}}, 0.2, 5);
    QCOMPARE(rec.generation(), generation + 1);
    QCOMPARE(rec.weightTrackCount(), std::size_t{0});
    QCOMPARE(rec.traceCount(), std::size_t{0});
    QCOMPARE(rec.populationCount(), std::size_t{2});
    QVERIFY(rec.population(1).isStimulus);
    QCOMPARE(rec.currentStep(), std::int64_t{0});
    QCOMPARE(rec.dropped(), std::uint64_t{0});
    QCOMPARE(rec.spikeTotal(), std::uint64_t{0});
    QCOMPARE(rec.currentTimeMs(), 0.0);
    rec.setCurrentStep(50);
    QCOMPARE(rec.currentTimeMs(), 10.0);
}

void TestLivePlots::rasterDensityCountsEverySpike() {
    // 10^5 neurons, 10^6 spikes over 1500 ms; a 1000 ms scrolling window shows [500, 1500].
    LiveRecording rec;
    rec.reset({Pop{"E", 80000, false}, Pop{"I", 20000, false}}, 0.1, 10);
    const SpikeBatch e = uniformSpikes(800000, 15000, 80000, 1);
    const SpikeBatch i = uniformSpikes(200000, 15000, 20000, 2);
    rec.appendSpikes(0, e.steps.data(), e.neurons.data(), e.steps.size());
    rec.appendSpikes(1, i.steps.data(), i.neurons.data(), i.steps.size());
    rec.setCurrentStep(15000);

    LivePlotPanel panel;
    panel.resize(1200, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setRecording(&rec);
    panel.refresh();
    QCOMPARE(panel.timeRange().lowerMs, 500.0);
    QCOMPARE(panel.timeRange().upperMs, 1500.0);

    const RasterPlot::RenderStats& stats = panel.rasterPlot()->renderStats();
    QCOMPARE(stats.mode, RasterPlot::RenderMode::Density);
    const std::uint64_t expected = spikesIn(rec, 500.0, 1500.0);
    QVERIFY(expected > 600000);
    QCOMPARE(stats.spikesInWindow, expected);
    QCOMPARE(stats.densityTotal, expected);
    std::uint64_t sum = 0;
    for (std::uint32_t c : panel.rasterPlot()->densityCounts()) {
        sum += c;
    }
    QCOMPARE(sum, expected);
    QCOMPARE(panel.rasterPlot()->densityCounts().size(),
             static_cast<std::size_t>(stats.cellColumns) *
                 static_cast<std::size_t>(stats.cellRows));
    const QImage dense = panel.grab().toImage();
    QVERIFY(dense.save(m_dir.filePath(QStringLiteral("liveplots-dense.png"))));
    dense.save(plexus::tests::artifactPath(QStringLiteral("liveplots-dense.png")));

    // Timing (reported, not asserted): all 10^6 spikes in view, the window moving every frame.
    panel.setWindowMode(TimeWindow::Mode::WholeRun);
    panel.clearFrameTimes();
    std::vector<double> raster;
    for (int frame = 0; frame < 40; ++frame) {
        rec.setCurrentStep(15001 + frame); // new revision and a new range each frame
        panel.refresh();
        raster.push_back(panel.rasterPlot()->renderStats().renderMs);
    }
    QCOMPARE(panel.rasterPlot()->renderStats().spikesInWindow, std::uint64_t{1000000});
    QCOMPARE(panel.rasterPlot()->renderStats().densityTotal, std::uint64_t{1000000});
    QCOMPARE(panel.frameTimesMs().size(), std::size_t{40});
    qInfo("10^6 spikes, 10^5 neurons, raster %dx%d px: panel refresh p50 %.2f ms, p99 %.2f ms; "
          "raster count+colour p50 %.2f ms",
          panel.rasterPlot()->renderStats().cellColumns, panel.rasterPlot()->renderStats().cellRows,
          percentile(panel.frameTimesMs(), 0.5), percentile(panel.frameTimesMs(), 0.99),
          percentile(raster, 0.5));
    // Raster alone (other plots have no data here, but time its own replot too).
    std::vector<double> alone, cpu;
    for (int frame = 0; frame < 40; ++frame) {
        rec.setCurrentStep(15100 + frame);
        panel.rasterPlot()->setTimeRange(0.0, 1510.0 + frame * 0.1);
        QElapsedTimer timer;
        timer.start();
        const double cpu0 = threadCpuMs();
        panel.rasterPlot()->refresh();
        cpu.push_back(threadCpuMs() - cpu0);
        alone.push_back(static_cast<double>(timer.nsecsElapsed()) * 1e-6);
    }
    qInfo("raster plot refresh alone (10^6 spikes in view): wall p50 %.2f ms, p99 %.2f ms; "
          "thread CPU p50 %.2f ms, p99 %.2f ms",
          percentile(alone, 0.5), percentile(alone, 0.99), percentile(cpu, 0.5),
          percentile(cpu, 0.99));

    // The whole panel with every plot busy: rates, four traces and a weight track as well.
    for (std::size_t p = 0; p < 2; ++p) {
        std::vector<std::uint32_t> bins(1520, 0u);
        for (std::int64_t step : rec.spikeSteps(p)) {
            ++bins[static_cast<std::size_t>(step / 10)];
        }
        rec.appendRateBins(p, 0, bins.data(), bins.size());
    }
    for (int k = 0; k < 4; ++k) {
        const std::size_t trace = rec.addTrace(k % 2, k * 11, "v", "mV");
        std::vector<std::int64_t> st(15000);
        std::vector<float> v(15000);
        for (std::size_t j = 0; j < st.size(); ++j) {
            st[j] = static_cast<std::int64_t>(j);
            v[j] = static_cast<float>(-65.0 + 5.0 * std::sin(0.001 * j * (k + 1)));
        }
        rec.appendSamples(trace, st.data(), v.data(), st.size());
    }
    rec.appendWeights("E->E", 15000, 0.5f, 0.0, 1.0, std::vector<std::uint32_t>(30, 10u));
    panel.setWindowMode(TimeWindow::Mode::Scrolling);
    panel.setWindowMode(TimeWindow::Mode::WholeRun);
    panel.clearFrameTimes();
    std::vector<double> panelCpu;
    for (int frame = 0; frame < 40; ++frame) {
        rec.setCurrentStep(15200 + frame);
        const double cpu0 = threadCpuMs();
        panel.refresh();
        panelCpu.push_back(threadCpuMs() - cpu0);
    }
    qInfo("whole panel, all plots busy (10^6 spikes in view): wall p50 %.2f ms, p99 %.2f ms; "
          "thread CPU p50 %.2f ms, p99 %.2f ms",
          percentile(panel.frameTimesMs(), 0.5), percentile(panel.frameTimesMs(), 0.99),
          percentile(panelCpu, 0.5), percentile(panelCpu, 0.99));
}

void TestLivePlots::rasterDotsDrawEverySpike() {
    LiveRecording rec;
    rec.reset({Pop{"A", 40, false}, Pop{"B", 20, false}, Pop{"C", 10, true}}, 0.1, 10);
    for (std::size_t p = 0; p < 3; ++p) {
        const SpikeBatch b =
            uniformSpikes(300, 20000, static_cast<std::int32_t>(rec.population(p).size), 10 + p);
        rec.appendSpikes(p, b.steps.data(), b.neurons.data(), b.steps.size());
    }
    rec.setCurrentStep(20000); // 2000 ms; the window shows [1000, 2000]
    LivePlotPanel panel;
    panel.resize(1000, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setRecording(&rec);
    panel.refresh();
    const auto& stats = panel.rasterPlot()->renderStats();
    QCOMPARE(stats.mode, RasterPlot::RenderMode::Dots);
    const std::uint64_t expected = spikesIn(rec, 1000.0, 2000.0);
    QVERIFY(expected > 300 && expected < 600);
    QCOMPARE(stats.spikesInWindow, expected);
    QCOMPARE(stats.dotsDrawn, expected);

    // Exports keep working in both modes (vector dots in PDF, the density image in PNG).
    QVERIFY(panel.rasterPlot()->savePdf(m_dir.filePath(QStringLiteral("raster.pdf")), 600, 300));
    QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("raster.pdf"))).size() > 1000);
    QCOMPARE(stats.dotsDrawn, expected);

    // Above the threshold the same data is drawn as a density image.
    panel.rasterPlot()->setDensityThreshold(100);
    panel.refresh();
    QCOMPARE(stats.mode, RasterPlot::RenderMode::Density);
    QCOMPARE(stats.densityTotal, expected);
    QVERIFY(panel.rasterPlot()->savePng(m_dir.filePath(QStringLiteral("raster.png")), 600, 300));
    QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("raster.png"))).size() > 1000);
    panel.rasterPlot()->savePng(plexus::tests::artifactPath(QStringLiteral("liveplots-raster.png")),
                                600, 300);

    // No redraw when nothing changed.
    QVERIFY(!panel.rasterPlot()->refresh());
    const std::size_t frames = panel.frameTimesMs().size();
    panel.refresh();
    QCOMPARE(panel.frameTimesMs().size(), frames);
}

void TestLivePlots::clickPicksNeuron() {
    LiveRecording rec;
    rec.reset({Pop{"A", 50, false}, Pop{"B", 30, false}}, 0.1, 10);
    const std::int64_t steps[] = {2000, 4000, 6000};
    const std::int32_t neurons[] = {3, 17, 29};
    rec.appendSpikes(1, steps, neurons, 3);
    rec.setCurrentStep(10000);
    LivePlotPanel panel;
    panel.resize(1000, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setRecording(&rec);
    panel.refresh();
    // Plots with nothing to show were hidden: let the layout settle before taking pixels.
    QCoreApplication::processEvents();
    panel.refresh();
    QSignalSpy picked(&panel, &LivePlotPanel::neuronPicked);
    RasterPlot* raster = panel.rasterPlot();

    // On the spike (B[17] at 400 ms), and 2 px beside it (snaps to the spike).
    const QPointF spike = raster->pixelOf(1, 17, 400.0);
    QTest::mouseClick(raster, Qt::LeftButton, Qt::NoModifier, spike.toPoint());
    QCOMPARE(picked.count(), 1);
    QCOMPARE(picked.at(0).at(0).value<std::size_t>(), std::size_t{1});
    QCOMPARE(picked.at(0).at(1).value<std::int32_t>(), 17);
    QTest::mouseClick(raster, Qt::LeftButton, Qt::NoModifier, (spike + QPointF(2, 1)).toPoint());
    QCOMPARE(picked.count(), 2);
    QCOMPARE(picked.at(1).at(1).value<std::int32_t>(), 17);

    // On an empty stretch of population A's row 40: the row's neuron.
    const QPointF row = raster->pixelOf(0, 40, 800.0);
    QTest::mouseClick(raster, Qt::LeftButton, Qt::NoModifier, row.toPoint());
    QCOMPARE(picked.count(), 3);
    QCOMPARE(picked.at(2).at(0).value<std::size_t>(), std::size_t{0});
    QCOMPARE(picked.at(2).at(1).value<std::int32_t>(), 40);

    // The crosshair read-out names the neuron under the mouse.
    QTest::mouseMove(raster, spike.toPoint());
    QVERIFY2(raster->crosshairText().contains(QStringLiteral("B[17]")),
             qPrintable(raster->crosshairText()));
    QVERIFY(raster->crosshairText().contains(QStringLiteral("400")));
}

void TestLivePlots::boxcarOfStepIsRamp() {
    // A step from 0 to R at bin B, boxcar of k bins: the analytic ramp
    // R * clamp((t - (B - k/2)) / k, 0, 1) sampled where the smoother places its outputs.
    const double R = 40.0;
    const std::size_t B = 50;
    std::vector<double> rates(100, 0.0);
    std::fill(rates.begin() + B, rates.end(), R);
    for (std::size_t k : {std::size_t{1}, std::size_t{4}, std::size_t{5}, std::size_t{10}}) {
        const RateSmoother smoother(RateSmoother::Kind::Boxcar, static_cast<double>(k));
        QCOMPARE(smoother.taps(), k);
        std::vector<double> out(rates.size());
        smoother.apply(rates.data(), rates.size(), 0, rates.size(), 1, out.data());
        for (std::size_t i = 20; i < 80; ++i) {
            const double t = static_cast<double>(i) + smoother.sampleOffsetBins();
            const double kd = static_cast<double>(k);
            const double ramp =
                R * std::clamp((t - (static_cast<double>(B) - kd / 2.0)) / kd, 0.0, 1.0);
            QVERIFY2(
                std::abs(out[i] - ramp) < 1e-9,
                qPrintable(
                    QStringLiteral("k=%1 i=%2: %3 vs %4").arg(k).arg(i).arg(out[i]).arg(ramp)));
        }
    }

    // Through the rate plot: bins of 1 ms, 100 neurons; step from 0 to 40 Hz at 500 ms; 5 ms
    // boxcar.
    LiveRecording rec;
    rec.reset({Pop{"A", 100, false}}, 0.1, 10);
    std::vector<std::uint32_t> counts(1000, 0u);
    std::fill(counts.begin() + 500, counts.end(), 4u); // 4 spikes / (100 * 1 ms) = 40 Hz
    rec.appendRateBins(0, 0, counts.data(), counts.size());
    LivePlotPanel panel;
    panel.resize(900, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setRecording(&rec);
    panel.setRateSmoothing(RateSmoother::Kind::Boxcar, 5.0);
    panel.refresh();
    QCPGraph* graph = panel.ratePlot()->populationGraph(0);
    QVERIFY(graph != nullptr);
    int checked = 0;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
        const double ramp = 40.0 * std::clamp((it->key - (500.0 - 2.5)) / 5.0, 0.0, 1.0);
        QVERIFY2(
            std::abs(it->value - ramp) < 1e-9,
            qPrintable(QStringLiteral("t=%1: %2 vs %3").arg(it->key).arg(it->value).arg(ramp)));
        ++checked;
    }
    QVERIFY(checked >= 900);
    // The boxcar's samples sit at bin centres (odd width): 497.5 .. 502.5 ms is the ramp.
    QCOMPARE(graph->data()->findBegin(500.5, false)->value, 24.0);
}

void TestLivePlots::gaussianKeepsConstant() {
    // A constant rate stays constant up to both ends (edge renormalisation).
    std::vector<double> rates(50, 12.5);
    const RateSmoother smoother(RateSmoother::Kind::Gaussian, 3.0);
    QCOMPARE(smoother.reachBefore(), std::size_t{9});
    std::vector<double> out(rates.size());
    smoother.apply(rates.data(), rates.size(), 0, rates.size(), 1, out.data());
    for (double v : out) {
        QVERIFY(std::abs(v - 12.5) < 1e-12);
    }
    // Stride: every third output.
    std::vector<double> strided(17);
    smoother.apply(rates.data(), rates.size(), 0, rates.size(), 3, strided.data());
    QVERIFY(std::abs(strided[16] - 12.5) < 1e-12);
}

void TestLivePlots::windowFollowsCurrentTime() {
    LiveRecording rec;
    rec.reset({Pop{"A", 10, false}}, 0.1, 10);
    LivePlotPanel panel;
    panel.resize(800, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setRecording(&rec);
    panel.setWindowWidthMs(200.0);
    panel.refresh();
    QCOMPARE(panel.timeRange().lowerMs, 0.0); // shorter than the window: [0, W]
    QCOMPARE(panel.timeRange().upperMs, 200.0);
    rec.setCurrentStep(12345); // 1234.5 ms
    panel.refresh();
    QCOMPARE(panel.timeRange().lowerMs, 1034.5);
    QCOMPARE(panel.timeRange().upperMs, 1234.5);
    QCOMPARE(panel.rasterPlot()->timeRange().lower, 1034.5);
    QCOMPARE(panel.weightPlot()->timeRange().upper, 1234.5);
    panel.setWindowMode(TimeWindow::Mode::WholeRun);
    panel.refresh();
    QCOMPARE(panel.timeRange().lowerMs, 0.0);
    QCOMPARE(panel.timeRange().upperMs, 1234.5);
    QCOMPARE(panel.membranePlot()->timeRange().upper, 1234.5);
    rec.setCurrentStep(20000);
    panel.refresh();
    QCOMPARE(panel.ratePlot()->timeRange().upper, 2000.0);
}

void TestLivePlots::panStopsFollowing() {
    LiveRecording rec;
    fillDemo(rec, 1500.0);
    LivePlotPanel panel;
    panel.resize(1000, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setRecording(&rec);
    panel.refresh();
    QVERIFY(panel.isFollowing());
    QSignalSpy following(&panel, &LivePlotPanel::followingChanged);

    // Drag the rate plot 200 px to the right: the view moves back in time, on every plot.
    RatePlot* rate = panel.ratePlot();
    const QPoint start = rate->axisRect()->rect().center();
    QTest::mousePress(rate, Qt::LeftButton, Qt::NoModifier, start);
    QTest::mouseMove(rate, start + QPoint(100, 0));
    QTest::mouseMove(rate, start + QPoint(200, 0));
    QTest::mouseRelease(rate, Qt::LeftButton, Qt::NoModifier, start + QPoint(200, 0));
    QVERIFY(!panel.isFollowing());
    QVERIFY(!panel.followButton()->isChecked());
    QCOMPARE(following.count(), 1);
    const QCPRange dragged = rate->timeRange();
    QVERIFY(dragged.upper < 1499.0);
    QCOMPARE(panel.rasterPlot()->timeRange(), dragged);
    QCOMPARE(panel.membranePlot()->timeRange(), dragged);
    QCOMPARE(panel.weightPlot()->timeRange(), dragged);

    // New data does not move the view while not following.
    rec.setCurrentStep(16000);
    panel.refresh();
    QCOMPARE(panel.rasterPlot()->timeRange(), dragged);

    // Follow again.
    panel.followButton()->click();
    QVERIFY(panel.isFollowing());
    panel.refresh();
    QCOMPARE(panel.rasterPlot()->timeRange().upper, 1600.0);
    QCOMPARE(following.count(), 2);

    // Zooming with the wheel narrows the time range on every plot and stops following too.
    const QPointF at = panel.membranePlot()->axisRect()->rect().center();
    QWheelEvent wheel(at, panel.membranePlot()->mapToGlobal(at), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(panel.membranePlot(), &wheel);
    QVERIFY(!panel.isFollowing());
    QCOMPARE(following.count(), 3);
    const QCPRange zoomed = panel.membranePlot()->timeRange();
    QVERIFY(zoomed.size() < 999.0);
    QCOMPARE(panel.rasterPlot()->timeRange(), zoomed);
    QCOMPARE(panel.ratePlot()->timeRange(), zoomed);

    // The crosshair read-out of the rate plot shows time and rate.
    QTest::mouseMove(rate, rate->axisRect()->rect().center());
    QVERIFY2(rate->crosshairText().contains(QStringLiteral(" Hz")),
             qPrintable(rate->crosshairText()));
    QVERIFY(rate->crosshairText().startsWith(QStringLiteral("t = ")));
}

void TestLivePlots::emptyAndResetRecordings() {
    LivePlotPanel panel;
    panel.resize(800, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.refresh(); // no recording
    QCOMPARE(panel.rasterPlot()->renderStats().mode, RasterPlot::RenderMode::Empty);
    LiveRecording rec;
    panel.setRecording(&rec); // never reset: no populations
    panel.refresh();
    rec.reset({}, 0.1, 10); // zero populations
    panel.refresh();
    QCOMPARE(panel.rasterPlot()->renderStats().mode, RasterPlot::RenderMode::Empty);
    (void)panel.grab();

    // A run, then a reset to other populations, then fewer traces.
    fillDemo(rec, 300.0);
    panel.refresh();
    QCOMPARE(panel.ratePlot()->graphCount(), 3);
    QCOMPARE(panel.membranePlot()->graphCount(), 4);
    QCOMPARE(panel.weightPlot()->graphCount(), 2);
    rec.reset({Pop{"Solo", 5, false}}, 0.1, 10);
    const std::int64_t s[] = {3};
    const std::int32_t n[] = {4};
    rec.appendSpikes(0, s, n, 1);
    panel.refresh();
    QCOMPARE(panel.ratePlot()->graphCount(), 1);
    // Without traces or plastic projections those plots give their room to the others.
    QVERIFY(panel.membranePlot()->isHidden());
    QVERIFY(panel.weightPlot()->isHidden());
    QCOMPARE(panel.rasterPlot()->renderStats().dotsDrawn, std::uint64_t{1});
    (void)panel.grab();
    panel.setRecording(nullptr);
    panel.refresh();
    QCOMPARE(panel.ratePlot()->graphCount(), 0);
    (void)panel.grab();
}

void TestLivePlots::membraneGroupsByUnit() {
    LiveRecording rec;
    fillDemo(rec, 200.0);
    MembranePlot plot;
    plot.resize(800, 400);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.setRecording(&rec);
    plot.setTimeRange(0.0, 200.0);
    QVERIFY(plot.refresh());
    QCOMPARE(plot.units(), (QStringList{QStringLiteral("mV"), QStringLiteral("nA")}));
    QCOMPARE(plot.axisRectCount(), 2);
    QCOMPARE(plot.traceGraph(0)->name(), QStringLiteral("E[12] v (mV)"));
    QCOMPARE(plot.traceGraph(2)->name(), QStringLiteral("I[7] v (mV)"));
    QCOMPARE(plot.traceGraph(3)->name(), QStringLiteral("E[12] I_syn (nA)"));
    QCOMPARE(plot.traceGraph(3)->valueAxis(), plot.axisRect(1)->axis(QCPAxis::atLeft));
    QCOMPARE(plot.traceGraph(0)->dataCount(), static_cast<int>(rec.trace(0).steps.size()));

    // Appending extends the graphs without rebuilding them.
    QCPGraph* before = plot.traceGraph(0);
    const std::int64_t s[] = {2001, 2002};
    const float v[] = {-60.f, -59.f};
    rec.appendSamples(0, s, v, 2);
    QVERIFY(plot.refresh());
    QCOMPARE(plot.traceGraph(0), before);
    QCOMPARE(plot.traceGraph(0)->dataCount(), static_cast<int>(rec.trace(0).steps.size()));

    // Dropping the only nA trace removes its axis rect.
    rec.removeTrace(3);
    plot.refresh();
    QCOMPARE(plot.axisRectCount(), 1);
    QCOMPARE(plot.graphCount(), 3);
}

void TestLivePlots::weightPlotShowsTracks() {
    LiveRecording rec;
    fillDemo(rec, 500.0);
    WeightPlot plot;
    plot.resize(800, 300);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.setRecording(&rec);
    plot.setTimeRange(0.0, 500.0);
    plot.refresh();
    QCOMPARE(plot.graphCount(), 2);
    QCOMPARE(plot.meanGraph(0)->dataCount(), static_cast<int>(rec.weightTrack(0).steps.size()));
    QCOMPARE(plot.histogramBars(1)->data()->size(), 20);
    QCOMPARE(plot.histogramBars(1)->name(), QString()); // bars are not in the legend
    QCOMPARE(plot.histogramRect()->axis(QCPAxis::atBottom)->range(), QCPRange(0.0, 1.0));
}

void TestLivePlots::screenshot() {
    {
        LivePlotPanel empty;
        empty.resize(1100, 700);
        empty.show();
        QVERIFY(QTest::qWaitForWindowExposed(&empty));
        empty.refresh();
        const QImage image = empty.grab().toImage();
        QVERIFY(image.save(m_dir.filePath(QStringLiteral("liveplots-empty.png"))));
        image.save(plexus::tests::artifactPath(QStringLiteral("liveplots-empty.png")));
    }
    LiveRecording rec;
    fillDemo(rec, 1500.0);
    for (bool dark : {false, true}) {
        QPalette pal;
        if (dark) {
            pal.setColor(QPalette::Window, QColor(0x25, 0x29, 0x2f));
            pal.setColor(QPalette::WindowText, QColor(0xe3, 0xe6, 0xea));
            pal.setColor(QPalette::Base, QColor(0x1c, 0x1f, 0x24));
            pal.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2e, 0x35));
            pal.setColor(QPalette::Text, QColor(0xe3, 0xe6, 0xea));
            pal.setColor(QPalette::Button, QColor(0x30, 0x35, 0x3c));
            pal.setColor(QPalette::ButtonText, QColor(0xe3, 0xe6, 0xea));
            pal.setColor(QPalette::ToolTipBase, QColor(0x31, 0x36, 0x3e));
            pal.setColor(QPalette::ToolTipText, QColor(0xe3, 0xe6, 0xea));
        }
        QApplication::setPalette(pal);
        LivePlotPanel panel;
        panel.resize(1100, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setRecording(&rec);
        panel.refresh();
        // Hover the raster so the crosshair read-out is in the picture.
        RasterPlot* raster = panel.rasterPlot();
        QTest::mouseMove(
            raster,
            raster->pixelOf(dark ? 0 : 1, dark ? 500 : 120, dark ? 800.0 : 1200.0).toPoint());
        QCoreApplication::processEvents();
        const QImage image = panel.grab().toImage();
        QVERIFY(!image.isNull());
        const QString name =
            dark ? QStringLiteral("liveplots-dark.png") : QStringLiteral("liveplots.png");
        QVERIFY(image.save(m_dir.filePath(name)));
        image.save(plexus::tests::artifactPath(name)); // a copy for a human to look at
        QVERIFY(raster->renderStats().spikesInWindow > 0);
    }
    QApplication::setPalette(QPalette());
}

QTEST_MAIN(TestLivePlots)
#include "TestArtifacts.h"
#include "TestLivePlots.moc"
