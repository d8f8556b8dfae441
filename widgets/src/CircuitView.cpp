#include "plexus/widgets/CircuitView.h"

#include "plexus/widgets/CircuitScene.h"
#include "plexus/widgets/Document.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QUndoStack>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace plexus::widgets {

namespace {
constexpr qreal kZoomStep = 1.2;
} // namespace

CircuitView::CircuitView(CircuitScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene) {
    setObjectName(QStringLiteral("circuitView"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
}

qreal CircuitView::zoom() const {
    return transform().m11();
}

void CircuitView::setZoom(qreal factor) {
    factor = std::clamp(factor, minZoom, maxZoom);
    const qreal current = zoom();
    if (std::abs(factor - current) < 1e-9) {
        return;
    }
    scale(factor / current, factor / current);
    Q_EMIT zoomChanged(zoom());
}

void CircuitView::zoomIn() {
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    setZoom(zoom() * kZoomStep);
    setTransformationAnchor(anchor);
}

void CircuitView::zoomOut() {
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    setZoom(zoom() / kZoomStep);
    setTransformationAnchor(anchor);
}

void CircuitView::resetZoom() {
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    setZoom(1.0);
    setTransformationAnchor(anchor);
}

void CircuitView::fitToView() {
    QRectF bounds;
    for (NodeItem* item : m_scene->nodeItems()) {
        bounds = bounds.united(item->sceneBoundingRect());
    }
    for (EdgeItem* item : m_scene->edgeItems()) {
        bounds = bounds.united(item->sceneBoundingRect());
    }
    if (bounds.isNull()) {
        resetZoom();
        centerOn(0, 0);
        return;
    }
    bounds.adjust(-40, -40, 40, 40);
    const QRectF viewRect = viewport()->rect();
    const qreal factor =
        std::clamp(std::min(viewRect.width() / bounds.width(), viewRect.height() / bounds.height()),
                   minZoom, 1.0);
    resetTransform();
    scale(factor, factor);
    centerOn(bounds.center());
    Q_EMIT zoomChanged(zoom());
}

void CircuitView::wheelEvent(QWheelEvent* event) {
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const qreal factor = std::pow(kZoomStep, delta / 120.0);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setZoom(zoom() * factor);
    event->accept();
}

void CircuitView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        m_panning = true;
        m_panOrigin = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void CircuitView::mouseMoveEvent(QMouseEvent* event) {
    if (m_panning) {
        const QPoint delta = event->position().toPoint() - m_panOrigin;
        m_panOrigin = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void CircuitView::mouseReleaseEvent(QMouseEvent* event) {
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        m_panning = false;
        viewport()->setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void CircuitView::keyPressEvent(QKeyEvent* event) {
    QUndoStack* undo = m_scene->document()->undoStack();
    if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace ||
        event->key() == Qt::Key_Delete) {
        m_scene->deleteSelection();
    } else if (event->matches(QKeySequence::Copy)) {
        m_scene->copySelection();
    } else if (event->matches(QKeySequence::Cut)) {
        m_scene->cutSelection();
    } else if (event->matches(QKeySequence::Paste)) {
        m_scene->pasteClipboard();
    } else if (event->matches(QKeySequence::SelectAll)) {
        m_scene->selectAllElements();
    } else if (event->matches(QKeySequence::Undo)) {
        undo->undo();
    } else if (event->matches(QKeySequence::Redo) ||
               (event->key() == Qt::Key_Y && event->modifiers() == Qt::ControlModifier)) {
        undo->redo();
    } else if (event->key() == Qt::Key_D && event->modifiers() == Qt::ControlModifier) {
        m_scene->duplicateSelection();
    } else if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) {
        zoomIn();
    } else if (event->key() == Qt::Key_Minus) {
        zoomOut();
    } else if (event->key() == Qt::Key_0 && event->modifiers() == Qt::NoModifier) {
        resetZoom();
    } else if (event->key() == Qt::Key_F && event->modifiers() == Qt::NoModifier) {
        fitToView();
    } else if (event->key() == Qt::Key_Left || event->key() == Qt::Key_Right ||
               event->key() == Qt::Key_Up || event->key() == Qt::Key_Down) {
        const qreal step = event->modifiers() & Qt::ShiftModifier ? CircuitScene::gridSize * 5
                                                                  : CircuitScene::gridSize;
        const QPointF delta(event->key() == Qt::Key_Left    ? -step
                            : event->key() == Qt::Key_Right ? step
                                                            : 0.0,
                            event->key() == Qt::Key_Up     ? -step
                            : event->key() == Qt::Key_Down ? step
                                                           : 0.0);
        if (m_scene->selectedNodes().isEmpty()) {
            QGraphicsView::keyPressEvent(event);
            return;
        }
        m_scene->nudgeSelection(delta);
    } else if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
    } else {
        QGraphicsView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void CircuitView::keyReleaseEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->setCursor(Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void CircuitView::drawForeground(QPainter* painter, const QRectF& rect) {
    Q_UNUSED(rect);
    if (!m_scene->nodeItems().isEmpty()) {
        return;
    }
    painter->save();
    painter->resetTransform();
    QFont font = painter->font();
    font.setPointSizeF(11.0);
    painter->setFont(font);
    painter->setPen(m_scene->theme().subtleText);
    painter->drawText(viewport()->rect(), Qt::AlignCenter,
                      tr("Drag models from the palette onto the canvas to build a circuit,\n"
                         "or open an example from File \u203a Examples."));
    painter->restore();
}

} // namespace plexus::widgets
