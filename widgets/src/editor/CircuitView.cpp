#include "plexus/widgets/editor/CircuitView.h"

#include "plexus/widgets/document/Document.h"
#include "plexus/widgets/editor/CircuitScene.h"
#include "plexus/widgets/editor/EdgeItem.h"
#include "plexus/widgets/editor/NodeItem.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
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

    m_hint = new QLabel(viewport());
    m_hint->setObjectName(QStringLiteral("emptyCanvasHint"));
    m_hint->setText(tr("Drag models from the palette onto the canvas (or double-click them) to "
                       "build a circuit, or open an example from File \u203a Examples."));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_hint->setAttribute(Qt::WA_TransparentForMouseEvents);
    createKeyActions();
    Document* document = m_scene->document();
    connect(document, &Document::changed, this, &CircuitView::updateEmptyHint);
    connect(document, &Document::projectReset, this, &CircuitView::updateEmptyHint);
    connect(m_scene, &CircuitScene::themeChanged, this, &CircuitView::updateEmptyHint);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &CircuitView::updateKeyActions);
    updateEmptyHint();
    updateKeyActions();
}

void CircuitView::createKeyActions() {
    // Plain keys act only while the view has the focus: elsewhere they are typed text.
    auto add = [this](const QString& text, const QList<QKeySequence>& keys, const char* name,
                      auto slot) {
        auto* action = new QAction(text, this);
        action->setObjectName(QString::fromLatin1(name));
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    add(tr("Zoom In"), {QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)}, "viewZoomIn",
        &CircuitView::zoomIn);
    add(tr("Zoom Out"), {QKeySequence(Qt::Key_Minus)}, "viewZoomOut", &CircuitView::zoomOut);
    add(tr("Actual Size"), {QKeySequence(Qt::Key_0)}, "viewActualSize", &CircuitView::resetZoom);
    add(tr("Fit to View"), {QKeySequence(Qt::Key_F)}, "viewFit", &CircuitView::fitToView);
    struct Nudge {
        const char* text;
        Qt::Key key;
        QPointF direction;
        const char* name;
    };
    const Nudge nudges[] = {
        {QT_TR_NOOP("Move Selection Left (Shift: 5 grid steps)"),
         Qt::Key_Left,
         {-1, 0},
         "nudgeLeft"},
        {QT_TR_NOOP("Move Selection Right (Shift: 5 grid steps)"),
         Qt::Key_Right,
         {1, 0},
         "nudgeRight"},
        {QT_TR_NOOP("Move Selection Up (Shift: 5 grid steps)"), Qt::Key_Up, {0, -1}, "nudgeUp"},
        {QT_TR_NOOP("Move Selection Down (Shift: 5 grid steps)"),
         Qt::Key_Down,
         {0, 1},
         "nudgeDown"},
    };
    for (const Nudge& nudge : nudges) {
        const QPointF direction = nudge.direction;
        const QKeySequence shifted(QKeyCombination(Qt::ShiftModifier, nudge.key));
        QAction* action =
            add(tr(nudge.text), {QKeySequence(nudge.key), shifted}, nudge.name, [this, direction] {
                const bool shift = QApplication::keyboardModifiers() & Qt::ShiftModifier;
                m_scene->nudgeSelection(direction * CircuitScene::gridSize * (shift ? 5.0 : 1.0));
            });
        m_nudgeActions << action;
    }
}

void CircuitView::updateKeyActions() {
    // Without a selection the arrows scroll the view as usual.
    const bool selection = !m_scene->selectedNodes().isEmpty();
    for (QAction* action : std::as_const(m_nudgeActions)) {
        action->setEnabled(selection);
    }
}

QList<QPair<QString, QString>> CircuitView::mouseGestures() {
    return {
        {tr("Drag from the palette"), tr("Create a node where it is dropped")},
        {tr("Double-click in the palette"), tr("Create a node in a free spot of the view")},
        {tr("Drag from an output port to a node"), tr("Connect the two nodes")},
        {tr("Drag on empty canvas"), tr("Select with a rubber band")},
        {tr("Ctrl+click"), tr("Add to the selection")},
        {tr("Wheel"), tr("Zoom around the mouse")},
        {tr("Middle drag, or Space+drag"), tr("Pan")},
        {tr("Right-click during a run"), tr("Perturb a node or projection now")},
    };
}

