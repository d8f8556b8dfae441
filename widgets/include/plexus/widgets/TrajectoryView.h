#pragma once

#include "plexus/widgets/AnalysisResult.h"

#include <QWidget>
#include <cstddef>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QComboBox;
class QCustomPlot;
class QLabel;
class QTableWidget;

namespace plexus::widgets {

class TrajectoryCurve;

/**
 * @brief PCA trajectories of the conditions (2D) beside a table of trajectory metrics.
 *
 * Each condition's states, projected on two principal components (PC1 x PC2 by default; any
 * pair of the first components through the axes combo), form a TrajectoryCurve in the
 * condition's colour: a fading trail from a ring (start) to a square (end). The axis labels give
 * the share of variance of each component. The metrics table lists the summary metrics of
 * analysis::TrajectoryAnalysis (path length, mean curvature in radians, convergence index,
 * participation ratio, stability, mean cosine similarity) with their time- and unit-shuffle
 * controls (mean ± sd); each cell keeps its exact number in Qt::UserRole (the control's sd in
 * Qt::UserRole + 1). A second table lists the per-condition values.
 *
 * setHighlightWindow() highlights the states whose time (in any repeat of the condition) lies
 * in a time window, e.g. the one selected in the raster. Errors replace the plot by a message.
 */
class TrajectoryView : public QWidget {
    Q_OBJECT

public:
    /// Rows of the metrics table, in order.
    enum MetricRow {
        PathLength,
        MeanCurvature,
        ConvergenceIndex,
        ParticipationRatio,
        Stability,
        MeanCosineSimilarity,
        MetricRowCount
    };
    /// Columns of the metrics table.
    enum MetricColumn { ValueColumn, TimeShuffleColumn, UnitShuffleColumn };

    /// Creates an empty view.
    explicit TrajectoryView(QWidget* parent = nullptr);
    ~TrajectoryView() override;

    /// Shows the trajectories of @p result (its error when it has none); nullptr clears.
    void setResult(std::shared_ptr<const AnalysisResult> result);
    /// The result shown (may be nullptr).
    const std::shared_ptr<const AnalysisResult>& result() const { return m_result; }

    /// Shows components @p x and @p y (0-based) on the axes; clamped to those available.
    void setComponents(int x, int y);
    /// Component on the horizontal axis (0-based).
    int componentX() const { return m_componentX; }
    /// Component on the vertical axis (0-based).
    int componentY() const { return m_componentY; }

    /// Highlights the states in [lowerMs, upperMs] (none: no highlight).
    void setHighlightWindow(std::optional<std::pair<double, double>> windowMs);
    /// Number of highlighted states over all conditions.
    std::size_t highlightedPointCount() const;

    /// The plot.
    QCustomPlot* plot() const { return m_plot; }
    /// The curve of condition @p index (nullptr when there is none).
    TrajectoryCurve* curve(std::size_t index) const;
    /// Number of condition curves shown.
    std::size_t curveCount() const { return m_curves.size(); }
    /// The summary metrics table (rows MetricRow, columns MetricColumn).
    QTableWidget* metricsTable() const { return m_metrics; }
    /// The per-condition table (one row per condition).
    QTableWidget* conditionTable() const { return m_conditions; }
    /// The error message shown instead of the plot (empty when the plot is shown).
    QString message() const;

    /// Name of the core summary metric shown in row @p row (e.g. "path_length").
    static const char* metricName(MetricRow row);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void updateHighlight();
    void fillMetrics();
    void applyTheme();

    QComboBox* m_axes = nullptr;
    QLabel* m_info = nullptr;
    QLabel* m_message = nullptr;
    QCustomPlot* m_plot = nullptr;
    QTableWidget* m_metrics = nullptr;
    QTableWidget* m_conditions = nullptr;
    std::vector<TrajectoryCurve*> m_curves;
    std::shared_ptr<const AnalysisResult> m_result;
    std::optional<std::pair<double, double>> m_window;
    int m_componentX = 0;
    int m_componentY = 1;
};

} // namespace plexus::widgets
