// The circuit editor driven like a user drives it: palette drops, clicks, drags between ports,
// rubber bands and keys on the view's viewport, typing into the inspector.

#include "EditorHarness.h"
#include "TestArtifacts.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QTreeWidgetItem>
#include <QUndoStack>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <plexus/core/connectivity/ConnectivityRule.h>
#include <plexus/core/plugin/ModelRegistry.h>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/widgets/document/Document.h>
#include <plexus/widgets/editor/CircuitScene.h>
#include <plexus/widgets/editor/CircuitView.h>
#include <plexus/widgets/editor/EdgeItem.h>
#include <plexus/widgets/editor/NodeItem.h>
#include <plexus/widgets/editor/Palette.h>
#include <plexus/widgets/inspector/Inspector.h>
#include <plexus/widgets/inspector/ParameterForm.h>
#include <plexus/widgets/inspector/ValueSpecEditor.h>

using namespace plexus::widgets;
using nlohmann::json;

namespace {

/// True when two JSON documents are equal, numbers compared to a relative 1e-12.
bool approxEqual(const json& a, const json& b, const std::string& path, std::string& where) {
    if (a.is_number() && b.is_number()) {
        const double x = a.get<double>();
        const double y = b.get<double>();
        if (std::abs(x - y) <= 1e-12 * std::max({1.0, std::abs(x), std::abs(y)})) {
            return true;
        }
        where = path + ": " + a.dump() + " vs " + b.dump();
        return false;
    }
    if (a.type() != b.type()) {
        where = path + ": " + a.dump() + " vs " + b.dump();
        return false;
    }
    if (a.is_object()) {
        if (a.size() != b.size()) {
            where = path + ": " + a.dump() + " vs " + b.dump();
            return false;
        }
        for (const auto& [key, value] : a.items()) {
            if (!b.contains(key)) {
                where = path + "." + key + " missing";
                return false;
            }
            if (!approxEqual(value, b[key], path + "." + key, where)) {
                return false;
            }
        }
        return true;
    }
    if (a.is_array()) {
        if (a.size() != b.size()) {
            where =
                path + ": sizes " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
            return false;
        }
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!approxEqual(a[i], b[i], path + "[" + std::to_string(i) + "]", where)) {
                return false;
            }
        }
        return true;
    }
    if (a != b) {
        where = path + ": " + a.dump() + " vs " + b.dump();
        return false;
    }
    return true;
}

/// Scene points along @p edge's drawn path, 2000 samples.
QList<QPointF> pathSamples(const EdgeItem* edge) {
    QList<QPointF> points;
    const QPainterPath path = edge->mapToScene(edge->path());
    for (int i = 0; i <= 2000; ++i) {
        points << path.pointAtPercent(i / 2000.0);
    }
    return points;
}

/// True when the drawn path of @p edge enters @p rect.
bool pathEnters(const EdgeItem* edge, const QRectF& rect) {
    const QList<QPointF> points = pathSamples(edge);
    return std::any_of(points.cbegin(), points.cend(),
                       [&](const QPointF& p) { return rect.contains(p); });
}

QLineEdit* valueField(Inspector* inspector, const QString& key, const char* part) {
    QWidget* field = inspector->field(key);
    return field != nullptr ? field->findChild<QLineEdit*>(QString::fromLatin1(part)) : nullptr;
}

} // namespace

class TestEditorScene : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void paletteListsEveryModelByCategory();
    void paletteSearchFilters();
    void buildsCubaFromThePalette();
    void invalidInputIsExplainedAndRefused();
    void refusedConnectionsSayWhy();
    void dragMovesMergeIntoOneUndoStep();
    void rubberBandSelectsAndDeleteKeyRemoves();
    void copyAndPasteWithTheKeyboard();
    void synapseModelDroppedOnAProjection();
    void structuredRulesInTheInspector();
    void inspectorShowsTheRuleTable();
    void zoomPanAndFit();
    void loadedCircuitIsLaidOutAutomatically();
    void edgesGoAroundNodesInTheirWay();
    void droppedNodesNeverHideOthers();
    void emptyCanvasHintOnlyWhenEmpty();
    void inlineErrorsDoNotMoveTheFields();

private:
    /// Creates a population from the palette and names it.
    static void addPopulation(EditorHarness& editor, const QString& name, QPointF at);
    QTemporaryDir m_dir;
};

void TestEditorScene::initTestCase() {
    QVERIFY(m_dir.isValid());
}

void TestEditorScene::addPopulation(EditorHarness& editor, const QString& name, QPointF at) {
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:lif_cuba"), at));
    const QStringList selected = editor.scene->selectedNodes();
    QCOMPARE(selected.size(), 1);
    QVERIFY(editor.typeInto(QStringLiteral("name"), name));
    QVERIFY(editor.document->population(name) != nullptr);
}

void TestEditorScene::paletteListsEveryModelByCategory() {
    EditorHarness editor;
    for (const plexus::core::ModelInfo* info : editor.registry->all()) {
        QTreeWidgetItem* item = editor.palette->findEntry(QStringLiteral("model:") +
                                                          QString::fromStdString(info->name));
        QVERIFY2(item != nullptr, info->name.c_str());
        QCOMPARE(item->parent()->text(0), QString::fromStdString(info->category));
    }
    for (const char* entry :
         {"recorder:spikes", "recorder:rate", "recorder:state", "electrode:point",
          "electrode:laminar", "electrode:utah", "electrode:eeg"}) {
        QVERIFY2(editor.palette->findEntry(QString::fromLatin1(entry)) != nullptr, entry);
    }
}

void TestEditorScene::paletteSearchFilters() {
    EditorHarness editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QTest::keyClicks(editor.palette->searchField(), QStringLiteral("stdp"));
    const QStringList visible = editor.palette->visibleEntries();
    QVERIFY(visible.contains(QStringLiteral("model:stdp")));
    QVERIFY(visible.contains(QStringLiteral("model:stdp_triplet")));
    QVERIFY(!visible.contains(QStringLiteral("model:lif_cuba")));
    QVERIFY(!visible.contains(QStringLiteral("recorder:spikes")));
    editor.palette->searchField()->clear();
    QVERIFY(editor.palette->visibleEntries().contains(QStringLiteral("model:lif_cuba")));
    // Dragging from the palette carries the entry.
    const std::unique_ptr<QMimeData> data(Palette::mimeDataFor(QStringLiteral("model:poisson")));
    QCOMPARE(QString::fromUtf8(data->data(CircuitScene::paletteMimeType())),
             QStringLiteral("model:poisson"));
}

