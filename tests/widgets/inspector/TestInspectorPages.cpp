// Each page of the inspector (offscreen): a value typed into the page lands in the document as
// one undo step, and an invalid value is refused with a message shown under its field while the
// document keeps its value.

#include "plexus/widgets/document/Document.h"
#include "plexus/widgets/inspector/Inspector.h"
#include "plexus/widgets/inspector/ParameterForm.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <memory>
#include <plexus/core/plugin/ModelRegistry.h>
#include <plexus/plugins/BuiltinModels.h>

using namespace plexus;
using widgets::Document;
using widgets::Inspector;

namespace {

/// Two populations, a spike-time and a current stimulus, a projection, a state and a rate
/// recorder and an electrode.
const char* const projectJson = R"({
  "format": "plexus-project",
  "formatVersion": 3,
  "name": "Pages",
  "simulation": {"dt_ms": 0.1, "duration_s": 1.0, "seed": 1, "threads": 1},
  "populations": [
    {"name": "E", "model": "lif_cuba", "size": 100},
    {"name": "I", "model": "lif_cuba", "size": 25}
  ],
  "stimuli": [
    {"name": "Kick", "model": "spike_times", "size": 2, "times": [10.0, 20.0],
     "indices": [0, 1]},
    {"name": "Drive", "model": "dc_current", "target": "E"}
  ],
  "projections": [
    {"name": "E->I", "source": "E", "target": "I", "receptor": "exc", "synapse": "static",
     "connectivity": {"rule": "fixed_probability", "p": 0.1}, "weight": 1.0, "delay_ms": 1.0}
  ],
  "recorders": [
    {"name": "vm", "type": "state", "target": "E", "variables": ["v"], "neurons": [0],
     "interval_ms": 0.5},
    {"name": "rate_E", "type": "rate", "target": "E", "bin_ms": 10.0}
  ],
  "electrodes": [
    {"name": "probe", "type": "laminar", "target": "E", "contacts": 16, "spacing_um": 100.0}
  ]
})";

void settle() {
    for (int i = 0; i < 3; ++i) {
        QApplication::processEvents();
    }
}

} // namespace

class TestInspectorPages : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void projectPage();
    void populationPage();
    void stimulusPage();
    void currentStimulusPage();
    void recorderPage();
    void electrodePage();
    void projectionPage();
    void selectionSummaryPage();

private:
    /// Types @p text into field @p key and presses Return; false when there is no such field.
    bool typeInto(const QString& key, const QString& text);
    /// Types @p text into @p key and checks it is refused: no undo step, and a visible message
    /// under the field containing @p message.
    void checkRefused(const QString& key, const QString& text, const QString& message);

    core::ModelRegistry m_models;
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Document> m_document;
    std::unique_ptr<Inspector> m_inspector;
};

void TestInspectorPages::initTestCase() {
    plugins::registerBuiltinModels(m_models);
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("pages.json"));
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(projectJson);
}

void TestInspectorPages::init() {
    m_document = std::make_unique<Document>(&m_models);
    QString error;
    QVERIFY2(m_document->load(m_path, &error), qPrintable(error));
    m_inspector = std::make_unique<Inspector>(m_document.get());
    m_inspector->resize(420, 900);
    m_inspector->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_inspector.get()));
}

void TestInspectorPages::cleanup() {
    m_inspector.reset();
    m_document.reset();
}

