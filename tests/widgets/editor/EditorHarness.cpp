#include "EditorHarness.h"

#include <QApplication>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMimeData>
#include <QTest>
#include <plexus/core/plugin/ModelRegistry.h>
#include <plexus/plugins/BuiltinModels.h>
#include <plexus/widgets/document/Document.h>
#include <plexus/widgets/editor/CircuitScene.h>
#include <plexus/widgets/editor/CircuitView.h>
#include <plexus/widgets/editor/EdgeItem.h>
#include <plexus/widgets/editor/NodeItem.h>
#include <plexus/widgets/editor/Palette.h>
#include <plexus/widgets/inspector/Inspector.h>

using namespace plexus::widgets;

EditorHarness::EditorHarness()
    : registry(std::make_unique<plexus::core::ModelRegistry>()) {
    plexus::plugins::registerBuiltinModels(*registry);
    document = new Document(registry.get(), this);
    scene = new CircuitScene(document, this);
    palette = new Palette(registry.get());
    view = new CircuitView(scene);
    inspector = new Inspector(document);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(palette);
    layout->addWidget(view, 1);
    layout->addWidget(inspector);
    QObject::connect(scene, &QGraphicsScene::selectionChanged, inspector, [this] {
        inspector->setSelection(scene->selectedNodes(), scene->selectedProjections());
    });
    resize(1400, 900);
}

EditorHarness::~EditorHarness() {
    delete view;
    delete scene;
}

QPoint EditorHarness::viewPoint(QPointF scenePos) const {
    return view->mapFromScene(scenePos);
}

bool EditorHarness::dropFromPalette(const QString& entry, QPointF scenePos) {
    std::unique_ptr<QMimeData> mime(Palette::mimeDataFor(entry));
    const QPoint at = viewPoint(scenePos);
    QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &enter);
    if (!enter.isAccepted()) {
        return false;
    }
    QDragMoveEvent move(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &move);
    if (!move.isAccepted()) {
        return false;
    }
    QDropEvent drop(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &drop);
    settle();
    return drop.isAccepted();
}

void EditorHarness::click(QPointF scenePos, Qt::KeyboardModifiers modifiers) {
    QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, viewPoint(scenePos));
    settle();
}

void EditorHarness::drag(QPointF from, QPointF to, int steps) {
    QTest::mousePress(view->viewport(), Qt::LeftButton, Qt::NoModifier, viewPoint(from));
    for (int i = 1; i <= steps; ++i) {
        const QPointF at = from + (to - from) * (static_cast<double>(i) / steps);
        QTest::mouseMove(view->viewport(), viewPoint(at));
    }
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, Qt::NoModifier, viewPoint(to));
    settle();
}

void EditorHarness::clickNode(const QString& name) {
    NodeItem* node = scene->node(name);
    QVERIFY2(node != nullptr, qPrintable("no node " + name));
    click(node->pos() + QPointF(-20, -NodeItem::height / 2 + 10));
}

void EditorHarness::clickEdge(const QString& name) {
    EdgeItem* edge = scene->edge(name);
    QVERIFY2(edge != nullptr, qPrintable("no edge " + name));
    click(edge->labelPos());
}

void EditorHarness::connectNodes(const QString& source, const QString& target) {
    NodeItem* from = scene->node(source);
    NodeItem* to = scene->node(target);
    QVERIFY(from != nullptr && to != nullptr);
    const QPointF end = from == to ? to->inputPortPos() : to->pos() + QPointF(0, 10);
    drag(from->outputPortPos(), end, 8);
}

void EditorHarness::clickCanvas() {
    QRectF used;
    for (NodeItem* node : scene->nodeItems()) {
        used = used.united(node->sceneBoundingRect());
    }
    for (EdgeItem* edge : scene->edgeItems()) {
        used = used.united(edge->sceneBoundingRect());
    }
    QPointF spot = view->mapToScene(QPoint(8, 8));
    if (used.contains(spot)) {
        spot = used.bottomRight() + QPointF(40, 40);
        view->centerOn(spot);
    }
    click(spot);
}

void EditorHarness::typeInto(QLineEdit* edit, const QString& text) {
    edit->setFocus(Qt::OtherFocusReason);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
    settle();
}

bool EditorHarness::typeInto(const QString& key, const QString& text) {
    auto* edit = qobject_cast<QLineEdit*>(inspector->field(key));
    if (edit == nullptr) {
        return false;
    }
    typeInto(edit, text);
    return true;
}

bool EditorHarness::choose(const QString& key, const QString& itemData) {
    auto* box = qobject_cast<QComboBox*>(inspector->field(key));
    if (box == nullptr) {
        return false;
    }
    const int index = box->findData(itemData);
    if (index < 0) {
        return false;
    }
    // Pick the item as from the open list: the box changes and reports activated().
    box->setFocus(Qt::OtherFocusReason);
    box->setCurrentIndex(index);
    Q_EMIT box->activated(index);
    settle();
    return true;
}

void EditorHarness::settle() {
    for (int i = 0; i < 3; ++i) {
        QApplication::processEvents();
    }
}
