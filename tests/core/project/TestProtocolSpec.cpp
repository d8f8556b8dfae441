// Protocols: expanding conditions into trials, reading and writing "protocol", and one clear
// line naming the JSON path for every bad field.

#include "ErrorOf.h"
#include "plexus/core/project/ProjectEdits.h"
#include "plexus/core/project/ProjectIo.h"
#include "plexus/core/project/TrialSchedule.h"

#include <QtTest>
#include <nlohmann/json.hpp>

using namespace plexus;

namespace {

core::ProtocolSpec threeConditions(const std::string& order) {
    core::ProtocolSpec p;
    for (const char* name : {"a", "b", "c"})
        p.conditions.push_back({name, {}, {}, {}, nullptr});
    p.trials = 2;
    p.trialMs = 100;
    p.itiMs = 50;
    p.order = order;
    p.seed = 7;
    return p;
}

std::vector<int> conditionsOf(const core::TrialSchedule& s) {
    std::vector<int> out;
    for (const auto& t : s.trials())
        out.push_back(t.condition);
    return out;
}

/// A project with two Poisson stimuli and a population, plus `protocol` (JSON text).
std::string projectWith(const std::string& protocol) {
    return R"({"format": "plexus-project", "formatVersion": 3,
        "populations": [{"name": "E", "model": "lif_cuba", "size": 10}],
        "stimuli": [{"name": "left", "model": "poisson", "size": 5},
                    {"name": "right", "model": "poisson", "size": 5}],
        "projections": [{"name": "left->E", "source": "left", "target": "E",
                         "connectivity": {"rule": "all_to_all"}, "weight": 1}],
        "protocol": )" +
           protocol + "}";
}

std::string loadError(const std::string& protocol) {
    return tests::errorOf([&] { core::ProjectIo::parse(projectWith(protocol), "p.json"); });
}

} // namespace

class TestProtocolSpec : public QObject {
    Q_OBJECT

private slots:
    void blockedOrder() {
        const auto s = core::TrialSchedule::expand(threeConditions("blocked"));
        QCOMPARE(conditionsOf(s), (std::vector<int>{0, 0, 1, 1, 2, 2}));
        QCOMPARE(s.totalMs(), 900.0);
        QCOMPARE(s.trials()[3].startMs, 450.0);
        QCOMPARE(s.trials()[3].endMs, 550.0);
        QCOMPARE(s.trials()[3].trial, 1);
        QCOMPARE(s.trials()[3].label, std::string("b"));
        QCOMPARE(s.conditionNames(), (std::vector<std::string>{"a", "b", "c"}));
    }

    void interleavedOrder() {
        const auto s = core::TrialSchedule::expand(threeConditions("interleaved"));
        QCOMPARE(conditionsOf(s), (std::vector<int>{0, 1, 2, 0, 1, 2}));
        QCOMPARE(s.trials()[4].trial, 1);
        QCOMPARE(s.trials()[4].startMs, 600.0);
    }

    void randomOrderIsSeeded() {
        const auto p = threeConditions("random");
        const auto first = conditionsOf(core::TrialSchedule::expand(p));
        QCOMPARE(conditionsOf(core::TrialSchedule::expand(p)), first);
        auto sorted = first;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(sorted, (std::vector<int>{0, 0, 1, 1, 2, 2}));
        // Some seed among a few gives another order; every order keeps the trial numbering.
        bool differs = false;
        for (std::uint64_t seed = 1; seed < 6; ++seed) {
            auto q = p;
            q.seed = seed;
            const auto s = core::TrialSchedule::expand(q);
            differs = differs || conditionsOf(s) != first;
            std::vector<int> next(3, 0);
            for (const auto& t : s.trials())
                QCOMPARE(t.trial, next[static_cast<std::size_t>(t.condition)]++);
        }
        QVERIFY(differs);
    }

    void labelsAndRunLength() {
        auto p = threeConditions("blocked");
        p.conditions[1].label = "B label";
        QCOMPARE(core::TrialSchedule::expand(p).trials()[2].label, std::string("B label"));
        core::ProjectSpec project;
        project.simulation.durationS = 3;
        QCOMPARE(core::TrialSchedule::runLengthS(project), 3.0);
        project.protocol = p;
        QCOMPARE(core::TrialSchedule::runLengthS(project), 0.9);
    }

