#include "SwatchLegendItem.h"

#include <QFontMetrics>
#include <algorithm>

namespace plexus::widgets {

SwatchLegendItem::SwatchLegendItem(QCPLegend* legend, const QColor& color, const QString& text)
    : QCPAbstractLegendItem(legend)
    , m_color(color)
    , m_text(text) {
    // The item clips to its outer rectangle (which QCustomPlot shifts up a pixel) and measures
    // its text in whole pixels: a pixel of margin all round keeps every glyph inside.
    setMargins(QMargins(1, 1, 1, 2));
}

void SwatchLegendItem::draw(QCPPainter* painter) {
    const QSize icon = mParentLegend->iconSize();
    const QFontMetrics metrics(font());
    const QRect textRect = metrics.boundingRect(0, 0, 0, icon.height(), Qt::TextDontClip, m_text);
    const int height = std::max(textRect.height(), icon.height());
    // A square swatch, as tall as the text's x-height region, centred in the icon cell.
    const int side = std::min(icon.width(), std::max(2, metrics.ascent() * 3 / 4));
    const QRect swatch(mRect.x() + (icon.width() - side) / 2, mRect.y() + (height - side) / 2, side,
                       side);
    painter->fillRect(swatch, m_color);
    painter->setFont(font());
    painter->setPen(QPen(textColor()));
    painter->drawText(mRect.x() + icon.width() + mParentLegend->iconTextPadding(), mRect.y(),
                      textRect.width(), height, Qt::TextDontClip | Qt::AlignVCenter, m_text);
}

QSize SwatchLegendItem::minimumOuterSizeHint() const {
    const QSize icon = mParentLegend->iconSize();
    const QFontMetrics metrics(font());
    const QRect textRect = metrics.boundingRect(0, 0, 0, icon.height(), Qt::TextDontClip, m_text);
    return QSize(icon.width() + mParentLegend->iconTextPadding() + textRect.width(),
                 std::max(textRect.height(), icon.height())) +
           QSize(mMargins.left() + mMargins.right(), mMargins.top() + mMargins.bottom());
}

} // namespace plexus::widgets
