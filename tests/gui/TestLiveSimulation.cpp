// The live simulation: run control from the GUI thread, edits while running, failures, traces
// and the scripted `--run-for` screenshot. The simulation runs on the worker thread throughout.
#include "LiveDrain.h"
#include "MainWindow.h"
#include "RunController.h"
#include "SimulationWorker.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <cmath>
#include <plexus/core/base/Error.h>
#include <plexus/core/model/ParameterSet.h>
#include <plexus/core/plugin/NeuronModel.h>
#include <plexus/core/project/StandardNetworks.h>
#include <plexus/plugins/BuiltinModels.h>
#include <plexus/widgets/document/Document.h>
#include <plexus/widgets/live/LivePlotPanel.h>
#include <plexus/widgets/live/LiveRecording.h>
#include <stdexcept>

using namespace plexus;
using app::RunState;

namespace {

/// A test model that behaves until step `fail_step`, then either produces NaN (mode 0) or
/// throws like a broken plugin (mode 1). Spikes every 10 steps until then.
class FaultyGroup : public core::NeuronGroup {
public:
    FaultyGroup(std::size_t n, double failStep, double mode)
        : m_v(n, 0.0f)
        , m_failStep(static_cast<std::int64_t>(failStep))
        , m_mode(mode) {}
    std::size_t size() const override { return m_v.size(); }
    void update(const core::StepContext& ctx, float* const*, std::size_t begin, std::size_t end,
                std::vector<std::int32_t>& spikes) override {
        if (ctx.step >= m_failStep && m_mode > 0.5)
            throw std::runtime_error("faulty plugin gave up");
        for (std::size_t i = begin; i < end; ++i) {
            m_v[i] = ctx.step >= m_failStep ? std::nanf("") : static_cast<float>(ctx.step % 10);
            if (ctx.step % 10 == 9)
                spikes.push_back(static_cast<std::int32_t>(i));
        }
    }
    float* state(std::size_t index) override { return index == 0 ? m_v.data() : nullptr; }

private:
    std::vector<float> m_v;
    std::int64_t m_failStep;
    double m_mode;
};

class FaultyModel : public core::NeuronModel {
public:
    FaultyModel() {
        m_info.name = "faulty";
        m_info.kind = core::ModelKind::Neuron;
        m_info.parameters = {{"fail_step", "Failure step", "", 1000, 0, 1e9, ""},
                             {"mode", "0: NaN, 1: throw", "", 0, 0, 1, ""}};
        m_info.stateVariables = {{"v", "Value", "mV", ""}};
    }
    const core::ModelInfo& info() const override { return m_info; }
    std::unique_ptr<core::NeuronGroup> createGroup(const core::GroupSetup& setup) const override {
        return std::make_unique<FaultyGroup>(setup.size, setup.params->get("fail_step"),
                                             setup.params->get("mode"));
    }

private:
    core::ModelInfo m_info;
};

/// Ten LIF neurons driven by a bias current `iE` (pA), from rest.
core::ProjectSpec drivenLif(double iE, double durationS) {
    core::ProjectSpec p;
    p.name = "driven";
    p.simulation.dtMs = 0.1;
    p.simulation.durationS = durationS;
    core::PopulationSpec pop;
    pop.name = "L";
    pop.model = "lif_cuba";
    pop.size = 10;
    pop.params["i_e"] = iE;
    p.populations.push_back(pop);
    return p;
}

/// LIF firing rate for bias current iE with the model defaults (tau_m 10 ms, c_m 250 pF,
/// threshold 15 mV above reset = rest, t_ref 2 ms).
double lifRateHz(double iE) {
    const double drive = iE * 10.0 / 250.0; // mV
    return 1000.0 / (2.0 + 10.0 * std::log(drive / (drive - 15.0)));
}

/// Mean rate (Hz) of population 0 over [fromMs, toMs) from the recording's 1 ms bins.
double recordedRate(const widgets::LiveRecording& rec, double fromMs, double toMs) {
    const double binMs = static_cast<double>(rec.rateBinSteps()) * rec.dtMs();
    const auto first = static_cast<std::size_t>(fromMs / binMs);
    const auto last = static_cast<std::size_t>(toMs / binMs);
    const auto& bins = rec.rateBins(0);
    std::uint64_t count = 0;
    for (std::size_t b = first; b < last && b < bins.size(); ++b)
        count += bins[b];
    return static_cast<double>(count) /
           (static_cast<double>(rec.population(0).size) * (toMs - fromMs) * 1e-3);
}

/// Process events until `pred()` or `ms` pass; polls the controller so the views fill.
template <typename Pred>
bool waitUntil(app::RunController& run, Pred pred, int ms) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        run.poll();
        if (pred())
            return true;
        QTest::qWait(2);
    }
    return pred();
}

} // namespace