QString CircuitView::placeEntry(const QString& entry) {
    const QPointF centre = mapToScene(viewport()->rect().center());
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    const QString name = m_scene->dropEntry(entry, m_scene->freeSpot(centre, visible));
    if (NodeItem* node = m_scene->node(name)) {
        ensureVisible(node, 40, 40);
    }
    return name;
}

void CircuitView::updateEmptyHint() {
    const bool empty = m_scene->nodeItems().isEmpty();
    m_hint->setVisible(empty);
    if (!empty) {
        return;
    }
    QPalette palette = m_hint->palette();
    palette.setColor(QPalette::WindowText, m_scene->theme().subtleText);
    m_hint->setPalette(palette);
    // Centred in the viewport, wrapped to fit it with a margin on every side; a small view
    // gets a smaller font rather than a clipped hint.
    const QRect area = viewport()->rect().adjusted(12, 12, -12, -12);
    const int width = std::clamp(area.width(), 1, 560);
    int height = 0;
    for (const qreal points : {11.0, 10.0, 9.0, 8.0, 7.0}) {
        QFont font = m_hint->font();
        font.setPointSizeF(points);
        m_hint->setFont(font);
        height = m_hint->heightForWidth(width);
        if (height <= area.height()) {
            break;
        }
    }
    height = std::min(height, std::max(1, area.height()));
    m_hint->setGeometry(
        QRect(QPoint(0, 0), QSize(width, height))
            .translated(viewport()->rect().center() - QPoint(width / 2, height / 2)));
    m_hint->raise();
}

void CircuitView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    updateEmptyHint();
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
    fitWithin(minZoom);
}

void CircuitView::fitReadable() {
    fitWithin(readableZoom);
}

void CircuitView::fitWithin(qreal lowest) {
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
                   lowest, 1.0);
    resetTransform();
    scale(factor, factor);
    // What does not fit shows from the top left, where the inputs are.
    const QSizeF visible = viewRect.size() / factor;
    QPointF centre = bounds.center();
    if (bounds.width() > visible.width()) {
        centre.setX(bounds.left() + visible.width() / 2);
    }
    if (bounds.height() > visible.height()) {
        centre.setY(bounds.top() + visible.height() / 2);
    }
    centerOn(centre);
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
               event->keyCombination() ==
                   QKeyCombination(Qt::ControlModifier | Qt::ShiftModifier, Qt::Key_Z) ||
               (event->key() == Qt::Key_Y && event->modifiers() == Qt::ControlModifier)) {
        undo->redo();
    } else if (event->key() == Qt::Key_D && event->modifiers() == Qt::ControlModifier) {
        m_scene->duplicateSelection();
    } else if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
    } else {
        QGraphicsView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void CircuitView::contextMenuEvent(QContextMenuEvent* event) {
    QString node;
    QString edge;
    QGraphicsItem* hit = nullptr;
    for (QGraphicsItem* item = itemAt(event->pos()); item != nullptr; item = item->parentItem()) {
        if (auto* n = qgraphicsitem_cast<NodeItem*>(item)) {
            node = n->name();
            hit = n;
            break;
        }
        if (auto* e = qgraphicsitem_cast<EdgeItem*>(item)) {
            edge = e->name();
            hit = e;
            break;
        }
    }
    if (hit == nullptr) {
        QGraphicsView::contextMenuEvent(event);
        return;
    }
    if (!hit->isSelected()) {
        scene()->clearSelection();
        hit->setSelected(true);
    }
    QMenu menu(this);
    Q_EMIT contextMenuAbout(&menu, node, edge);
    if (!menu.isEmpty()) {
        menu.exec(event->globalPos());
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

} // namespace plexus::widgets
