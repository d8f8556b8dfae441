#pragma once

#include <QFont>
#include <QSize>
#include <QSizeF>

namespace plexus::widgets {

/**
 * @brief A plot that rearranges itself while it is drawn into a figure.
 *
 * PlotFigureSource gives the plot the publication look (widgets::PublicationLook), then calls
 * beginFigure() with the size the plot is laid out at and the figure font, fits tick labels
 * and margins, draws, and calls endFigure(). Between the two the plot may move legends below
 * its axes, narrow or drop side columns, label every axis and thin text labels; endFigure()
 * undoes what beginFigure() did (axis labels, tickers, tick label visibility and rotation and
 * minimum margins are restored by the publication look itself).
 */
class FigureAdaptable {
public:
    virtual ~FigureAdaptable() = default;

    /**
     * @brief The plot is about to be laid out at @p size (layout pixels) with text in @p font;
     *        bitmaps it draws (a density image) get @p pixelRatio device pixels per layout
     *        pixel to come out at the figure's resolution.
     */
    virtual void beginFigure(const QSize& size, const QFont& font, double pixelRatio) = 0;
    /// Drawing is done: undo beginFigure().
    virtual void endFigure() = 0;
    /// The smallest panel the plot is readable in, in ems of the figure's font (by default
    /// FigureSource's smallest panel).
    virtual QSizeF minimumFigureSizeEm() const { return {14.0, 13.0}; }
};

} // namespace plexus::widgets
