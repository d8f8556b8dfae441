// Numeric electrode placement in the inspector (offscreen): the anchor vertex, the depth and
// the entry point x, y, z are editable numbers; every edit is one undoable Document edit that
// moves the placed electrode, and undo puts it back. Also ElectrodeEdits (adding the 3D
// panel's new electrodes to the document as one undo step).

#include "plexus/geometry/placement/ElectrodePlacement.h"
#include "plexus/geometry/surface/FoldedCortex.h"
#include "plexus/widgets/document/Document.h"
#include "plexus/widgets/document/ElectrodeEdits.h"
#include "plexus/widgets/inspector/Inspector.h"

#include <QApplication>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <memory>
#include <plexus/core/plugin/ModelRegistry.h>
#include <plexus/plugins/BuiltinModels.h>

using namespace plexus;
using geometry::ElectrodePlacement;
using widgets::Document;
using widgets::ElectrodeSpec;
using widgets::Inspector;

namespace {

void settle() {
    for (int i = 0; i < 3; ++i) {
        QApplication::processEvents();
    }
}

bool typeInto(Inspector& inspector, const QString& key, const QString& text) {
    auto* edit = qobject_cast<QLineEdit*>(inspector.field(key));
    if (edit == nullptr) {
        return false;
    }
    edit->setFocus(Qt::OtherFocusReason);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
    settle();
    return true;
}

} // namespace

class TestElectrodeInspector : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void numericEditMovesElectrodeAndUndoRestores();
    void addElectrodeIsOneUndoStep();

private:
    core::ModelRegistry m_models;
};

void TestElectrodeInspector::initTestCase() {
    plugins::registerBuiltinModels(m_models);
}

void TestElectrodeInspector::numericEditMovesElectrodeAndUndoRestores() {
    const geometry::FoldedCortex cortex;
    auto pial = std::make_shared<geometry::SurfaceMesh>(cortex.pial());
    pial->computeNormals();
    Document document(&m_models);
    const QString name = document.createNode(QStringLiteral("electrode:laminar"), {0, 0});
    QVERIFY(!name.isEmpty());
    const std::int64_t v0 = 10;
    QVERIFY(widgets::ElectrodeEdits::placeElectrode(document, name, v0, 1600.0));

    Inspector inspector(&document);
    inspector.resize(400, 800);
    inspector.setElectrodeSurface(pial);
    inspector.showNode(name);
    settle();
    auto* vertexField = qobject_cast<QLineEdit*>(inspector.field(QStringLiteral("anchorVertex")));
    QVERIFY(vertexField != nullptr);
    QCOMPARE(vertexField->text().toLongLong(), v0);
    QVERIFY(inspector.field(QStringLiteral("depth")) != nullptr);
    auto* xField = qobject_cast<QLineEdit*>(inspector.field(QStringLiteral("anchorX")));
    QVERIFY(xField != nullptr);
    QVERIFY(std::abs(QLocale().toDouble(xField->text()) - pial->vertices()(v0, 0)) < 1e-2);

    const auto placed = [&] {
        return ElectrodePlacement::build(*document.electrode(name), *pial, 0);
    };
    const auto before = placed();
    QVERIFY(before.has_value());
    QUndoStack* undo = document.undoStack();
    const int steps = undo->count();

    // Anchor vertex: moves the probe to that vertex.
    const std::int64_t v1 = pial->vertexCount() / 2;
    QVERIFY(typeInto(inspector, QStringLiteral("anchorVertex"), QString::number(v1)));
    QCOMPARE(undo->count(), steps + 1);
    QCOMPARE(ElectrodePlacement::anchorVertex(*document.electrode(name)).value_or(-1), v1);
    const auto moved = placed();
    QVERIFY(moved.has_value());
    QVERIFY((moved->contact(0).position - before->contact(0).position).norm() > 0.5);

    // Depth: the deepest contact goes 400 um deeper along the same track.
    QVERIFY(typeInto(inspector, QStringLiteral("depth"), QStringLiteral("2000")));
    QCOMPARE(undo->count(), steps + 2);
    QCOMPARE(ElectrodePlacement::depthUm(*document.electrode(name)), 2000.0);
    const auto deeper = placed();
    const int last = deeper->contactCount() - 1;
    QVERIFY(std::abs((deeper->contact(last).position - moved->contact(last).position).norm() -
                     0.4) < 1e-6);

    // Entry x: a numeric anchor point; the nearest vertex is stored for display.
    const double x = pial->vertices()(v1, 0) + 1.0;
    QVERIFY(typeInto(inspector, QStringLiteral("anchorX"), QString::number(x, 'f', 3)));
    QCOMPARE(undo->count(), steps + 3);
    const auto point = ElectrodePlacement::anchorPoint(*document.electrode(name));
    QVERIFY(point.has_value());
    QVERIFY(std::abs(point->x() - x) < 1e-3);
    const auto shifted = placed();
    QVERIFY(std::abs((shifted->shanks()[0].entry - *point).norm()) < 1e-9);

    // A vertex beyond the surface is refused and explained.
    QVERIFY(typeInto(inspector, QStringLiteral("anchorVertex"),
                     QString::number(pial->vertexCount() + 5)));
    QCOMPARE(undo->count(), steps + 3);
    QVERIFY(!inspector.errorText(QStringLiteral("anchorVertex")).isEmpty());

    // Undo everything: the electrode is back where it was.
    undo->undo();
    undo->undo();
    undo->undo();
    settle();
    QCOMPARE(ElectrodePlacement::anchorVertex(*document.electrode(name)).value_or(-1), v0);
    QVERIFY(!ElectrodePlacement::anchorPoint(*document.electrode(name)).has_value());
    const auto restored = placed();
    for (int i = 0; i < restored->contactCount(); ++i) {
        QVERIFY((restored->contact(i).position - before->contact(i).position).norm() < 1e-12);
    }
    QCOMPARE(qobject_cast<QLineEdit*>(inspector.field(QStringLiteral("anchorVertex")))
                 ->text()
                 .toLongLong(),
             v0);
}

