#pragma once

#include "plexus/widgets/figures/FigureSource.h"

#include <QImage>
#include <functional>

namespace plexus::widgets {

/**
 * @brief A view that can only give a picture (the 3-D view) as a figure panel.
 *
 * The image is produced when the figure is drawn, by a callback that receives the pixel size
 * of the whole panel at the export's resolution and the scale of those pixels to screen
 * pixels (dpi / 96): the 3-D view renders off screen at exactly that size, laid out like a
 * view of the panel's size on screen with its text and scale bar enlarged by the scale, so a
 * 300 dpi figure gets a 300 dpi rendering whose text prints at its on-screen point size. An
 * image of another aspect ratio is drawn centred with its aspect kept; in SVG and PDF it is
 * embedded as a bitmap.
 */
class ImageFigureSource : public FigureSource {
public:
    /// Returns the image for a panel of @p pixels, each @p pixelScale screen pixels wide, whose
    /// text (labels, legend, scale bar) is @p textPixels high: the figure's font size at the
    /// export's resolution. A null image on failure.
    using Renderer = std::function<QImage(QSize pixels, double pixelScale, double textPixels)>;

    /// Screen pixels per inch the pixel scale refers to.
    static constexpr double kScreenDpi = 96.0;

    ImageFigureSource(Renderer renderer, QString name);

    QString name() const override { return m_name; }
    void render(QCPPainter& painter, const QRectF& rect, const FigureStyle& style) override;
    QString problem() const override { return m_problem; }

private:
    Renderer m_renderer;
    QString m_name;
    QString m_problem;
};

} // namespace plexus::widgets
