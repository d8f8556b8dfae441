#include "plexus/widgets/editor/NodeItem.h"

#include "plexus/widgets/editor/CircuitTheme.h"
#include "plexus/widgets/editor/EdgeItem.h"

#include <QFont>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>
#include <QtMath>
#include <cmath>

namespace plexus::widgets {

namespace {

constexpr qreal kHeader = 24.0;
constexpr qreal kCorner = 7.0;
constexpr qreal kGlyph = 34.0;
constexpr qreal kPortPick = 11.0;

QRectF cardRect() {
    return QRectF(-NodeItem::width / 2, -NodeItem::height / 2, NodeItem::width, NodeItem::height);
}

/// Deterministic pseudo-random points in [0, 1)^2 for the "random" glyph.
QPointF scatter(int i) {
    const double x = std::fmod(0.5 + i * 0.618033988749895, 1.0);
    const double y = std::fmod(0.3 + i * 0.754877666246693, 1.0);
    return {x, y};
}

} // namespace

NodeItem::NodeItem(const QString& name, const CircuitTheme* theme)
    : m_name(name)
    , m_theme(theme) {
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges | ItemIsFocusable);
    setAcceptHoverEvents(true);
    setZValue(1.0);
    setCacheMode(DeviceCoordinateCache);
}

NodeItem::~NodeItem() {
    const QList<EdgeItem*> edges = m_edges;
    for (EdgeItem* edge : edges) {
        edge->setEndpoints(edge->source() == this ? nullptr : edge->source(),
                           edge->target() == this ? nullptr : edge->target());
    }
}

void NodeItem::setName(const QString& name) {
    m_name = name;
    update();
}

void NodeItem::setContent(const Content& content) {
    m_content = content;
    setToolTip(content.toolTip);
    update();
}

void NodeItem::setTheme(const CircuitTheme* theme) {
    m_theme = theme;
    update();
}

void NodeItem::setConnectionHint(bool active, bool valid) {
    if (m_hintActive == active && m_hintValid == valid) {
        return;
    }
    m_hintActive = active;
    m_hintValid = valid;
    update();
}

QPointF NodeItem::inputPortPos() const {
    return mapToScene(QPointF(-width / 2, 0.0));
}

QPointF NodeItem::outputPortPos() const {
    return mapToScene(QPointF(width / 2, 0.0));
}

NodeItem::Port NodeItem::portAt(const QPointF& scenePos) const {
    const QPointF local = mapFromScene(scenePos);
    auto near = [&](QPointF port) {
        const QPointF d = local - port;
        return d.x() * d.x() + d.y() * d.y() <= kPortPick * kPortPick;
    };
    if (m_content.hasOutput && near(QPointF(width / 2, 0.0))) {
        return Port::Output;
    }
    if (m_content.hasInput && near(QPointF(-width / 2, 0.0))) {
        return Port::Input;
    }
    return Port::None;
}

QRectF NodeItem::sceneCardRect() const {
    return mapRectToScene(cardRect());
}

void NodeItem::attachEdge(EdgeItem* edge) {
    if (!m_edges.contains(edge)) {
        m_edges.append(edge);
    }
}

void NodeItem::detachEdge(EdgeItem* edge) {
    m_edges.removeAll(edge);
}

QRectF NodeItem::boundingRect() const {
    return cardRect().adjusted(-kPortPick - 2, -4, kPortPick + 2, 4);
}