bool TestInspectorPages::typeInto(const QString& key, const QString& text) {
    auto* edit = qobject_cast<QLineEdit*>(m_inspector->field(key));
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

void TestInspectorPages::checkRefused(const QString& key, const QString& text,
                                      const QString& message) {
    const int steps = m_document->undoStack()->count();
    QVERIFY2(typeInto(key, text), qPrintable(key));
    QCOMPARE(m_document->undoStack()->count(), steps);
    const QString error = m_inspector->errorText(key);
    QVERIFY2(error.contains(message), qPrintable(key + QStringLiteral(": ") + error));
    const QLabel* line = m_inspector->form()->errorLabel(key);
    QVERIFY(line != nullptr);
    QVERIFY(line->isVisible());
    QVERIFY(!line->text().isEmpty());
}

void TestInspectorPages::projectPage() {
    QVERIFY(m_inspector->title().contains(QStringLiteral("Project")));
    const int steps = m_document->undoStack()->count();
    QVERIFY(typeInto(QStringLiteral("dt"), QStringLiteral("0.05")));
    QCOMPARE(m_document->project().simulation.dtMs, 0.05);
    QVERIFY(typeInto(QStringLiteral("seed"), QStringLiteral("42")));
    QCOMPARE(m_document->project().simulation.seed, std::uint64_t{42});
    QVERIFY(typeInto(QStringLiteral("projectName"), QStringLiteral("Renamed")));
    QCOMPARE(m_document->project().name, std::string("Renamed"));
    QCOMPARE(m_document->undoStack()->count(), steps + 3);

    checkRefused(QStringLiteral("dt"), QStringLiteral("fast"), QStringLiteral("not a number"));
    checkRefused(QStringLiteral("threads"), QStringLiteral("0"), QStringLiteral("outside"));
    QCOMPARE(m_document->project().simulation.dtMs, 0.05);
    QCOMPARE(m_document->project().simulation.threads, 1);
}

void TestInspectorPages::populationPage() {
    m_inspector->showNode(QStringLiteral("I"));
    QVERIFY(m_inspector->title().contains(QStringLiteral("Population")));
    QVERIFY(typeInto(QStringLiteral("size"), QStringLiteral("40")));
    QCOMPARE(m_document->population(QStringLiteral("I"))->size, std::int64_t{40});
    QVERIFY(typeInto(QStringLiteral("param:tau_m"), QStringLiteral("12.5")));
    QCOMPARE(m_document->population(QStringLiteral("I"))->params.at("tau_m"), 12.5);

    checkRefused(QStringLiteral("size"), QStringLiteral("2.5"), QStringLiteral("whole number"));
    checkRefused(QStringLiteral("param:tau_m"), QStringLiteral("abc"),
                 QStringLiteral("not a number"));
    // A name in use is refused by the document and explained in its words.
    checkRefused(QStringLiteral("name"), QStringLiteral("E"),
                 QStringLiteral("\"E\" is already used by another node"));
    QCOMPARE(m_document->population(QStringLiteral("I"))->size, std::int64_t{40});
    QCOMPARE(m_document->population(QStringLiteral("I"))->params.at("tau_m"), 12.5);
}

void TestInspectorPages::stimulusPage() {
    m_inspector->showNode(QStringLiteral("Kick"));
    QVERIFY(m_inspector->title().contains(QStringLiteral("Stimulus")));
    QVERIFY(typeInto(QStringLiteral("times"), QStringLiteral("5 15.5")));
    QCOMPARE(m_document->stimulus(QStringLiteral("Kick"))->times, (std::vector<double>{5.0, 15.5}));
    QVERIFY(typeInto(QStringLiteral("indices"), QStringLiteral("1, 0")));
    QCOMPARE(m_document->stimulus(QStringLiteral("Kick"))->indices,
             (std::vector<std::int64_t>{1, 0}));

    checkRefused(QStringLiteral("times"), QStringLiteral("5, soon"),
                 QStringLiteral("\"soon\" is not a number."));
    checkRefused(QStringLiteral("indices"), QStringLiteral("1.5"),
                 QStringLiteral("1.5 is not a neuron index"));
    QCOMPARE(m_document->stimulus(QStringLiteral("Kick"))->times, (std::vector<double>{5.0, 15.5}));
    QCOMPARE(m_document->stimulus(QStringLiteral("Kick"))->indices,
             (std::vector<std::int64_t>{1, 0}));
}

void TestInspectorPages::currentStimulusPage() {
    m_inspector->showNode(QStringLiteral("Drive"));
    QVERIFY(m_inspector->field(QStringLiteral("target")) != nullptr);
    QVERIFY(m_inspector->field(QStringLiteral("size")) == nullptr);
    const QStringList keys = m_inspector->form()->keys();
    const auto param = std::find_if(keys.begin(), keys.end(), [](const QString& key) {
        return key.startsWith(QLatin1String("param:"));
    });
    QVERIFY(param != keys.end());
    QVERIFY(typeInto(*param, QStringLiteral("0.25")));
    QCOMPARE(m_document->stimulus(QStringLiteral("Drive"))->params.at(param->mid(6).toStdString()),
             0.25);
    checkRefused(*param, QStringLiteral("x"), QStringLiteral("not a number"));
}

void TestInspectorPages::recorderPage() {
    m_inspector->showNode(QStringLiteral("vm"));
    QVERIFY(m_inspector->title().contains(QStringLiteral("Recorder")));
    QVERIFY(typeInto(QStringLiteral("neurons"), QStringLiteral("0, 3, 7")));
    QCOMPARE(m_document->recorder(QStringLiteral("vm"))->neurons,
             (std::vector<std::int64_t>{0, 3, 7}));
    QVERIFY(typeInto(QStringLiteral("interval"), QStringLiteral("0.25")));
    QCOMPARE(m_document->recorder(QStringLiteral("vm"))->intervalMs, 0.25);
    checkRefused(QStringLiteral("neurons"), QStringLiteral("-1"),
                 QStringLiteral("-1 is not a neuron index"));
    checkRefused(QStringLiteral("interval"), QStringLiteral("0"), QStringLiteral("outside"));
    QCOMPARE(m_document->recorder(QStringLiteral("vm"))->neurons,
             (std::vector<std::int64_t>{0, 3, 7}));

    m_inspector->showNode(QStringLiteral("rate_E"));
    QVERIFY(typeInto(QStringLiteral("bin"), QStringLiteral("5")));
    QCOMPARE(m_document->recorder(QStringLiteral("rate_E"))->binMs, 5.0);
    checkRefused(QStringLiteral("bin"), QStringLiteral("wide"), QStringLiteral("not a number"));
    QCOMPARE(m_document->recorder(QStringLiteral("rate_E"))->binMs, 5.0);
}

void TestInspectorPages::electrodePage() {
    m_inspector->showNode(QStringLiteral("probe"));
    QVERIFY(m_inspector->title().contains(QStringLiteral("Electrode")));
    QVERIFY(typeInto(QStringLiteral("contacts"), QStringLiteral("8")));
    QCOMPARE(m_document->electrode(QStringLiteral("probe"))->contacts, 8);
    QVERIFY(typeInto(QStringLiteral("spacing"), QStringLiteral("50")));
    QCOMPARE(m_document->electrode(QStringLiteral("probe"))->spacingUm, 50.0);
    checkRefused(QStringLiteral("contacts"), QStringLiteral("0"), QStringLiteral("outside"));
    checkRefused(QStringLiteral("spacing"), QStringLiteral("far"), QStringLiteral("not a number"));
    QCOMPARE(m_document->electrode(QStringLiteral("probe"))->contacts, 8);
    QCOMPARE(m_document->electrode(QStringLiteral("probe"))->spacingUm, 50.0);
}

void TestInspectorPages::projectionPage() {
    m_inspector->showProjection(QStringLiteral("E->I"));
    QVERIFY(m_inspector->title().contains(QStringLiteral("Projection")));
    QVERIFY(typeInto(QStringLiteral("conn:p"), QStringLiteral("0.3")));
    QCOMPARE(m_document->projection(QStringLiteral("E->I"))->connectivity.params.at("p"), 0.3);
    checkRefused(QStringLiteral("conn:p"), QStringLiteral("1.5"), QStringLiteral("outside"));
    QCOMPARE(m_document->projection(QStringLiteral("E->I"))->connectivity.params.at("p"), 0.3);
}

void TestInspectorPages::selectionSummaryPage() {
    m_inspector->setSelection({QStringLiteral("E"), QStringLiteral("I")}, {QStringLiteral("E->I")});
    QVERIFY(m_inspector->title().contains(QStringLiteral("Several elements selected")));
    QVERIFY(m_inspector->currentNode().isEmpty());
    QVERIFY(m_inspector->form()->keys().isEmpty());
    bool named = false;
    for (const QLabel* label : m_inspector->form()->findChildren<QLabel*>()) {
        named = named || label->text().contains(QStringLiteral("E, I, E-&gt;I"));
    }
    QVERIFY(named);
}

QTEST_MAIN(TestInspectorPages)
#include "TestInspectorPages.moc"
