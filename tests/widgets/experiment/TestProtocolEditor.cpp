// The protocol editor: every change is one undoable document edit with the expected
// core::ProtocolSpec, the summary shows the schedule's trial count and run length, a refused
// perturbation names its row and field and edits nothing, and the editor follows the document
// (undo, renamed and removed stimuli, a removed protocol). The inspector's project page offers
// the editor.

#include "../../TestArtifacts.h"
#include "plexus/widgets/document/Document.h"
#include "plexus/widgets/document/ProtocolEdits.h"
#include "plexus/widgets/experiment/ProtocolEditor.h"
#include "plexus/widgets/inspector/Inspector.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>
#include <plexus/core/plugin/ModelRegistry.h>
#include <plexus/core/project/TrialSchedule.h>
#include <plexus/plugins/BuiltinModels.h>

using namespace plexus;
using widgets::Document;
using widgets::ProtocolEditor;

class TestProtocolEditor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void summaryOfKnownProtocol();
    void conditionEditsAreUndoable();
    void invalidPerturbationIsRefused();
    void perturbationFields();
    void followsDocumentChanges();
    void addAndRemoveProtocol();
    void projectPageOffersEditor();

private:
    const core::ProtocolSpec& protocol() const { return *m_document->project().protocol; }

    core::ModelRegistry m_models;
    std::unique_ptr<Document> m_document;
};

void TestProtocolEditor::initTestCase() {
    plugins::registerBuiltinModels(m_models);
}

void TestProtocolEditor::init() {
    m_document = std::make_unique<Document>(&m_models);
    QString error;
    QVERIFY2(
        m_document->load(
            QStringLiteral(PLEXUS_SOURCE_DIR "/resources/examples/trials_conditions.json"), &error),
        qPrintable(error));
    QVERIFY(m_document->project().protocol.has_value());
}

void TestProtocolEditor::cleanup() {
    m_document.reset();
}

void TestProtocolEditor::summaryOfKnownProtocol() {
    ProtocolEditor editor(m_document.get());
    // The example: 2 conditions x 5 trials x (200 + 100) ms.
    QCOMPARE(editor.summaryText(), QStringLiteral("10 trials (2 conditions \u00d7 5), run length "
                                                  "3 s"));
    QCOMPARE(editor.conditionTable()->rowCount(), 2);
    const core::ProtocolSpec before = protocol();
    // Through the widgets: 3 trials of 500 ms, 100 ms apart: 2 x 3 x 600 ms = 3.6 s.
    editor.trialsBox()->setValue(3);
    editor.trialMsBox()->setValue(500.0);
    QCOMPARE(protocol().trials, 3);
    QCOMPARE(protocol().trialMs, 500.0);
    QCOMPARE(protocol().itiMs, 100.0);
    // Only the decimals a length needs are shown; the others are kept.
    QCOMPARE(editor.trialMsBox()->text(), QStringLiteral("500 ms"));
    editor.trialMsBox()->setValue(12.125);
    QCOMPARE(editor.trialMsBox()->text(), QStringLiteral("12.125 ms"));
    QCOMPARE(protocol().trialMs, 12.125);
    editor.trialMsBox()->setValue(500.0);
    QCOMPARE(editor.summaryText(), QStringLiteral("6 trials (2 conditions \u00d7 3), run length "
                                                  "3.6 s"));
    QCOMPARE(core::TrialSchedule::runLengthS(m_document->project()), 3.6);
    QVERIFY(m_document->isModified());
    QCOMPARE(m_document->undoStack()->count(), 4);
    for (int i = 0; i < 4; ++i)
        m_document->undoStack()->undo();
    QVERIFY(protocol() == before);
    QVERIFY(!m_document->isModified());
    QCOMPARE(editor.trialsBox()->value(), 5);
    QVERIFY(editor.summaryText().startsWith(QStringLiteral("10 trials")));

    // Random order with a seed.
    QVERIFY(!editor.seedEdit()->isEnabled());
    QVERIFY(editor.setOrder(QStringLiteral("random"), 42));
    QCOMPARE(protocol().order, std::string("random"));
    QCOMPARE(protocol().seed, std::uint64_t{42});
    QVERIFY(editor.seedEdit()->isEnabled());
    QCOMPARE(editor.seedEdit()->text(), QStringLiteral("42"));
}

