// Project advice: why a project does nothing when it runs (no populations, populations that
// nothing drives and that stay silent), judged from the wiring and from a real run's spikes.

#include "core/TestSupport.h"
#include "plexus/core/build/ProjectAdvice.h"
#include "plexus/core/project/ProjectIo.h"

#include <QtTest>

using namespace plexus;
using core::ProjectAdvice;

namespace {

core::PopulationSpec population(const std::string& name, double bias = 0.0) {
    core::PopulationSpec spec;
    spec.name = name;
    spec.model = "lif_cuba";
    spec.size = 20;
    if (bias != 0.0) {
        spec.params["i_e"] = bias;
    }
    return spec;
}

core::StimulusSpec poisson(const std::string& name) {
    core::StimulusSpec spec;
    spec.name = name;
    spec.model = "poisson";
    spec.size = 50;
    spec.params = {{"rate_hz", 200.0}};
    return spec;
}

core::ProjectionSpec projection(const std::string& source, const std::string& target,
                                double weight = 2.0) {
    core::ProjectionSpec spec;
    spec.name = source + "->" + target;
    spec.source = source;
    spec.target = target;
    spec.connectivity.rule = "all_to_all";
    spec.weight = core::ValueSpec::constant(weight);
    spec.delayMs = core::ValueSpec::constant(1.0);
    return spec;
}

/// "E: NoInput", one line per item, for readable comparisons.
QStringList summary(const std::vector<ProjectAdvice::Item>& items) {
    QStringList lines;
    for (const auto& item : items) {
        const char* kind = item.kind == ProjectAdvice::Kind::EmptyProject ? "EmptyProject"
                           : item.kind == ProjectAdvice::Kind::NoInput    ? "NoInput"
                                                                          : "OnlySilentInputs";
        lines << QStringLiteral("%1: %2").arg(QString::fromStdString(item.element), kind);
    }
    return lines;
}

} // namespace

class TestProjectAdvice : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emptyProjectSaysSo();
    void populationWithoutInputIsNamed();
    void silentChainsNameTheirSources();
    void stimuliAndCurrentSourcesCountAsInput();
    void selfProjectionAloneIsNoInput();
    void spikesOfARunDecide();
    void galleryExamplesNeedNoAdvice();
};

void TestProjectAdvice::emptyProjectSaysSo() {
    core::ProjectSpec project;
    project.stimuli.push_back(poisson("drive"));
    const auto items = ProjectAdvice::check(project);
    QCOMPARE(summary(items), QStringList{QStringLiteral(": EmptyProject")});
    QVERIFY(items[0].message.find("no populations") != std::string::npos);
}

void TestProjectAdvice::populationWithoutInputIsNamed() {
    core::ProjectSpec project;
    project.populations = {population("E"), population("I")};
    project.stimuli = {poisson("drive")};
    project.projections = {projection("drive", "I")};
    const auto items = ProjectAdvice::check(project);
    QCOMPARE(summary(items), QStringList{QStringLiteral("E: NoInput")});
    QCOMPARE(items[0].message, std::string("Population E has no input: connect a stimulus (e.g. "
                                           "a Poisson source) or a projection from an active "
                                           "population to it."));
}

void TestProjectAdvice::silentChainsNameTheirSources() {
    // drive -> A; B has nothing; B -> C; A and B -> D.
    core::ProjectSpec project;
    project.populations = {population("A"), population("B"), population("C"), population("D")};
    project.stimuli = {poisson("drive")};
    project.projections = {projection("drive", "A"), projection("B", "C"), projection("A", "D"),
                           projection("B", "D")};
    const auto items = ProjectAdvice::check(project);
    QCOMPARE(summary(items), (QStringList{"B: NoInput", "C: OnlySilentInputs"}));
    QCOMPARE(items[1].message, std::string("Population C gets input only from B, which has no "
                                           "input itself: connect a stimulus to it first."));
    // Two silent sources are listed together.
    project.projections.push_back(projection("E", "C"));
    project.populations.push_back(population("E"));
    const auto more = ProjectAdvice::check(project);
    QCOMPARE(summary(more), (QStringList{"B: NoInput", "C: OnlySilentInputs", "E: NoInput"}));
    QVERIFY2(more[1].message.find("only from B and E, which have no input themselves") !=
                 std::string::npos,
             more[1].message.c_str());
}

void TestProjectAdvice::stimuliAndCurrentSourcesCountAsInput() {
    core::ProjectSpec project;
    project.populations = {population("E")};
    core::StimulusSpec dc;
    dc.name = "dc";
    dc.model = "dc_current";
    dc.target = "E";
    project.stimuli = {dc};
    QVERIFY(ProjectAdvice::check(project).empty());
    // A recurrent population driven once is active through its loop.
    project.populations.push_back(population("F"));
    project.projections = {projection("E", "F"), projection("F", "F")};
    QVERIFY(ProjectAdvice::check(project).empty());
}

void TestProjectAdvice::selfProjectionAloneIsNoInput() {
    core::ProjectSpec project;
    project.populations = {population("R")};
    project.projections = {projection("R", "R")};
    QCOMPARE(summary(ProjectAdvice::check(project)), QStringList{"R: NoInput"});
}

void TestProjectAdvice::spikesOfARunDecide() {
    // Biased: no input but fires on its own. Quiet: no input, no bias. Fed: input from Quiet
    // only. Driven: a Poisson source drives it.
    core::ProjectSpec project;
    project.simulation.durationS = 0.2;
    project.populations = {population("Biased", 1000.0), population("Quiet"), population("Fed"),
                           population("Driven")};
    project.stimuli = {poisson("drive")};
    project.projections = {projection("Quiet", "Fed"), projection("drive", "Driven", 20.0)};
    // From the wiring alone Biased looks idle too.
    QCOMPARE(summary(ProjectAdvice::check(project)),
             (QStringList{"Biased: NoInput", "Quiet: NoInput", "Fed: OnlySilentInputs"}));

    const tests::Run run = tests::runProject(project, 200.0);
    const auto counts = ProjectAdvice::spikeCounts(*run.network, *run.simulator);
    QVERIFY(counts.at("Biased") > 0);
    QCOMPARE(counts.at("Quiet"), std::uint64_t(0));
    QVERIFY(counts.at("Driven") > 0);
    const auto items = ProjectAdvice::check(project, &counts);
    QCOMPARE(summary(items), (QStringList{"Quiet: NoInput", "Fed: OnlySilentInputs"}));
    QVERIFY2(items[1].message.find("which stayed silent") != std::string::npos,
             items[1].message.c_str());
}

void TestProjectAdvice::galleryExamplesNeedNoAdvice() {
    const QDir examples(QStringLiteral(PLEXUS_SOURCE_DIR "/resources/examples"));
    const QStringList files = examples.entryList({QStringLiteral("*.json")}, QDir::Files);
    QVERIFY(files.size() >= 6);
    for (const QString& file : files) {
        const core::ProjectSpec project =
            core::ProjectIo::load(examples.filePath(file).toStdString());
        const tests::Run run = tests::runProject(project, 100.0);
        const auto counts = ProjectAdvice::spikeCounts(*run.network, *run.simulator);
        const auto items = ProjectAdvice::check(project, &counts);
        QVERIFY2(items.empty(), qPrintable(file + ": " + summary(items).join(", ")));
    }
}

QTEST_APPLESS_MAIN(TestProjectAdvice)
#include "TestProjectAdvice.moc"
