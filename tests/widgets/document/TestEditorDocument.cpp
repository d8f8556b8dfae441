// The editor's document: one undo command per intent, validation, cascades, renames, clipboard
// fragments, layout in the project file, and safe loading.

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <cmath>
#include <nlohmann/json.hpp>
#include <plexus/core/connectivity/ConnectivityBuilder.h>
#include <plexus/core/connectivity/ConnectivityRule.h>
#include <plexus/core/plugin/ModelRegistry.h>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/core/project/StandardNetworks.h>
#include <plexus/plugins/BuiltinModels.h>
#include <plexus/widgets/document/Document.h>
#include <plexus/widgets/document/ElectrodeSpec.h>
#include <plexus/widgets/document/ProjectLayout.h>

using namespace plexus::widgets;
using plexus::core::ConnectivityRule;
using plexus::core::ProjectIo;
using plexus::core::ProjectSpec;

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

} // namespace

class TestEditorDocument : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyIntentIsOneUndoStep();
    void invalidEditsChangeNothing();
    void refusedNodeEditsNameTheirField();
    void renameCascadesAndUndoes();
    void deleteCascades();
    void deleteReportsWhatWent();
    void movesOfOneDragMerge();
    void pasteRenamesAndKeepsReferences();
    void layoutIsSavedInTheProject();
    void failedLoadKeepsProjectAndFile();
    void placeholderModelsSaveBackUnchanged();
    void electrodesAreNodes();
    void structuredConnectivityRules();

private:
    plexus::core::ModelRegistry m_models;
    QTemporaryDir m_dir;
};

void TestEditorDocument::initTestCase() {
    plexus::plugins::registerBuiltinModels(m_models);
    QVERIFY(m_dir.isValid());
}

void TestEditorDocument::everyIntentIsOneUndoStep() {
    Document document(&m_models);
    QUndoStack* undo = document.undoStack();
    QSignalSpy added(&document, &Document::nodeAdded);
    QCOMPARE(document.createNode("model:lif_cuba", {0, 0}), QStringLiteral("P1"));
    QCOMPARE(document.createNode("model:poisson", {-300, 0}), QStringLiteral("Input1"));
    QCOMPARE(document.createNode("recorder:rate", {0, 200}), QStringLiteral("rate1"));
    QCOMPARE(added.count(), 3);
    QVERIFY(document.connectNodes("Input1", "P1"));
    QCOMPARE(document.lastCreatedProjection(), QStringLiteral("Input1->P1"));
    QVERIFY(document.connectNodes("P1", "rate1"));
    auto population = *document.population("P1");
    population.params["tau_m"] = 12.0;
    QVERIFY(document.updatePopulation("P1", population));
    QCOMPARE(undo->count(), 6);
    QVERIFY(document.isModified());
    QCOMPARE(undo->undoText(), QStringLiteral("Edit P1"));

    // Nothing changes, nothing is pushed.
    QVERIFY(!document.updatePopulation("P1", population));
    QCOMPARE(undo->count(), 6);

    undo->undo();
    QVERIFY(document.population("P1")->params.empty());
    undo->setIndex(0);
    QVERIFY(document.project() == ProjectSpec{});
    QVERIFY(!document.isModified());
    undo->setIndex(6);
    QCOMPARE(document.population("P1")->params.at("tau_m"), 12.0);
    QCOMPARE(document.recorder("rate1")->target, std::string("P1"));
}