void TestProtocolEditor::conditionEditsAreUndoable() {
    ProtocolEditor editor(m_document.get());
    QUndoStack* undo = m_document->undoStack();

    // Add: the next free letter, no stimuli; one edit.
    QVERIFY(editor.addCondition());
    QCOMPARE(protocol().conditions.size(), std::size_t{3});
    QCOMPARE(protocol().conditions[2].name, std::string("C"));
    QVERIFY(protocol().conditions[2].stimuli.empty());
    QCOMPARE(undo->count(), 1);
    QCOMPARE(editor.conditionTable()->rowCount(), 3);
    QCOMPARE(editor.currentCondition(), 2);

    // Tick stimulus "background" in C through the list.
    QListWidget* stimuli = editor.stimulusList();
    QCOMPARE(stimuli->count(), 3); // background, A, B
    QCOMPARE(stimuli->item(0)->text(), QStringLiteral("background"));
    stimuli->item(0)->setCheckState(Qt::Checked);
    QCoreApplication::processEvents(); // cell and item edits apply once their signal is over
    QCOMPARE(protocol().conditions[2].stimuli, std::vector<std::string>{"background"});
    QCOMPARE(undo->count(), 2);

    // Overrides: stimulus.param = value lines.
    QVERIFY(editor.setOverrides(2, {QStringLiteral("background.rate_hz = 12.5")}));
    QCOMPARE(protocol().conditions[2].stimulusParams.at("background").at("rate_hz"), 12.5);
    QCOMPARE(editor.overrideList()->count(), 1);
    QCOMPARE(editor.overrideList()->item(0)->text(), QStringLiteral("background.rate_hz = 12.5"));
    // A stimulus the condition does not switch on, an unknown parameter, a malformed line:
    // refused with the condition named, nothing edited.
    const int count = undo->count();
    QVERIFY(!editor.setOverrides(2, {QStringLiteral("A.rate_hz = 3")}));
    QVERIFY2(editor.errorText().contains(QStringLiteral("Condition 3")),
             qPrintable(editor.errorText()));
    QVERIFY(!editor.setOverrides(2, {QStringLiteral("background.nope = 3")}));
    QVERIFY(editor.errorText().contains(QStringLiteral("no parameter \"nope\"")));
    QVERIFY(!editor.setOverrides(2, {QStringLiteral("background rate")}));
    QCOMPARE(undo->count(), count);

    // Duplicate copies stimuli and overrides under a new name.
    QVERIFY(editor.duplicateCondition(2));
    QCOMPARE(protocol().conditions.size(), std::size_t{4});
    QCOMPARE(protocol().conditions[3].name, std::string("C copy"));
    QCOMPARE(protocol().conditions[3].stimulusParams, protocol().conditions[2].stimulusParams);

    // Rename B in its cell: the perturbation bound to B follows.
    editor.conditionTable()->item(1, 0)->setText(QStringLiteral("Bee"));
    QCoreApplication::processEvents();
    QCOMPARE(protocol().conditions[1].name, std::string("Bee"));
    QCOMPARE(protocol().perturbations[0].condition, std::string("Bee"));
    // A taken name is refused.
    QVERIFY(!editor.renameCondition(0, QStringLiteral("Bee")));
    QVERIFY(editor.errorText().contains(QStringLiteral("Condition 1, name")));
    QCOMPARE(protocol().conditions[0].name, std::string("A"));

    // Remove "Bee": its perturbation goes with it.
    QVERIFY(editor.removeCondition(1));
    QCOMPARE(protocol().conditions.size(), std::size_t{3});
    QVERIFY(protocol().perturbations.empty());

    // Undo everything, step by step, back to the file's protocol; redo one.
    while (undo->canUndo()) {
        undo->undo();
    }
    QCOMPARE(protocol().conditions.size(), std::size_t{2});
    QCOMPARE(protocol().conditions[1].name, std::string("B"));
    QCOMPARE(protocol().perturbations.size(), std::size_t{1});
    QVERIFY(!m_document->isModified());
    QCOMPARE(editor.conditionTable()->rowCount(), 2);
    undo->redo();
    QCOMPARE(protocol().conditions.size(), std::size_t{3});
    QCOMPARE(editor.conditionTable()->rowCount(), 3);
}

