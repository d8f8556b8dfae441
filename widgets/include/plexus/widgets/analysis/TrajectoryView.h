#pragma once

#include "plexus/widgets/analysis/AnalysisResult.h"

#include <QWidget>
#include <cstddef>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QComboBox;
class QCustomPlot;
class QLabel;
class QStackedWidget;
class QTableWidget;
class QToolButton;

namespace plexus::widgets {

class TrajectoryCurve;
class TrajectoryView3D;

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
 * A "2D | 3D" switch above the plot replaces the 2D plot by a TrajectoryView3D (PC1 x PC2 x PC3,
 * orbit camera), created the first time it is shown; it follows every new result and the
 * highlight; a "PNG…" button then saves it at twice its size. Where OpenGL cannot render
 * (VtkOpenGLWidget::isRenderingSupported() false, e.g. Qt's offscreen platform) a note takes its
 * place.
 *
 * setHighlightWindow() highlights the states whose time (in any repeat of the condition) lies
 * in a time window, e.g. the one selected in the raster, in both the 2D and the 3D view.
 * Errors replace the plot by a message.
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
    /// Per condition, per state: true when the state is highlighted (what both views draw).
    const std::vector<std::vector<bool>>& highlightFlags() const { return m_flags; }

    /// Shows the 3D view (true) or the 2D plot (false).
    void setThreeD(bool threeD);
    /// True while the 3D view (or its note) is shown.
    bool isThreeD() const { return m_threeD; }
    /// The 3D view; nullptr until first shown, and always where OpenGL cannot render.
    TrajectoryView3D* view3D() const { return m_view3D; }
    /// The text shown instead of the 3D view where OpenGL cannot render (empty otherwise).
    QString note3D() const;

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
    void ensureView3D();
    void updateView3DColors();
    void fillMetrics();
    void applyTheme();

    QComboBox* m_axes = nullptr;
    QLabel* m_info = nullptr;
    QLabel* m_message = nullptr;
    QCustomPlot* m_plot = nullptr;
    QStackedWidget* m_stack = nullptr;
    QWidget* m_page3D = nullptr;
    QLabel* m_note3D = nullptr;
    QToolButton* m_button2D = nullptr;
    QToolButton* m_button3D = nullptr;
    QToolButton* m_png3D = nullptr;
    TrajectoryView3D* m_view3D = nullptr;
    bool m_threeD = false;
    std::vector<std::vector<bool>> m_flags;
    QTableWidget* m_metrics = nullptr;
    QTableWidget* m_conditions = nullptr;
    std::vector<TrajectoryCurve*> m_curves;
    std::shared_ptr<const AnalysisResult> m_result;
    std::optional<std::pair<double, double>> m_window;
    int m_componentX = 0;
    int m_componentY = 1;
};

} // namespace plexus::widgets