void TestEditorScene::buildsCubaFromThePalette() {
    EditorHarness editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    Document* document = editor.document;
    QUndoStack* undo = document->undoStack();
    const plexus::core::ProjectSpec cuba =
        plexus::core::ProjectIo::load(PLEXUS_SOURCE_DIR "/resources/examples/cuba.json");

    // Two populations from the palette, named and parameterised in the inspector.
    const QList<QPair<QString, QPointF>> populations = {{QStringLiteral("E"), QPointF(0, 0)},
                                                        {QStringLiteral("I"), QPointF(360, 0)}};
    for (const auto& [name, at] : populations) {
        addPopulation(editor, name, at);
        QCOMPARE(editor.inspector->currentNode(), name);
        const auto& spec = name == QLatin1String("E") ? cuba.populations[0] : cuba.populations[1];
        QVERIFY(editor.typeInto(QStringLiteral("size"), QString::number(spec.size)));
        for (const auto& [key, value] : spec.params) {
            QVERIFY2(editor.typeInto(QStringLiteral("param:") + QString::fromStdString(key),
                                     QString::number(value, 'g', 17)),
                     key.c_str());
        }
        // Initial v: uniform in [-60, -50] mV.
        auto* kind = editor.inspector->field(QStringLiteral("initial:v"))
                         ->findChild<QComboBox*>(QStringLiteral("kind"));
        QVERIFY(kind != nullptr);
        kind->setCurrentIndex(kind->findData(QStringLiteral("uniform")));
        Q_EMIT kind->activated(kind->currentIndex());
        EditorHarness::settle();
        EditorHarness::typeInto(valueField(editor.inspector, QStringLiteral("initial:v"), "a"),
                                QStringLiteral("-60"));
        EditorHarness::typeInto(valueField(editor.inspector, QStringLiteral("initial:v"), "b"),
                                QStringLiteral("-50"));
        QCOMPARE(document->population(name)->initial.at("v"),
                 plexus::core::ValueSpec::uniform(-60, -50));
        QCOMPARE(document->population(name)->params, spec.params);
    }

    // Four projections, drawn from port to port, then edited in the inspector.
    const QList<QPair<QString, QString>> pairs = {{"E", "E"}, {"E", "I"}, {"I", "E"}, {"I", "I"}};
    for (const auto& [source, target] : pairs) {
        const int before = static_cast<int>(document->project().projections.size());
        editor.connectNodes(source, target);
        QCOMPARE(static_cast<int>(document->project().projections.size()), before + 1);
        const QString name = source + QStringLiteral("->") + target;
        QVERIFY2(editor.scene->edge(name) != nullptr, qPrintable(name));
        // The new projection is selected and shown; select it again by clicking its label.
        editor.clickCanvas();
        QVERIFY(editor.inspector->currentProjection().isEmpty());
        editor.clickEdge(name);
        QCOMPARE(editor.inspector->currentProjection(), name);
        QVERIFY(editor.typeInto(QStringLiteral("conn:p"), QStringLiteral("0.02")));
        const bool inhibitory = source == QLatin1String("I");
        if (inhibitory) {
            QVERIFY(editor.choose(QStringLiteral("receptor"), QStringLiteral("inh")));
        }
        EditorHarness::typeInto(valueField(editor.inspector, QStringLiteral("weight"), "a"),
                                inhibitory ? QStringLiteral("-9") : QStringLiteral("1.62"));
        const plexus::core::ProjectionSpec* spec = document->projection(name);
        QCOMPARE(spec->connectivity.params.at("p"), 0.02);
        QCOMPARE(spec->receptor, std::string(inhibitory ? "inh" : "exc"));
        QCOMPARE(editor.scene->edge(name)->style().sign,
                 inhibitory ? EdgeItem::Sign::Inhibitory : EdgeItem::Sign::Excitatory);
        QCOMPARE(editor.scene->edge(name)->style().label, QStringLiteral("p = 0.02"));
    }

    // Spike recorders, connected from the populations' outputs.
    for (const QString& population : {QStringLiteral("E"), QStringLiteral("I")}) {
        const QPointF at = editor.scene->node(population)->pos() + QPointF(0, 180);
        QVERIFY(editor.dropFromPalette(QStringLiteral("recorder:spikes"), at));
        QVERIFY(editor.typeInto(QStringLiteral("name"), QStringLiteral("spikes_") + population));
        editor.connectNodes(population, QStringLiteral("spikes_") + population);
        QCOMPARE(document->recorder(QStringLiteral("spikes_") + population)->target,
                 population.toStdString());
        QVERIFY(editor.scene->link(QStringLiteral("spikes_") + population) != nullptr);
    }

    // Project settings with nothing selected.
    editor.clickCanvas();
    QVERIFY(editor.inspector->currentNode().isEmpty());
    QVERIFY(editor.typeInto(QStringLiteral("projectName"), QStringLiteral("CUBA")));
    QVERIFY(
        editor.typeInto(QStringLiteral("description"), QString::fromStdString(cuba.description)));

    // The circuit is CUBA: the same JSON as the shipped example, plus the editor's layout.
    json built = plexus::core::ProjectIo::toJson(document->project());
    QVERIFY(built.contains("layout"));
    QCOMPARE(built["layout"].size(), std::size_t(4));
    json withoutLayout = built;
    withoutLayout.erase("layout");
    std::string where;
    QVERIFY2(approxEqual(plexus::core::ProjectIo::toJson(cuba), withoutLayout, "", where),
             where.c_str());
    QCOMPARE(editor.scene->nodeItems().size(), 4);
    QCOMPARE(editor.scene->edgeItems().size(), 4);

    // Undo everything back to an empty project, then redo it all.
    const int steps = undo->count();
    QVERIFY2(steps > 40, qPrintable(QString::number(steps)));
    while (undo->canUndo()) {
        undo->undo();
    }
    EditorHarness::settle();
    QVERIFY(document->project() == plexus::core::ProjectSpec{});
    QVERIFY(editor.scene->items().isEmpty());
    QVERIFY(!document->isModified());
    while (undo->canRedo()) {
        undo->redo();
    }
    EditorHarness::settle();
    QVERIFY(plexus::core::ProjectIo::toJson(document->project()) == built);
    QCOMPARE(editor.scene->nodeItems().size(), 4);
    QCOMPARE(editor.scene->edgeItems().size(), 4);
    QVERIFY(editor.scene->link(QStringLiteral("spikes_E")) != nullptr);
    for (const QString& name : document->nodeNames()) {
        QCOMPARE(editor.scene->node(name)->pos(), document->nodePosition(name));
    }

    // Save, load into a fresh document, compare.
    const QString path = m_dir.filePath(QStringLiteral("cuba-built.json"));
    QString error;
    QVERIFY2(document->save(path, &error), qPrintable(error));
    QVERIFY(!document->isModified());
    Document reloaded(editor.registry.get());
    QVERIFY2(reloaded.load(path, &error), qPrintable(error));
    QVERIFY(plexus::core::ProjectIo::toJson(reloaded.project()) == built);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(json::parse(file.readAll().toStdString()) == built);
    for (const QString& name : document->nodeNames()) {
        QCOMPARE(reloaded.nodePosition(name), document->nodePosition(name));
    }
}