void TestEditorDocument::invalidEditsChangeNothing() {
    Document document(&m_models);
    document.createNode("model:lif_cuba", {0, 0});
    document.createNode("model:lif_cuba", {300, 0});
    document.connectNodes("P1", "P2");
    const ProjectSpec before = document.project();
    const int steps = document.undoStack()->count();
    QString error;

    auto population = *document.population("P1");
    population.params["tau_m"] = -1.0;
    QVERIFY(!document.updatePopulation("P1", population, {}, &error));
    QVERIFY2(error.contains("tau_m") && error.contains("outside"), qPrintable(error));
    population.params["tau_m"] = std::nan("");
    QVERIFY(!document.updatePopulation("P1", population, {}, &error));
    QVERIFY2(error.contains("finite"), qPrintable(error));
    population = *document.population("P1");
    population.params["no_such_param"] = 1.0;
    QVERIFY(!document.updatePopulation("P1", population, {}, &error));
    population = *document.population("P1");
    population.name = "P2";
    QVERIFY(!document.updatePopulation("P1", population, {}, &error));
    QVERIFY(error.contains("already used"));
    population.name = " ";
    QVERIFY(!document.updatePopulation("P1", population, {}, &error));
    population = *document.population("P1");
    population.size = -3;
    QVERIFY(!document.updatePopulation("P1", population, {}, &error));
    QVERIFY(error.startsWith("size"));
    // A population has at least one neuron: the loader's rule, in its words.
    population.size = 0;
    QVERIFY(!document.updatePopulation("P1", population, {}, &error));
    QCOMPARE(error, QStringLiteral("size: must be >= 1 (got 0)"));
    // Run lengths the loader would refuse (no step, more than 10^9 steps) are refused here too.
    plexus::core::SimulationSpec simulation = document.project().simulation;
    simulation.durationS = 1e20;
    QVERIFY(!document.updateProjectInfo({}, {}, simulation, {}, &error));
    QVERIFY2(error.startsWith("duration_s: 1e+20 s is more than the maximum of 1000000000 steps"),
             qPrintable(error));
    simulation.durationS = 1e-9;
    QVERIFY(!document.updateProjectInfo({}, {}, simulation, {}, &error));
    QVERIFY2(error.startsWith("duration_s: 1e-09 s is less than half a time step"),
             qPrintable(error));

    auto projection = *document.projection("P1->P2");
    projection.receptor = "dendrite";
    QVERIFY(!document.updateProjection("P1->P2", projection, {}, &error));
    QVERIFY2(error.contains("exc, inh"), qPrintable(error));
    projection = *document.projection("P1->P2");
    projection.connectivity.rule = "fixed_indegree";
    projection.connectivity.params = {{"k", 2.5}};
    QVERIFY(!document.updateProjection("P1->P2", projection, {}, &error));
    QCOMPARE(error, QStringLiteral("connectivity.k: must be a non-negative integer"));
    projection.connectivity.params = {{"p", 0.1}};
    QVERIFY(!document.updateProjection("P1->P2", projection, {}, &error));
    projection = *document.projection("P1->P2");
    projection.delayMs = plexus::core::ValueSpec::uniform(2.0, 1.0);
    QVERIFY(!document.updateProjection("P1->P2", projection, {}, &error));
    projection = *document.projection("P1->P2");
    projection.synapse = "stdp";
    projection.synapseParams = {{"tau_plus", 0.0}};
    QVERIFY(!document.updateProjection("P1->P2", projection, {}, &error));
    QVERIFY2(error.contains("tau_plus"), qPrintable(error));
    projection.synapseParams.clear();
    projection.delayMs = plexus::core::ValueSpec::normal(1.0, 0.2);
    QVERIFY(!document.updateProjection("P1->P2", projection, {}, &error));
    QVERIFY2(error.contains("one delay"), qPrintable(error));

    // A model change that would orphan a projection's input is refused too.
    auto toCurrent = *document.projection("P1->P2");
    toCurrent.receptor = "current";
    QVERIFY(document.updateProjection("P1->P2", toCurrent));
    auto target = *document.population("P2");
    target.model = "rate_tanh";
    QVERIFY(!document.updatePopulation("P2", target, {}, &error));
    QVERIFY2(error.contains("P1->P2") && error.contains("current"), qPrintable(error));
    target.model = "adex";
    QVERIFY(document.updatePopulation("P2", target, {}, &error));

    QVERIFY(!document.connectNodes("P1", "Nowhere", &error));
    QCOMPARE(document.createNode("model:stdp", {0, 0}, &error), QString());
    QVERIFY(error.contains("projection"));
    QCOMPARE(document.createNode("model:unknown_model", {0, 0}, &error), QString());

    // The refused edits pushed nothing.
    document.undoStack()->setIndex(steps);
    QVERIFY(document.project() == before);
}

