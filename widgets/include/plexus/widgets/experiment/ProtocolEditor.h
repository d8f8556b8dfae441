#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>
#include <functional>
#include <optional>
#include <plexus/core/project/ProtocolSpec.h>

class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableWidget;
class QTableWidgetItem;

namespace plexus::widgets {

class Document;

/**
 * @brief Editor of the project's protocol: conditions, trials and perturbations.
 *
 * Without a protocol it says that a run lasts the simulation's duration and offers
 * "Add protocol". With one it shows:
 * - the conditions (name, label, the stimuli they switch on), with Add, Duplicate and Remove;
 *   a name or label is edited in its cell (a rename carries the perturbations bound to the
 *   condition along);
 * - for the selected condition, the project's stimuli as a checkable list (a ticked stimulus is
 *   on only during the trials of the conditions that tick it; a stimulus no condition ticks is
 *   always on) and its parameter overrides as `stimulus.param = value` lines;
 * - trials per condition, trial and inter-trial interval lengths (ms), the order (blocked,
 *   interleaved, random) and the seed of the random order;
 * - the perturbations (core::PerturbationSpec), one row each: kind, target (a population for
 *   silence, clamp and drive; a projection for scale_weights and lesion), fraction or neuron
 *   indices, window start and end (ms), condition, clamp variable and the kind's value (clamp:
 *   held value, drive: amplitude, scale_weights: factor);
 * - a summary line (trials and run length, core::TrialSchedule::runLengthS) and
 *   "Remove protocol".
 *
 * Every change is one undoable Document edit through ProtocolEdits, checked by the rules of the
 * project file; a refused change edits nothing and is explained in a line under the part it
 * concerns, naming the row and field ("Perturbation 1, fraction: must be in [0, 1]"). The
 * editor shows the document's protocol again after every document change (edits, undo, redo,
 * renamed or removed nodes). Changes typed into cells, ticked in lists or chosen in the
 * table's drop-downs are applied just after the signal that reports them (queued).
 */
class ProtocolEditor : public QWidget {
    Q_OBJECT

public:
    /// Perturbation table columns.
    enum PerturbationColumn {
        KindColumn,
        TargetColumn,
        FractionColumn,
        NeuronsColumn,
        StartColumn,
        EndColumn,
        ConditionColumn,
        VariableColumn,
        ValueColumn,
        PerturbationColumnCount
    };

    /// An editor of @p document's protocol (the document must outlive it).
    explicit ProtocolEditor(Document* document, QWidget* parent = nullptr);

    /// The summary line: "6 trials (2 conditions × 3), run length 3.6 s", or what a run
    /// without a protocol lasts.
    QString summaryText() const;
    /// The shown explanation of the last refused change (empty when there is none).
    QString errorText() const;

    /// Starts a protocol (ProtocolEdits::defaultProtocol()); false when there is one.
    bool addProtocol();
    /// Removes the protocol (a plain run again); false when there is none.
    bool removeProtocol();
    /// Adds a condition named after the next free letter, with no stimuli.
    bool addCondition();
    /// Copies condition @p row (stimuli and overrides) under a new name after it.
    bool duplicateCondition(int row);
    /// Removes condition @p row and the perturbations bound to it (the last one stays).
    bool removeCondition(int row);
    /// Renames condition @p row (its perturbations follow).
    bool renameCondition(int row, const QString& name);
    /// Sets the label of condition @p row (empty: its name).
    bool setConditionLabel(int row, const QString& label);
    /// Switches stimulus @p stimulus on or off in condition @p row (off drops its overrides).
    bool setStimulusOn(int row, const QString& stimulus, bool on);
    /// Replaces the overrides of condition @p row by @p lines of `stimulus.param = value`.
    bool setOverrides(int row, const QStringList& lines);
    /// Sets trials per condition, trial and ITI lengths (ms).
    bool setTiming(int trials, double trialMs, double itiMs);
    /// Sets the order ("blocked", "interleaved", "random") and the random order's seed.
    bool setOrder(const QString& order, quint64 seed);
    /// Appends a silence perturbation of the first population.
    bool addPerturbation();
    /// Removes perturbation @p row.
    bool removePerturbation(int row);
    /**
     * @brief Sets field @p column of perturbation @p row from @p text (as typed in its cell:
     * a kind, a name, a number, indices "0, 3, 7"; empty clears an optional field). A refused
     * value marks the cell and names row and field in the error line.
     */
    bool setPerturbationField(int row, int column, const QString& text);

    /// The selected condition's row (-1 when none).
    int currentCondition() const;
    /// Selects condition @p row.
    void setCurrentCondition(int row);

    QTableWidget* conditionTable() const { return m_conditions; }
    QListWidget* stimulusList() const { return m_stimuli; }
    QListWidget* overrideList() const { return m_overrides; }
    QSpinBox* trialsBox() const { return m_trials; }
    QDoubleSpinBox* trialMsBox() const { return m_trialMs; }
    QDoubleSpinBox* itiMsBox() const { return m_itiMs; }
    QComboBox* orderBox() const { return m_order; }
    QLineEdit* seedEdit() const { return m_seed; }
    QTableWidget* perturbationTable() const { return m_perturbations; }
    QPushButton* removeProtocolButton() const { return m_removeProtocol; }

public Q_SLOTS:
    /// Shows the document's protocol again (called after every document change).
    void refresh();

private:
    const core::ProtocolSpec* protocol() const;
    /// Runs @p edit once the current signal has been handled (edits asked for by cells,
    /// items and drop-downs that the refresh after the edit replaces).
    void later(std::function<void()> edit);
    /// Commits @p next as the protocol in one edit; on refusal shows the error (showError()).
    bool commit(const std::optional<core::ProtocolSpec>& next, const QString& text);
    /// Shows @p error (a JSON path and problem) in the line of the part it concerns, naming
    /// row and field, and marks the perturbation cell it names.
    void showError(const QString& error);
    void clearErrors();
    void refreshCondition();
    void refreshPerturbations();
    void commitOverrides();
    QTableWidgetItem* perturbationItem(int row, int column, const QString& text, bool editable);

    Document* m_document;
    bool m_updating = false;
    QLabel* m_summary = nullptr;
    QPushButton* m_removeProtocol = nullptr;
    QStackedWidget* m_pages = nullptr;
    QLabel* m_none = nullptr;
    QTableWidget* m_conditions = nullptr;
    QGroupBox* m_conditionBox = nullptr;
    QListWidget* m_stimuli = nullptr;
    QListWidget* m_overrides = nullptr;
    QLabel* m_conditionError = nullptr;
    QSpinBox* m_trials = nullptr;
    QDoubleSpinBox* m_trialMs = nullptr;
    QDoubleSpinBox* m_itiMs = nullptr;
    QComboBox* m_order = nullptr;
    QLineEdit* m_seed = nullptr;
    QLabel* m_timingError = nullptr;
    QTableWidget* m_perturbations = nullptr;
    QLabel* m_perturbationError = nullptr;
};

} // namespace plexus::widgets