void TestEditorScene::invalidInputIsExplainedAndRefused() {
    EditorHarness editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    addPopulation(editor, QStringLiteral("A"), QPointF(0, 0));
    addPopulation(editor, QStringLiteral("B"), QPointF(300, 0));
    const int steps = editor.document->undoStack()->count();

    // Out of range: refused, explained with the range and unit.
    QVERIFY(editor.typeInto(QStringLiteral("param:tau_m"), QStringLiteral("-5")));
    QString error = editor.inspector->errorText(QStringLiteral("param:tau_m"));
    QVERIFY2(error.contains(QStringLiteral("outside the allowed range")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("ms")), qPrintable(error));
    QVERIFY(editor.inspector->form()->errorLabel(QStringLiteral("param:tau_m"))->isVisible());
    QVERIFY(!editor.inspector->form()->errorLabel(QStringLiteral("param:tau_m"))->text().isEmpty());
    QVERIFY(editor.document->population(QStringLiteral("B"))->params.empty());
    QCOMPARE(editor.document->undoStack()->count(), steps);

    // Not a number.
    QVERIFY(editor.typeInto(QStringLiteral("param:tau_m"), QStringLiteral("fast")));
    error = editor.inspector->errorText(QStringLiteral("param:tau_m"));
    QVERIFY2(error.contains(QStringLiteral("not a number")), qPrintable(error));

    // Whole numbers only.
    QVERIFY(editor.typeInto(QStringLiteral("size"), QStringLiteral("12.5")));
    QVERIFY(editor.inspector->errorText(QStringLiteral("size")).contains("whole number"));
    // At least one neuron, said as loading a file says it.
    const std::int64_t size = editor.document->population(QStringLiteral("B"))->size;
    QVERIFY(editor.typeInto(QStringLiteral("size"), QStringLiteral("0")));
    QCOMPARE(editor.inspector->errorText(QStringLiteral("size")),
             QStringLiteral("size: must be >= 1 (got 0)"));
    QVERIFY(editor.typeInto(QStringLiteral("size"), QStringLiteral("200000000")));
    QCOMPARE(editor.inspector->errorText(QStringLiteral("size")),
             QStringLiteral("size: must be at most 100000000 (got 200000000)"));
    QCOMPARE(editor.document->population(QStringLiteral("B"))->size, size);
    QCOMPARE(editor.document->undoStack()->count(), steps);

    // A name in use is refused by the document, and said so under the field.
    QVERIFY(editor.typeInto(QStringLiteral("name"), QStringLiteral("A")));
    error = editor.inspector->errorText(QStringLiteral("name"));
    QVERIFY2(error.contains(QStringLiteral("already used")), qPrintable(error));
    QVERIFY(editor.document->population(QStringLiteral("B")) != nullptr);
    QCOMPARE(editor.document->undoStack()->count(), steps);

    // A valid value is taken and the error goes away.
    QVERIFY(editor.typeInto(QStringLiteral("param:tau_m"), QStringLiteral("15")));
    QCOMPARE(editor.document->population(QStringLiteral("B"))->params.at("tau_m"), 15.0);
    QVERIFY(editor.inspector->errorText(QStringLiteral("param:tau_m")).isEmpty());
    QCOMPARE(editor.document->undoStack()->count(), steps + 1);

    // Projections: probability out of [0, 1], negative delay.
    editor.connectNodes(QStringLiteral("A"), QStringLiteral("B"));
    QCOMPARE(editor.inspector->currentProjection(), QStringLiteral("A->B"));
    QVERIFY(editor.typeInto(QStringLiteral("conn:p"), QStringLiteral("1.5")));
    QVERIFY(editor.inspector->errorText(QStringLiteral("conn:p")).contains("outside"));
    EditorHarness::typeInto(valueField(editor.inspector, QStringLiteral("delay"), "a"),
                            QStringLiteral("-1"));
    QVERIFY2(editor.inspector->errorText(QStringLiteral("delay")).contains(">= 0"),
             qPrintable(editor.inspector->errorText(QStringLiteral("delay"))));
    QCOMPARE(editor.document->projection(QStringLiteral("A->B"))->connectivity.params.at("p"), 0.1);
    QCOMPARE(editor.document->projection(QStringLiteral("A->B"))->delayMs,
             plexus::core::ValueSpec::constant(0.1));

    // Units come from the descriptors and receptors.
    auto* unit = editor.inspector->form()->findChild<QLabel*>(QStringLiteral("unit:conn:p"));
    QVERIFY(unit == nullptr); // a probability has no unit
    const QString weightUnit =
        editor.inspector->field(QStringLiteral("weight"))->findChildren<QLabel*>().last()->text();
    QCOMPARE(weightUnit, QStringLiteral("mV"));
}

