#include "plexus/widgets/analysis/TrajectoryCurve.h"

#include <algorithm>
#include <utility>

namespace plexus::widgets {

namespace {

QColor withAlpha(QColor color, double alpha) {
    color.setAlphaF(static_cast<float>(std::clamp(alpha, 0.0, 1.0)));
    return color;
}

} // namespace

TrajectoryCurve::TrajectoryCurve(QCPAxis* keyAxis, QCPAxis* valueAxis)
    : QCPCurve(keyAxis, valueAxis) {
    setLineStyle(QCPCurve::lsLine);
    setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssNone));
    setColor(m_color);
}

TrajectoryCurve::~TrajectoryCurve() = default;

void TrajectoryCurve::setStates(const QVector<double>& x, const QVector<double>& y) {
    const int n = static_cast<int>(std::min(x.size(), y.size()));
    QVector<double> t(n);
    for (int i = 0; i < n; ++i) {
        t[i] = i;
    }
    setData(t, x.mid(0, n), y.mid(0, n), true);
    m_highlighted.clear();
}

void TrajectoryCurve::setColor(const QColor& color) {
    m_color = color;
    setPen(QPen(color, 2.0));
    setBrush(Qt::NoBrush);
}

void TrajectoryCurve::setMinimumAlpha(double alpha) {
    m_minimumAlpha = std::clamp(alpha, 0.0, 1.0);
}

double TrajectoryCurve::alphaOf(int index) const {
    const int n = stateCount();
    if (n <= 1) {
        return 1.0;
    }
    const double age = static_cast<double>(std::clamp(index, 0, n - 1)) / (n - 1);
    return m_minimumAlpha + (1.0 - m_minimumAlpha) * age;
}

void TrajectoryCurve::setHighlighted(std::vector<bool> highlighted) {
    m_highlighted = std::move(highlighted);
}

std::size_t TrajectoryCurve::highlightedCount() const {
    const auto n =
        std::min<std::size_t>(m_highlighted.size(), static_cast<std::size_t>(stateCount()));
    return static_cast<std::size_t>(std::count(
        m_highlighted.begin(), m_highlighted.begin() + static_cast<std::ptrdiff_t>(n), true));
}

bool TrajectoryCurve::isHighlighted(int index) const {
    return index >= 0 && static_cast<std::size_t>(index) < m_highlighted.size() &&
           index < stateCount() && m_highlighted[static_cast<std::size_t>(index)];
}

void TrajectoryCurve::draw(QCPPainter* painter) {
    const int n = stateCount();
    if (n == 0) {
        return;
    }
    QVector<QPointF> points(n);
    int i = 0;
    for (auto it = data()->constBegin(); it != data()->constEnd() && i < n; ++it, ++i) {
        points[i] = coordsToPixels(it->key, it->value);
    }
    applyDefaultAntialiasingHint(painter);

    // Trail: each segment as opaque as its newer end.
    for (int k = 1; k < n; ++k) {
        painter->setPen(QPen(withAlpha(m_color, alphaOf(k)), 2.0, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(points[k - 1], points[k]);
    }
    // State dots.
    painter->setPen(Qt::NoPen);
    for (int k = 0; k < n; ++k) {
        painter->setBrush(withAlpha(m_color, alphaOf(k)));
        painter->drawEllipse(points[k], 2.2, 2.2);
    }
    // Highlighted states above the trail.
    for (int k = 0; k < n; ++k) {
        if (!isHighlighted(k)) {
            continue;
        }
        painter->setPen(QPen(m_outline, 1.4));
        painter->setBrush(m_color);
        painter->drawEllipse(points[k], 5.0, 5.0);
    }
    // Start: ring; end: filled square with an outline.
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(withAlpha(m_color, std::max(0.6, alphaOf(0))), 2.0));
    painter->drawEllipse(points.front(), 5.5, 5.5);
    painter->setPen(QPen(m_outline, 1.2));
    painter->setBrush(m_color);
    painter->drawRect(QRectF(points.back() - QPointF(5.0, 5.0), QSizeF(10.0, 10.0)));
}

void TrajectoryCurve::drawLegendIcon(QCPPainter* painter, const QRectF& rect) const {
    applyDefaultAntialiasingHint(painter);
    const double y = rect.center().y();
    const int steps = 4;
    for (int k = 0; k < steps; ++k) {
        const double a = m_minimumAlpha + (1.0 - m_minimumAlpha) * (k + 1.0) / steps;
        painter->setPen(QPen(withAlpha(m_color, a), 2.0));
        const double x0 = rect.left() + rect.width() * k / steps;
        const double x1 = rect.left() + rect.width() * (k + 1.0) / steps;
        painter->drawLine(QPointF(x0, y), QPointF(x1, y));
    }
    painter->setPen(QPen(m_outline, 1.0));
    painter->setBrush(m_color);
    painter->drawRect(QRectF(rect.right() - 4.0, y - 3.0, 6.0, 6.0));
}

} // namespace plexus::widgets
