#pragma once

#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QPointer>
#include <functional>

namespace plexus::widgets {

/**
 * @brief A QCustomPlot layerable whose drawing is a callback, clipped to an axis rect (or to
 *        the whole viewport when no axis rect is set).
 *
 * Used for what QCustomPlot has no plottable for: the raster's spike image and band
 * separators, the crosshair read-out on the overlay layer, empty-state messages.
 */
class PainterLayerable : public QCPLayerable {
public:
    using DrawFunction = std::function<void(QCPPainter*)>;

    /// Creates the layerable on @p layer of @p plot (the plot owns it).
    PainterLayerable(QCustomPlot* plot, const QString& layer, DrawFunction draw);

    /// Clips drawing to @p rect (nullptr: the whole viewport).
    void setClipRect(QCPAxisRect* rect) { m_clip = rect; }

protected:
    QRect clipRect() const override;
    void applyDefaultAntialiasingHint(QCPPainter* painter) const override;
    void draw(QCPPainter* painter) override;

private:
    DrawFunction m_draw;
    QPointer<QCPAxisRect> m_clip;
};

} // namespace plexus::widgets
