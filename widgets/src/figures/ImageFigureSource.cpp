#include "plexus/widgets/figures/ImageFigureSource.h"

#include "plexus/widgets/figures/FigureStyle.h"
#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QPainter>
#include <cmath>
#include <utility>

namespace plexus::widgets {

ImageFigureSource::ImageFigureSource(Renderer renderer, QString name)
    : m_renderer(std::move(renderer))
    , m_name(std::move(name)) {}

void ImageFigureSource::render(QCPPainter& painter, const QRectF& rect, const FigureStyle& style) {
    const QSize pixels(
        std::max(1, static_cast<int>(std::lround(rect.width() / 72.0 * style.dpi))),
        std::max(1, static_cast<int>(std::lround(rect.height() / 72.0 * style.dpi))));
    const double textPixels = style.fontPt / 72.0 * style.dpi;
    const QImage image =
        m_renderer ? m_renderer(pixels, style.dpi / kScreenDpi, textPixels) : QImage();
    if (image.isNull()) {
        m_problem = QStringLiteral("the %1 view gave no image").arg(m_name);
        return;
    }
    m_problem.clear();
    QSizeF size = image.size();
    if (image.size() != pixels) {
        size.scale(rect.size(), Qt::KeepAspectRatio);
    } else {
        size = rect.size();
    }
    const QRectF target(rect.center() - QPointF(size.width() / 2.0, size.height() / 2.0), size);
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(target, image);
    painter.restore();
}

} // namespace plexus::widgets
