#include "plexus/widgets/editor/EdgeItem.h"

#include "plexus/widgets/editor/CircuitTheme.h"
#include "plexus/widgets/editor/NodeItem.h"

#include <QFont>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QLineF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QtMath>
#include <algorithm>
#include <cmath>

namespace plexus::widgets {

namespace {

constexpr qreal kArrow = 10.0;
constexpr qreal kLoopLift = 34.0;
constexpr qreal kClearance = 16.0;    ///< distance a detour keeps from the cards it passes
constexpr qreal kStub = 28.0;         ///< straight run out of (into) a port before a detour turns
constexpr qreal kCornerRadius = 14.0; ///< rounding of a detour's corners

/// The polyline through @p points with rounded corners.
QPainterPath roundedPolyline(const QList<QPointF>& input, qreal radius) {
    QList<QPointF> points;
    for (const QPointF& p : input) {
        if (points.isEmpty() || QLineF(points.back(), p).length() > 1e-6) {
            points << p;
        }
    }
    QPainterPath path(points.front());
    for (qsizetype i = 1; i + 1 < points.size(); ++i) {
        const QLineF in(points[i - 1], points[i]);
        const QLineF out(points[i], points[i + 1]);
        const qreal r = std::min({radius, in.length() / 2, out.length() / 2});
        path.lineTo(in.pointAt(1.0 - r / in.length()));
        path.quadTo(points[i], out.pointAt(r / out.length()));
    }
    path.lineTo(points.back());
    return path;
}

/// @p rects grown by @p margin on every side.
QList<QRectF> inflated(const QList<QRectF>& rects, qreal margin) {
    QList<QRectF> out;
    out.reserve(rects.size());
    for (const QRectF& rect : rects) {
        out << rect.adjusted(-margin, -margin, margin, margin);
    }
    return out;
}

/// True when the line of @p path (not the area it encloses) crosses one of @p rects.
bool crossesAny(const QPainterPath& path, const QList<QRectF>& rects) {
    const QRectF box = path.controlPointRect().adjusted(-2, -2, 2, 2);
    QPainterPath line;
    bool stroked = false;
    for (const QRectF& rect : rects) {
        if (!box.intersects(rect)) {
            continue;
        }
        if (!stroked) {
            QPainterPathStroker stroker;
            stroker.setWidth(2.0);
            line = stroker.createStroke(path);
            stroked = true;
        }
        if (line.intersects(rect)) {
            return true;
        }
    }
    return false;
}

QFont labelFont() {
    QFont font;
    font.setPointSizeF(7.5);
    return font;
}

} // namespace

EdgeItem::EdgeItem(Kind kind, const QString& name, NodeItem* source, NodeItem* target,
                   const CircuitTheme* theme)
    : m_kind(kind)
    , m_name(name)
    , m_source(nullptr)
    , m_target(nullptr)
    , m_theme(theme) {
    setFlag(ItemIsSelectable, kind == Kind::Projection);
    setZValue(kind == Kind::Projection ? 0.0 : -0.5);
    setEndpoints(source, target);
}

EdgeItem::~EdgeItem() {
    setEndpoints(nullptr, nullptr);
}

void EdgeItem::setEndpoints(NodeItem* source, NodeItem* target) {
    if (m_source != nullptr) {
        m_source->detachEdge(this);
    }
    if (m_target != nullptr) {
        m_target->detachEdge(this);
    }
    m_source = source;
    m_target = target;
    if (m_source != nullptr) {
        m_source->attachEdge(this);
    }
    if (m_target != nullptr) {
        m_target->attachEdge(this);
    }
    updatePath();
}

void EdgeItem::setStyle(const Style& style) {
    prepareGeometryChange();
    m_style = style;
    setToolTip(style.toolTip);
    update();
}

void EdgeItem::setBend(qreal bend) {
    if (bend != m_bend) {
        m_bend = bend;
        updatePath();
    }
}

void EdgeItem::setTheme(const CircuitTheme* theme) {
    m_theme = theme;
    update();
}

void EdgeItem::updatePath() {
    prepareGeometryChange();
    if (m_source == nullptr || m_target == nullptr) {
        setPath(QPainterPath());
        return;
    }
    const QPointF a = m_source->outputPortPos();
    const QPointF b = m_target->inputPortPos();
    if (m_source == m_target) {
        QPainterPath path(a);
        const qreal lift = NodeItem::height / 2 + kLoopLift + m_bend;
        const QPointF top = m_source->pos() + QPointF(0.0, -lift);
        const qreal reach = 55.0 + 0.5 * m_bend;
        path.cubicTo(a + QPointF(reach, 0.0), QPointF(a.x() + reach, top.y()), top);
        path.cubicTo(QPointF(b.x() - reach, top.y()), b + QPointF(-reach, 0.0), b);
        setPath(path);
        return;
    }
    // The cards of every other node: the edge goes around them.
    QList<QRectF> others;
    if (scene() != nullptr) {
        for (QGraphicsItem* item : scene()->items()) {
            if (item->type() == NodeItem::Type && item != m_source && item != m_target) {
                others << static_cast<NodeItem*>(item)->sceneCardRect();
            }
        }
    }
    // The usual curve unless it crosses a card: another node's, or its own ends' (a link to a
    // recorder below its population would otherwise cut through both).
    const QPainterPath direct = directPath(a, b);
    QList<QRectF> cards = inflated(others, 2.0);
    cards << inflated({m_source->sceneCardRect(), m_target->sceneCardRect()}, -3.0);
    if (crossesAny(direct, cards)) {
        const QPainterPath around = detour(a, b, others);
        if (!around.isEmpty()) {
            setPath(around);
            return;
        }
    }
    setPath(direct);
}

QPainterPath EdgeItem::directPath(QPointF a, QPointF b) const {
    QPainterPath path(a);
    if (m_kind == Kind::Projection && b.x() < a.x() + 30.0) {
        // A backward edge goes around the nodes: above them when its target lies higher,
        // below them otherwise, outside the self-loops' space.
        const qreal half = NodeItem::height / 2;
        const bool above = b.y() < a.y() - half;
        const qreal level =
            above
                ? std::min(m_source->pos().y(), m_target->pos().y()) - half - 2 * kLoopLift - m_bend
                : std::max(m_source->pos().y(), m_target->pos().y()) + half + kLoopLift + m_bend;
        const qreal reach = 60.0;
        const QPointF mid(0.5 * (a.x() + b.x()), level);
        path.cubicTo(a + QPointF(reach, 0.0), QPointF(a.x() + reach, level), mid);
        path.cubicTo(QPointF(b.x() - reach, level), b - QPointF(reach, 0.0), b);
        return path;
    }
    const QPointF d = b - a;
    const qreal length = std::max(1.0, std::hypot(d.x(), d.y()));
    const QPointF normal(-d.y() / length, d.x() / length);
    const qreal dx = std::clamp(std::abs(d.x()) * 0.5, 40.0, 220.0);
    const QPointF offset = normal * m_bend;
    path.cubicTo(a + QPointF(dx, 0.0) + offset, b - QPointF(dx, 0.0) + offset, b);
    return path;
}

QPainterPath EdgeItem::detour(QPointF a, QPointF b, const QList<QRectF>& others) const {
    // Out of the source's port to the right, down or up to a horizontal lane, along it and into
    // the target's port from the left, with rounded corners: an orthogonal route whose vertical
    // runs and lane keep clear of every card. Only cards near the edge matter.
    const QRectF source = m_source->sceneCardRect();
    const QRectF target = m_target->sceneCardRect();
    const QRectF near = QRectF(a, b).normalized().adjusted(-400, -400, 400, 400);
    QList<QRectF> cards{source, target};
    for (const QRectF& card : others) {
        if (card.intersects(near)) {
            cards << card;
        }
    }
    const qreal firstX = a.x() + kStub;
    const qreal lastX = b.x() - kStub;
    std::vector<qreal> turnOut = {firstX};
    std::vector<qreal> turnIn = {lastX};
    std::vector<qreal> lanes = {a.y() + m_bend, b.y() + m_bend};
    for (const QRectF& card : std::as_const(cards)) {
        if (card.right() + kClearance > firstX) {
            turnOut.push_back(card.right() + kClearance);
        }
        if (card.left() - kClearance < lastX) {
            turnIn.push_back(card.left() - kClearance);
        }
        lanes.push_back(card.top() - kClearance + m_bend);
        lanes.push_back(card.bottom() + kClearance + m_bend);
    }
    struct Route {
        qreal cost;
        qreal x1;
        qreal y;
        qreal x2;
    };
    std::vector<Route> routes;
    routes.reserve(turnOut.size() * turnIn.size() * lanes.size());
    for (const qreal x1 : turnOut) {
        for (const qreal x2 : turnIn) {
            for (const qreal y : lanes) {
                // Length, plus a little for every corner and for lanes below (above wins ties).
                const qreal corners = (y != a.y() ? 2 : 0) + (y != b.y() ? 2 : 0);
                const qreal cost = std::abs(x1 - a.x()) + std::abs(y - a.y()) + std::abs(x2 - x1) +
                                   std::abs(b.y() - y) + std::abs(b.x() - x2) + 10.0 * corners +
                                   1e-3 * y;
                routes.push_back({cost, x1, y, x2});
            }
        }
    }
    std::sort(routes.begin(), routes.end(),
              [](const Route& p, const Route& q) { return p.cost < q.cost; });
    const QList<QRectF> keepClear = inflated(cards, kClearance - 2.0);
    const QRectF& sourceClear = keepClear[0];
    const QRectF& targetClear = keepClear[1];
    // True when the axis-parallel segment from p to q enters the inside of one of the cards
    // (touching an edge is fine: the stubs start on the end cards' ports).
    auto blocked = [&](QPointF p, QPointF q, const QRectF* skip) {
        const QRectF span = QRectF(p, q).normalized();
        for (const QRectF& card : keepClear) {
            if (&card == skip) {
                continue;
            }
            if (span.left() < card.right() && span.right() > card.left() &&
                span.top() < card.bottom() && span.bottom() > card.top()) {
                return true;
            }
        }
        return false;
    };
    for (const Route& route : routes) {
        const QList<QPointF> points = {
            a, {route.x1, a.y()}, {route.x1, route.y}, {route.x2, route.y}, {route.x2, b.y()}, b};
        bool clear = !blocked(points[0], points[1], &sourceClear) &&
                     !blocked(points[4], points[5], &targetClear);
        for (int i = 1; clear && i < 4; ++i) {
            clear = !blocked(points[i], points[i + 1], nullptr);
        }
        if (clear) {
            return roundedPolyline(points, kCornerRadius);
        }
    }
    return {};
}

QPointF EdgeItem::labelPos() const {
    return mapToScene(path().pointAtPercent(0.5));
}

QString EdgeItem::labelText() const {
    if (m_kind != Kind::Projection) {
        return {};
    }
    QString text = m_style.label;
    if (m_style.plastic) {
        text += QStringLiteral("  \u27f3 %1").arg(m_style.plasticity);
    }
    return text;
}

QRectF EdgeItem::labelRect() const {
    const QString text = labelText();
    if (text.isEmpty() || path().isEmpty()) {
        return {};
    }
    const QFontMetricsF metrics(labelFont());
    const QSizeF size(metrics.horizontalAdvance(text) + 10.0, metrics.height() + 4.0);
    const QPointF centre = path().pointAtPercent(0.5);
    return QRectF(centre - QPointF(size.width() / 2, size.height() / 2), size);
}

QColor EdgeItem::color() const {
    if (m_kind == Kind::Link) {
        return m_theme->link;
    }
    switch (m_style.sign) {
    case Sign::Excitatory:
        return m_theme->excitatory;
    case Sign::Inhibitory:
        return m_theme->inhibitory;
    case Sign::Neutral:
        return m_theme->neutral;
    }
    return m_theme->neutral;
}

QRectF EdgeItem::boundingRect() const {
    QRectF rect = path().boundingRect().adjusted(-kArrow - 4, -kArrow - 4, kArrow + 4, kArrow + 4);
    const QRectF label = labelRect();
    if (!label.isNull()) {
        rect = rect.united(label.adjusted(-2, -2, 2, 2));
    }
    return rect;
}

QPainterPath EdgeItem::shape() const {
    QPainterPathStroker stroker;
    stroker.setWidth(12.0);
    QPainterPath shape = stroker.createStroke(path());
    const QRectF label = labelRect();
    if (!label.isNull()) {
        shape.addRect(label);
    }
    return shape;
}

void EdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) {
    Q_UNUSED(option);
    Q_UNUSED(widget);
    if (path().isEmpty()) {
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QColor base = color();
    const bool selected = isSelected();

    if (selected) {
        QColor glow = m_theme->selection;
        glow.setAlpha(90);
        painter->setPen(QPen(glow, 8.0, Qt::SolidLine, Qt::RoundCap));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(path());
    }
    QPen pen(base, m_kind == Kind::Link ? 1.3 : 2.0, Qt::SolidLine, Qt::RoundCap);
    if (m_kind == Kind::Link) {
        pen.setStyle(Qt::DotLine);
    } else if (m_style.plastic) {
        pen.setStyle(Qt::DashLine);
        pen.setDashPattern({4.0, 2.5});
    }
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path());

    // End marker: arrow (excitatory), bar (inhibitory), dot (neutral, links).
    const QPointF end = path().pointAtPercent(1.0);
    const qreal angle = qDegreesToRadians(path().angleAtPercent(0.98));
    const QPointF dir(std::cos(angle), -std::sin(angle));
    const QPointF normal(-dir.y(), dir.x());
    painter->setPen(QPen(base, 2.0, Qt::SolidLine, Qt::RoundCap));
    if (m_kind == Kind::Projection && m_style.sign == Sign::Excitatory) {
        const QPointF tip = end;
        const QPointF back = tip - dir * kArrow;
        QPolygonF arrow;
        arrow << tip << back + normal * (kArrow * 0.5) << back - normal * (kArrow * 0.5);
        painter->setBrush(base);
        painter->drawPolygon(arrow);
    } else if (m_kind == Kind::Projection && m_style.sign == Sign::Inhibitory) {
        const QPointF at = end - dir * 3.0;
        painter->setPen(QPen(base, 3.0, Qt::SolidLine, Qt::FlatCap));
        painter->drawLine(at + normal * 7.0, at - normal * 7.0);
    } else {
        painter->setBrush(base);
        painter->setPen(Qt::NoPen);
        painter->drawEllipse(end - dir * 3.0, 3.0, 3.0);
    }

    const QRectF label = labelRect();
    if (!label.isNull()) {
        painter->setFont(labelFont());
        painter->setPen(QPen(selected ? m_theme->selection : base, 1.0));
        painter->setBrush(m_theme->labelFill);
        painter->drawRoundedRect(label, 4.0, 4.0);
        painter->setPen(m_theme->text);
        painter->drawText(label, Qt::AlignCenter, labelText());
    }
}

} // namespace plexus::widgets