class TestLiveSimulation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void startPauseResumeStopResetUnderLoad();
    void parameterEditWhileRunningChangesTheRate();
    void structuralEditPausesAndRebuilds();
    void failedRunStopsCleanlyAndKeepsData_data();
    void failedRunStopsCleanlyAndKeepsData();
    void pickedNeuronGetsAMembraneTrace();
    void speedCapHoldsRealTime();
    void runForWritesScreenshot();
    void waitUntilDoneWaitsForTheNewRun();
};

void TestLiveSimulation::startPauseResumeStopResetUnderLoad() {
    app::MainWindow window;
    core::ProjectSpec project = core::StandardNetworks::cuba(100000);
    project.simulation.durationS = 1000.0;
    window.document()->setProject(project);
    app::RunController& run = *window.runController();
    run.run();
    QVERIFY(waitUntil(
        run, [&] { return run.status().timeMs > 20.0; }, 60000));
    QCOMPARE(run.status().state, RunState::Running);

    // Pause answers between steps, not at the end of a chunk or of the run.
    QElapsedTimer answer;
    answer.start();
    run.pause();
    QVERIFY(
        run.worker().waitFor([](const app::RunStatus& s) { return s.state == RunState::Paused; },
                             std::chrono::milliseconds(5000)));
    const qint64 pauseMs = answer.elapsed();
    qInfo("pause answered in %lld ms at N = 100000", static_cast<long long>(pauseMs));
    QVERIFY(pauseMs < 1000);
    run.poll();
    const std::int64_t pausedAt = run.status().step;
    QTest::qWait(200);
    run.poll();
    QCOMPARE(run.status().step, pausedAt);
    QCOMPARE(run.recording().currentStep(), pausedAt);
    QVERIFY(run.recording().spikeTotal() > 0);

    run.run(); // resume
    QVERIFY(waitUntil(
        run, [&] { return run.status().step > pausedAt + 50; }, 60000));
    QVERIFY(run.recording().currentStep() > pausedAt);

    answer.restart();
    run.stop();
    QVERIFY(
        run.worker().waitFor([](const app::RunStatus& s) { return s.state == RunState::Finished; },
                             std::chrono::milliseconds(5000)));
    qInfo("stop answered in %lld ms", static_cast<long long>(answer.elapsed()));
    run.poll();
    const std::uint64_t kept = run.recording().spikeTotal();
    QVERIFY(kept > 0);
    QCOMPARE(run.recording().populationCount(), std::size_t(2));
    // Everything the engine produced reached the recording (nothing dropped here).
    QCOMPARE(run.status().dropped, std::uint64_t(0));
    QCOMPARE(kept, run.status().spikes);

    run.reset();
    QVERIFY(waitUntil(
        run, [&] { return run.status().state == RunState::Idle; }, 5000));
    run.poll();
    QCOMPARE(run.recording().populationCount(), std::size_t(0));
    QCOMPARE(run.recording().spikeTotal(), std::uint64_t(0));

    // And again from the start.
    run.run();
    QVERIFY(waitUntil(
        run, [&] { return run.status().timeMs > 5.0; }, 60000));
    run.stop();
    QVERIFY(waitUntil(
        run, [&] { return run.status().state == RunState::Finished; }, 5000));
}

