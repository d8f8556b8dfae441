#pragma once

#include "plexus/widgets/figures/FigureSource.h"

#include <QPointer>

class QCustomPlot;

namespace plexus::widgets {

/**
 * @brief A QCustomPlot view as a figure panel, drawn as vectors.
 *
 * While it renders, the plot takes the publication style: white background, black axes,
 * ticks and labels, light grey grid, every axis, legend and text font at FigureStyle::fontPt.
 * It is laid out for the panel: like a widget of the panel's size on a 96 dpi screen whose
 * font is the figure's font (layoutFontPixels()), so margins and paddings keep their on-screen
 * proportions to the text. A plot that implements FigureAdaptable rearranges itself for the
 * figure (legends below the axes, every axis labelled). Tick density follows each axis' length
 * and the widths of its labels (AxisLabelFit), and a dry run into a TextBoxRecorder widens
 * margins until every tick label is inside the panel. The plot's own look and layout are
 * restored afterwards, so the view on screen does not change. Dense content drawn as images
 * (the raster's density layer) stays an image inside the vector axes, at the figure's
 * resolution.
 */
class PlotFigureSource : public FigureSource {
public:
    /// @p plot is not owned; a deleted plot makes problem() report it.
    PlotFigureSource(QCustomPlot* plot, QString name);

    QString name() const override { return m_name; }
    void render(QCPPainter& painter, const QRectF& rect, const FigureStyle& style) override;
    QString problem() const override;
    /// The plot's own smallest panel (FigureAdaptable::minimumFigureSizeEm()), else the default.
    QSizeF minimumSizeEm() const override;

    /// Font size in layout pixels for a figure font of @p fontPt points (about 4/3 px per pt).
    static int layoutFontPixels(double fontPt);

private:
    QPointer<QCustomPlot> m_plot;
    QString m_name;
};

} // namespace plexus::widgets
