#pragma once

#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QPointer>

namespace plexus::widgets {

/**
 * @brief Moves a legend below an axis rect for the time it exists, and puts it back.
 *
 * The legend goes into a new row of the plot's layout right under @p rect, without a frame,
 * its entries in as many columns as fit @p width (so it is never wider than the plot and never
 * clipped), taking only the height it needs. Where it came from (a cell of a layout grid, such
 * as a live plot's side column, or an axis rect's inset layout) is remembered and restored.
 */
class FigureLegendMove {
public:
    FigureLegendMove(QCustomPlot& plot, QCPAxisRect* rect, QCPLegend* legend, int width);
    ~FigureLegendMove();
    FigureLegendMove(const FigureLegendMove&) = delete;
    FigureLegendMove& operator=(const FigureLegendMove&) = delete;

    /// Entries per row that fit @p width (at least 1).
    static int columnsFitting(const QCPLegend& legend, int width);
    /// Arranges the entries of @p legend in rows of as many columns as fit @p width.
    static void wrapToWidth(QCPLegend& legend, int width);

private:
    QCustomPlot& m_plot;
    QPointer<QCPLegend> m_legend;
    QPointer<QCPLayoutGrid> m_grid;
    int m_row = -1;
    int m_column = -1;
    QPointer<QCPLayoutInset> m_inset;
    Qt::Alignment m_alignment;
    QCPLayoutInset::InsetPlacement m_placement = QCPLayoutInset::ipBorderAligned;
    QRectF m_insetRect;
    int m_wrap = 0;
    QCPLayoutGrid::FillOrder m_fillOrder = QCPLayoutGrid::foRowsFirst;
    QPen m_border;
    QBrush m_brush;
    bool m_visible = true;
    bool m_moved = false;
};

} // namespace plexus::widgets
