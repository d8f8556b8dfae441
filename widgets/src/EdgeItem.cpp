#include "plexus/widgets/EdgeItem.h"

#include "plexus/widgets/CircuitTheme.h"
#include "plexus/widgets/NodeItem.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QtMath>
#include <algorithm>
#include <cmath>

namespace plexus::widgets {

namespace {

constexpr qreal kArrow = 10.0;
constexpr qreal kLoopLift = 34.0;

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
    QPainterPath path(a);
    if (m_source == m_target) {
        const qreal lift = NodeItem::height / 2 + kLoopLift + m_bend;
        const QPointF top = m_source->pos() + QPointF(0.0, -lift);
        const qreal reach = 55.0 + 0.5 * m_bend;
        path.cubicTo(a + QPointF(reach, 0.0), QPointF(a.x() + reach, top.y()), top);
        path.cubicTo(QPointF(b.x() - reach, top.y()), b + QPointF(-reach, 0.0), b);
    } else if (m_kind == Kind::Projection && b.x() < a.x() + 30.0) {
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
    } else {
        const QPointF d = b - a;
        const qreal length = std::max(1.0, std::hypot(d.x(), d.y()));
        const QPointF normal(-d.y() / length, d.x() / length);
        const qreal dx = std::clamp(std::abs(d.x()) * 0.5, 40.0, 220.0);
        const QPointF offset = normal * m_bend;
        path.cubicTo(a + QPointF(dx, 0.0) + offset, b - QPointF(dx, 0.0) + offset, b);
    }
    setPath(path);
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