void TestEditorScene::refusedConnectionsSayWhy() {
    EditorHarness editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy messages(editor.scene, &CircuitScene::message);
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:poisson"), QPointF(0, 0)));
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:lif_cuba"), QPointF(340, 0)));
    QVERIFY(editor.dropFromPalette(QStringLiteral("recorder:state"), QPointF(340, 200)));
    // Population -> stimulus: a stimulus has no input.
    editor.connectNodes(QStringLiteral("P1"), QStringLiteral("Input1"));
    QVERIFY(editor.document->project().projections.empty());
    QVERIFY(!messages.isEmpty());
    QVERIFY2(messages.last().first().toString().contains(QStringLiteral("no inputs")),
             qPrintable(messages.last().first().toString()));
    // A state recorder records neurons, not a spike source.
    editor.connectNodes(QStringLiteral("Input1"), QStringLiteral("state1"));
    QVERIFY(editor.document->recorder(QStringLiteral("state1"))->target.empty());
    QVERIFY(messages.last().first().toString().contains(QStringLiteral("population")));
    // The valid ones work: Input1 -> P1 and P1 -> state1 (which picks a variable).
    editor.connectNodes(QStringLiteral("Input1"), QStringLiteral("P1"));
    QCOMPARE(editor.document->project().projections.size(), std::size_t(1));
    editor.connectNodes(QStringLiteral("P1"), QStringLiteral("state1"));
    const auto* recorder = editor.document->recorder(QStringLiteral("state1"));
    QCOMPARE(recorder->target, std::string("P1"));
    QCOMPARE(recorder->variables, std::vector<std::string>{"v"});
    // A synapse model dropped on empty canvas is refused with a hint.
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:stdp"), QPointF(-300, 300)));
    QVERIFY(messages.last().first().toString().contains(QStringLiteral("projection")));
}

void TestEditorScene::dragMovesMergeIntoOneUndoStep() {
    EditorHarness editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:lif_cuba"), QPointF(0, 0)));
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:lif_cuba"), QPointF(300, 0)));
    editor.connectNodes(QStringLiteral("P1"), QStringLiteral("P2"));
    QUndoStack* undo = editor.document->undoStack();
    const int steps = undo->count();
    NodeItem* node = editor.scene->node(QStringLiteral("P1"));
    const QPointF grab = node->pos() + QPointF(-30, -NodeItem::height / 2 + 10);
    editor.drag(grab, grab + QPointF(203, 117), 10);
    QCOMPARE(undo->count(), steps + 1);
    // Snapped to the grid, stored in the document, edges follow.
    QCOMPARE(node->pos(), QPointF(200, 120));
    QCOMPARE(editor.document->nodePosition(QStringLiteral("P1")), QPointF(200, 120));
    EdgeItem* edge = editor.scene->edge(QStringLiteral("P1->P2"));
    QCOMPARE(edge->path().pointAtPercent(0), edge->mapFromScene(node->outputPortPos()));
    // A second drag is a second step; undo takes them back one at a time.
    editor.drag(node->pos() + QPointF(-30, -30), node->pos() + QPointF(-30 + 100, -30), 4);
    QCOMPARE(undo->count(), steps + 2);
    undo->undo();
    QCOMPARE(node->pos(), QPointF(200, 120));
    undo->undo();
    QCOMPARE(node->pos(), QPointF(0, 0));
    QCOMPARE(editor.document->nodePosition(QStringLiteral("P1")), QPointF(0, 0));
    // Arrow keys nudge the selection by one grid step.
    editor.scene->selectElements({QStringLiteral("P1")});
    editor.view->setFocus();
    QTest::keyClick(editor.view, Qt::Key_Right);
    QCOMPARE(editor.document->nodePosition(QStringLiteral("P1")),
             QPointF(CircuitScene::gridSize, 0));
}

