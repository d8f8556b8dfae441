#pragma once

#include "plexus/widgets/FigureSource.h"

#include <QImage>
#include <functional>

namespace plexus::widgets {

/**
 * @brief A view that can only give a picture (the 3-D view) as a figure panel.
 *
 * The image is produced when the figure is drawn, by a callback that receives the pixel size
 * the panel needs at the export's resolution (the 3-D view renders off screen at that size,
 * so a 300 dpi figure gets a 300 dpi rendering). It is drawn centred in the panel with its
 * aspect ratio kept; in SVG and PDF it is embedded as a bitmap.
 */
class ImageFigureSource : public FigureSource {
public:
    /// Returns the image for a panel of the given pixel size (a null image on failure).
    using Renderer = std::function<QImage(QSize pixels)>;

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
