#pragma once

#include "plexus/widgets/editor/CircuitTheme.h"
#include "plexus/widgets/editor/EdgeItem.h"
#include "plexus/widgets/editor/NodeItem.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointF>
#include <QStringList>

class QGraphicsPathItem;

namespace plexus::widgets {

class Document;

/**
 * @brief The circuit editor's scene: one NodeItem per node and one EdgeItem per projection or
 *        target link of a Document, kept in step with it.
 *
 * The scene never changes the project itself: every user action (dropping a palette entry,
 * dragging nodes, connecting ports, deleting, pasting) becomes one call of a Document edit
 * method, and the scene updates from the document's change signals. So undo and redo update
 * the scene the same way edits do.
 *
 * Mouse: drag a node to move it (positions snap to the grid while gridSnapping() is on);
 * drag from an output port (right) to another node to connect them (to the node's own input
 * port for a self-connection), or from an input port back to a source.
 */
class CircuitScene : public QGraphicsScene {
    Q_OBJECT

public:
    /// Spacing of the background grid and of snapped positions.
    static constexpr qreal gridSize = 20.0;

    /// A scene over @p document (which must outlive it).
    explicit CircuitScene(Document* document, QObject* parent = nullptr);
    ~CircuitScene() override;

    /// MIME type of palette entries dragged onto the canvas (text: the entry, e.g.
    /// "model:lif_cuba").
    static QString paletteMimeType();

    /// The document shown.
    Document* document() const { return m_document; }
    /// The node item named @p name, or nullptr.
    NodeItem* node(const QString& name) const { return m_nodes.value(name); }
    /// The edge item of projection @p name, or nullptr.
    EdgeItem* edge(const QString& projection) const { return m_edges.value(projection); }
    /// The link edge of observer node @p name (recorder, current source, electrode), or nullptr.
    EdgeItem* link(const QString& name) const { return m_links.value(name); }
    /// Every node item.
    QList<NodeItem*> nodeItems() const { return m_nodes.values(); }
    /// Every projection edge item.
    QList<EdgeItem*> edgeItems() const { return m_edges.values(); }

    /// Names of the selected nodes.
    QStringList selectedNodes() const;
    /// Names of the selected projections.
    QStringList selectedProjections() const;
    /// Selects exactly the given nodes and projections.
    void selectElements(const QStringList& nodes, const QStringList& projections = {});

    /// True when dragged nodes snap to the grid.
    bool gridSnapping() const { return m_snap; }
    /// Turns snapping to the grid on or off.
    void setGridSnapping(bool on);
    /// @p point rounded to the grid (unchanged when snapping is off).
    QPointF snapToGrid(QPointF point) const;

    /// Colours in use.
    const CircuitTheme& theme() const { return m_theme; }
    /// Repaints everything with @p theme.
    void setTheme(const CircuitTheme& theme);

    /**
     * @brief What dropping a palette entry at @p scenePos does (the drop handler calls it):
     *        creates the node (snapped to the grid, moved to the nearest free spot when another
     *        node is there) and selects it; a synapse model dropped on a projection becomes that
     *        projection's synapse.
     * @return the new node's (or changed projection's) name; empty when refused (message()
     *         says why).
     */
    QString dropEntry(const QString& entry, QPointF scenePos);
    /**
     * @brief The grid point nearest to @p near where a new node's card keeps clear of every
     *        other card (with room for ports and edges between them). New nodes go there, so
     *        they never hide one another. Spots whose card lies inside @p preferred (e.g. the
     *        visible part of the scene) win over nearer ones outside it.
     */
    QPointF freeSpot(QPointF near, const QRectF& preferred = QRectF()) const;

public Q_SLOTS:
    /// Deletes the selected nodes and projections (one undo step).
    void deleteSelection();
    /// Copies the selected nodes (with the projections among them) to the clipboard.
    void copySelection();
    /// Copies, then deletes the selection.
    void cutSelection();
    /// Pastes the clipboard, offset from the copied place, and selects the pasted nodes.
    void pasteClipboard();
    /// Copies and pastes the selection in one go.
    void duplicateSelection();
    /// Selects every node and projection.
    void selectAllElements();
    /// Moves the selected nodes by @p delta (one undo step).
    void nudgeSelection(QPointF delta);

Q_SIGNALS:
    /// A user-facing message (a refused connection or drop, ...), for the status bar.
    void message(const QString& text);
    /// setTheme() changed the colours.
    void themeChanged();

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void dragEnterEvent(QGraphicsSceneDragDropEvent* event) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent* event) override;
    void dropEvent(QGraphicsSceneDragDropEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;

private:
    void rebuild();
    void addNodeItem(const QString& name);
    void removeNodeItem(const QString& name);
    void renameNodeItem(const QString& from, const QString& to);
    void refreshNode(const QString& name);
    void moveNodeItem(const QString& name, QPointF position);
    void syncLink(const QString& name);
    void syncProjection(const QString& name);
    void removeProjectionItem(const QString& name);
    void renameProjectionItem(const QString& from, const QString& to);
    void updateBends();
    NodeItem::Content contentFor(const QString& name) const;
    EdgeItem::Style styleFor(const QString& projection) const;
    NodeItem* nodeAt(const QPointF& scenePos) const;
    void finishConnection(const QPointF& scenePos);
    void clearConnectionHints();
    void commitDrag();

    Document* m_document;
    CircuitTheme m_theme;
    QHash<QString, NodeItem*> m_nodes;
    QHash<QString, EdgeItem*> m_edges;
    QHash<QString, EdgeItem*> m_links;
    bool m_snap = true;
    bool m_syncing = false;

    // Interaction state.
    NodeItem* m_connectFrom = nullptr;
    bool m_connectBackwards = false;
    QGraphicsPathItem* m_pendingEdge = nullptr;
    bool m_dragging = false;
    int m_dragSerial = 1;
    int m_pasteCount = 0;
};

} // namespace plexus::widgets
