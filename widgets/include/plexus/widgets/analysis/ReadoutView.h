#pragma once

#include "plexus/widgets/analysis/AnalysisJob.h"
#include "plexus/widgets/analysis/AnalysisResult.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;
class QToolButton;

namespace plexus::widgets {

class ConfusionMatrixView;
class MemoryCapacityView;
class PredictionView;

/**
 * @brief The "Readout" analysis of the analysis panel: a ridge readout of the network states
 *        trained on one task, with its options above the task's view.
 *
 * Options: the task (memory capacity, NARMA-10, classify conditions, regress the input), the
 * states (spike trains through exp(-t/τ), or counts in a bin), the cross-validation folds, and
 * for the input-driven tasks the input signal as in `plexus-cli analyze readout --input`:
 * generated (uniform on [0, 1), the NARMA input on [0, 0.5); a step and a seed) or read from a
 * CSV file `time_ms,value`, with the number of delays of the memory capacity. Classification
 * takes the epochs of the condition table as its trials. Views: MemoryCapacityView,
 * PredictionView (NARMA-10, regression), ConfusionMatrixView (classification).
 */
class ReadoutView : public QWidget {
    Q_OBJECT

public:
    explicit ReadoutView(QWidget* parent = nullptr);
    ~ReadoutView() override;

    /// The settings of the next job.
    AnalysisJob::ReadoutSettings settings() const;
    /// Shows the settings @p settings.
    void setSettings(const AnalysisJob::ReadoutSettings& settings);
    /// Shows the readout of @p result (nullptr or none: the reason).
    void setResult(std::shared_ptr<const AnalysisResult> result);

    MemoryCapacityView* memoryView() const { return m_memory; }
    ConfusionMatrixView* confusionView() const { return m_confusion; }
    PredictionView* predictionView() const { return m_prediction; }
    /// The page shown (the view of the task).
    QWidget* currentView() const;

Q_SIGNALS:
    /// An option changed.
    void settingsChanged();

private:
    void updateOptions();

    QComboBox* m_task = nullptr;
    QComboBox* m_filter = nullptr;
    QDoubleSpinBox* m_filterMs = nullptr;
    QSpinBox* m_folds = nullptr;
    QComboBox* m_input = nullptr;
    QDoubleSpinBox* m_step = nullptr;
    QSpinBox* m_seed = nullptr;
    QLineEdit* m_path = nullptr;
    QToolButton* m_browse = nullptr;
    QSpinBox* m_delays = nullptr;
    QWidget* m_inputRow = nullptr;
    QLabel* m_trialsNote = nullptr;
    QStackedWidget* m_pages = nullptr;
    MemoryCapacityView* m_memory = nullptr;
    ConfusionMatrixView* m_confusion = nullptr;
    PredictionView* m_prediction = nullptr;
};

} // namespace plexus::widgets
