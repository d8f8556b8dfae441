#include "LiveBenchmark.h"

#include "MainWindow.h"
#include "RunController.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QWindow>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>
#include <plexus/core/build/NetworkBuilder.h>
#include <plexus/core/engine/Simulator.h>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/widgets/live/LivePlotPanel.h>

namespace plexus::app {

namespace {

double percentile(std::vector<double> values, double q) {
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

/// Simulation loop time of a headless run, in seconds: the same network and recorders as the
/// live run (every population's spikes), run in chunks with the recorders emptied after each
/// one, as the live worker does, but with nobody watching.
double headless(const core::ProjectSpec& project, const core::ModelRegistry& models,
                double seconds) {
    core::ProjectSpec spec = project;
    spec.recorders.clear();
    core::BuildOptions options;
    options.recordAllSpikes = true;
    auto net = core::NetworkBuilder::build(spec, models, options);
    core::Simulator sim(*net);
    sim.prepare();
    const std::int64_t steps = std::llround(seconds * 1e3 / net->dtMs);
    constexpr std::int64_t kChunk = 500;
    double loop = 0.0;
    for (std::int64_t done = 0; done < steps; done += kChunk) {
        const auto t0 = std::chrono::steady_clock::now();
        sim.run(std::min(kChunk, steps - done));
        loop += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        for (auto& rec : net->spikeRecorders) {
            rec.steps.clear();
            rec.neurons.clear();
        }
    }
    sim.finish();
    return loop;
}

void settle(QWidget& window, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (window.windowHandle() && window.windowHandle()->isExposed())
            break;
    }
    for (int i = 0; i < 10; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

} // namespace

int LiveBenchmark::run(const QString& projectPath, double seconds, const QSize& windowSize,
                       bool loadPlugins) {
    MainWindow window(loadPlugins ? MainWindow::PluginLoading::Load
                                  : MainWindow::PluginLoading::Skip);
    if (!window.loadProject(projectPath)) {
        std::fprintf(stderr, "plexus: %s\n", window.lastError().toLocal8Bit().constData());
        return 1;
    }
    const core::ProjectSpec project = *window.project();
    nlohmann::json out;
    try {
        const double before = headless(project, window.models(), seconds);

        window.resize(windowSize);
        window.show();
        settle(window, 3000);
        window.showPlots();
        settle(window, 200);
        RunController* run = window.runController();
        run->clearMeasurements();
        run->plotPanel()->clearFrameTimes();
        run->runFor(seconds);
        // Four membrane traces of the first population, as soon as the run exists.
        run->traceFirstNeurons(4);
        run->waitUntilDone(std::numeric_limits<int>::max());
        const RunStatus status = run->status();
        if (status.state == RunState::Failed) {
            std::fprintf(stderr, "plexus: the live run failed: %s\n", status.message.c_str());
            return 1;
        }
        const std::vector<double> frames = run->plotPanel()->frameTimesMs();
        const std::vector<double> latency = run->latencySamplesMs();
        const std::vector<double> polls = run->pollTimesMs();

        const double after = headless(project, window.models(), seconds);
        const double headlessS = 0.5 * (before + after);
        const double liveS = status.loopSeconds + status.publishSeconds;

        std::uint64_t neurons = 0;
        for (const auto& pop : project.populations)
            neurons += static_cast<std::uint64_t>(pop.size);
        out["benchmark"] = "live";
        out["project"] = project.name;
        out["neurons"] = neurons;
        out["simulated_s"] = status.timeMs * 1e-3;
        out["spikes"] = status.spikes;
        out["dropped"] = status.dropped;
        out["frames"] = frames.size();
        out["frame_p50_ms"] = percentile(frames, 0.5);
        out["frame_p99_ms"] = percentile(frames, 0.99);
        out["poll_p99_ms"] = percentile(polls, 0.99);
        out["latency_samples"] = latency.size();
        out["latency_p50_ms"] = percentile(latency, 0.5);
        out["latency_p99_ms"] = percentile(latency, 0.99);
        out["headless_loop_s"] = headlessS;
        out["headless_loop_runs_s"] = {before, after};
        out["live_loop_s"] = status.loopSeconds;
        out["live_publish_s"] = status.publishSeconds;
        out["slowdown"] = liveS / headlessS;
        out["window"] = {windowSize.width(), windowSize.height()};
    } catch (const std::exception& e) {
        std::fprintf(stderr, "plexus: %s\n", e.what());
        return 1;
    }
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
}

} // namespace plexus::app