void TestEditorDocument::refusedNodeEditsNameTheirField() {
    Document document(&m_models);
    document.createNode("model:lif_cuba", {0, 0});
    const QString input = document.createNode("model:poisson", {-300, 0});
    const QString recorder = document.createNode("recorder:spikes", {0, 200});
    const QString electrode = document.createNode("electrode:laminar", {0, 400});
    QVERIFY(document.connectNodes(input, "P1"));
    const ProjectSpec before = document.project();
    const int steps = document.undoStack()->count();
    QString error;

    // A stimulus that drives a projection cannot become a current source, also when it is
    // renamed in the same edit (the projection follows the new name).
    auto stimulus = *document.stimulus(input);
    stimulus.model = "dc_current";
    QVERIFY(!document.updateStimulus(input, stimulus, {}, &error));
    QVERIFY2(error.startsWith("model: a current source cannot drive projection"),
             qPrintable(error));
    stimulus.name = "Drive";
    error.clear();
    QVERIFY(!document.updateStimulus(input, stimulus, {}, &error));
    QVERIFY2(error.startsWith("model: a current source cannot drive projection"),
             qPrintable(error));

    auto spikes = *document.recorder(recorder);
    spikes.target = "Nowhere";
    QVERIFY(!document.updateRecorder(recorder, spikes, {}, &error));
    QCOMPARE(error, QStringLiteral("target: no node named \"Nowhere\""));

    auto probe = *document.electrode(electrode);
    probe.contacts = 0;
    QVERIFY(!document.updateElectrode(electrode, probe, {}, &error));
    QCOMPARE(error, QStringLiteral("contacts: must be at least 1"));
    // The name is checked first.
    probe.name = "P1";
    QVERIFY(!document.updateElectrode(electrode, probe, {}, &error));
    QVERIFY2(error.contains("already used"), qPrintable(error));
    probe = *document.electrode(electrode);
    probe.spacingUm = std::nan("");
    QVERIFY(!document.updateElectrode(electrode, probe, {}, &error));
    QCOMPARE(error, QStringLiteral("spacing_um: must be > 0"));
    probe = *document.electrode(electrode);
    probe.target = "Nowhere";
    QVERIFY(!document.updateElectrode(electrode, probe, {}, &error));
    QCOMPARE(error, QStringLiteral("target: no population named \"Nowhere\""));

    // Refused edits push nothing and change nothing.
    QCOMPARE(document.undoStack()->count(), steps);
    QVERIFY(document.project() == before);
}

void TestEditorDocument::renameCascadesAndUndoes() {
    Document document(&m_models);
    document.createNode("model:lif_cuba", {0, 0});
    document.createNode("model:lif_cuba", {300, 0});
    document.createNode("model:dc_current", {-300, 0});
    document.createNode("recorder:spikes", {0, 200});
    document.createNode("electrode:laminar", {0, 400});
    document.connectNodes("P1", "P2");
    document.connectNodes("P1", "P1");
    document.connectNodes("Current1", "P1");
    document.connectNodes("P1", "spikes1");
    document.connectNodes("P1", "Electrode1");
    auto custom = *document.projection("P1->P2");
    custom.name = "feedforward";
    QVERIFY(document.updateProjection("P1->P2", custom));

    QSignalSpy renamed(&document, &Document::nodeRenamed);
    QSignalSpy removed(&document, &Document::nodeRemoved);
    auto population = *document.population("P1");
    population.name = "E";
    QVERIFY(document.updatePopulation("P1", population));
    QCOMPARE(renamed.count(), 1);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Rename P1 to E"));
    QCOMPARE(document.projection("feedforward")->source, std::string("E"));
    QVERIFY(document.projection("E->E") != nullptr); // default names follow
    QVERIFY(document.projection("P1->P1") == nullptr);
    QCOMPARE(document.stimulus("Current1")->target, std::string("E"));
    QCOMPARE(document.recorder("spikes1")->target, std::string("E"));
    QCOMPARE(document.electrode("Electrode1")->target, std::string("E"));
    QCOMPARE(document.nodePosition("E"), QPointF(0, 0));
    QVERIFY(!ProjectLayout::position(document.project(), "P1"));

    document.undoStack()->undo();
    QCOMPARE(renamed.count(), 2);
    QCOMPARE(renamed.last().at(0).toString(), QStringLiteral("E"));
    QCOMPARE(renamed.last().at(1).toString(), QStringLiteral("P1"));
    QVERIFY(document.projection("P1->P1") != nullptr);
    QCOMPARE(document.recorder("spikes1")->target, std::string("P1"));
}

