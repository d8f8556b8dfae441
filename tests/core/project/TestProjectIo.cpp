// Project files: round trip, atomic save, and clear errors on bad input.

#include "ErrorOf.h"
#include "core/TestSupport.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/project/ProjectIo.h"
#include "plexus/core/project/StandardNetworks.h"

#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace plexus;

using plexus::tests::errorOf;

namespace {

std::string loadError(const std::string& text) {
    return errorOf([&] { core::ProjectIo::parse(text, "bad.json"); });
}

/// The error of building the network of @p text, with the file named "bad.json".
std::string buildError(const std::string& text) {
    core::BuildOptions options;
    options.origin = "bad.json";
    return errorOf([&] {
        core::NetworkBuilder::build(core::ProjectIo::parse(text, "bad.json"),
                                    tests::builtinRegistry(), options);
    });
}

std::string withPopulation(const std::string& population) {
    return R"({"format": "plexus-project", "formatVersion": 1, "populations": [)" + population +
           "]}";
}

} // namespace

#ifndef Q_MOC_RUN
/// Bad project texts, the message expected and whether only building (not loading) refuses them.
void addBadInputRows() {
    QTest::newRow("truncated") << R"({"format": "plexus-project", "formatVersion": 1, "popu)"
                               << "bad.json: line 1, column 55: malformed JSON" << false;
    QTest::newRow("not a project") << R"({"format": "other"})"
                                   << "bad.json: format: not a Plexus project" << false;
    QTest::newRow("future version")
        << R"({"format": "plexus-project", "formatVersion": 99})"
        << "bad.json: formatVersion: version 99 is not supported" << false;
    QTest::newRow("negative size")
        << QString::fromStdString(
               withPopulation(R"({"name": "E", "model": "lif_cuba", "size": -5})"))
        << "bad.json: populations[0].size: must be >= 1 (got -5)" << false;
    QTest::newRow("size zero") << QString::fromStdString(withPopulation(
                                      R"({"name": "E", "model": "lif_cuba", "size": 0})"))
                               << "bad.json: populations[0].size: must be >= 1 (got 0)" << false;
    QTest::newRow("size 2^64-1")
        << QString::fromStdString(withPopulation(
               R"({"name": "E", "model": "lif_cuba", "size": 18446744073709551615})"))
        << "bad.json: populations[0].size: 18446744073709551615 is out of range (integers "
           "here are at most 9223372036854775807)"
        << false;
    QTest::newRow("size 2^63")
        << QString::fromStdString(
               withPopulation(R"({"name": "E", "model": "lif_cuba", "size": 9223372036854775808})"))
        << "bad.json: populations[0].size: 9223372036854775808 is out of range" << false;
    QTest::newRow("size beyond 64 bits")
        << QString::fromStdString(withPopulation(
               R"({"name": "E", "model": "lif_cuba", "size": 18446744073709551616})"))
        << "bad.json: line 1, column 109: integer 18446744073709551616 is out of range" << false;
    QTest::newRow("seed 2^64-1")
        << R"({"format": "plexus-project", "formatVersion": 2, "simulation": {"seed": 18446744073709551615}})"
        << "bad.json: simulation.seed: 18446744073709551615 is out of range" << false;
    QTest::newRow("stimulus size too large")
        << R"({"format": "plexus-project", "formatVersion": 2,
                  "stimuli": [{"name": "P", "model": "poisson", "size": 9000000000000000000}]})"
        << "bad.json: stimuli[0].size: must be at most 100000000" << false;
    QTest::newRow("number beyond double")
        << QString::fromStdString(withPopulation(
               R"({"name": "E", "model": "lif_cuba", "size": 5, "params": {"tau_m": 1e999}})"))
        << "bad.json: line 1, column 132: number 1e999 is out of range" << false;
    QTest::newRow("1e309 in an unknown field")
        << R"({"format": "plexus-project", "formatVersion": 2, "x": -1e309})"
        << "bad.json: line 1, column 55: number -1e309 is out of range" << false;
    QTest::newRow("400-digit integer")
        << QString(R"({"format": "plexus-project", "formatVersion": 2, "x": %1})")
               .arg(QString(400, '7'))
        << "bad.json: line 1, column 55: integer 7777777777" << false;
    QTest::newRow("formatVersion beyond int")
        << R"({"format": "plexus-project", "formatVersion": 4294967298})"
        << "bad.json: formatVersion: version 4294967298 is not supported" << false;
    QTest::newRow("size not a number")
        << QString::fromStdString(
               withPopulation(R"({"name": "E", "model": "lif_cuba", "size": "ten"})"))
        << "bad.json: populations[0].size: expected an integer" << false;
    QTest::newRow("parameter not a number")
        << QString::fromStdString(withPopulation(
               R"({"name": "E", "model": "lif_cuba", "size": 5, "params": {"tau_m": null}})"))
        << "bad.json: populations[0].params.tau_m: expected a number" << false;
    QTest::newRow("unknown model")
        << QString::fromStdString(
               withPopulation(R"({"name": "E", "model": "hh_fancy", "size": 5})"))
        << "bad.json: populations[0].model: unknown neuron model \"hh_fancy\"" << true;
    QTest::newRow("parameter out of range")
        << QString::fromStdString(withPopulation(
               R"({"name": "E", "model": "lif_cuba", "size": 5, "params": {"tau_m": -3}})"))
        << "bad.json: populations[0].params.tau_m: -3 ms is outside the allowed range" << true;
    QTest::newRow("unknown parameter")
        << QString::fromStdString(withPopulation(
               R"({"name": "E", "model": "lif_cuba", "size": 5, "params": {"tau": 3}})"))
        << "bad.json: populations[0].params.tau: model \"lif_cuba\" has no parameter \"tau\""
        << true;
    QTest::newRow("duplicate name")
        << QString::fromStdString(withPopulation(R"({"name": "E", "model": "lif_cuba", "size": 5},
                                 {"name": "E", "model": "lif_cuba", "size": 5})"))
        << "bad.json: populations[1].name: duplicate name \"E\"" << false;
    QTest::newRow("duplicate projection name")
        << R"({"format": "plexus-project", "formatVersion": 2,
                  "populations": [{"name": "E", "model": "lif_cuba", "size": 5}],
                  "projections": [{"name": "P", "source": "E", "target": "E"},
                                  {"name": "P", "source": "E", "target": "E", "receptor": "inh"}]})"
        << "bad.json: projections[1].name: duplicate projection name \"P\"" << false;
    QTest::newRow("dangling projection")
        << R"({"format": "plexus-project", "formatVersion": 1,
                  "populations": [{"name": "E", "model": "lif_cuba", "size": 5}],
                  "projections": [{"source": "E", "target": "X"}]})"
        << "bad.json: projections[0].target: no population or stimulus named \"X\"" << true;
    QTest::newRow("unknown receptor")
        << R"({"format": "plexus-project", "formatVersion": 1,
                  "populations": [{"name": "E", "model": "lif_cuba", "size": 5}],
                  "projections": [{"source": "E", "target": "E", "receptor": "nmda"}]})"
        << "bad.json: projections[0].receptor: model \"lif_cuba\" has no input \"nmda\"" << true;
    QTest::newRow("edge file out of range")
        << R"({"format": "plexus-project", "formatVersion": 2,
                  "populations": [{"name": "E", "model": "lif_cuba", "size": 5}],
                  "projections": [{"source": "E", "target": "E",
                                   "connectivity": {"rule": "csv_edges"}}]})"
        << "bad.json: projections[0].connectivity.file: rule \"csv_edges\" needs an edge file"
        << true;
    QTest::newRow("bad dt")
        << R"({"format": "plexus-project", "formatVersion": 1, "simulation": {"dt_ms": 0}})"
        << "bad.json: simulation.dt_ms: must be in (0, 10] ms" << false;
    QTest::newRow("bad duration")
        << R"({"format": "plexus-project", "formatVersion": 1, "simulation": {"duration_s": -1}})"
        << "bad.json: simulation.duration_s: must be > 0" << false;
    QTest::newRow("duration beyond the step limit")
        << R"({"format": "plexus-project", "formatVersion": 2, "simulation": {"duration_s": 1e300}})"
        << "bad.json: simulation.duration_s: 1e+300 s is more than the maximum of 1000000000 "
           "steps (100000 s at dt = 0.1 ms)"
        << false;
    QTest::newRow("duration of no step")
        << R"({"format": "plexus-project", "formatVersion": 2, "simulation": {"duration_s": 1e-9, "dt_ms": 0.5}})"
        << "bad.json: simulation.duration_s: 1e-09 s is less than half a time step of 0.5 ms"
        << false;
}
#endif

