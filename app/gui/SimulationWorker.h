#pragma once

#include "LiveChannels.h"
#include "RunStatus.h"
#include "plexus/core/engine/Network.h"
#include "plexus/core/engine/Simulator.h"
#include "plexus/core/plugin/ModelRegistry.h"
#include "plexus/core/project/PerturbationSpec.h"
#include "plexus/core/project/ProjectSpec.h"
#include "plexus/geometry/probes/RecordingProbe.h"
#include "plexus/geometry/probes/VirtualRecorder.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace plexus::app {

/**
 * @brief Runs a project's network on its own thread, in chunks, for the live views.
 *
 * The GUI sends commands (run, pause, step one chunk, stop, reset, speed, project edits, trace
 * picks); they are queued and take effect between chunks. Chunks are sized to take about 10 ms
 * of wall time, and pause/stop also cancel the chunk in flight, so the run answers within a
 * step. After each chunk the recorded spikes, rate bins, state samples and weight statistics go
 * into the session's LiveChannels rings; nothing ever waits for the GUI.
 *
 * A project edit while running rebuilds the network and carries the dynamic state over
 * (core::NetworkStateTransfer): parameter edits keep running, structural edits (populations,
 * projections, connectivity, models) leave the run paused. A failure (an exception from a
 * model, NaN state, out of memory) stops the run with the reason; what was recorded stays.
 *
 * A project with a protocol runs its whole trial schedule (core::TrialSchedule::runLengthS, as
 * plexus-cli run does); its trials go to the session's channels. perturb() changes the running
 * network between chunks (core::NetworkBuilder::perturbation); perturbations applied that way
 * survive rebuilds after later edits (neuron windows are added again, weight changes of static
 * projections are made again on the rebuilt weights).
 */
class SimulationWorker {
public:
    /// A worker over the models of `registry` (which must outlive it). Starts the thread.
    explicit SimulationWorker(const core::ModelRegistry& registry);
    /// Stops the run and joins the thread.
    ~SimulationWorker();

    SimulationWorker(const SimulationWorker&) = delete;
    SimulationWorker& operator=(const SimulationWorker&) = delete;

    /// The project to run; while a run is going, an edit applied at the next chunk boundary.
    /// @p origin (its file) starts the messages of errors found in the project.
    void setProject(const core::ProjectSpec& project, const std::string& origin = {});
    /// Start (from step 0 when idle, finished or failed) or resume.
    void run();
    /// Pause after the current step.
    void pause();
    /// Advance one chunk, then pause.
    void step();
    /// End the run after the current step; recorded data stays.
    void stop();
    /// Discard the run and go back to time 0 (a new session: the views clear).
    void reset();
    /// Speed cap as a multiple of real time (0.1-10), or 0 for as fast as possible.
    void setSpeed(double factor);
    /// Finish the run at `ms` of simulated time instead of the project's duration (0: project).
    void setStopAtMs(double ms);
    /// Record state variable `variable` of `neuron` of population `population` (a trace in the
    /// live views). Ignored when already traced or when the model has no such variable.
    void addTrace(std::size_t population, std::int32_t neuron, const std::string& variable);

    /**
     * @brief Record the LFP proxy and multi-unit activity at the contacts of @p probe
     * (geometry::VirtualRecorder, 1 ms bins) from the next chunk on, in this and later runs;
     * an empty probe stops. The same probe again changes nothing; new contacts start their
     * recording afresh at the current step (LiveChannels::setContacts()).
     */
    void setRecordingProbe(const geometry::RecordingProbe& probe);

    /**
     * @brief Perturb the running (or paused) network from its current time on, at the next
     * chunk boundary: @p perturbation's kind, target, subset and values are used; its window
     * starts now and lasts @p durationMs (neuron perturbations; weight changes happen once).
     * Each applied perturbation is noted in the channels (LiveChannels::addPerturbation());
     * one that cannot be applied (no run, a bad target) sets the status message instead.
     */
    void perturb(const core::PerturbationSpec& perturbation, double durationMs);