void TestEditorDocument::deleteCascades() {
    Document document(&m_models);
    document.createNode("model:lif_cuba", {0, 0});
    document.createNode("model:lif_cuba", {300, 0});
    document.createNode("model:poisson", {-300, 0});
    document.createNode("model:step_current", {-300, 200});
    document.createNode("recorder:spikes", {0, 200});
    document.connectNodes("Input1", "P1");
    document.connectNodes("P1", "P2");
    document.connectNodes("P2", "P1");
    document.connectNodes("Current1", "P1");
    document.connectNodes("P1", "spikes1");
    auto plastic = *document.projection("P2->P1");
    plastic.synapse = "three_factor";
    plastic.modulator = "Input1";
    QVERIFY(document.updateProjection("P2->P1", plastic));
    const ProjectSpec before = document.project();

    QVERIFY(document.removeElements({"P1"}, {}));
    QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Delete P1"));
    QVERIFY(document.project().projections.empty());
    QVERIFY(document.stimulus("Current1")->target.empty());
    QVERIFY(document.recorder("spikes1")->target.empty());
    QCOMPARE(document.nodeNames(), (QStringList{"P2", "Input1", "Current1", "spikes1"}));
    document.undoStack()->undo();
    QVERIFY(document.project() == before);

    QVERIFY(document.removeElements({"Input1"}, {"P1->P2"}));
    QCOMPARE(document.projectionNames(), QStringList{"P2->P1"});
    QVERIFY(document.projection("P2->P1")->modulator.empty());
    QVERIFY(!document.removeElements({"nothing"}, {"none"}));
}

void TestEditorDocument::deleteReportsWhatWent() {
    Document document(&m_models);
    document.createNode("model:lif_cuba", {0, 0});
    document.createNode("model:lif_cuba", {300, 0});
    document.createNode("model:poisson", {-300, 0});
    document.createNode("model:step_current", {-300, 200});
    document.createNode("recorder:spikes", {0, 200});
    document.connectNodes("Input1", "P1");
    document.connectNodes("P1", "P2");
    document.connectNodes("P2", "P1");
    document.connectNodes("Current1", "P1");
    document.connectNodes("P1", "spikes1");

    plexus::core::ProjectEdits::Removal removed;
    QVERIFY(document.removeElements({"P1"}, {}, &removed));
    QCOMPARE(removed.nodes, std::vector<std::string>{"P1"});
    QCOMPARE(removed.projections, (std::vector<std::string>{"Input1->P1", "P1->P2", "P2->P1"}));
    QCOMPARE(removed.disconnected, (std::vector<std::string>{"Current1", "spikes1"}));
    QCOMPARE(Document::removalSummary(removed),
             QStringLiteral("Deleted 1 node(s) and 3 projection(s); disconnected: Current1, "
                            "spikes1."));

    // A refused removal reports nothing.
    plexus::core::ProjectEdits::Removal none;
    QVERIFY(!document.removeElements({"nothing"}, {}, &none));
    QVERIFY(none.empty());
    plexus::core::ProjectEdits::Removal projection;
    QVERIFY(document.removeElements({}, {"Input1->P2"}, &projection) == false);
    document.connectNodes("Input1", "P2");
    QVERIFY(document.removeElements({}, {"Input1->P2"}, &projection));
    QCOMPARE(Document::removalSummary(projection), QStringLiteral("Deleted 1 projection(s)."));
}

void TestEditorDocument::movesOfOneDragMerge() {
    Document document(&m_models);
    document.createNode("model:lif_cuba", {0, 0});
    document.createNode("model:lif_cuba", {300, 0});
    const int steps = document.undoStack()->count();
    for (int i = 1; i <= 10; ++i) {
        QVERIFY(
            document.moveNodes({{"P1", QPointF(10 * i, 0)}, {"P2", QPointF(300 + 10 * i, 0)}}, 7));
    }
    QCOMPARE(document.undoStack()->count(), steps + 1);
    QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Move 2 nodes"));
    QVERIFY(document.moveNodes({{"P1", QPointF(0, 50)}}, 8)); // the next drag
    QCOMPARE(document.undoStack()->count(), steps + 2);
    document.undoStack()->undo();
    QCOMPARE(document.nodePosition("P1"), QPointF(100, 0));
    document.undoStack()->undo();
    QCOMPARE(document.nodePosition("P1"), QPointF(0, 0));
    QCOMPARE(document.nodePosition("P2"), QPointF(300, 0));
    // A drag that ends where it started leaves no step behind.
    document.moveNodes({{"P1", QPointF(20, 0)}}, 9);
    document.moveNodes({{"P1", QPointF(0, 0)}}, 9);
    QCOMPARE(document.undoStack()->count(), steps);
}

