#pragma once

#include "plexus/analysis/ConditionEpoch.h"

#include <QStringList>
#include <QWidget>
#include <plexus/core/engine/TrialWindow.h>
#include <string>
#include <vector>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace plexus::widgets {

/**
 * @brief Editable list of the conditions of a population analysis: named time epochs
 *        `name:start-end` (ms, [start, end)); epochs that share a name are repeats.
 *
 * A table of name, start and end with buttons to add and remove epochs, a text field that
 * takes the `name:start-end,...` list form (analysis::ConditionEpoch::parseList()) and two
 * helpers: split the run into K equal epochs (names cycling through a list, so "a,b" with
 * K = 6 gives three repeats of a and b), and sliding windows of a width and step. Each row's
 * name cell carries the colour its condition has in the plots (PlotTheme::seriesColor() of
 * the condition's index in first-appearance order). Rows with an empty name or an end not
 * after the start are marked and left out of epochs().
 *
 * "From trials" fills the table from the protocol trials of the run shown (setTrials(): one
 * epoch per trial, named after its condition, so each condition's trials are its repeats); it
 * is disabled, with a tooltip saying why, when the run has no trials.
 */
class ConditionTable : public QWidget {
    Q_OBJECT

public:
    /// Creates an empty table.
    explicit ConditionTable(QWidget* parent = nullptr);
    ~ConditionTable() override;

    /// The valid epochs in table order.
    std::vector<analysis::ConditionEpoch> epochs() const;
    /// Replaces the table's rows by @p epochs (emits epochsChanged()).
    void setEpochs(const std::vector<analysis::ConditionEpoch>& epochs);
    /// Number of rows that are not valid epochs.
    int invalidRowCount() const { return m_invalidRows; }

    /// Length of the run (ms) that the split and sliding-window helpers cover.
    void setRunDurationMs(double durationMs);
    double runDurationMs() const { return m_runDurationMs; }

    /**
     * @brief The protocol trials of the run shown (e.g. core::RunRecord::trials) and the names
     *        of their conditions (index = TrialWindow::condition); empty: the run has none.
     */
    void setTrials(const std::vector<core::TrialWindow>& trials,
                   const std::vector<std::string>& conditionNames);
    /// The trials set by setTrials().
    const std::vector<core::TrialWindow>& trials() const { return m_trials; }
    /// Replaces the rows by one epoch per trial (analysis::ConditionEpoch::fromTrials()).
    void fillFromTrials();
    /// The "From trials" button.
    QPushButton* fromTrialsButton() const { return m_fromTrials; }

    /// Appends an epoch after the last one, as long as it, named after the next free letter.
    void addEpoch();
    /// Removes the selected rows (the last row when none is selected).
    void removeSelectedEpochs();
    /// Replaces the rows by the run split into @p count epochs named after @p names (cycled).
    void splitRun(int count, const QStringList& names = {});
    /// Replaces the rows by sliding windows of @p widthMs every @p stepMs over the run.
    void slidingWindows(double widthMs, double stepMs);

    /**
     * @brief [startMs, endMs) cut into @p count equal epochs named after @p names in turn
     *        ("e1", "e2", ... without names).
     */
    static std::vector<analysis::ConditionEpoch>
    splitEpochs(double startMs, double endMs, int count, const QStringList& names = {});
    /**
     * @brief Windows [s, s + widthMs) for s = startMs, startMs + stepMs, ... while they fit in
     *        [startMs, endMs), named "w1", "w2", ...
     */
    static std::vector<analysis::ConditionEpoch> windows(double startMs, double endMs,
                                                         double widthMs, double stepMs);

Q_SIGNALS:
    /// The epochs changed (an edit, a helper, setEpochs()).
    void epochsChanged();

private:
    void appendRow(const analysis::ConditionEpoch& epoch);
    void revalidate();
    void applyText();
    void emitChanged();

    QTableWidget* m_table = nullptr;
    QLineEdit* m_text = nullptr;
    QLabel* m_status = nullptr;
    QSpinBox* m_splitCount = nullptr;
    QLineEdit* m_splitNames = nullptr;
    QDoubleSpinBox* m_windowWidth = nullptr;
    QDoubleSpinBox* m_windowStep = nullptr;
    QLabel* m_trialsLabel = nullptr;
    QPushButton* m_fromTrials = nullptr;
    std::vector<core::TrialWindow> m_trials;
    std::vector<std::string> m_trialConditions;
    double m_runDurationMs = 1000.0;
    int m_invalidRows = 0;
    bool m_updating = false;
};

} // namespace plexus::widgets
