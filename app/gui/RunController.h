#pragma once

// Core headers before Qt's (see MainWindow.h).
#include "LiveDrain.h"
#include "RunStatus.h"
#include "SimulationWorker.h"
#include "plexus/widgets/live/LiveRecording.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <functional>
#include <memory>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QTimer;
class QWidget;

namespace plexus::widgets {
class Document;
class LivePlotPanel;
} // namespace plexus::widgets

namespace plexus::geometry {
class CortexPlacement;
class ElectrodeArray;
} // namespace plexus::geometry

namespace plexus::core {
struct PerturbationSpec;
struct RunRecord;
} // namespace plexus::core

namespace plexus::app {

/**
 * @brief Run control of the main window: the live simulation of the document's project.
 *
 * Owns the SimulationWorker (the simulation thread), the run actions (run, pause, step, stop,
 * reset) and speed selector, the live plot panel and the status-bar read-out. A timer at 30 Hz
 * drains the worker's rings into the LiveRecording and refreshes the plots; edits of the
 * document reach a running simulation as they happen (the worker applies them between chunks).
 * A second, fast timer measures how late the event loop serves it (GUI latency).
 *
 * Guidance: a run does not start while the run check (setRunCheck(), the inspector's pending
 * input) objects or when the project has no populations; advice() says why. Once a run has
 * simulated a little (or stopped), populations that have no input and stayed silent are
 * explained through advice() too (core::ProjectAdvice, as plexus-cli run does).
 */
class RunController : public QObject {
    Q_OBJECT

public:
    RunController(const core::ModelRegistry& registry, widgets::Document* document,
                  QObject* parent = nullptr);
    ~RunController() override;

    QAction* runAction() const { return m_run; }
    QAction* pauseAction() const { return m_pause; }
    QAction* stepAction() const { return m_step; }
    QAction* stopAction() const { return m_stop; }
    QAction* resetAction() const { return m_reset; }
    /// Adds membrane traces of the next neuron of each selected population.
    QAction* traceAction() const { return m_trace; }
    /// The speed selector for the toolbar (x0.1 ... x10, as fast as possible).
    QComboBox* speedBox() const { return m_speed; }
    /// The status-bar read-out (state, time, real-time factor, spikes/s, drops).
    QLabel* statusLabel() const { return m_status; }
    /// The live plots (raster, membrane, rates, weights); the window docks it.
    widgets::LivePlotPanel* plotPanel() const { return m_panel; }

    /// The last status polled from the worker.
    const RunStatus& status() const { return m_last; }
    /// Everything the live views have received.
    const widgets::LiveRecording& recording() const { return m_recording; }
    SimulationWorker& worker() { return *m_worker; }

    /// Run until `seconds` of simulated time (0: the project's duration); false when the run
    /// was refused (advice() says why).
    bool runFor(double seconds);
    /**
     * @brief Asked before a run starts or resumes: an empty answer lets it go, anything else is
     *        the reason it does not (shown through advice()).
     */
    void setRunCheck(std::function<QString()> check);
    /// Simulated time after which a running project's silent populations are explained.
    static constexpr double adviceAfterMs = 200.0;
    /// Process events until the run is finished or failed (or `timeoutMs` passes);
    /// true when it ended within the time.
    bool waitUntilDone(int timeoutMs);
    /// Drain the rings and redraw now (also done by the timer).
    void poll();

    /// Event-loop lateness samples (ms) of the latency probe since the last clear.
    const std::vector<double>& latencySamplesMs() const { return m_latency; }
    /// Wall-clock ms per poll (drain plus redraw) since the last clear.
    const std::vector<double>& pollTimesMs() const { return m_pollTimes; }
    void clearMeasurements();

    /// Set the current selection of the editor (population names) for traceAction().
    void setSelectedPopulations(const QStringList& names);
    /// Record `variable` (default: the model's first state variable) of `neuron` of `population`.
    void addTrace(const QString& population, int neuron, const QString& variable = {});
    /**
     * @brief Traces the first @p count neurons of the project's first neuron population (its
     * first state variable), waiting up to 10 s for a started run to exist; used by scripted
     * runs (benchmark, headless figures).
     */
    void traceFirstNeurons(int count);