    void roundTrip() {
        const std::string protocol = R"({"conditions": [
              {"name": "L", "label": "left on", "stimuli": ["left"],
               "stimulus_params": {"left": {"rate_hz": 40}}, "note": "kept"},
              {"name": "R", "stimuli": ["right", "left"]}],
            "trials": 3, "trial_ms": 200, "iti_ms": 100, "order": "random", "seed": 11,
            "future": {"x": 1},
            "perturbations": [
              {"kind": "silence", "target": "E", "fraction": 0.5, "start_ms": 10, "end_ms": 90},
              {"kind": "clamp", "target": "E", "neurons": [1, 2], "variable": "v", "value": -70,
               "condition": "L"},
              {"kind": "drive", "target": "E", "amplitude": 2.5},
              {"kind": "scale_weights", "target": "left->E", "factor": 0.5, "start_ms": 30},
              {"kind": "lesion", "target": "left->E", "fraction": 0.25}]})";
        const auto project = core::ProjectIo::parse(projectWith(protocol), "p.json");
        QVERIFY(project.protocol.has_value());
        const auto& p = *project.protocol;
        QCOMPARE(p.conditions.size(), std::size_t(2));
        QCOMPARE(p.conditions[0].label, std::string("left on"));
        QCOMPARE(p.conditions[0].stimulusParams.at("left").at("rate_hz"), 40.0);
        QCOMPARE(p.conditions[1].stimuli, (std::vector<std::string>{"right", "left"}));
        QCOMPARE(p.trials, 3);
        QCOMPARE(p.itiMs, 100.0);
        QCOMPARE(p.order, std::string("random"));
        QCOMPARE(p.seed, std::uint64_t(11));
        QCOMPARE(p.perturbations.size(), std::size_t(5));
        QCOMPARE(*p.perturbations[0].fraction, 0.5);
        QCOMPARE(*p.perturbations[0].endMs, 90.0);
        QCOMPARE(p.perturbations[1].neurons, (std::vector<std::int64_t>{1, 2}));
        QCOMPARE(p.perturbations[1].condition, std::string("L"));
        QCOMPARE(p.perturbations[1].value, -70.0);
        QCOMPARE(p.perturbations[2].amplitude, 2.5);
        QVERIFY(!p.perturbations[2].endMs.has_value());
        QCOMPARE(p.perturbations[3].factor, 0.5);
        QCOMPARE(p.perturbations[3].startMs, 30.0);
        QCOMPARE(*p.perturbations[4].fraction, 0.25);
        QCOMPARE(p.extra["future"]["x"], 1);
        QCOMPARE(p.conditions[0].extra["note"], "kept");
        const auto json = core::ProjectIo::toJson(project);
        QCOMPARE(json["protocol"]["future"]["x"], 1);
        const auto again = core::ProjectIo::parse(json.dump(), "again.json");
        QVERIFY(again == project);
        // No protocol: none written.
        auto plain = project;
        plain.protocol.reset();
        QVERIFY(!core::ProjectIo::toJson(plain).contains("protocol"));
    }

    void editsFollowTheProtocol() {
        const std::string protocol = R"({"conditions": [
              {"name": "L", "stimuli": ["left"], "stimulus_params": {"left": {"rate_hz": 40}}},
              {"name": "R", "stimuli": ["right", "left"]}],
            "perturbations": [{"kind": "silence", "target": "E"},
              {"kind": "lesion", "target": "left->E", "fraction": 0.25},
              {"kind": "silence", "target": "left"}]})";
        auto project = core::ProjectIo::parse(projectWith(protocol), "p.json");
        QVERIFY(core::ProjectEdits::renameNode(project, "left", "cue").empty());
        QVERIFY(core::ProjectEdits::renameNode(project, "E", "Exc").empty());
        const auto& p = *project.protocol;
        QCOMPARE(p.conditions[0].stimuli, std::vector<std::string>{"cue"});
        QCOMPARE(p.conditions[0].stimulusParams.count("cue"), std::size_t(1));
        QCOMPARE(p.conditions[0].stimulusParams.count("left"), std::size_t(0));
        QCOMPARE(p.conditions[1].stimuli, (std::vector<std::string>{"right", "cue"}));
        QCOMPARE(p.perturbations[0].target, std::string("Exc"));
        QCOMPARE(p.perturbations[1].target, std::string("cue->Exc")); // the default name follows
        QCOMPARE(p.perturbations[2].target, std::string("cue"));
        // The edited project still loads.
        core::ProjectIo::parse(core::ProjectIo::toJson(project).dump(), "edited.json");
        // Removing a stimulus takes it out of the conditions, with the perturbations of it and
        // of its projections.
        core::ProjectEdits::remove(project, {"cue"}, {});
        QVERIFY(project.protocol->conditions[0].stimuli.empty());
        QVERIFY(project.protocol->conditions[0].stimulusParams.empty());
        QCOMPARE(project.protocol->conditions[1].stimuli, std::vector<std::string>{"right"});
        QCOMPARE(project.protocol->perturbations.size(), std::size_t(1));
        QCOMPARE(project.protocol->perturbations[0].target, std::string("Exc"));
        core::ProjectIo::parse(core::ProjectIo::toJson(project).dump(), "removed.json");
    }

    void badFields_data() {
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<QString>("message");
        const QString ok = R"("conditions": [{"name": "L", "stimuli": ["left"]}])";
        auto with = [&](const QString& rest) { return "{" + ok + ", " + rest + "}"; };
        QTest::newRow("not an object") << "3"
                                       << "p.json: protocol: expected an object, got 3";
        QTest::newRow("no conditions") << "{}"
                                       << "p.json: protocol: missing \"conditions\"";
        QTest::newRow("empty conditions")
            << R"({"conditions": []})"
            << "p.json: protocol.conditions: needs at least one condition";
        QTest::newRow("unnamed condition") << R"({"conditions": [{"stimuli": []}]})"
                                           << "p.json: protocol.conditions[0]: missing \"name\"";
        QTest::newRow("duplicate condition")
            << R"({"conditions": [{"name": "L"}, {"name": "L"}]})"
            << "p.json: protocol.conditions[1].name: a condition called \"L\" already exists";
        QTest::newRow("unknown stimulus")
            << R"({"conditions": [{"name": "L"}, {"name": "R", "stimuli": ["right", "x"]}]})"
            << "p.json: protocol.conditions[1].stimuli[1]: unknown stimulus \"x\"";
        QTest::newRow("stimulus twice")
            << R"({"conditions": [{"name": "L", "stimuli": ["left", "left"]}]})"
            << "p.json: protocol.conditions[0].stimuli[1]: stimulus \"left\" is listed twice";
        QTest::newRow("override of a stimulus not on")
            << R"({"conditions": [{"name": "L", "stimuli": ["left"],
                   "stimulus_params": {"right": {"rate_hz": 3}}}]})"
            << "p.json: protocol.conditions[0].stimulus_params.right: \"right\" is not one of "
               "this condition's stimuli";
        QTest::newRow("override not a number")
            << R"({"conditions": [{"name": "L", "stimuli": ["left"],
                   "stimulus_params": {"left": {"rate_hz": "fast"}}}]})"
            << "p.json: protocol.conditions[0].stimulus_params.left.rate_hz: expected a number, "
               "got \"fast\"";
        QTest::newRow("zero trials")
            << with(R"("trials": 0)") << "p.json: protocol.trials: must be between 1 and 1000000";
        QTest::newRow("fractional trials")
            << with(R"("trials": 1.5)") << "p.json: protocol.trials: expected an integer, got 1.5";
        QTest::newRow("too many trials")
            << R"({"conditions": [{"name": "L"}, {"name": "R"}], "trials": 600000})"
            << "p.json: protocol.trials: 2 conditions x 600000 trials is more than 1000000 "
               "trials";
        QTest::newRow("schedule too long")
            << with(R"("trial_ms": 2e11)")
            << "p.json: protocol: the trial schedule: 2e+08 s is more than the maximum of "
               "1000000000 steps (100000 s at dt = 0.1 ms)";
        QTest::newRow("trial_ms zero")
            << with(R"("trial_ms": 0)") << "p.json: protocol.trial_ms: must be > 0";
        QTest::newRow("negative iti")
            << with(R"("iti_ms": -1)") << "p.json: protocol.iti_ms: must be >= 0";
        QTest::newRow("unknown order")
            << with(R"("order": "shuffled")")
            << "p.json: protocol.order: unknown order \"shuffled\" (blocked, interleaved, random)";
        QTest::newRow("negative seed")
            << with(R"("seed": -2)") << "p.json: protocol.seed: must be >= 0";
        QTest::newRow("unknown kind")
            << with(R"("perturbations": [{"kind": "zap", "target": "E"}])")
            << "p.json: protocol.perturbations[0].kind: unknown perturbation \"zap\" (silence, "
               "clamp, drive, scale_weights, lesion)";
        QTest::newRow("no target") << with(R"("perturbations": [{"kind": "silence"}])")
                                   << "p.json: protocol.perturbations[0]: missing \"target\"";
        QTest::newRow("unknown population")
            << with(R"("perturbations": [{"kind": "silence", "target": "X"}])")
            << "p.json: protocol.perturbations[0].target: no population named \"X\"";
        QTest::newRow("unknown projection")
            << with(R"("perturbations": [{"kind": "lesion", "target": "E", "fraction": 0.1}])")
            << "p.json: protocol.perturbations[0].target: no projection named \"E\"";
        QTest::newRow("fraction above 1")
            << with(R"("perturbations": [{"kind": "silence", "target": "E", "fraction": 1.5}])")
            << "p.json: protocol.perturbations[0].fraction: must be in [0, 1]";
        QTest::newRow("negative neuron")
            << with(R"("perturbations": [{"kind": "silence", "target": "E", "neurons": [3, -1]}])")
            << "p.json: protocol.perturbations[0].neurons[1]: must be >= 0";
        QTest::newRow("neurons and fraction")
            << with(R"("perturbations": [{"kind": "silence", "target": "E", "fraction": 0.5,
                    "neurons": [1]}])")
            << "p.json: protocol.perturbations[0]: give \"neurons\" or \"fraction\", not both";
        QTest::newRow("end before start")
            << with(R"("perturbations": [{"kind": "silence", "target": "E", "start_ms": 50,
                    "end_ms": 50}])")
            << "p.json: protocol.perturbations[0].end_ms: must be after start_ms";
        QTest::newRow("unknown condition")
            << with(R"("perturbations": [{"kind": "silence", "target": "E", "condition": "Z"}])")
            << "p.json: protocol.perturbations[0].condition: no condition named \"Z\"";
        QTest::newRow("clamp without value")
            << with(R"("perturbations": [{"kind": "clamp", "target": "E", "variable": "v"}])")
            << "p.json: protocol.perturbations[0]: clamp needs \"value\"";
        QTest::newRow("drive without amplitude")
            << with(R"("perturbations": [{"kind": "drive", "target": "E"}])")
            << "p.json: protocol.perturbations[0]: drive needs \"amplitude\"";
        QTest::newRow("scale without factor")
            << with(R"("perturbations": [{"kind": "scale_weights", "target": "left->E"}])")
            << "p.json: protocol.perturbations[0]: scale_weights needs \"factor\"";
        QTest::newRow("lesion without fraction")
            << with(R"("perturbations": [{"kind": "lesion", "target": "left->E"}])")
            << "p.json: protocol.perturbations[0]: lesion needs \"fraction\"";
        QTest::newRow("factor on silence")
            << with(R"("perturbations": [{"kind": "silence", "target": "E", "factor": 2}])")
            << "p.json: protocol.perturbations[0].factor: does not apply to silence (only to "
               "scale_weights)";
        QTest::newRow("window on lesion")
            << with(R"("perturbations": [{"kind": "lesion", "target": "left->E", "fraction": 0.1,
                    "end_ms": 10}])")
            << "p.json: protocol.perturbations[0].end_ms: lesion happens once, at start_ms";
        QTest::newRow("neurons on lesion")
            << with(R"("perturbations": [{"kind": "lesion", "target": "left->E", "fraction": 0.1,
                    "neurons": [1]}])")
            << "p.json: protocol.perturbations[0].neurons: lesion acts on a projection, not on "
               "neurons";
    }

    void badFields() {
        QFETCH(QString, protocol);
        QFETCH(QString, message);
        QCOMPARE(QString::fromStdString(loadError(protocol.toStdString())), message);
    }
};

QTEST_GUILESS_MAIN(TestProtocolSpec)
#include "TestProtocolSpec.moc"
