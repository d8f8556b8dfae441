#pragma once

#include <QGraphicsView>
#include <QList>
#include <QPair>
#include <QString>

class QAction;
class QLabel;
class QMenu;

namespace plexus::widgets {

class CircuitScene;

/**
 * @brief The circuit editor's view: zoom, pan, rubber-band selection and editing keys.
 *
 * Mouse: the wheel zooms around the cursor; the middle button (or the left button while Space
 * is held) pans; dragging on empty canvas draws a rubber band that selects what it touches.
 * Palette entries dropped on the view go to CircuitScene::dropEntry().
 *
 * Keys: Delete/Backspace delete the selection; Ctrl+C, Ctrl+X, Ctrl+V, Ctrl+D copy, cut, paste
 * and duplicate; Ctrl+A selects all; Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo. The
 * view's own keys are actions (actions(), shortcut context: the view): arrows nudge the
 * selection by one grid step (Shift: five), + and - zoom, 0 resets the zoom, F fits the circuit.
 *
 * A right-click on a node or an edge selects it and opens a context menu that receivers of
 * contextMenuAbout() fill (e.g. "Perturb now" during a run); an empty menu does not open.
 *
 * While the circuit is empty a hint in the middle of the view says how to start (emptyHint()).
 */
class CircuitView : public QGraphicsView {
    Q_OBJECT

public:
    /// Smallest and largest zoom factors.
    static constexpr qreal minZoom = 0.1;
    static constexpr qreal maxZoom = 4.0;
    /// Smallest zoom at which the text on nodes and edges stays legible (8.5 pt shows as
    /// about 6.4 pt).
    static constexpr qreal readableZoom = 0.75;

    /// A view of @p scene.
    explicit CircuitView(CircuitScene* scene, QWidget* parent = nullptr);

    /// The scene shown.
    CircuitScene* circuitScene() const { return m_scene; }
    /// Current zoom factor (1 = 100 %).
    qreal zoom() const;
    /// The hint shown while the circuit is empty (hidden otherwise).
    QLabel* emptyHint() const { return m_hint; }
    /// What the mouse does in the view: pairs of gesture and effect, for the shortcut list.
    static QList<QPair<QString, QString>> mouseGestures();
    /**
     * @brief Creates a node from palette @p entry at the free spot nearest to the middle of
     *        the view, inside the visible part while there is room (CircuitScene::freeSpot()),
     *        and scrolls it into view.
     * @return the new node's name; empty when refused (the scene's message() says why).
     */
    QString placeEntry(const QString& entry);

public Q_SLOTS:
    /// Zooms in by one step around the view's centre.
    void zoomIn();
    /// Zooms out by one step around the view's centre.
    void zoomOut();
    /// Back to 100 %.
    void resetZoom();
    /// Zooms and scrolls so that every node is visible (at most 100 %).
    void fitToView();
    /**
     * @brief Fits the circuit at a zoom between readableZoom and 100 %: a circuit too large to
     *        show whole at readableZoom shows its top-left part (where the inputs are).
     */
    void fitReadable();
    /// Sets the zoom factor, clamped to [minZoom, maxZoom].
    void setZoom(qreal factor);

Q_SIGNALS:
    /// The zoom factor changed.
    void zoomChanged(qreal factor);
    /**
     * @brief A context menu is about to open over node @p node or edge @p edge (names; the
     *        other one empty). Receivers (connected directly) add their actions to @p menu.
     */
    void contextMenuAbout(QMenu* menu, const QString& node, const QString& edge);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void createKeyActions();
    void updateKeyActions();
    void updateEmptyHint();
    void fitWithin(qreal lowest);

    CircuitScene* m_scene;
    QLabel* m_hint = nullptr;
    QList<QAction*> m_nudgeActions;
    bool m_panning = false;
    bool m_spaceHeld = false;
    QPoint m_panOrigin;
};

} // namespace plexus::widgets