class TestProjectIo : public QObject {
    Q_OBJECT

private slots:
    void roundTripKeepsEverything() {
        QTemporaryDir dir;
        auto project = core::StandardNetworks::coba(1000);
        core::StimulusSpec st;
        st.name = "gen";
        st.model = "spike_times";
        st.size = 2;
        st.times = {1.5, 2.5};
        st.indices = {0, 1};
        project.stimuli.push_back(st);
        project.recorders.push_back({"vm", "state", "E", {"v", "g_exc"}, {0, 5}, 0.5, 1.0});
        project.recorders.push_back({"rate", "rate", "I", {}, {}, 0.1, 2.0});
        const auto path = dir.filePath("p.json").toStdString();
        core::ProjectIo::save(project, path);
        const auto loaded = core::ProjectIo::load(path);
        QVERIFY(loaded == project);
        QCOMPARE(core::ProjectIo::toJson(loaded), core::ProjectIo::toJson(project));
    }

    void examplesMatchTheStandardNetworks() {
        const std::string dir = PLEXUS_SOURCE_DIR "/resources/examples/";
        QVERIFY(core::ProjectIo::load(dir + "cuba.json") == core::StandardNetworks::cuba(4000));
        QVERIFY(core::ProjectIo::load(dir + "coba.json") == core::StandardNetworks::coba(4000));
    }

