#pragma once

#include "plexus/analysis/Rdm.h"
#include "plexus/widgets/figures/FigureAdaptable.h"
#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QString>
#include <QStringList>
#include <cstddef>

namespace plexus::widgets {

/**
 * @brief A representational dissimilarity matrix as a heatmap with a colour bar and the
 *        condition names on both axes.
 *
 * Cell (i, j) (row i from the top, column j from the left) shows rdm(i, j) unsmoothed in a
 * perceptually uniform colour map (dark = similar, bright = dissimilar) scaled to the range of
 * the entries. With many conditions only every k-th name is written. Colours follow the widget
 * palette. In a figure both axes are labelled "condition", the names are slanted or upright
 * when they are wider than a cell, and in a narrow figure the colour bar lies below the matrix.
 */
class RdmHeatmap : public QCustomPlot, public FigureAdaptable {
    Q_OBJECT

public:
    /// Creates an empty heatmap.
    explicit RdmHeatmap(QWidget* parent = nullptr);
    ~RdmHeatmap() override;

    /// Shows @p rdm with @p label on the colour bar (e.g. "1 - r").
    void setRdm(const analysis::Rdm& rdm, const QString& label);
    /// Shows nothing (and @p message in the middle, if any).
    void clear(const QString& message = {});

    /// Number of conditions shown.
    std::size_t conditionCount() const { return m_size; }
    /// The value shown for conditions @p row and @p column.
    double cellValue(std::size_t row, std::size_t column) const;
    /// The colour map.
    QCPColorMap* colorMap() const { return m_map; }
    /// The colour bar.
    QCPColorScale* colorScale() const { return m_scale; }

    void beginFigure(const QSize& size, const QFont& font, double pixelRatio) override;
    void endFigure() override;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyTheme();

    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
    QCPItemText* m_message = nullptr;
    std::size_t m_size = 0;
    QStringList m_names;
    QCPMarginGroup* m_group = nullptr; ///< keeps the colour bar as long as the matrix
    bool m_scaleBelow = false;         ///< in a narrow figure: the colour bar is below
    int m_barWidth = 12;               ///< the colour bar's width outside figures
};

} // namespace plexus::widgets
