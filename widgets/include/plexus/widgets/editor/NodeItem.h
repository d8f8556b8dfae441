#pragma once

#include "plexus/widgets/document/NodeKind.h"

#include <QColor>
#include <QGraphicsItem>
#include <QList>
#include <QString>

namespace plexus::widgets {

class EdgeItem;
struct CircuitTheme;

/**
 * @brief A node of the circuit editor: a population, stimulus, recorder or electrode.
 *
 * Drawn as a card with a coloured header (the kind), the node's name, its model and size, and a
 * small glyph of its spatial layout (or of what it emits or records). Input ports sit on the
 * left edge, output ports on the right; edges attach there. The item's position is the card's
 * centre. Moving the item moves its edges; while the mouse drags it, positions snap to the grid
 * set with setSnapGrid().
 */
class NodeItem : public QGraphicsItem {
public:
    /// QGraphicsItem type of nodes.
    enum { Type = UserType + 1 };
    /// A connection port.
    enum class Port { None, Input, Output };

    /// What the card shows.
    struct Content {
        NodeKind kind = NodeKind::Population;
        QString subtitle; ///< model label, recorder type, ...
        QString detail;   ///< size, target, contacts, ...
        QString glyph;    ///< spatial layout ("mixed", "grid", ...) or "spikes", "current", ...
        QColor accent;
        bool hasInput = true;
        bool hasOutput = true;
        bool missing = false; ///< the model is not available (placeholder)
        QString toolTip;
    };

    /// Card width and height.
    static constexpr qreal width = 200.0;
    static constexpr qreal height = 78.0;
    /// Radius of a port circle.
    static constexpr qreal portRadius = 6.0;

    /// A node named @p name, drawn with @p theme (which must outlive it).
    NodeItem(const QString& name, const CircuitTheme* theme);
    ~NodeItem() override;

    /// The node's name (the key in the document).
    QString name() const { return m_name; }
    /// Renames the node (its title).
    void setName(const QString& name);
    /// Sets what the card shows.
    void setContent(const Content& content);
    /// What the card shows.
    const Content& content() const { return m_content; }
    /// Uses @p theme from now on.
    void setTheme(const CircuitTheme* theme);
    /// Grid step used while dragging (0 disables snapping).
    void setSnapGrid(qreal step) { m_snapGrid = step; }
    /// Marks the node as a valid (true) or invalid (false) drop target of a connection, or
    /// neither (std::nullopt semantics through @p active = false).
    void setConnectionHint(bool active, bool valid);

    /// Input port centre in scene coordinates.
    QPointF inputPortPos() const;
    /// Output port centre in scene coordinates.
    QPointF outputPortPos() const;
    /// The port under @p scenePos (within a few pixels), or Port::None.
    Port portAt(const QPointF& scenePos) const;
    /// The card (without the ports) in scene coordinates: what edges and new nodes keep clear of.
    QRectF sceneCardRect() const;

    /// Edges attached to this node (maintained by EdgeItem).
    void attachEdge(EdgeItem* edge);
    void detachEdge(EdgeItem* edge);
    const QList<EdgeItem*>& edges() const { return m_edges; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    int type() const override { return Type; }

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    void paintGlyph(QPainter* painter, const QRectF& box) const;

    QString m_name;
    Content m_content;
    const CircuitTheme* m_theme;
    QList<EdgeItem*> m_edges;
    qreal m_snapGrid = 0.0;
    bool m_hintActive = false;
    bool m_hintValid = false;
};

} // namespace plexus::widgets