QPainterPath NodeItem::shape() const {
    QPainterPath path;
    path.setFillRule(Qt::WindingFill); // the port circles overlap the card
    path.addRoundedRect(cardRect(), kCorner, kCorner);
    if (m_content.hasInput) {
        path.addEllipse(QPointF(-width / 2, 0.0), kPortPick, kPortPick);
    }
    if (m_content.hasOutput) {
        path.addEllipse(QPointF(width / 2, 0.0), kPortPick, kPortPick);
    }
    return path;
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) {
    Q_UNUSED(option);
    Q_UNUSED(widget);
    const CircuitTheme& theme = *m_theme;
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QRectF card = cardRect();
    const QColor accent = m_content.accent.isValid() ? m_content.accent : theme.population;

    // Card with a header band in the kind's colour.
    QPainterPath body;
    body.addRoundedRect(card, kCorner, kCorner);
    painter->setPen(Qt::NoPen);
    painter->setBrush(theme.nodeFill);
    painter->drawPath(body);
    QPainterPath headerClip;
    headerClip.addRect(QRectF(card.left(), card.top(), card.width(), kHeader));
    painter->setBrush(accent);
    painter->drawPath(body.intersected(headerClip));

    QPen border(isSelected() ? theme.selection : theme.nodeBorder, isSelected() ? 2.5 : 1.0);
    if (m_content.missing) {
        border = QPen(theme.missing, 2.0, Qt::DashLine);
    }
    if (m_hintActive) {
        border = QPen(m_hintValid ? theme.valid : theme.missing, 3.0);
    }
    painter->setPen(border);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(body);

    // Title.
    QFont titleFont = painter->font();
    titleFont.setPointSizeF(10.0);
    titleFont.setBold(true);
    painter->setFont(titleFont);
    painter->setPen(Qt::white);
    const QRectF titleRect(card.left() + 10, card.top(), card.width() - 20, kHeader);
    painter->drawText(
        titleRect, Qt::AlignVCenter | Qt::AlignLeft,
        QFontMetricsF(titleFont).elidedText(m_name, Qt::ElideRight, titleRect.width()));
    QFont kindFont = titleFont;
    kindFont.setBold(false);
    kindFont.setPointSizeF(7.5);
    painter->setFont(kindFont);
    painter->setPen(QColor(255, 255, 255, 200));
    painter->drawText(titleRect, Qt::AlignVCenter | Qt::AlignRight,
                      nodeKindName(m_content.kind).toUpper());

    // Model and detail lines, glyph on the right.
    const QRectF glyphBox(card.right() - kGlyph - 10, card.top() + kHeader + 8, kGlyph,
                          card.height() - kHeader - 16);
    const QRectF textBox(card.left() + 12, card.top() + kHeader + 4,
                         glyphBox.left() - card.left() - 18, card.height() - kHeader - 8);
    QFont textFont = titleFont;
    textFont.setBold(false);
    textFont.setPointSizeF(8.5);
    painter->setFont(textFont);
    const QFontMetricsF metrics(textFont);
    painter->setPen(m_content.missing ? theme.missing : theme.text);
    painter->drawText(QRectF(textBox.left(), textBox.top(), textBox.width(), textBox.height() / 2),
                      Qt::AlignVCenter | Qt::AlignLeft,
                      metrics.elidedText(m_content.subtitle, Qt::ElideRight, textBox.width()));
    painter->setPen(theme.subtleText);
    painter->drawText(
        QRectF(textBox.left(), textBox.center().y(), textBox.width(), textBox.height() / 2),
        Qt::AlignVCenter | Qt::AlignLeft,
        metrics.elidedText(m_content.detail, Qt::ElideRight, textBox.width()));
    paintGlyph(painter, glyphBox);

    // Ports.
    painter->setPen(QPen(theme.nodeFill, 1.5));
    painter->setBrush(accent);
    if (m_content.hasInput) {
        painter->drawEllipse(QPointF(-width / 2, 0.0), portRadius, portRadius);
    }
    if (m_content.hasOutput) {
        painter->drawEllipse(QPointF(width / 2, 0.0), portRadius, portRadius);
    }
}