void TestProtocolEditor::invalidPerturbationIsRefused() {
    ProtocolEditor editor(m_document.get());
    QTableWidget* table = editor.perturbationTable();
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, ProtocolEditor::FractionColumn)->text(), QStringLiteral("0.5"));
    const core::ProtocolSpec before = protocol();
    // Typed into the cell: fraction 1.5 is refused by the file's rule and named inline.
    table->item(0, ProtocolEditor::FractionColumn)->setText(QStringLiteral("1.5"));
    QCoreApplication::processEvents();
    QVERIFY(protocol() == before);
    QCOMPARE(m_document->undoStack()->count(), 0);
    QVERIFY(!m_document->isModified());
    QCOMPARE(editor.errorText(), QStringLiteral("Perturbation 1, fraction: must be in [0, 1]"));
    QCOMPARE(table->item(0, ProtocolEditor::FractionColumn)->background().color(),
             QColor(255, 200, 200));
    editor.resize(1270, 330);
    QVERIFY(editor.grab().save(tests::artifactPath(QStringLiteral("protocol-editor-error.png"))));
    // End before start: refused, naming the field.
    QVERIFY(!editor.setPerturbationField(0, ProtocolEditor::StartColumn, QStringLiteral("150")));
    QCOMPARE(editor.errorText(),
             QStringLiteral("Perturbation 1, end (ms): must be after start_ms"));
    // Not a number.
    QVERIFY(!editor.setPerturbationField(0, ProtocolEditor::StartColumn, QStringLiteral("soon")));
    QVERIFY(editor.errorText().startsWith(QStringLiteral("Perturbation 1, start (ms)")));
    // Neurons and fraction together.
    QVERIFY(!editor.setPerturbationField(0, ProtocolEditor::NeuronsColumn, QStringLiteral("1, 2")));
    QVERIFY2(editor.errorText().contains(QStringLiteral("not both")),
             qPrintable(editor.errorText()));
    QVERIFY(protocol() == before);
    // A valid value is one edit and clears the error.
    table->item(0, ProtocolEditor::FractionColumn)->setText(QStringLiteral("0.25"));
    QCoreApplication::processEvents();
    QCOMPARE(*protocol().perturbations[0].fraction, 0.25);
    QVERIFY(editor.errorText().isEmpty());
    QCOMPARE(m_document->undoStack()->count(), 1);
    m_document->undoStack()->undo();
    QVERIFY(protocol() == before);
    QCOMPARE(editor.perturbationTable()->item(0, ProtocolEditor::FractionColumn)->text(),
             QStringLiteral("0.5"));
}