void TestLiveSimulation::parameterEditWhileRunningChangesTheRate() {
    app::MainWindow window;
    window.document()->setProject(drivenLif(500.0, 100.0));
    app::RunController& run = *window.runController();
    run.setSpeed(5.0); // slow enough that the edit lands mid-run
    run.run();
    QVERIFY(waitUntil(
        run, [&] { return run.status().timeMs >= 1000.0; }, 20000));
    const double before = recordedRate(run.recording(), 200.0, 1000.0);
    QVERIFY2(
        std::abs(before - lifRateHz(500.0)) < 0.025 * lifRateHz(500.0),
        qPrintable(QStringLiteral("rate %1 Hz, analytic %2 Hz").arg(before).arg(lifRateHz(500.0))));

    // Raise the drive through the document (undoable), while the run goes on.
    core::PopulationSpec edited = *window.document()->project().findPopulation("L");
    edited.params["i_e"] = 1000.0;
    QVERIFY(window.document()->updatePopulation(QStringLiteral("L"), edited));
    const double editedAt = run.status().timeMs;
    QVERIFY(waitUntil(
        run, [&] { return run.status().timeMs >= editedAt + 1200.0; }, 20000));
    QCOMPARE(run.status().state, RunState::Running);
    QVERIFY(run.status().rebuilds >= 1);
    const double after =
        recordedRate(run.recording(), run.status().timeMs - 800.0, run.status().timeMs - 50.0);
    QVERIFY2(
        std::abs(after - lifRateHz(1000.0)) < 0.025 * lifRateHz(1000.0),
        qPrintable(QStringLiteral("rate %1 Hz, analytic %2 Hz").arg(after).arg(lifRateHz(1000.0))));
    // The history before the edit is still there and unchanged.
    QCOMPARE(recordedRate(run.recording(), 200.0, 1000.0), before);

    // Undo goes back to the old drive, still live.
    window.document()->undoStack()->undo();
    const double undoneAt = run.status().timeMs;
    QVERIFY(waitUntil(
        run, [&] { return run.status().timeMs >= undoneAt + 1200.0; }, 20000));
    const double undone =
        recordedRate(run.recording(), run.status().timeMs - 800.0, run.status().timeMs - 50.0);
    QVERIFY(std::abs(undone - lifRateHz(500.0)) < 0.025 * lifRateHz(500.0));
    run.stop();
}

void TestLiveSimulation::structuralEditPausesAndRebuilds() {
    app::MainWindow window;
    window.document()->setProject(drivenLif(500.0, 100.0));
    app::RunController& run = *window.runController();
    run.setSpeed(2.0);
    run.run();
    QVERIFY(waitUntil(
        run, [&] { return run.status().timeMs >= 100.0; }, 20000));
    core::ProjectSpec bigger = window.document()->project();
    core::PopulationSpec second = bigger.populations.front();
    second.name = "M";
    bigger.populations.push_back(second);
    QVERIFY(window.document()->applyEdit(bigger, QStringLiteral("Add M")));
    QVERIFY(waitUntil(
        run, [&] { return run.status().state == RunState::Paused; }, 5000));
    QVERIFY(waitUntil(
        run, [&] { return run.recording().populationCount() == 2; }, 5000));
    const double at = run.status().timeMs;
    QVERIFY(at >= 100.0); // the run continues from where it was, not from zero
    run.run();
    QVERIFY(waitUntil(
        run, [&] { return run.status().timeMs >= at + 200.0; }, 20000));
    // Both populations fire at the analytic rate after the rebuild: L kept its state.
    QVERIFY(run.recording().spikeSteps(1).size() > 0);
    run.stop();
}

void TestLiveSimulation::failedRunStopsCleanlyAndKeepsData_data() {
    QTest::addColumn<double>("mode");
    QTest::addColumn<QString>("expected");
    QTest::newRow("NaN state") << 0.0 << QStringLiteral("not finite");
    QTest::newRow("plugin error") << 1.0 << QStringLiteral("faulty plugin gave up");
}

void TestLiveSimulation::failedRunStopsCleanlyAndKeepsData() {
    QFETCH(double, mode);
    QFETCH(QString, expected);
    core::ModelRegistry registry;
    plugins::registerBuiltinModels(registry);
    registry.add(std::make_unique<FaultyModel>());
    core::ProjectSpec p;
    p.simulation.durationS = 10.0;
    core::PopulationSpec pop;
    pop.name = "F";
    pop.model = "faulty";
    pop.size = 5;
    pop.params = {{"fail_step", 3000.0}, {"mode", mode}};
    p.populations.push_back(pop);

    app::SimulationWorker worker(registry);
    worker.setProject(p);
    worker.run();
    QVERIFY(worker.waitFor([](const app::RunStatus& s) { return s.state == RunState::Failed; },
                           std::chrono::milliseconds(20000)));
    const app::RunStatus s = worker.status();
    QVERIFY2(QString::fromStdString(s.message).contains(expected), s.message.c_str());
    QVERIFY(s.step >= 2999);
    // What was recorded before the failure is still delivered.
    widgets::LiveRecording recording;
    app::LiveDrain drain;
    drain.drain(worker.channels(), recording);
    QVERIFY(recording.spikeTotal() >= 5u * 299u);
    QCOMPARE(recording.spikeSteps(0).front(), std::int64_t(9));
    // A failed run can be reset and started again.
    worker.reset();
    QVERIFY(worker.waitFor([](const app::RunStatus& st) { return st.state == RunState::Idle; },
                           std::chrono::milliseconds(5000)));
}