void TestEditorDocument::pasteRenamesAndKeepsReferences() {
    Document document(&m_models);
    document.createNode("model:lif_cuba", {0, 0});
    document.createNode("model:lif_cuba", {300, 0});
    document.createNode("recorder:spikes", {0, 200});
    document.connectNodes("P1", "P2");
    document.connectNodes("P1", "spikes1");
    const QByteArray data = document.copyElements({"P1", "spikes1"});
    QString error;
    const QStringList created = document.paste(data, {20, 20}, &error);
    QCOMPARE(created, (QStringList{"P1 2", "spikes1 2"}));
    QCOMPARE(document.recorder("spikes1 2")->target, std::string("P1 2"));
    QCOMPARE(document.nodePosition("P1 2"), QPointF(20, 20));
    // P1->P2 was not copied (P2 was not selected).
    QCOMPARE(document.projectionNames(), QStringList{"P1->P2"});
    // A recorder copied without its target keeps the target when it exists.
    const QStringList again = document.paste(document.copyElements({"spikes1"}), {40, 40});
    QCOMPARE(document.recorder(again.front())->target, std::string("P1"));
    // Pasting into another document clears references it cannot resolve.
    Document other(&m_models);
    const QStringList alone = other.paste(document.copyElements({"spikes1"}), {0, 0});
    QVERIFY(other.recorder(alone.front())->target.empty());
    QVERIFY(document.paste("not json", {0, 0}, &error).isEmpty());
    QVERIFY(error.contains("paste"));
    // A clipboard nested too deeply is refused like a file, naming the clipboard.
    QVERIFY(document.paste(QByteArray(100000, '['), {0, 0}, &error).isEmpty());
    QVERIFY2(error.contains("clipboard: line 1, column 257: nesting deeper than 256 levels"),
             qPrintable(error));

    // Two projections between one pair, copied, pasted and pasted again: the names stay
    // unique, so the saved file loads (loading refuses duplicate projection names).
    QVERIFY(document.connectNodes("P1", "P2"));
    const QByteArray pair = document.copyElements({"P1", "P2"});
    QCOMPARE(document.paste(pair, {60, 60}).size(), 2);
    QCOMPARE(document.paste(pair, {80, 80}).size(), 2);
    const QStringList names = document.projectionNames();
    QCOMPARE(names.size(), 6);
    QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pasted.json"));
    QVERIFY(document.save(path, &error));
    QCOMPARE(ProjectIo::load(path.toStdString()).projections.size(), std::size_t(6));
}

void TestEditorDocument::layoutIsSavedInTheProject() {
    Document document(&m_models);
    document.createNode("model:lif_cuba", {40, -60});
    document.createNode("electrode:utah", {200, 100});
    auto population = *document.population("P1");
    ProjectLayout::setShape(population, "grid");
    QVERIFY(document.updatePopulation("P1", population));
    const QString path = m_dir.filePath("layout.json");
    QString error;
    QVERIFY2(document.save(path, &error), qPrintable(error));
    QCOMPARE(document.filePath(), QFileInfo(path).absoluteFilePath());

    const ProjectSpec saved = ProjectIo::load(path.toStdString());
    QCOMPARE(saved.layout.at("P1").x, 40.0);
    QCOMPARE(saved.layout.at("P1").y, -60.0);
    QCOMPARE(saved.layout.at("Electrode1").x, 200.0);
    QCOMPARE(saved.electrodes.at(0).type, std::string("utah"));
    // The layout is the core's structured spatial member, at the shape's default size.
    QVERIFY(saved.populations[0].spatial == plexus::core::SpatialSpec::withShape("grid"));
    QVERIFY(saved.populations[0].extra.is_null());
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto json = nlohmann::json::parse(file.readAll().toStdString());
        QCOMPARE(json["formatVersion"].get<int>(), ProjectSpec::currentFormatVersion);
        QVERIFY(json["populations"][0]["spatial"] ==
                (nlohmann::json{{"shape", "grid"}, {"extent_um", {1000.0, 1000.0, 0.0}}}));
    }

    Document reloaded(&m_models);
    QVERIFY(reloaded.load(path));
    QVERIFY(reloaded.project() == document.project());
    QCOMPARE(reloaded.nodePosition("Electrode1"), QPointF(200, 100));
    QCOMPARE(ProjectLayout::shape(*reloaded.population("P1")), QStringLiteral("grid"));

    // Changing the shape takes the new shape's size; choosing the same shape keeps a custom
    // size; "mixed" saves no layout.
    population = *document.population("P1");
    population.spatial.extentUm = {300.0, 200.0, 0.0};
    ProjectLayout::setShape(population, "grid");
    QCOMPARE(population.spatial.extentUm[0], 300.0);
    ProjectLayout::setShape(population, "ring");
    QVERIFY(population.spatial == plexus::core::SpatialSpec::withShape("ring"));
    ProjectLayout::setShape(population, "mixed");
    QCOMPARE(ProjectLayout::shape(population), QStringLiteral("mixed"));
    ProjectSpec single;
    single.populations = {population};
    QVERIFY(!ProjectIo::toJson(single)["populations"][0].contains("spatial"));
}