void TestElectrodeInspector::addElectrodeIsOneUndoStep() {
    Document document(&m_models);
    QVERIFY(!document.createNode(QStringLiteral("electrode:point"), {0, 0}).isEmpty());
    ElectrodeSpec spec;
    spec.name = "EEG biosemi";
    spec.type = "eeg";
    spec.contacts = 3;
    spec.extra = {{"contacts_mm", nlohmann::json::array()}};
    const int steps = document.undoStack()->count();
    const QString first = widgets::ElectrodeEdits::addElectrode(document, spec);
    QCOMPARE(first, QStringLiteral("EEG biosemi"));
    const QString second = widgets::ElectrodeEdits::addElectrode(document, spec);
    QVERIFY(second != first); // renamed
    QCOMPARE(document.undoStack()->count(), steps + 2);
    QCOMPARE(document.electrodes().size(), std::size_t{3});
    QCOMPARE(document.electrode(first)->contacts, 3);
    QVERIFY(document.nodePosition(first) != document.nodePosition(second));
    document.undoStack()->undo();
    QCOMPARE(document.electrodes().size(), std::size_t{2});

    // A montage electrode survives saving and loading and places one contact per channel.
    geometry::EegMontage montage;
    montage.addChannel("Cz", {0.0, 0.0, 95.0});
    montage.addChannel("Fpz", {0.0, 95.0, 0.0});
    montage.addChannel("T7", {-95.0, 0.0, 0.0});
    const QString eeg = widgets::ElectrodeEdits::addElectrode(
        document, ElectrodePlacement::fromMontage(montage, "EEG test", "test.elc"));
    QVERIFY(!eeg.isEmpty());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("montage.json"));
    QString error;
    QVERIFY2(document.save(path, &error), qPrintable(error));
    Document reloaded(&m_models);
    QVERIFY2(reloaded.load(path, &error), qPrintable(error));
    const auto stored = reloaded.electrode(eeg);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->contacts, 3);
    const geometry::FoldedCortex cortex;
    geometry::SurfaceMesh pial = cortex.pial();
    pial.computeNormals();
    const auto placed = ElectrodePlacement::build(*stored, pial, 0);
    QVERIFY(placed.has_value());
    QCOMPARE(placed->contactCount(), 3);
    const Eigen::Vector3d c = ElectrodePlacement::headSphereCentre(pial);
    const double r = ElectrodePlacement::headSphereRadius(pial);
    QVERIFY(
        (placed->contact(placed->indexOf("Fpz")).position - (c + Eigen::Vector3d(0, r, 0))).norm() <
        1e-9);
}

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    TestElectrodeInspector test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestElectrodeInspector.moc"