void TestProtocolEditor::perturbationFields() {
    ProtocolEditor editor(m_document.get());
    QVERIFY(editor.addPerturbation());
    QCOMPARE(protocol().perturbations.size(), std::size_t{2});
    QCOMPARE(protocol().perturbations[1].kind, std::string("silence"));
    QCOMPARE(protocol().perturbations[1].target, std::string("E"));
    // Drive E at 100 ms to 300 ms with amplitude 2.
    QVERIFY(editor.setPerturbationField(1, ProtocolEditor::KindColumn, QStringLiteral("drive")));
    QVERIFY(editor.setPerturbationField(1, ProtocolEditor::StartColumn, QStringLiteral("100")));
    QVERIFY(editor.setPerturbationField(1, ProtocolEditor::EndColumn, QStringLiteral("300")));
    QVERIFY(editor.setPerturbationField(1, ProtocolEditor::ValueColumn, QStringLiteral("2")));
    const core::PerturbationSpec& drive = protocol().perturbations[1];
    QCOMPARE(drive.kind, std::string("drive"));
    QCOMPARE(drive.startMs, 100.0);
    QCOMPARE(*drive.endMs, 300.0);
    QCOMPARE(drive.amplitude, 2.0);
    // Neuron indices instead of all neurons, during condition A.
    QVERIFY(
        editor.setPerturbationField(1, ProtocolEditor::NeuronsColumn, QStringLiteral("0, 3 7")));
    QCOMPARE(protocol().perturbations[1].neurons, (std::vector<std::int64_t>{0, 3, 7}));
    QVERIFY(editor.setPerturbationField(1, ProtocolEditor::ConditionColumn, QStringLiteral("A")));
    QCOMPARE(protocol().perturbations[1].condition, std::string("A"));
    // Scale a projection's weights: the target becomes a projection, the window its start.
    QVERIFY(editor.setPerturbationField(1, ProtocolEditor::KindColumn,
                                        QStringLiteral("scale_weights")));
    const core::PerturbationSpec& scale = protocol().perturbations[1];
    QCOMPARE(scale.target, std::string("background->E"));
    QVERIFY(scale.neurons.empty());
    QVERIFY(!scale.endMs.has_value());
    QVERIFY(scale.condition.empty());
    QVERIFY(editor.setPerturbationField(1, ProtocolEditor::ValueColumn, QStringLiteral("0.5")));
    QCOMPARE(protocol().perturbations[1].factor, 0.5);
    auto* target = qobject_cast<QComboBox*>(
        editor.perturbationTable()->cellWidget(1, ProtocolEditor::TargetColumn));
    QVERIFY(target != nullptr);
    QCOMPARE(target->currentText(), QStringLiteral("background->E"));
    QVERIFY(target->findText(QStringLiteral("E->I")) >= 0);
    QVERIFY(target->findText(QStringLiteral("E")) < 0); // populations are not offered
    QVERIFY(editor.setPerturbationField(1, ProtocolEditor::TargetColumn, QStringLiteral("E->I")));
    QCOMPARE(protocol().perturbations[1].target, std::string("E->I"));
    // Clamp needs a variable; the value column holds the clamped value.
    QVERIFY(editor.setPerturbationField(1, ProtocolEditor::KindColumn, QStringLiteral("clamp")));
    QCOMPARE(protocol().perturbations[1].target, std::string("E"));
    QCOMPARE(protocol().perturbations[1].variable, std::string("v"));
    QVERIFY(editor.setPerturbationField(1, ProtocolEditor::ValueColumn, QStringLiteral("-70")));
    QCOMPARE(protocol().perturbations[1].value, -70.0);
    // The JSON the editor made reads back as the same protocol.
    QVERIFY(widgets::ProtocolEdits::check(m_document->project(), protocol()).isEmpty());
    QVERIFY(editor.removePerturbation(0));
    QCOMPARE(protocol().perturbations.size(), std::size_t{1});
    QCOMPARE(protocol().perturbations[0].kind, std::string("clamp"));
}

