#pragma once

#include <QSize>
#include <QString>

namespace plexus::app {

/**
 * @brief `plexus --bench-live SECONDS PROJECT`: the cost of watching a run.
 *
 * Runs the project headless (simulation loop only), then live in a real main window with every
 * plot open (raster, four membrane traces, rates, weights), then headless again, and prints one
 * JSON object: redraw times per frame (`frame_p50_ms`, `frame_p99_ms`), event-loop lateness
 * measured by a 10 ms timer (`latency_p50_ms`, `latency_p99_ms`), and `slowdown`, the live
 * run's simulation thread time over the mean headless loop time.
 */
class LiveBenchmark {
public:
    /// Runs the benchmark; returns the process exit code. @p loadPlugins false: no model
    /// plugins (`--no-plugins`).
    static int run(const QString& projectPath, double seconds, const QSize& windowSize,
                   bool loadPlugins = true);
};

} // namespace plexus::app
