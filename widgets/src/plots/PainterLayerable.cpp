#include "PainterLayerable.h"

#include <utility>

namespace plexus::widgets {

PainterLayerable::PainterLayerable(QCustomPlot* plot, const QString& layer, DrawFunction draw)
    : QCPLayerable(plot, layer)
    , m_draw(std::move(draw)) {}

QRect PainterLayerable::clipRect() const {
    if (m_clip) {
        return m_clip->rect();
    }
    return QCPLayerable::clipRect();
}

void PainterLayerable::applyDefaultAntialiasingHint(QCPPainter* painter) const {
    painter->setAntialiasing(false);
}

void PainterLayerable::draw(QCPPainter* painter) {
    if (m_draw) {
        m_draw(painter);
    }
}

} // namespace plexus::widgets
