#pragma once

#include "plexus/analysis/ActivityOptions.h"
#include "plexus/analysis/ConditionEpoch.h"
#include "plexus/widgets/analysis/AnalysisJob.h"
#include "plexus/widgets/analysis/AnalysisResult.h"
#include "plexus/widgets/live/RasterSelection.h"

#include <QString>
#include <QStringList>
#include <QWidget>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <plexus/core/engine/TrialWindow.h>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QSpinBox;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QToolButton;

namespace plexus::widgets {

class AnalysisRunner;
class ConditionTable;
class DynamicsView;
class ReadoutView;
class LiveRecording;
class RsaView;
class SpikeStatisticsView;
class TrajectoryView;

/**
 * @brief Population analysis of a live run: conditions, settings and five views
 *        (trajectories, RSA, spike statistics, dynamics, readout) over a LiveRecording.
 *
 * Left: the populations to analyse and the condition table (named epochs; an empty table
 * analyses the whole run as one condition; epochs that end after the recording's current time
 * wait until they are recorded). Above the views: the units (neurons or population means), bin
 * width, smoothing kernel and width, shuffle controls, live updating and a computing indicator.
 *
 * Computation: requestUpdate() copies what the settings need from the recording into an
 * AnalysisJob and hands it to an AnalysisRunner (worker thread); a newer request supersedes an
 * older one, results are applied on the GUI thread (resultApplied()). While live updating is on
 * (default) and the panel is visible, a timer (every updateIntervalMs(), default 500 ms) starts
 * a request when the recording's revision moved; while one is running the next waits for it.
 * Setting changes start a new request after a short delay. Errors (e.g. too few conditions for
 * RSA) are shown inline in the view concerned; until there is a trajectory the trajectory tab
 * shows a note saying what to do (trajectoryNote()) instead of an empty plot, and the
 * trajectory summary table always gets the width of all its columns.
 *
 * Linked selection: setSelection() (connect RasterPlot::selectionChanged() to it) highlights the
 * trajectory states inside the selected time window; with "Analyse selected neurons only" ticked
 * and a neuron range selected, the analysis uses just those neurons.
 *
 * Export: "Export data…" (exportDataButton()) asks for a folder and writes the matrices of the
 * shown result as CSV files (AnalysisExport: trajectory coordinates, metrics, RDM, MDS, ...).
 */
class AnalysisPanel : public QWidget {
    Q_OBJECT

public:
    /// Creates the panel over @p recording (may be nullptr; see setRecording()).
    explicit AnalysisPanel(const LiveRecording* recording = nullptr, QWidget* parent = nullptr);
    ~AnalysisPanel() override;

    /**
     * @brief Analyses @p recording (nullptr: nothing). It must outlive the panel or be replaced
     *        first; the panel reads it only on the GUI thread, when it starts a request.
     */
    void setRecording(const LiveRecording* recording);
    /// The analysed recording (may be nullptr).
    const LiveRecording* recording() const { return m_recording; }

    /// Highlights @p selection (time window, population, neuron range) in the views.
    void setSelection(const plexus::widgets::RasterSelection& selection);
    /// Removes the selection.
    void clearSelection();
    /// The current selection (empty when there is none).
    const RasterSelection& selection() const { return m_selection; }
    /// Restricts the analysis to the selected neurons (when a neuron range is selected).
    void setRestrictToSelection(bool restrict);
    bool restrictToSelection() const;

    /**
     * @brief The protocol trials of the run analysed (core::RunRecord::trials and
     *        conditionNames of the live run or the opened archive; empty: none), offered by
     *        the condition table's "From trials".
     */
    void setRunTrials(const std::vector<core::TrialWindow>& trials,
                      const std::vector<std::string>& conditionNames);
    /// Replaces the conditions.
    void setEpochs(const std::vector<analysis::ConditionEpoch>& epochs);
    /// The epochs the next request analyses (see the class description).
    std::vector<analysis::ConditionEpoch> analysedEpochs() const;
    /// Indices of the populations analysed.
    std::vector<std::size_t> selectedPopulations() const;
    /// Analyses the populations @p populations (indices into the recording).
    void setSelectedPopulations(const std::vector<std::size_t>& populations);
    /// How spikes become activity (bin width, kernel, sigma, units); rates are in Hz.
    analysis::ActivityOptions activityOptions() const;
    void setActivityOptions(const analysis::ActivityOptions& options);
    /// Shuffles per trajectory control (0: none).
    std::size_t shuffles() const;
    void setShuffles(std::size_t shuffles);