void TestLiveSimulation::pickedNeuronGetsAMembraneTrace() {
    app::MainWindow window;
    window.document()->setProject(drivenLif(500.0, 100.0));
    app::RunController& run = *window.runController();
    run.setSpeed(2.0);
    run.run();
    QVERIFY(waitUntil(
        run, [&] { return run.worker().channels() != nullptr; }, 5000));
    // What a click on neuron 3 in the raster does.
    Q_EMIT run.plotPanel()->neuronPicked(0, 3);
    QVERIFY(waitUntil(
        run,
        [&] {
            return run.recording().traceCount() == 1 &&
                   run.recording().trace(0).values.size() > 500;
        },
        20000));
    const auto& trace = run.recording().trace(0);
    QCOMPARE(trace.neuron, 3);
    QCOMPARE(QString::fromStdString(trace.variable), QStringLiteral("v"));
    QCOMPARE(QString::fromStdString(trace.unit), QStringLiteral("mV"));
    // Subthreshold between spikes: within [reset, threshold], and it reaches near threshold.
    float high = -1000.0f;
    for (std::size_t i = 0; i < trace.values.size(); ++i) {
        QVERIFY(trace.values[i] >= -70.0f - 1e-3f && trace.values[i] <= -55.0f + 1e-3f);
        high = std::max(high, trace.values[i]);
        if (i > 0)
            QCOMPARE(trace.steps[i], trace.steps[i - 1] + 1);
    }
    QVERIFY(high > -56.0f);
    run.stop();
}

void TestLiveSimulation::waitUntilDoneWaitsForTheNewRun() {
    // After a finished run, reset + run again: the finished state of the old run must not end
    // the wait for the new one (the commands reach the worker thread a little later).
    app::MainWindow window;
    window.document()->setProject(drivenLif(500.0, 100.0));
    app::RunController& run = *window.runController();
    for (int round = 0; round < 20; ++round) {
        run.reset();
        QVERIFY(run.runFor(0.02 * (round % 2 + 1)));
        QVERIFY(run.waitUntilDone(60000));
        QCOMPARE(run.status().state, app::RunState::Finished);
        QCOMPARE(run.status().timeMs, 20.0 * (round % 2 + 1));
        QVERIFY(run.recording().spikeTotal() > 0);
    }
}

void TestLiveSimulation::speedCapHoldsRealTime() {
    app::MainWindow window;
    window.document()->setProject(drivenLif(500.0, 100.0));
    app::RunController& run = *window.runController();
    run.setSpeed(1.0);
    QElapsedTimer wall;
    wall.start();
    run.run();
    QVERIFY(waitUntil(
        run, [&] { return run.status().timeMs >= 300.0; }, 20000));
    const double simulatedMs = run.status().timeMs;
    const double elapsed = static_cast<double>(wall.elapsed());
    run.stop();
    qInfo("x1 cap: %.0f ms simulated in %.0f ms wall", simulatedMs, elapsed);
    // Real time: not faster than the cap (a tiny network would otherwise run ~1000x).
    QVERIFY(elapsed >= 0.9 * simulatedMs);
}

void TestLiveSimulation::runForWritesScreenshot() {
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("live.png"));
    QProcess plexus;
    plexus.start(QStringLiteral(PLEXUS_GUI_EXECUTABLE),
                 {QStringLiteral(PLEXUS_SOURCE_DIR "/resources/examples/cuba.json"),
                  QStringLiteral("--run-for"), QStringLiteral("0.5"),
                  QStringLiteral("--screenshot"), png, QStringLiteral("--quit")});
    QVERIFY(plexus.waitForFinished(120000));
    QCOMPARE(plexus.exitCode(), 0);
    QVERIFY2(QString::fromLocal8Bit(plexus.readAllStandardOutput()).contains("ran 0.500 s"),
             "the run did not reach 0.5 s");
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1280, 800));

    QProcess bad;
    bad.start(QStringLiteral(PLEXUS_GUI_EXECUTABLE),
              {QStringLiteral("--run-for"), QStringLiteral("-1"), QStringLiteral("--quit")});
    QVERIFY(bad.waitForFinished(30000));
    QCOMPARE(bad.exitCode(), 2);
}

QTEST_MAIN(TestLiveSimulation)
#include "TestLiveSimulation.moc"