    void saveIsAtomic() {
        QTemporaryDir dir;
        const auto path = dir.filePath("keep.json").toStdString();
        core::ProjectIo::save(core::StandardNetworks::cuba(100), path);
        const auto before = core::ProjectIo::toJson(core::ProjectIo::load(path));
        // Saving into a folder that does not exist fails and leaves nothing behind.
        const auto bad = dir.filePath("missing/sub/p.json").toStdString();
        QVERIFY(!errorOf([&] {
                     core::ProjectIo::save(core::StandardNetworks::cuba(10), bad);
                 }).empty());
        QCOMPARE(core::ProjectIo::toJson(core::ProjectIo::load(path)), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"keep.json"});
    }

    void badInputNamesThePlace_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("atBuild");
        addBadInputRows();
    }

    void badInputNamesThePlace() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QFETCH(bool, atBuild);
        const std::string message =
            atBuild ? buildError(text.toStdString()) : loadError(text.toStdString());
        QVERIFY2(message.find(expected.toStdString()) != std::string::npos,
                 qPrintable(QString("got: ") + QString::fromStdString(message)));
        // One line that starts with the file.
        QVERIFY2(message.rfind("bad.json: ", 0) == 0, message.c_str());
        QVERIFY(message.find('\n') == std::string::npos);
        if (atBuild) // the file itself parses: only building refuses it
            QVERIFY(loadError(text.toStdString()).empty());
    }

    void nanParameterIsRefused() {
        // JSON cannot carry NaN; a value computed by a program can.
        core::ProjectSpec p;
        p.populations.push_back({"E", "lif_cuba", 3, {{"tau_m", std::nan("")}}, {}});
        const auto message =
            errorOf([&] { core::NetworkBuilder::build(p, tests::builtinRegistry()); });
        QVERIFY2(message.find("populations[0].params.tau_m: must be a finite number") == 0,
                 message.c_str());
    }

    void spikeTimesFromFile() {
        QTemporaryDir dir;
        {
            QFile csv(dir.filePath("train.csv"));
            QVERIFY(csv.open(QIODevice::WriteOnly));
            csv.write("time_ms,channel\n2.0,1\n0.5,0\n7.25,1\n");
        }
        const std::string text = R"({"format": "plexus-project", "formatVersion": 1,
            "stimuli": [{"name": "G", "model": "spike_times", "size": 2, "file": "train.csv"}],
            "recorders": [{"name": "s", "type": "spikes", "target": "G"}]})";
        {
            QFile f(dir.filePath("p.json"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text.c_str());
        }
        const auto project = core::ProjectIo::load(dir.filePath("p.json").toStdString());
        QCOMPARE(project.stimuli[0].times, (std::vector<double>{2.0, 0.5, 7.25}));
        QCOMPARE(project.stimuli[0].indices, (std::vector<std::int64_t>{1, 0, 1}));
        auto run = tests::runProject(project, 10.0);
        QCOMPARE(run.network->spikeRecorders[0].steps, (std::vector<std::int64_t>{5, 20, 73}));
        // Saved back as a reference to the file, not as inline lists.
        const auto json = core::ProjectIo::toJson(project);
        QCOMPARE(json["stimuli"][0]["file"], "train.csv");
        QVERIFY(!json["stimuli"][0].contains("times"));
        // A bad row is reported with the file and line.
        {
            QFile csv(dir.filePath("train.csv"));
            QVERIFY(csv.open(QIODevice::WriteOnly));
            csv.write("time_ms,channel\n2.0,1\n0.5,x\n");
        }
        const auto message =
            errorOf([&] { core::ProjectIo::load(dir.filePath("p.json").toStdString()); });
        QVERIFY2(message.find("train.csv: line 3: channel must be an integer") != std::string::npos,
                 message.c_str());
        QVERIFY2(message.rfind(dir.filePath("p.json").toStdString() + ": stimuli[0].file: ", 0) ==
                     0,
                 message.c_str());
    }

    void unnamedProjectionsGetUniqueNames() {
        // Without a name a projection is called source->target, numbered when that is taken
        // (also by a name given later in the file); a saved project keeps the names.
        const std::string text = R"({"format": "plexus-project", "formatVersion": 2,
            "populations": [{"name": "E", "model": "lif_cuba", "size": 5}],
            "projections": [{"source": "E", "target": "E"},
                            {"source": "E", "target": "E", "receptor": "inh"},
                            {"source": "E", "target": "E", "name": ""},
                            {"source": "E", "target": "E", "name": "E->E 2"}]})";
        const auto project = core::ProjectIo::parse(text, "p.json");
        std::vector<std::string> names;
        for (const auto& pr : project.projections)
            names.push_back(pr.name);
        QCOMPARE(names, (std::vector<std::string>{"E->E", "E->E 3", "E->E 4", "E->E 2"}));
        const auto again =
            core::ProjectIo::parse(core::ProjectIo::toJson(project).dump(), "p.json");
        QVERIFY(again == project);
        // A project made in code with unnamed projections saves to a file that loads.
        core::ProjectSpec made = project;
        for (auto& pr : made.projections)
            pr.name.clear();
        const auto reloaded =
            core::ProjectIo::parse(core::ProjectIo::toJson(made).dump(), "p.json");
        QCOMPARE(reloaded.projections.back().name, std::string("E->E 4"));
    }

    void missingFileAndFolder() {
        QVERIFY(errorOf([] { core::ProjectIo::load("/nonexistent/p.json"); }) ==
                "/nonexistent/p.json: no such file");
        QTemporaryDir dir;
        QVERIFY(errorOf([&] {
                    core::ProjectIo::load(dir.path().toStdString());
                }).find("is a directory") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestProjectIo)
#include "TestProjectIo.moc"