    /// The job requestUpdate() would submit now.
    AnalysisJob currentJob() const;
    /// Starts a request with the current settings (superseding older ones); returns its id.
    std::uint64_t requestUpdate();
    /// Recompute periodically while the recording changes.
    void setLiveUpdate(bool live);
    bool liveUpdate() const;
    /// Period of the live update check (ms).
    void setUpdateIntervalMs(int ms);
    int updateIntervalMs() const;
    /// True while a request is running.
    bool isBusy() const;
    /**
     * @brief True while a result is still to come: a computation runs or is queued, a
     *        settings change waits for its short delay, or the shown panel has not yet asked
     *        for the recording's latest revision (live updates on). A hidden panel computes
     *        nothing and has no pending work.
     */
    bool hasPendingWork() const;
    /**
     * @brief Writes the shown result's matrices as CSV files into @p directory (see
     *        AnalysisExport). @return the paths written; empty with @p error set when there is no
     *        result or a file cannot be written.
     */
    QStringList exportData(const QString& directory, QString* error = nullptr) const;
    /// The "Export data…" button (enabled while a result is shown).
    QToolButton* exportDataButton() const { return m_export; }

    /// The last applied result (may be nullptr).
    const std::shared_ptr<const AnalysisResult>& result() const { return m_result; }

    ConditionTable* conditionTable() const { return m_conditions; }
    TrajectoryView* trajectoryView() const { return m_trajectory; }
    RsaView* rsaView() const { return m_rsa; }
    SpikeStatisticsView* statisticsView() const { return m_statistics; }
    /// The "Dynamics" tab: avalanches, spectrum, branching ratio.
    DynamicsView* dynamicsView() const { return m_dynamics; }
    /// The "Readout" tab: memory capacity, NARMA-10, classification, regression.
    ReadoutView* readoutView() const { return m_readout; }
    AnalysisRunner* runner() const { return m_runner; }
    QTabWidget* tabs() const { return m_tabs; }
    /**
     * @brief The note the trajectory tab shows instead of an empty plot (what to do to get a
     *        trajectory: run the simulation, tick a population, fix the conditions); empty
     *        while a trajectory is shown.
     */
    QString trajectoryNote() const;

Q_SIGNALS:
    /// The result of request @p id is now shown.
    void resultApplied(std::uint64_t id);
    /// A request started running (true) or the last one ended (false).
    void busyChanged(bool busy);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    /// Visible and not covered (a dock behind another tab has no visible region).
    bool isShown() const;
    void rebuildPopulations();
    void onTimer();
    void scheduleUpdate();
    void apply(std::shared_ptr<const AnalysisResult> result);
    void updateSelectionLabel();
    void onBusyChanged(bool busy);
    void chooseExportFolder();
    /// True when the recording holds a run (populations and recorded time).
    bool hasRecordedData() const;
    /// Shows the trajectory view, or a note saying why there is no trajectory.
    void updateTrajectoryNote();
    /// Lets the trajectory summary table claim the width its columns need.
    void fitSummaryTable();

    const LiveRecording* m_recording = nullptr;
    std::uint64_t m_populationGeneration = 0;
    std::size_t m_populationCount = 0;
    const LiveRecording* m_submittedRecording = nullptr;
    std::uint64_t m_submittedRevision = 0;
    bool m_updatePending = false;
    bool m_settingsStale = false; ///< settings changed while hidden
    RasterSelection m_selection;
    std::shared_ptr<const AnalysisResult> m_result;

    AnalysisRunner* m_runner = nullptr;
    QTimer* m_timer = nullptr;
    QTimer* m_settingsTimer = nullptr;
    QListWidget* m_populations = nullptr;
    ConditionTable* m_conditions = nullptr;
    QComboBox* m_units = nullptr;
    QDoubleSpinBox* m_bin = nullptr;
    QComboBox* m_kernel = nullptr;
    QDoubleSpinBox* m_sigma = nullptr;
    QSpinBox* m_shuffles = nullptr;
    QCheckBox* m_live = nullptr;
    QToolButton* m_update = nullptr;
    QToolButton* m_cancel = nullptr;
    QToolButton* m_export = nullptr;
    QProgressBar* m_busy = nullptr;
    QLabel* m_busyLabel = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_selectionLabel = nullptr;
    QCheckBox* m_restrict = nullptr;
    QTabWidget* m_tabs = nullptr;
    QStackedWidget* m_trajectoryPages = nullptr;
    QWidget* m_trajectoryNotePage = nullptr;
    QLabel* m_trajectoryNote = nullptr;
    TrajectoryView* m_trajectory = nullptr;
    RsaView* m_rsa = nullptr;
    SpikeStatisticsView* m_statistics = nullptr;
    DynamicsView* m_dynamics = nullptr;
    ReadoutView* m_readout = nullptr;
};

} // namespace plexus::widgets