    /// A snapshot of the run's progress.
    RunStatus status() const;
    /// The current session's rings (null before the first run).
    std::shared_ptr<LiveChannels> channels() const;
    /// Number of commands posted so far (run, pause, reset, a project, ...). Once
    /// status().commandsApplied reaches this number, the status reflects all of them.
    std::uint64_t commandsPosted() const;
    /// Block until `predicate(status())` holds or `timeout` passes; true when it held.
    template <typename Predicate>
    bool waitFor(Predicate predicate, std::chrono::milliseconds timeout) const {
        std::unique_lock lock(m_statusMutex);
        return m_statusChanged.wait_for(lock, timeout, [&] { return predicate(m_status); });
    }

private:
    enum class CommandType {
        Project,
        Run,
        Pause,
        Step,
        Stop,
        Reset,
        Speed,
        StopAt,
        Trace,
        Probe,
        Perturb,
        Quit
    };
    struct Command {
        explicit Command(CommandType t)
            : type(t) {}
        CommandType type;
        std::shared_ptr<core::ProjectSpec> project;
        std::string origin;
        double value = 0.0;
        std::size_t population = 0;
        std::int32_t neuron = 0;
        std::string variable;
        std::shared_ptr<const geometry::RecordingProbe> probe;
        std::shared_ptr<const core::PerturbationSpec> perturbation;
        std::uint64_t sequence = 0; ///< 1 for the first command posted, then 2, ...
    };

    void post(Command command, bool cancelChunk);
    void threadMain();
    void apply(Command& command);
    void applyProject(std::shared_ptr<core::ProjectSpec> project, std::string origin);
    bool start();
    void runChunk();
    void publish();
    void publishWeights();
    void checkFinite();
    void fail(const std::string& message);
    void setState(RunState state, const std::string& message = {});
    void updateStatus();
    void throttle(std::unique_lock<std::mutex>& lock);
    std::unique_ptr<core::Network> buildLive(const core::ProjectSpec& project);
    void startSession(const core::Network& network);
    bool sameSession(const core::Network& network) const;
    void attachTrace(core::Network& network, std::size_t trace, std::int64_t step) const;
    double stopStep() const;
    void applyProbe(std::shared_ptr<const geometry::RecordingProbe> probe);
    std::unique_ptr<geometry::VirtualRecorder>
    makeRecorder(core::Network& network, std::int64_t step,
                 const geometry::VirtualRecorder* previous);
    void publishContacts();
    void applyPerturbation(core::PerturbationSpec spec, double durationMs);
    void reapplyPerturbations(core::Network& network, double nowMs);
    double runLengthS() const;
    void publishContactBins(std::int64_t step);

    const core::ModelRegistry& m_registry;

    // Command queue (any thread -> worker).
    mutable std::mutex m_queueMutex;
    std::condition_variable m_queueChanged;
    std::deque<Command> m_queue;
    std::uint64_t m_commandsPosted = 0;

    // Status (worker -> any thread).
    mutable std::mutex m_statusMutex;
    mutable std::condition_variable m_statusChanged;
    RunStatus m_status;
    std::shared_ptr<LiveChannels> m_channels;

    // The simulator in flight, for cancel requests from other threads.
    mutable std::mutex m_simMutex;

    // Owned by the worker thread.
    std::shared_ptr<core::ProjectSpec> m_project;
    std::string m_origin; ///< the project's file, for error messages
    std::unique_ptr<core::Network> m_network;
    std::unique_ptr<core::Simulator> m_simulator;
    RunState m_state = RunState::Idle;
    bool m_pauseAfterChunk = false;
    double m_speed = 0.0;
    double m_stopAtMs = 0.0;
    std::int64_t m_chunkSteps = 100;
    std::int64_t m_paceStep = 0; ///< step at which the speed cap's clock started
    std::chrono::steady_clock::time_point m_paceStart;
    std::chrono::steady_clock::time_point m_lastWeights;
    std::uint64_t m_spikes = 0;
    double m_loopSeconds = 0.0;
    double m_publishSeconds = 0.0;
    std::uint64_t m_rebuilds = 0;
    std::uint64_t m_session = 0;
    std::string m_message;
    struct Mark {
        std::chrono::steady_clock::time_point wall;
        std::int64_t step;
        std::uint64_t spikes;
    };
    std::deque<Mark> m_marks; ///< recent progress, for the real-time factor
    std::vector<LiveChannels::Spike> m_spikeScratch;
    std::shared_ptr<const geometry::RecordingProbe> m_probe; ///< contacts to record at
    std::unique_ptr<geometry::VirtualRecorder> m_recorder;   ///< attached to m_network
    std::uint64_t m_contactSetId = 0;
    /// Perturbations applied live in this run (absolute times), with their keys.
    std::vector<std::pair<core::PerturbationSpec, std::uint64_t>> m_livePerturbations;
    std::thread m_thread;
};

} // namespace plexus::app
