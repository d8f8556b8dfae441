#pragma once

#include <QGraphicsView>

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
 * and duplicate; Ctrl+A selects all; Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo; arrows
 * nudge the selection by one grid step; + and - zoom, 0 resets the zoom, F fits the circuit.
 */
class CircuitView : public QGraphicsView {
    Q_OBJECT

public:
    /// Smallest and largest zoom factors.
    static constexpr qreal minZoom = 0.1;
    static constexpr qreal maxZoom = 4.0;

    /// A view of @p scene.
    explicit CircuitView(CircuitScene* scene, QWidget* parent = nullptr);

    /// The scene shown.
    CircuitScene* circuitScene() const { return m_scene; }
    /// Current zoom factor (1 = 100 %).
    qreal zoom() const;

public Q_SLOTS:
    /// Zooms in by one step around the view's centre.
    void zoomIn();
    /// Zooms out by one step around the view's centre.
    void zoomOut();
    /// Back to 100 %.
    void resetZoom();
    /// Zooms and scrolls so that every node is visible (at most 100 %).
    void fitToView();
    /// Sets the zoom factor, clamped to [minZoom, maxZoom].
    void setZoom(qreal factor);

Q_SIGNALS:
    /// The zoom factor changed.
    void zoomChanged(qreal factor);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    CircuitScene* m_scene;
    bool m_panning = false;
    bool m_spaceHeld = false;
    QPoint m_panOrigin;
};

} // namespace plexus::widgets