    /**
     * @brief Records the LFP proxy and multi-unit activity at every contact of @p electrodes
     * (placed devices, mm) over the neurons where @p placement puts them (mm), shown live in
     * the plot panel's contact plot. Both come from the 3-D cortex panel:
     * CortexPanel::view()->electrodes() and CortexPanel::placement(). No placement or no
     * contacts: recording stops. Call again whenever either changes; the same contacts and
     * neurons again change nothing. The probe is geometry::ProbePlacement::fromElectrodes().
     */
    void setRecordingContacts(const std::vector<geometry::ElectrodeArray>& electrodes,
                              const geometry::CortexPlacement* placement);
    /// Records at the contacts of @p probe (see SimulationWorker::setRecordingProbe()).
    void setRecordingProbe(const geometry::RecordingProbe& probe);

    /**
     * @brief Shows a recorded run (e.g. read from a run archive) in the plots and the analysis
     * instead of the live one: the worker is reset, and the next run replaces the recorded
     * data. @p source names it in the status bar.
     */
    void showRecordedRun(const core::RunRecord& record, const QString& source);
    /// True while a run is going (running or paused): perturbNow() can act.
    bool canPerturb() const;
    /**
     * @brief Perturbs the running network from now on for @p durationMs (weight changes:
     * once), through SimulationWorker::perturb(); the log gets a line once it was applied and
     * the raster marks its window. False (and nothing happens) when no run is going.
     */
    bool perturbNow(const core::PerturbationSpec& perturbation, double durationMs);
    /// The state variables of population @p population's model (for a clamp), first the
    /// model's first one; empty for a stimulus or an unknown model.
    QStringList stateVariables(const QString& population) const;

    /// The file of the recorded run shown (empty while live data is shown).
    const QString& recordedRunSource() const { return m_recordedSource; }

public Q_SLOTS:
    /// Starts (or resumes) the run; false when it was refused (advice() says why).
    bool run();
    void pause();
    void step();
    void stop();
    void reset();
    /// Speed cap as a multiple of real time, 0 = as fast as possible.
    void setSpeed(double factor);

Q_SIGNALS:
    /// The run changed state (running, paused, finished, failed, idle).
    void stateChanged(plexus::app::RunState state);
    /**
     * @brief A one-line message for the log (failures, edits applied). @p aboutState: it
     *        tells how the run ended (finished, stopped, failed), which the status read-out
     *        shows already.
     */
    void message(const QString& text, bool isError, bool aboutState);
    /**
     * @brief Why a run does nothing or did not start, one sentence per problem.
     * @param refused the run was not started.
     */
    void advice(const QStringList& items, bool refused);

private:
    bool checkBeforeRun(bool starting);
    void adviseIfSilent();
    void pushProject();
    void updateActions();
    void updateStatusText();
    void probe();
    void traceSelection();
    void addTraceIndex(std::size_t population, int neuron, const QString& variable);

    const core::ModelRegistry& m_registry;
    widgets::Document* m_document;
    std::unique_ptr<SimulationWorker> m_worker;
    widgets::LiveRecording m_recording;
    LiveDrain m_drain;
    RunStatus m_last;
    std::string m_lastMessage;
    QStringList m_selected;
    std::vector<int> m_nextTraceNeuron;
    std::function<QString()> m_runCheck;
    std::uint64_t m_advisedSession = 0; ///< run session the silence advice was given for

    QAction* m_run = nullptr;
    QAction* m_pause = nullptr;
    QAction* m_step = nullptr;
    QAction* m_stop = nullptr;
    QAction* m_reset = nullptr;
    QAction* m_trace = nullptr;
    QComboBox* m_speed = nullptr;
    QLabel* m_status = nullptr;
    widgets::LivePlotPanel* m_panel = nullptr;
    QTimer* m_pollTimer = nullptr;
    QTimer* m_probeTimer = nullptr;
    QElapsedTimer m_probeClock;
    qint64 m_probeLastNs = -1;
    std::vector<double> m_latency;
    std::vector<double> m_pollTimes;
    QString m_recordedSource;                           ///< file of the recorded run shown
    std::shared_ptr<const LiveChannels> m_recordedOver; ///< live session it replaced
};

} // namespace plexus::app
