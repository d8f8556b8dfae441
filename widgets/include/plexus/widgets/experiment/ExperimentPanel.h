#pragma once

#include <QElapsedTimer>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QWidget>
#include <map>
#include <memory>
#include <plexus/core/record/SweepArchive.h>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace plexus::widgets {

class Document;
class SweepPlot;

/**
 * @brief Defines, runs and shows a parameter sweep of the document's project.
 *
 * The definition: axes (parameter path, SPEC, number of values; SweepAxisDialog adds them from
 * the inspector), repeats, workers, the metrics kept (core's analysis::SweepMetrics names,
 * checkable), whether full runs are kept, and the sweep archive written (by default
 * `<project>.sweep.h5` next to the project file).
 *
 * Run saves the project to a temporary file and runs `plexus-cli sweep` on it as a separate
 * process (the window never waits for it), reads its progress lines (`sweep: 7/18 points,
 * 2 failed, ETA 0:42`) into the progress bar, and re-reads the archive as points finish to fill
 * the table of points (parameters, repeat, status, metrics; a failed row's error is its
 * tooltip) and the plot of the chosen metric (SweepPlot). Cancel stops the process with
 * SIGTERM: the archive keeps every finished row, and Run resumes it (only the rows still
 * pending or failed run). An existing archive (e.g. written by plexus-cli) opens with
 * openArchive(). Clicking a row or a plot point whose run was kept (`--keep-runs`) asks to open
 * that run archive (openRunRequested()); otherwise statusMessage() says why not.
 */
class ExperimentPanel : public QWidget {
    Q_OBJECT

public:
    /// A panel over @p document (which must outlive it).
    explicit ExperimentPanel(Document* document, QWidget* parent = nullptr);
    ~ExperimentPanel() override;

    /// The plexus-cli executable the sweeps run with.
    void setCliProgram(const QString& program) { m_cli = program; }
    QString cliProgram() const { return m_cli; }

    /**
     * @brief Adds the axis @p path = @p spec, or replaces the axis of that path.
     * @param current the value the project holds now; written into the swept project when the
     *        project file leaves the parameter at its default (and so does not hold it).
     */
    void addAxis(const QString& path, const QString& spec, double current);
    /// Removes every axis.
    void clearAxes();
    /// The axes as `PATH=SPEC`, in order.
    QStringList axes() const;
    void setRepeats(int repeats);
    void setWorkers(int workers);
    void setKeepRuns(bool keep);
    /// Checks exactly the metrics @p names (unknown names are ignored).
    void setMetrics(const QStringList& names);
    /// The checked metrics, in list order.
    QStringList metrics() const;
    /// The sweep archive written by Run.
    void setOutputFile(const QString& path);
    QString outputFile() const;

    /// Starts the sweep; false with the reason (also shown in the panel) when it cannot start.
    bool run(QString* error = nullptr);
    /// Stops a running sweep (SIGTERM; the archive keeps the finished rows).
    void cancel();
    /// True while plexus-cli runs.
    bool isRunning() const;
    /// Shows the sweep archive @p path (and takes its definition); false with the reason.
    bool openArchive(const QString& path, QString* error = nullptr);
    /// The archive shown (empty before a sweep wrote or opened one).
    const core::SweepArchive& archive() const { return m_archive; }
    /// Re-reads the output archive (done as points finish); false when it cannot be read.
    bool reloadArchive();
    /// Asks to open the kept run of row @p row of the table (or says why not).
    void openRow(int row);
    /// The run archive of row @p row kept beside the sweep archive; empty when none.
    QString keptRun(int row) const;

    QTableWidget* pointTable() const { return m_points; }
    QTableWidget* axisTable() const { return m_axes; }
    SweepPlot* plot() const { return m_plot; }
    QProgressBar* progressBar() const { return m_progress; }
    QComboBox* metricChoice() const { return m_metricChoice; }
    /// The status line of the panel (progress, ETA, last error).
    QString statusText() const;

Q_SIGNALS:
    /// The kept run archive @p path of a clicked point should be shown.
    void openRunRequested(const QString& path);
    /// A message for the window's status bar.
    void statusMessage(const QString& text);
    /// "Figure…" was clicked: the window exports the plot through its figure export.
    void figureExportRequested();
    /// plexus-cli ended with @p exitCode (after cancel(): 128 + SIGTERM).
    void sweepFinished(int exitCode);

private:
    void refreshMetricChoices();
    void refreshTable();
    void refreshPlot();
    void refreshButtons();
    void readProgress();
    void finished(int exitCode, QProcess::ExitStatus status);
    void setStatus(const QString& text);
    void exportCsv();
    void exportFigure();
    QString defaultOutput() const;
    std::size_t archiveRepeats() const;

    Document* m_document;
    QString m_cli;
    std::map<QString, double> m_current; ///< current value of each axis path
    QTableWidget* m_axes;
    QSpinBox* m_repeats;
    QSpinBox* m_workers;
    QListWidget* m_metrics;
    QCheckBox* m_keepRuns;
    QLineEdit* m_output;
    bool m_outputChosen = false;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
    QTableWidget* m_points;
    QComboBox* m_metricChoice;
    SweepPlot* m_plot;
    QLabel* m_note;
    QProcess* m_process = nullptr;
    std::unique_ptr<QTemporaryDir> m_work;
    QString m_stderrTail;
    QString m_lastError;
    QString m_archivePath;
    core::SweepArchive m_archive;
    bool m_cancelled = false;
};

} // namespace plexus::widgets
