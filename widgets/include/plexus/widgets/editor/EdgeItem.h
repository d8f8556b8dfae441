#pragma once

#include <QGraphicsPathItem>
#include <QString>

namespace plexus::widgets {

class NodeItem;
struct CircuitTheme;

/**
 * @brief An edge of the circuit editor, drawn from the source's output port to the target's
 *        input port.
 *
 * A projection edge is coloured by its sign (excitatory or inhibitory), ends in an arrow
 * (excitatory) or a bar (inhibitory), is dashed when its synapses are plastic, and carries a
 * label with its connectivity rule and plasticity model. A link edge (a recorder's, current
 * source's or electrode's target) is a thin dotted line. A projection from a node to itself is
 * drawn as a loop over the node.
 *
 * Edges never cross other nodes' cards: when the usual curve would, the edge takes a detour
 * with rounded corners along the horizontal lane nearest to its ports that clears every card
 * (updatePath() looks at the nodes in the scene).
 */
class EdgeItem : public QGraphicsPathItem {
public:
    /// QGraphicsItem type of edges.
    enum { Type = UserType + 2 };
    /// What the edge stands for.
    enum class Kind { Projection, Link };
    /// Sign of a projection.
    enum class Sign { Excitatory, Inhibitory, Neutral };

    /// How the edge looks.
    struct Style {
        Sign sign = Sign::Excitatory;
        QString label; ///< connectivity summary, e.g. "p = 0.02"
        bool plastic = false;
        QString plasticity; ///< plasticity model label when plastic
        QString toolTip;
    };

    /// An edge named @p name from @p source to @p target (both must outlive it or detach it).
    EdgeItem(Kind kind, const QString& name, NodeItem* source, NodeItem* target,
             const CircuitTheme* theme);
    ~EdgeItem() override;

    Kind kind() const { return m_kind; }
    /// Projection name, or the observing node's name for links.
    QString name() const { return m_name; }
    void setName(const QString& name) { m_name = name; }
    NodeItem* source() const { return m_source; }
    NodeItem* target() const { return m_target; }
    /// Re-attaches the edge to other nodes.
    void setEndpoints(NodeItem* source, NodeItem* target);
    /// Sets how the edge looks.
    void setStyle(const Style& style);
    const Style& style() const { return m_style; }
    /// Sideways offset of the curve, to separate parallel edges.
    void setBend(qreal bend);
    /// Uses @p theme from now on.
    void setTheme(const CircuitTheme* theme);
    /// Recomputes the curve from the nodes' ports, around the other nodes of the scene.
    void updatePath();
    /// Centre of the label (the curve's midpoint), in scene coordinates.
    QPointF labelPos() const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    int type() const override { return Type; }

private:
    /// The edge's usual curve from port @p a to port @p b.
    QPainterPath directPath(QPointF a, QPointF b) const;
    /// A path from @p a to @p b around the cards @p others (and the end nodes' cards); empty
    /// when no lane is free.
    QPainterPath detour(QPointF a, QPointF b, const QList<QRectF>& others) const;
    QString labelText() const;
    QRectF labelRect() const;
    QColor color() const;

    Kind m_kind;
    QString m_name;
    NodeItem* m_source;
    NodeItem* m_target;
    const CircuitTheme* m_theme;
    Style m_style;
    qreal m_bend = 0.0;
};

} // namespace plexus::widgets