void TestEditorDocument::structuredConnectivityRules() {
    Document document(&m_models);
    document.createNode("model:lif_cuba", {0, 0});
    document.createNode("model:lif_cuba", {300, 0});
    document.connectNodes("P1", "P1");
    QString error;
    // Every core rule is offered, with its parameters' defaults valid.
    for (const ConnectivityRule& rule : ConnectivityRule::all()) {
        auto projection = *document.projection("P1->P1");
        projection.connectivity.rule = rule.name;
        projection.connectivity.params.clear();
        for (const plexus::core::ConnectivityParameter& parameter : rule.parameters) {
            projection.connectivity.params[parameter.key] = parameter.defaultValue;
        }
        QVERIFY2(document.updateProjection("P1->P1", projection, {}, &error), qPrintable(error));
    }
    QCOMPARE(ConnectivityRule::all().size(), plexus::core::ConnectivityBuilder::rules().size());

    // Parameters are validated as the core does: ranges, units, even k, no strays.
    auto projection = *document.projection("P1->P1");
    projection.connectivity = {"distance_gaussian", {{"p0", 0.2}, {"sigma_um", 150.0}}, true};
    QVERIFY(document.updateProjection("P1->P1", projection, {}, &error));
    QCOMPARE(qs(ConnectivityRule::summary(document.projection("P1->P1")->connectivity)),
             QStringLiteral("\u03c3 = 150 \u00b5m"));
    projection.connectivity.params["sigma_um"] = -5.0;
    QVERIFY(!document.updateProjection("P1->P1", projection, {}, &error));
    QCOMPARE(error, QStringLiteral("connectivity.sigma_um: must be a length > 0 um"));
    projection.connectivity = {"distance_exponential", {{"p0", 0.2}, {"lambda_um", 80.0}}, true};
    QVERIFY(document.updateProjection("P1->P1", projection, {}, &error));
    QCOMPARE(qs(ConnectivityRule::summary(projection.connectivity)),
             QStringLiteral("\u03bb = 80 \u00b5m"));
    projection.connectivity = {"small_world", {{"k", 3.0}, {"beta", 0.1}}, true};
    QVERIFY(!document.updateProjection("P1->P1", projection, {}, &error));
    QVERIFY2(error.contains("k: must be even"), qPrintable(error));
    projection.connectivity.params["k"] = 10.0;
    projection.connectivity.params["beta"] = 1.5;
    QVERIFY(!document.updateProjection("P1->P1", projection, {}, &error));
    QVERIFY2(error.contains("beta"), qPrintable(error));
    projection.connectivity.params["beta"] = 0.1;
    QVERIFY(document.updateProjection("P1->P1", projection, {}, &error));
    QCOMPARE(qs(ConnectivityRule::summary(projection.connectivity)),
             QStringLiteral("small-world k=10 \u03b2=0.1"));
    projection.connectivity = {"block", {{"n_blocks", 4.0}, {"p_in", 0.3}}, true};
    QVERIFY(!document.updateProjection("P1->P1", projection, {}, &error));
    QCOMPARE(error, QStringLiteral("connectivity: rule \"block\" needs parameter \"p_out\""));
    projection.connectivity.params["p_out"] = 0.01;
    projection.connectivity.params["n_blocks"] = 2.5;
    QVERIFY(!document.updateProjection("P1->P1", projection, {}, &error));
    QCOMPARE(error, QStringLiteral("connectivity.n_blocks: must be a non-negative integer"));
    projection.connectivity.params["n_blocks"] = 4.0;
    QVERIFY(document.updateProjection("P1->P1", projection, {}, &error));
    QCOMPARE(qs(ConnectivityRule::summary(projection.connectivity)), QStringLiteral("blocks 4"));
    projection.connectivity.file = "edges.csv";
    QVERIFY(!document.updateProjection("P1->P1", projection, {}, &error));
    QVERIFY2(error.contains("reads no file"), qPrintable(error));
    projection.connectivity = {"csv_edges", {}, true};
    projection.connectivity.file = "data/edges.csv";
    QVERIFY(document.updateProjection("P1->P1", projection, {}, &error));
    QCOMPARE(qs(ConnectivityRule::summary(projection.connectivity)), QStringLiteral("edges.csv"));
}

