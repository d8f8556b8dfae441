#pragma once

#include "plexus/widgets/analysis/AnalysisResult.h"
#include "plexus/widgets/figures/FigureAdaptable.h"
#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QString>
#include <memory>
#include <vector>

namespace plexus::widgets {

class FigureLegendMove;

/**
 * @brief Bar chart of how well each model RDM matches the data RDM: one bar per model (its
 *        comparison value) with the bootstrap confidence interval as an error bar, and a second
 *        bar per model after the geo-topological transform when there is one.
 *
 * Models that could not be compared get no bar and "(n/a)" after their name; the reason is in
 * the tooltip of the chart. In a figure the models' axis is labelled, the names slant when
 * wider than their bars' room, and the legend goes below the axes.
 */
class ComparisonChart : public QCustomPlot, public FigureAdaptable {
    Q_OBJECT

public:
    /// Creates an empty chart.
    explicit ComparisonChart(QWidget* parent = nullptr);
    ~ComparisonChart() override;

    /// Shows @p models compared with @p methodLabel (e.g. "Spearman ρ").
    void setModels(const std::vector<AnalysisResult::ModelFit>& models, const QString& methodLabel);
    /// Shows nothing (and @p message, if any).
    void clear(const QString& message = {});

    /// Bars of the plain comparison.
    QCPBars* bars() const { return m_bars; }
    /// Bars after the geo-topological transform (empty without it).
    QCPBars* geoBars() const { return m_geoBars; }
    /// Error bars (confidence intervals) of bars().
    QCPErrorBars* errorBars() const { return m_errors; }

    void beginFigure(const QSize& size, const QFont& font, double pixelRatio) override;
    void endFigure() override;

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void applyTheme();
    /// Slants the model names when they would run together in @p width pixels of plot.
    void fitModelNames(double width, const QFont& font);

    QCPBars* m_bars = nullptr;
    QCPBars* m_geoBars = nullptr;
    QCPErrorBars* m_errors = nullptr;
    QCPErrorBars* m_geoErrors = nullptr;
    QCPBarsGroup* m_group = nullptr;
    QCPItemText* m_message = nullptr;
    std::unique_ptr<FigureLegendMove> m_figureLegend;
};

} // namespace plexus::widgets
