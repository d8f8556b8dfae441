#pragma once

#include "plexus/widgets/analysis/AnalysisJob.h"
#include "plexus/widgets/analysis/AnalysisResult.h"

#include <QWidget>
#include <memory>

class QCheckBox;
class QDoubleSpinBox;
class QTabWidget;

namespace plexus::widgets {

class AvalancheView;
class BranchingView;
class SpectrumView;

/**
 * @brief The "Dynamics" analysis of the analysis panel: its options (avalanche bin width, auto
 *        by default; shown spectrum range; aperiodic fit range; log or linear frequency axis)
 *        above three views of the same result: avalanches, spectrum and branching ratio.
 *        Changing an option emits settingsChanged() (the panel recomputes); the frequency
 *        axis only redraws.
 */
class DynamicsView : public QWidget {
    Q_OBJECT

public:
    explicit DynamicsView(QWidget* parent = nullptr);
    ~DynamicsView() override;

    /// The settings of the next job.
    AnalysisJob::DynamicsSettings settings() const;
    /// Shows the settings @p settings (the avalanche bin, spectrum and fit ranges).
    void setSettings(const AnalysisJob::DynamicsSettings& settings);
    /// Shows the dynamics of @p result (nullptr or none: the reason).
    void setResult(std::shared_ptr<const AnalysisResult> result);

    AvalancheView* avalancheView() const { return m_avalanches; }
    SpectrumView* spectrumView() const { return m_spectrum; }
    BranchingView* branchingView() const { return m_branching; }
    QTabWidget* tabs() const { return m_tabs; }

Q_SIGNALS:
    /// An option that changes the computation changed.
    void settingsChanged();

private:
    QDoubleSpinBox* m_bin = nullptr;
    QDoubleSpinBox* m_spectrumLow = nullptr;
    QDoubleSpinBox* m_spectrumHigh = nullptr;
    QDoubleSpinBox* m_fitLow = nullptr;
    QDoubleSpinBox* m_fitHigh = nullptr;
    QCheckBox* m_logFrequency = nullptr;
    QTabWidget* m_tabs = nullptr;
    AvalancheView* m_avalanches = nullptr;
    SpectrumView* m_spectrum = nullptr;
    BranchingView* m_branching = nullptr;
};

} // namespace plexus::widgets
