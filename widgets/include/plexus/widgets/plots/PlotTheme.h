#pragma once

#include <QColor>
#include <QPalette>
#include <cstddef>

class QCustomPlot;
class QCPLegend;

namespace plexus::widgets {

/**
 * @brief Colours shared by the live plots: a fixed series palette (one colour per population,
 *        trace or projection) and the styling of QCustomPlot axes from the widget palette, so
 *        plots look right in the light and the dark theme.
 */
class PlotTheme {
public:
    /// Colour of series @p index (population, trace, projection); the palette repeats after 10.
    static QColor seriesColor(std::size_t index);
    /**
     * @brief Colour of protocol condition @p index (trial strips and legends): a fixed
     *        qualitative palette (Okabe-Ito, without its black) apart from seriesColor(), the
     *        same for condition i in every view and figure; it repeats after 7.
     */
    static QColor conditionColor(std::size_t index);

    /// Linear mix of @p a and @p b: t = 0 gives a, t = 1 gives b (alpha mixed too).
    static QColor mix(const QColor& a, const QColor& b, double t);

    /**
     * @brief Styles the background, every axis rect's axes and grids, and every legend of
     *        @p plot from @p palette (Base for the background, Text for axes and labels).
     *        Call again after axis rects or legends were added.
     */
    static void apply(QCustomPlot* plot, const QPalette& palette);

    /// Styles one legend from @p palette (translucent Base background, Text labels).
    static void applyToLegend(QCPLegend* legend, const QPalette& palette);
};

} // namespace plexus::widgets
