#pragma once

#include <cstdint>
#include <string>

namespace plexus::app {

/// Where a live run is.
enum class RunState { Idle, Running, Paused, Finished, Failed };

/// A snapshot of the simulation thread's progress, polled by the GUI.
struct RunStatus {
    RunState state = RunState::Idle;
    std::int64_t step = 0;             ///< steps simulated
    double timeMs = 0.0;               ///< simulated time
    double durationMs = 0.0;           ///< where the run finishes
    double realTimeFactor = 0.0;       ///< simulated / wall time over the last second or so
    double spikesPerSecond = 0.0;      ///< spikes per wall-clock second, same window
    std::uint64_t spikes = 0;          ///< spikes since the start of the run
    std::uint64_t dropped = 0;         ///< live events dropped by full rings
    double loopSeconds = 0.0;          ///< wall time spent inside Simulator::run, this run
    double publishSeconds = 0.0;       ///< wall time spent filling the live rings, this run
    std::uint64_t rebuilds = 0;        ///< networks rebuilt after edits, this run
    std::string message;               ///< the failure reason, or a note about the last edit
    std::uint64_t session = 0;         ///< bumps when the set of populations changes
    std::uint64_t commandsApplied = 0; ///< commands the worker has applied, in posting order
};

/// Human-readable name of a state, e.g. "running".
const char* runStateName(RunState state);

} // namespace plexus::app