void TestEditorScene::rubberBandSelectsAndDeleteKeyRemoves() {
    EditorHarness editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:lif_cuba"), QPointF(0, 0)));
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:lif_cuba"), QPointF(300, 0)));
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:lif_cuba"), QPointF(0, 300)));
    QVERIFY(editor.dropFromPalette(QStringLiteral("recorder:spikes"), QPointF(300, 300)));
    editor.connectNodes(QStringLiteral("P1"), QStringLiteral("P3"));
    editor.connectNodes(QStringLiteral("P3"), QStringLiteral("P2"));
    editor.connectNodes(QStringLiteral("P2"), QStringLiteral("spikes1"));
    editor.view->fitToView();
    EditorHarness::settle();

    // A rubber band around the top row selects P1 and P2 (and the edges it touches).
    editor.drag(QPointF(-160, -70), QPointF(420, 60), 8);
    QCOMPARE(editor.scene->selectedNodes(), (QStringList{"P1", "P2"}));
    editor.view->setFocus();
    QTest::keyClick(editor.view->viewport(), Qt::Key_Delete);
    EditorHarness::settle();
    QVERIFY(editor.document->population(QStringLiteral("P1")) == nullptr);
    QVERIFY(editor.document->population(QStringLiteral("P2")) == nullptr);
    QVERIFY(editor.document->project().projections.empty());
    // The recorder stays, unconnected; its link is gone.
    QVERIFY(editor.document->recorder(QStringLiteral("spikes1"))->target.empty());
    QVERIFY(editor.scene->link(QStringLiteral("spikes1")) == nullptr);
    QCOMPARE(editor.scene->nodeItems().size(), 2);

    // One undo brings everything back.
    QTest::keyClick(editor.view->viewport(), Qt::Key_Z, Qt::ControlModifier);
    EditorHarness::settle();
    QCOMPARE(editor.scene->nodeItems().size(), 4);
    QCOMPARE(editor.scene->edgeItems().size(), 2);
    QVERIFY(editor.scene->link(QStringLiteral("spikes1")) != nullptr);
    QTest::keyClick(editor.view->viewport(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    EditorHarness::settle();
    QCOMPARE(editor.scene->nodeItems().size(), 2);

    // Ctrl+click adds to a selection; clicking an edge selects the projection.
    QTest::keyClick(editor.view->viewport(), Qt::Key_Z, Qt::ControlModifier);
    EditorHarness::settle();
    editor.clickNode(QStringLiteral("P1"));
    editor.click(editor.scene->node(QStringLiteral("P3"))->pos() + QPointF(-20, -30),
                 Qt::ControlModifier);
    QCOMPARE(editor.scene->selectedNodes(), (QStringList{"P1", "P3"}));
    editor.clickEdge(QStringLiteral("P3->P2"));
    QCOMPARE(editor.scene->selectedProjections(), QStringList{"P3->P2"});
    QTest::keyClick(editor.view->viewport(), Qt::Key_Backspace);
    QVERIFY(editor.document->projection(QStringLiteral("P3->P2")) == nullptr);
    QCOMPARE(editor.scene->nodeItems().size(), 4);
}

void TestEditorScene::copyAndPasteWithTheKeyboard() {
    EditorHarness editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    addPopulation(editor, QStringLiteral("E"), QPointF(0, 0));
    QVERIFY(editor.typeInto(QStringLiteral("param:tau_m"), QStringLiteral("25")));
    addPopulation(editor, QStringLiteral("I"), QPointF(300, 0));
    editor.connectNodes(QStringLiteral("E"), QStringLiteral("I"));
    editor.connectNodes(QStringLiteral("E"), QStringLiteral("E"));
    QCOMPARE(editor.document->project().projections.size(), std::size_t(2));

    editor.view->setFocus();
    QTest::keyClick(editor.view->viewport(), Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(editor.scene->selectedNodes().size(), 2);
    QTest::keyClick(editor.view->viewport(), Qt::Key_C, Qt::ControlModifier);
    QVERIFY(QApplication::clipboard()->mimeData()->hasFormat(Document::fragmentMimeType()));
    const int steps = editor.document->undoStack()->count();
    QTest::keyClick(editor.view->viewport(), Qt::Key_V, Qt::ControlModifier);
    EditorHarness::settle();
    QCOMPARE(editor.document->undoStack()->count(), steps + 1);
    QCOMPARE(editor.scene->selectedNodes(), (QStringList{"E 2", "I 2"}));
    const auto* copy = editor.document->population(QStringLiteral("E 2"));
    QVERIFY(copy != nullptr);
    QCOMPARE(copy->params.at("tau_m"), 25.0);
    QVERIFY(editor.document->projection(QStringLiteral("E 2->I 2")) != nullptr);
    QVERIFY(editor.document->projection(QStringLiteral("E 2->E 2")) != nullptr);
    QCOMPARE(editor.document->nodePosition(QStringLiteral("E 2")),
             editor.document->nodePosition(QStringLiteral("E")) + QPointF(40, 40));
    QCOMPARE(editor.scene->edgeItems().size(), 4);
    // Undo removes the whole paste.
    editor.document->undoStack()->undo();
    QCOMPARE(editor.scene->nodeItems().size(), 2);
    QCOMPARE(editor.scene->edgeItems().size(), 2);
    // Cut removes and keeps for pasting.
    editor.clickNode(QStringLiteral("I"));
    QTest::keyClick(editor.view->viewport(), Qt::Key_X, Qt::ControlModifier);
    QVERIFY(editor.document->population(QStringLiteral("I")) == nullptr);
    QTest::keyClick(editor.view->viewport(), Qt::Key_V, Qt::ControlModifier);
    QVERIFY(editor.document->population(QStringLiteral("I")) != nullptr);
}

void TestEditorScene::synapseModelDroppedOnAProjection() {
    EditorHarness editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:poisson"), QPointF(0, 0)));
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:lif_cuba"), QPointF(340, 0)));
    editor.connectNodes(QStringLiteral("Input1"), QStringLiteral("P1"));
    EdgeItem* edge = editor.scene->edge(QStringLiteral("Input1->P1"));
    QVERIFY(edge != nullptr);
    QVERIFY(!edge->style().plastic);
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:stdp"), edge->labelPos()));
    QCOMPARE(editor.document->projection(QStringLiteral("Input1->P1"))->synapse,
             std::string("stdp"));
    QVERIFY(edge->style().plastic);
    QCOMPARE(editor.inspector->currentProjection(), QStringLiteral("Input1->P1"));
    // The synapse's own parameters appear, with their ranges; the rule can be changed.
    QVERIFY(editor.typeInto(QStringLiteral("synparam:a_plus"), QStringLiteral("0.02")));
    QCOMPARE(editor.document->projection(QStringLiteral("Input1->P1"))->synapseParams.at("a_plus"),
             0.02);
    QVERIFY(editor.choose(QStringLiteral("rule"), QStringLiteral("fixed_indegree")));
    QVERIFY(editor.typeInto(QStringLiteral("conn:k"), QStringLiteral("3.5")));
    QVERIFY(editor.inspector->errorText(QStringLiteral("conn:k")).contains("whole"));
    QVERIFY(editor.typeInto(QStringLiteral("conn:k"), QStringLiteral("20")));
    const auto& connectivity =
        editor.document->projection(QStringLiteral("Input1->P1"))->connectivity;
    QCOMPARE(connectivity.rule, std::string("fixed_indegree"));
    QCOMPARE(connectivity.params.at("k"), 20.0);
    QCOMPARE(edge->style().label, QStringLiteral("k_in = 20"));
    // Back to static: the synapse parameters go with it.
    QVERIFY(editor.choose(QStringLiteral("synapse"), QStringLiteral("static")));
    QVERIFY(editor.document->projection(QStringLiteral("Input1->P1"))->synapseParams.empty());
    QVERIFY(!edge->style().plastic);
}

void TestEditorScene::structuredRulesInTheInspector() {
    QTemporaryDir dir;
    EditorHarness editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:lif_cuba"), QPointF(0, 0)));
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:lif_cuba"), QPointF(340, 0)));
    // The project lives in a folder, where edge files are looked up.
    QVERIFY(editor.document->save(dir.filePath(QStringLiteral("circuit.json"))));
    editor.clickNode(QStringLiteral("P1"));
    QVERIFY(editor.choose(QStringLiteral("spatial"), QStringLiteral("grid")));
    QCOMPARE(editor.document->population(QStringLiteral("P1"))->spatial.shape, std::string("grid"));
    editor.connectNodes(QStringLiteral("P1"), QStringLiteral("P2"));
    const QString name = QStringLiteral("P1->P2");
    QCOMPARE(editor.inspector->currentProjection(), name);
    EdgeItem* edge = editor.scene->edge(name);
    QVERIFY(edge != nullptr);
    auto connectivity = [&] { return editor.document->projection(name)->connectivity; };

    // Gaussian: its parameters with their units; P2 has no layout yet, and the form says so.
    QVERIFY(editor.choose(QStringLiteral("rule"), QStringLiteral("distance_gaussian")));
    QCOMPARE(connectivity().params.at("sigma_um"), 150.0);
    auto* unit = editor.inspector->form()->findChild<QLabel*>(QStringLiteral("unit:conn:sigma_um"));
    QVERIFY(unit != nullptr);
    QCOMPARE(unit->text(), QStringLiteral("\u00b5m"));
    bool warned = false;
    for (const QLabel* label : editor.inspector->form()->findChildren<QLabel*>()) {
        warned = warned || label->text().contains(QStringLiteral("P2 has no spatial layout"));
    }
    QVERIFY(warned);
    QVERIFY(editor.typeInto(QStringLiteral("conn:sigma_um"), QStringLiteral("0")));
    QCOMPARE(editor.inspector->errorText(QStringLiteral("conn:sigma_um")),
             QStringLiteral("0 \u00b5m is outside the allowed range (0, \u221e] \u00b5m."));
    EditorHarness::settle();
    editor.inspector->grab().save(
        plexus::tests::artifactPath(QStringLiteral("inspector-rule-error.png")));
    QVERIFY(editor.typeInto(QStringLiteral("conn:sigma_um"), QStringLiteral("200")));
    QCOMPARE(connectivity().params.at("sigma_um"), 200.0);
    QCOMPARE(edge->style().label, QStringLiteral("\u03c3 = 200 \u00b5m"));

    // Small world: an odd k is refused under the field, with the reason.
    QVERIFY(editor.choose(QStringLiteral("rule"), QStringLiteral("small_world")));
    QVERIFY(editor.typeInto(QStringLiteral("conn:k"), QStringLiteral("7")));
    QVERIFY2(editor.inspector->errorText(QStringLiteral("conn:k")).contains("even"),
             qPrintable(editor.inspector->errorText(QStringLiteral("conn:k"))));
    EditorHarness::settle();
    editor.inspector->grab().save(
        plexus::tests::artifactPath(QStringLiteral("inspector-rule-even.png")));
    QCOMPARE(connectivity().params.at("k"), 10.0);
    QVERIFY(editor.typeInto(QStringLiteral("conn:beta"), QStringLiteral("0.25")));
    QCOMPARE(edge->style().label, QStringLiteral("small-world k=10 \u03b2=0.25"));

    // Edge list: a file field with a browse button; the file is read relative to the project.
    QVERIFY(editor.choose(QStringLiteral("rule"), QStringLiteral("csv_edges")));
    QVERIFY(connectivity().params.empty());
    QVERIFY(editor.inspector->form()->findChild<QWidget*>(QStringLiteral("browse:file")));
    {
        QFile csv(dir.filePath(QStringLiteral("edges.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("source,target,weight\n0,1,0.5\n3,2,1.5\n");
    }
    QVERIFY(editor.typeInto(QStringLiteral("file"), QStringLiteral("missing.csv")));
    QVERIFY2(editor.inspector->errorText(QStringLiteral("file")).contains("cannot read"),
             qPrintable(editor.inspector->errorText(QStringLiteral("file"))));
    QVERIFY(connectivity().file.empty());
    QVERIFY(editor.typeInto(QStringLiteral("file"), QStringLiteral("edges.csv")));
    QCOMPARE(connectivity().file, std::string("edges.csv"));
    QCOMPARE(connectivity().edges.sources, (std::vector<std::int64_t>{0, 3}));
    QCOMPARE(connectivity().edges.weights, (std::vector<double>{0.5, 1.5}));
    QCOMPARE(edge->style().label, QStringLiteral("edges.csv"));
    {
        QFile csv(dir.filePath(QStringLiteral("bad.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("0,1\n0;2\n");
    }
    QVERIFY(editor.typeInto(QStringLiteral("file"), QStringLiteral("bad.csv")));
    QVERIFY2(editor.inspector->errorText(QStringLiteral("file")).contains("bad.csv: line 2"),
             qPrintable(editor.inspector->errorText(QStringLiteral("file"))));
    QCOMPARE(connectivity().file, std::string("edges.csv"));

    // Saved and loaded back with the edges.
    QVERIFY(editor.document->save(dir.filePath(QStringLiteral("circuit.json"))));
    const auto loaded =
        plexus::core::ProjectIo::load(dir.filePath(QStringLiteral("circuit.json")).toStdString());
    QVERIFY(loaded.projections[0].connectivity == connectivity());
    // One undo step per edit: back to the small-world rule.
    editor.document->undoStack()->undo();
    editor.document->undoStack()->undo();
    QCOMPARE(connectivity().rule, std::string("small_world"));
}

void TestEditorScene::inspectorShowsTheRuleTable() {
    using plexus::core::ConnectivityParameter;
    using plexus::core::ConnectivityRule;
    EditorHarness editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    addPopulation(editor, QStringLiteral("A"), QPointF(0, 0));
    addPopulation(editor, QStringLiteral("B"), QPointF(340, 0));
    editor.connectNodes(QStringLiteral("A"), QStringLiteral("B"));
    const QString name = QStringLiteral("A->B");
    QCOMPARE(editor.inspector->currentProjection(), name);
    const auto qs = [](const std::string& text) { return QString::fromStdString(text); };

    // The rule chooser offers the table's rules, in its order, under their display names.
    auto* chooser = editor.inspector->form()->findChild<QComboBox*>(QStringLiteral("rule"));
    QVERIFY(chooser != nullptr);
    QCOMPARE(chooser->count(), int(ConnectivityRule::all().size()));
    for (int i = 0; i < chooser->count(); ++i) {
        QCOMPARE(chooser->itemData(i).toString(), qs(ConnectivityRule::all()[i].name));
        QCOMPARE(chooser->itemText(i), qs(ConnectivityRule::all()[i].label));
    }

    for (const ConnectivityRule& rule : ConnectivityRule::all()) {
        QVERIFY2(editor.choose(QStringLiteral("rule"), qs(rule.name)), rule.name.c_str());
        ParameterForm* form = editor.inspector->form();
        // Exactly the table's parameters, in its order, with their labels, units and defaults.
        QStringList shown;
        for (const QString& key : form->keys()) {
            if (key.startsWith(QLatin1String("conn:"))) {
                shown << key.mid(5);
            }
        }
        QStringList expected;
        for (const ConnectivityParameter& parameter : rule.parameters) {
            expected << qs(parameter.key);
        }
        QCOMPARE(shown, expected);
        QCOMPARE(form->findChild<QWidget*>(QStringLiteral("file")) != nullptr, rule.readsFile);
        const auto& connectivity = editor.document->projection(name)->connectivity;
        QCOMPARE(connectivity.rule, rule.name);
        QCOMPARE(connectivity.params.size(), rule.parameters.size());
        for (const ConnectivityParameter& parameter : rule.parameters) {
            const QString key = QStringLiteral("conn:") + qs(parameter.key);
            auto* field = qobject_cast<QLineEdit*>(form->field(key));
            QVERIFY2(field != nullptr, qPrintable(key));
            QCOMPARE(field->text().toDouble(), parameter.defaultValue);
            QCOMPARE(connectivity.params.at(parameter.key), parameter.defaultValue);
            QString label;
            for (const QLabel* candidate : form->findChildren<QLabel*>()) {
                if (candidate->buddy() == field) {
                    label = candidate->text();
                }
            }
            QCOMPARE(label, qs(parameter.label));
            auto* unit = form->findChild<QLabel*>(QStringLiteral("unit:") + key);
            QCOMPARE(unit != nullptr ? unit->text() : QString(), qs(parameter.unit));
        }
        // A value the table refuses is refused under its field, in one line, and changes nothing.
        for (const ConnectivityParameter& parameter : rule.parameters) {
            const QString key = QStringLiteral("conn:") + qs(parameter.key);
            const QString refused = parameter.even        ? QStringLiteral("3")
                                    : parameter.integer() ? QStringLiteral("2.5")
                                    : parameter.kind == ConnectivityParameter::Kind::Length
                                        ? QStringLiteral("0")
                                        : QStringLiteral("1.5");
            QVERIFY(!parameter.refusal(refused.toDouble()).empty());
            const int steps = editor.document->undoStack()->count();
            QVERIFY(editor.typeInto(key, refused));
            const QString error = editor.inspector->errorText(key);
            QVERIFY2(!error.isEmpty() && !error.contains(QLatin1Char('\n')), qPrintable(key));
            QCOMPARE(editor.document->undoStack()->count(), steps);
            QCOMPARE(editor.document->projection(name)->connectivity.params.at(parameter.key),
                     parameter.defaultValue);
            QVERIFY(editor.typeInto(key, QString::number(parameter.defaultValue, 'g', 12)));
        }
    }
}

void TestEditorScene::zoomPanAndFit() {
    EditorHarness editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:lif_cuba"), QPointF(0, 0)));
    editor.document->createNode(QStringLiteral("model:lif_cuba"), QPointF(1500, 900));
    EditorHarness::settle();
    editor.view->resetZoom();
    editor.view->setFocus();
    QTest::keyClick(editor.view->viewport(), Qt::Key_Plus);
    QVERIFY(editor.view->zoom() > 1.1);
    QTest::keyClick(editor.view->viewport(), Qt::Key_0);
    QCOMPARE(editor.view->zoom(), 1.0);
    QTest::keyClick(editor.view->viewport(), Qt::Key_F);
    EditorHarness::settle();
    QVERIFY(editor.view->zoom() < 1.0);
    const QRect visible = editor.view->viewport()->rect();
    for (NodeItem* node : editor.scene->nodeItems()) {
        const QRect box = editor.view->mapFromScene(node->sceneBoundingRect()).boundingRect();
        QVERIFY2(visible.contains(box), qPrintable(node->name()));
    }
    // The wheel zooms; the middle button pans.
    const qreal before = editor.view->zoom();
    const QPoint centre = visible.center();
    QWheelEvent wheel(centre, editor.view->viewport()->mapToGlobal(centre), QPoint(),
                      QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(editor.view->viewport(), &wheel);
    QVERIFY(editor.view->zoom() > before);
    const QPointF sceneCentre = editor.view->mapToScene(centre);
    QTest::mousePress(editor.view->viewport(), Qt::MiddleButton, Qt::NoModifier, centre);
    QTest::mouseMove(editor.view->viewport(), centre + QPoint(80, 40));
    QTest::mouseRelease(editor.view->viewport(), Qt::MiddleButton, Qt::NoModifier,
                        centre + QPoint(80, 40));
    QVERIFY(editor.view->mapToScene(centre) != sceneCentre);
}

void TestEditorScene::loadedCircuitIsLaidOutAutomatically() {
    EditorHarness editor;
    QString error;
    QVERIFY2(editor.document->load(PLEXUS_SOURCE_DIR "/resources/examples/cuba.json", &error),
             qPrintable(error));
    QVERIFY(!editor.document->isModified());
    // cuba.json has no layout: every node gets a place, none overlapping.
    const QStringList names = editor.document->nodeNames();
    QCOMPARE(names.size(), 4);
    QList<QRectF> boxes;
    for (const QString& name : names) {
        NodeItem* node = editor.scene->node(name);
        QVERIFY(node != nullptr);
        QCOMPARE(node->pos(), editor.document->nodePosition(name));
        for (const QRectF& other : boxes) {
            QVERIFY2(!other.intersects(node->sceneBoundingRect()), qPrintable(name));
        }
        boxes << node->sceneBoundingRect();
    }
    // E drives I: I sits to the right of E; recorders below their population.
    QVERIFY(editor.document->nodePosition("I").x() > editor.document->nodePosition("E").x());
    QVERIFY(editor.document->nodePosition("spikes_E").y() > editor.document->nodePosition("E").y());
    QCOMPARE(editor.scene->edgeItems().size(), 4);
    // Edit > Automatic layout is undoable.
    editor.document->moveNodes({{QStringLiteral("E"), QPointF(-500, -500)}});
    QVERIFY(editor.document->autoLayout());
    QVERIFY(editor.document->nodePosition("E") != QPointF(-500, -500));
    editor.document->undoStack()->undo();
    QCOMPARE(editor.document->nodePosition("E"), QPointF(-500, -500));
}

void TestEditorScene::edgesGoAroundNodesInTheirWay() {
    EditorHarness editor;
    Document* document = editor.document;
    // A -> B with C right between them on the same row.
    const QString a = document->createNode(QStringLiteral("model:lif_cuba"), QPointF(0, 0));
    const QString c = document->createNode(QStringLiteral("model:lif_cuba"), QPointF(330, 0));
    const QString b = document->createNode(QStringLiteral("model:lif_cuba"), QPointF(660, 0));
    QVERIFY(document->connectNodes(a, b));
    EditorHarness::settle();
    const QRectF cCard = editor.scene->node(c)->sceneCardRect();
    QCOMPARE(cCard, QRectF(330 - NodeItem::width / 2, -NodeItem::height / 2, NodeItem::width,
                           NodeItem::height));
    EdgeItem* forward = editor.scene->edge(document->lastCreatedProjection());
    QVERIFY(forward != nullptr);
    QVERIFY2(!pathEnters(forward, cCard), "the edge A -> B crosses C");
    // Its ends stay on the ports.
    const QList<QPointF> samples = pathSamples(forward);
    QVERIFY(QLineF(samples.front(), editor.scene->node(a)->outputPortPos()).length() < 0.5);
    QVERIFY(QLineF(samples.back(), editor.scene->node(b)->inputPortPos()).length() < 0.5);
    // The label does not sit on C either.
    const QRectF label(forward->labelPos() - QPointF(20, 6), QSizeF(40, 12));
    QVERIFY(!label.intersects(cCard));

    // Backward (B -> A) goes around C too.
    QVERIFY(document->connectNodes(b, a));
    EditorHarness::settle();
    EdgeItem* backward = editor.scene->edge(document->lastCreatedProjection());
    QVERIFY(backward != nullptr);
    QVERIFY2(!pathEnters(backward, cCard), "the edge B -> A crosses C");

    // A node moved into an edge's way (here below A -> B's detour) makes it reroute.
    const QString d = document->createNode(QStringLiteral("model:lif_cuba"), QPointF(330, 400));
    QVERIFY(document->connectNodes(a, d));
    EditorHarness::settle();
    EdgeItem* diagonal = editor.scene->edge(document->lastCreatedProjection());
    const QString e = document->createNode(QStringLiteral("model:lif_cuba"), QPointF(900, 900));
    EditorHarness::settle();
    QVERIFY(document->moveNodes({{e, QPointF(170, 200)}}));
    EditorHarness::settle();
    const QRectF eCard = editor.scene->node(e)->sceneCardRect();
    for (EdgeItem* edge : editor.scene->edgeItems()) {
        QVERIFY2(!pathEnters(edge, eCard), qPrintable(edge->name() + " crosses the moved node"));
        QVERIFY2(!pathEnters(edge, cCard), qPrintable(edge->name() + " crosses C"));
    }
    QVERIFY(diagonal != nullptr);

    // A self-loop stays outside its node (it touches it only at the ports) and readable.
    QVERIFY(document->connectNodes(d, d));
    EditorHarness::settle();
    EdgeItem* loop = editor.scene->edge(document->lastCreatedProjection());
    QVERIFY(loop != nullptr);
    const QRectF dInside = editor.scene->node(d)->sceneCardRect().adjusted(2, 2, -2, -2);
    QVERIFY(!pathEnters(loop, dInside));
    QVERIFY(!QRectF(loop->labelPos() - QPointF(20, 6), QSizeF(40, 12)).intersects(dInside));
}

void TestEditorScene::droppedNodesNeverHideOthers() {
    EditorHarness editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:lif_cuba"), QPointF(0, 0)));
    // Dropped on top of P1: the new node goes to the nearest free spot.
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:lif_cuba"), QPointF(20, 20)));
    const QRectF first = editor.scene->node(QStringLiteral("P1"))->sceneCardRect();
    const QRectF second = editor.scene->node(QStringLiteral("P2"))->sceneCardRect();
    QVERIFY(!first.intersects(second));
    QVERIFY(QLineF(second.center(), QPointF(20, 20)).length() < 250.0);
    // A free spot is used as it is.
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:lif_cuba"), QPointF(900, 0)));
    QCOMPARE(editor.document->nodePosition(QStringLiteral("P3")), QPointF(900, 0));
}

void TestEditorScene::emptyCanvasHintOnlyWhenEmpty() {
    EditorHarness editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QLabel* hint = editor.view->emptyHint();
    QVERIFY(hint != nullptr);
    // Shown, centred and whole (its wrapped text fits its box) inside the viewport.
    auto checkShownWhole = [&](const char* when) {
        EditorHarness::settle();
        const QRect viewport = editor.view->viewport()->rect();
        QVERIFY2(hint->isVisible(), when);
        QVERIFY2(viewport.contains(hint->geometry()), when);
        QVERIFY2(hint->heightForWidth(hint->width()) <= hint->height(), when);
        QVERIFY2((hint->geometry().center() - viewport.center()).manhattanLength() <= 2, when);
    };
    checkShownWhole("at start");
    // Hidden as soon as there is a node, back when the last one goes.
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:lif_cuba"), QPointF(0, 0)));
    QVERIFY(!hint->isVisible());
    editor.document->undoStack()->undo();
    checkShownWhole("after undo");
    QVERIFY(editor.dropFromPalette(QStringLiteral("model:lif_cuba"), QPointF(0, 0)));
    QVERIFY(!hint->isVisible());
    editor.document->newProject();
    checkShownWhole("after a new project");
    // Any window size: narrow views wrap the text onto more lines.
    const int wideLines = hint->height();
    editor.resize(700, 400);
    checkShownWhole("in a small window");
    QVERIFY(hint->height() > wideLines);
    editor.resize(1900, 1000);
    checkShownWhole("in a large window");
}

void TestEditorScene::inlineErrorsDoNotMoveTheFields() {
    EditorHarness editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    addPopulation(editor, QStringLiteral("E"), QPointF(0, 0));
    ParameterForm* form = editor.inspector->form();
    auto positions = [&] {
        QList<QRect> out;
        for (const QString& key : form->keys()) {
            out << QRect(form->field(key)->mapTo(form, QPoint(0, 0)), form->field(key)->size());
        }
        return out;
    };
    EditorHarness::settle();
    const QList<QRect> before = positions();
    // A long error under the first parameter: every field stays where it was.
    QVERIFY(editor.typeInto(QStringLiteral("param:tau_m"), QStringLiteral("-12345678901234")));
    const QString error = editor.inspector->errorText(QStringLiteral("param:tau_m"));
    QVERIFY2(error.contains(QStringLiteral("outside the allowed range")), qPrintable(error));
    EditorHarness::settle();
    editor.inspector->grab().save(
        plexus::tests::artifactPath(QStringLiteral("inspector-inline-error.png")));
    QCOMPARE(positions(), before);
    // Shown in full or elided with the whole message as its tooltip.
    QLabel* line = form->errorLabel(QStringLiteral("param:tau_m"));
    QVERIFY(line->isVisible() && !line->text().isEmpty());
    QVERIFY(line->text() == error || line->toolTip() == error);
    // And going away moves nothing either.
    QVERIFY(editor.typeInto(QStringLiteral("param:tau_m"), QStringLiteral("25")));
    EditorHarness::settle();
    QCOMPARE(editor.document->population(QStringLiteral("E"))->params.at("tau_m"), 25.0);
    form = editor.inspector->form();
    QCOMPARE(positions(), before);
}

QTEST_MAIN(TestEditorScene)
#include "TestEditorScene.moc"
