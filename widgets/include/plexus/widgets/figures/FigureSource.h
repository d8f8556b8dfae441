#pragma once

#include <QRectF>
#include <QSizeF>
#include <QString>

class QCPPainter;

namespace plexus::widgets {

struct FigureStyle;

/**
 * @brief One panel of a figure: something that draws itself into a rectangle of a painter.
 *
 * Coordinates are PostScript points (the composer's painter maps them to pixels, SVG user
 * units or PDF points), so vector sources stay vectors in SVG and PDF. The painter is a
 * QCPPainter (a QPainter that QCustomPlot can draw through).
 */
class FigureSource {
public:
    virtual ~FigureSource() = default;

    /// Short name of the view ("raster", "cortex"), used in provenance and error messages.
    virtual QString name() const = 0;
    /// Draws the panel into @p rect (points) of @p painter in @p style.
    virtual void render(QCPPainter& painter, const QRectF& rect, const FigureStyle& style) = 0;
    /// Empty when the source can be drawn, otherwise why not ("the 3-D view has no image").
    virtual QString problem() const { return {}; }

    /// Width of the smallest panel, in ems of the figure's font, in which a view keeps its
    /// axes, legends and labels readable and apart.
    static constexpr double kMinWidthEm = 14.0;
    /// Height of the smallest panel (without its letter), in ems of the figure's font.
    static constexpr double kMinHeightEm = 13.0;
    /// The smallest panel this view is readable in, in ems of the figure's font.
    virtual QSizeF minimumSizeEm() const { return {kMinWidthEm, kMinHeightEm}; }
};

} // namespace plexus::widgets
