#pragma once

#include "plexus/widgets/FigureSource.h"

#include <QPointer>

class QCustomPlot;

namespace plexus::widgets {

/**
 * @brief A QCustomPlot view as a figure panel, drawn as vectors.
 *
 * While it renders, the plot takes the publication style: white background, black axes,
 * ticks and labels, light grey grid, every axis, legend and text font at FigureStyle::fontPt,
 * laid out at the panel's size in points. The plot's own look is restored afterwards, so the
 * view on screen does not change. Dense content drawn as images (the raster's density layer)
 * stays an image inside the vector axes.
 */
class PlotFigureSource : public FigureSource {
public:
    /// @p plot is not owned; a deleted plot makes problem() report it.
    PlotFigureSource(QCustomPlot* plot, QString name);

    QString name() const override { return m_name; }
    void render(QCPPainter& painter, const QRectF& rect, const FigureStyle& style) override;
    QString problem() const override;

private:
    QPointer<QCustomPlot> m_plot;
    QString m_name;
};

} // namespace plexus::widgets