void TestEditorDocument::failedLoadKeepsProjectAndFile() {
    Document document(&m_models);
    QVERIFY(document.load(PLEXUS_SOURCE_DIR "/resources/examples/cuba.json"));
    const ProjectSpec before = document.project();
    const QString broken = m_dir.filePath("broken.json");
    const QByteArray content =
        R"({"format": "plexus-project", "formatVersion": 1, "populations": [)"
        R"({"name": "X", "model": "lif_cuba", "size": -5}]})";
    {
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    QString error;
    QVERIFY(!document.load(broken, &error));
    QVERIFY2(error.contains("broken.json") && error.contains("size"), qPrintable(error));
    QVERIFY(document.project() == before);
    QVERIFY(document.filePath().endsWith("cuba.json"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);
    QVERIFY(!document.load(m_dir.filePath("missing.json"), &error));
    QVERIFY(error.contains("missing.json"));
}

void TestEditorDocument::placeholderModelsSaveBackUnchanged() {
    ProjectSpec project = plexus::core::StandardNetworks::cuba(100);
    project.populations[1].model = "acme_neuron";
    project.populations[1].params = {{"acme_gain", 3.5}};
    project.populations[1].extra = {{"acme_setting", {1, 2, 3}}};
    Document document(&m_models);
    document.setProject(project);
    QVERIFY(document.hasMissingModel("I"));
    QVERIFY(!document.hasMissingModel("E"));
    // Edits elsewhere, even renames of the placeholder, keep its raw parameters.
    auto placeholder = *document.population("I");
    placeholder.name = "Inhibitory";
    QVERIFY(document.updatePopulation("I", placeholder));
    const QString path = m_dir.filePath("placeholder.json");
    QVERIFY(document.save(path));
    const ProjectSpec saved = ProjectIo::load(path.toStdString());
    QCOMPARE(saved.populations[1].model, std::string("acme_neuron"));
    QCOMPARE(saved.populations[1].params, project.populations[1].params);
    QVERIFY(saved.populations[1].extra["acme_setting"] ==
            project.populations[1].extra["acme_setting"]);
}

void TestEditorDocument::electrodesAreNodes() {
    Document document(&m_models);
    document.createNode("model:lif_cuba", {0, 0});
    QCOMPARE(document.createNode("electrode:eeg", {0, 200}), QStringLiteral("Electrode1"));
    QCOMPARE(document.nodeKind("Electrode1"), NodeKind::Electrode);
    QCOMPARE(document.electrode("Electrode1")->contacts, 32);
    QString error;
    QVERIFY(!document.connectNodes("Electrode1", "P1", &error));
    QVERIFY(document.connectNodes("P1", "Electrode1"));
    auto electrode = *document.electrode("Electrode1");
    electrode.contacts = 0;
    QVERIFY(!document.updateElectrode("Electrode1", electrode, {}, &error));
    QVERIFY(error.contains("contacts"));
    QVERIFY(document.removeElements({"Electrode1"}, {}));
    QVERIFY(document.electrodes().empty());
    QVERIFY(document.project().electrodes.empty());
    QVERIFY(document.project().extra.is_null());
}

QTEST_MAIN(TestEditorDocument)
#include "TestEditorDocument.moc"