void NodeItem::paintGlyph(QPainter* painter, const QRectF& box) const {
    const CircuitTheme& theme = *m_theme;
    const QColor color = m_content.accent.isValid() ? m_content.accent : theme.population;
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    const QString& glyph = m_content.glyph;
    const QPointF c = box.center();
    const qreal r = std::min(box.width(), box.height()) / 2.0;
    auto dot = [&](QPointF p, qreal size = 2.2) { painter->drawEllipse(p, size, size); };
    if (glyph == QLatin1String("grid")) {
        for (int i = 0; i < 4; ++i) {
            for (int j = 0; j < 4; ++j) {
                dot(QPointF(c.x() - r * 0.75 + i * r * 0.5, c.y() - r * 0.75 + j * r * 0.5), 1.9);
            }
        }
    } else if (glyph == QLatin1String("random")) {
        for (int i = 0; i < 14; ++i) {
            const QPointF p = scatter(i);
            dot(QPointF(c.x() - r + 2 * r * p.x(), c.y() - r + 2 * r * p.y()), 1.8);
        }
    } else if (glyph == QLatin1String("ring")) {
        for (int i = 0; i < 12; ++i) {
            const qreal a = 2.0 * M_PI * i / 12.0;
            dot(QPointF(c.x() + 0.8 * r * std::cos(a), c.y() + 0.8 * r * std::sin(a)), 1.9);
        }
    } else if (glyph == QLatin1String("sheet")) {
        for (int layer = 0; layer < 3; ++layer) {
            for (int i = 0; i < 6; ++i) {
                dot(QPointF(c.x() - r * 0.85 + i * r * 0.34,
                            c.y() - r * 0.6 + layer * r * 0.6 + (i % 2) * 1.5),
                    1.6);
            }
        }
    } else if (glyph == QLatin1String("spikes")) {
        painter->setPen(QPen(color, 1.6, Qt::SolidLine, Qt::RoundCap));
        const qreal xs[] = {-0.8, -0.45, -0.3, 0.1, 0.5, 0.62, 0.85};
        for (qreal x : xs) {
            painter->drawLine(QPointF(c.x() + x * r, c.y() - 0.6 * r),
                              QPointF(c.x() + x * r, c.y() + 0.6 * r));
        }
    } else if (glyph == QLatin1String("current")) {
        painter->setPen(QPen(color, 1.8, Qt::SolidLine, Qt::RoundCap));
        painter->setBrush(Qt::NoBrush);
        QPainterPath wave;
        for (int i = 0; i <= 24; ++i) {
            const qreal t = i / 24.0;
            const QPointF p(c.x() - r + 2 * r * t, c.y() - 0.55 * r * std::sin(2 * M_PI * t));
            i == 0 ? wave.moveTo(p) : wave.lineTo(p);
        }
        painter->drawPath(wave);
    } else if (glyph.startsWith(QLatin1String("recorder"))) {
        painter->setPen(QPen(color, 1.6, Qt::SolidLine, Qt::RoundCap));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(c.x() - r, c.y() - 0.75 * r, 2 * r, 1.5 * r), 3, 3);
        if (glyph.endsWith(QLatin1String("spikes"))) {
            for (int row = 0; row < 3; ++row) {
                for (int i = 0; i < 4; ++i) {
                    const qreal x = c.x() - 0.7 * r + (i * 0.45 + row * 0.13) * r;
                    const qreal y = c.y() - 0.45 * r + row * 0.45 * r;
                    painter->drawLine(QPointF(x, y - 3), QPointF(x, y + 3));
                }
            }
        } else {
            QPainterPath trace;
            for (int i = 0; i <= 20; ++i) {
                const qreal t = i / 20.0;
                const qreal v = glyph.endsWith(QLatin1String("rate"))
                                    ? 0.35 * std::sin(2 * M_PI * t) + 0.15 * std::sin(9 * t)
                                    : (i == 12 ? -0.6 : 0.25 - 0.4 * t);
                const QPointF p(c.x() - 0.8 * r + 1.6 * r * t, c.y() + v * r);
                i == 0 ? trace.moveTo(p) : trace.lineTo(p);
            }
            painter->drawPath(trace);
        }
    } else if (glyph.startsWith(QLatin1String("electrode"))) {
        painter->setPen(QPen(color, 1.6, Qt::SolidLine, Qt::RoundCap));
        if (glyph.endsWith(QLatin1String("laminar"))) {
            painter->drawLine(QPointF(c.x(), c.y() - r), QPointF(c.x(), c.y() + r));
            painter->setPen(Qt::NoPen);
            for (int i = 0; i < 6; ++i) {
                dot(QPointF(c.x(), c.y() - 0.8 * r + i * 0.32 * r), 2.0);
            }
        } else if (glyph.endsWith(QLatin1String("utah"))) {
            for (int i = 0; i < 5; ++i) {
                const qreal x = c.x() - 0.8 * r + i * 0.4 * r;
                painter->drawLine(QPointF(x, c.y() - 0.3 * r), QPointF(x, c.y() + 0.9 * r));
            }
            painter->drawLine(QPointF(c.x() - r, c.y() - 0.3 * r),
                              QPointF(c.x() + r, c.y() - 0.3 * r));
        } else if (glyph.endsWith(QLatin1String("eeg"))) {
            painter->setBrush(Qt::NoBrush);
            painter->drawEllipse(c, 0.9 * r, 0.95 * r);
            painter->setPen(Qt::NoPen);
            painter->setBrush(color);
            for (int i = 0; i < 7; ++i) {
                const qreal a = M_PI * (0.15 + 0.7 * i / 6.0);
                dot(QPointF(c.x() - 0.65 * r * std::cos(a), c.y() - 0.65 * r * std::sin(a) + 2),
                    1.8);
            }
        } else {
            painter->drawLine(QPointF(c.x(), c.y() - r), QPointF(c.x(), c.y() + 0.6 * r));
            painter->setPen(Qt::NoPen);
            dot(QPointF(c.x(), c.y() + 0.7 * r), 3.0);
        }
    } else {
        // Well mixed: a loose cluster.
        for (int i = 0; i < 9; ++i) {
            const qreal a = i * 2.399963;
            const qreal d = 0.85 * r * std::sqrt((i + 0.5) / 9.0);
            dot(QPointF(c.x() + d * std::cos(a), c.y() + d * std::sin(a)), 2.0);
        }
    }
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
    if (change == ItemPositionChange && m_snapGrid > 0.0 && scene() != nullptr &&
        scene()->mouseGrabberItem() != nullptr) {
        QPointF p = value.toPointF();
        p.setX(std::round(p.x() / m_snapGrid) * m_snapGrid);
        p.setY(std::round(p.y() / m_snapGrid) * m_snapGrid);
        return p;
    }
    if (change == ItemPositionHasChanged) {
        for (EdgeItem* edge : m_edges) {
            edge->updatePath();
        }
    }
    if (change == ItemSelectedHasChanged) {
        update();
    }
    return QGraphicsItem::itemChange(change, value);
}

} // namespace plexus::widgets