void TestProtocolEditor::followsDocumentChanges() {
    ProtocolEditor editor(m_document.get());
    // Rename stimulus B: the condition's stimulus list follows (core::ProjectEdits).
    core::StimulusSpec b = *m_document->stimulus(QStringLiteral("B"));
    b.name = "B2";
    QString error;
    QVERIFY2(m_document->updateStimulus(QStringLiteral("B"), b, {}, &error), qPrintable(error));
    QCOMPARE(protocol().conditions[1].stimuli, std::vector<std::string>{"B2"});
    QCOMPARE(editor.conditionTable()->item(1, 2)->text(), QStringLiteral("B2"));
    // Remove population I: the perturbation of I goes.
    QVERIFY(m_document->removeElements({QStringLiteral("I")}, {}));
    QVERIFY(protocol().perturbations.empty());
    QCOMPARE(editor.perturbationTable()->rowCount(), 0);
    m_document->undoStack()->undo();
    QCOMPARE(editor.perturbationTable()->rowCount(), 1);
}

void TestProtocolEditor::addAndRemoveProtocol() {
    ProtocolEditor editor(m_document.get());
    QVERIFY(editor.removeProtocolButton()->isVisibleTo(&editor));
    editor.removeProtocolButton()->click();
    QVERIFY(!m_document->project().protocol.has_value());
    QCOMPARE(editor.summaryText(),
             QStringLiteral("No protocol: a run lasts the simulation's duration (3 s)."));
    QVERIFY(!editor.removeProtocolButton()->isVisibleTo(&editor));
    auto* add = editor.findChild<QPushButton*>(QStringLiteral("addProtocol"));
    QVERIFY(add != nullptr);
    add->click();
    QVERIFY(m_document->project().protocol.has_value());
    QCOMPARE(protocol().conditions.size(), std::size_t{1});
    QCOMPARE(protocol().trialMs, 3000.0); // one trial of the simulation's duration
    QCOMPARE(editor.summaryText(),
             QStringLiteral("1 trial (1 condition \u00d7 1), run length 3 s"));
    // The last condition cannot be removed (Remove protocol does that).
    QVERIFY(!editor.removeCondition(0));
    QVERIFY(editor.errorText().contains(QStringLiteral("at least one condition")));
    m_document->undoStack()->undo();
    m_document->undoStack()->undo();
    QCOMPARE(protocol().conditions.size(), std::size_t{2});
    QVERIFY(!m_document->isModified());
}

void TestProtocolEditor::projectPageOffersEditor() {
    widgets::Inspector inspector(m_document.get());
    QSignalSpy requested(&inspector, &widgets::Inspector::protocolRequested);
    QPushButton* button = nullptr;
    for (int i = 0; i < 20 && button == nullptr; ++i) {
        QCoreApplication::processEvents();
        button = inspector.findChild<QPushButton*>(QStringLiteral("editProtocol"));
    }
    QVERIFY(button != nullptr);
    button->click();
    QCOMPARE(requested.count(), 1);
    auto noteText = [&inspector] {
        QStringList texts;
        for (const QLabel* label : inspector.findChildren<QLabel*>()) {
            texts << label->text();
        }
        return texts.join(QLatin1Char('\n'));
    };
    QVERIFY2(noteText().contains(QStringLiteral("2 conditions \u00d7 5 trials of 200 ms")),
             qPrintable(noteText()));
    // For a person to look at (PLEXUS_TEST_ARTIFACTS): the page with its Protocol section,
    // and the editor at the size of the Protocol dock in a 1280 x 800 window.
    inspector.resize(400, 640);
    QVERIFY(inspector.grab().save(tests::artifactPath(QStringLiteral("inspector-protocol.png"))));
    ProtocolEditor editor(m_document.get());
    editor.resize(1270, 290);
    QVERIFY(editor.grab().save(tests::artifactPath(QStringLiteral("protocol-editor.png"))));
    // The page follows the protocol.
    QVERIFY(widgets::ProtocolEdits::setProtocol(*m_document, std::nullopt));
    QTRY_VERIFY(noteText().contains(QStringLiteral("None: a run lasts the duration above")));
}

QTEST_MAIN(TestProtocolEditor)
#include "TestProtocolEditor.moc"
