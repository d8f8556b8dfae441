// Parameter sweeps without running anything: parameter paths in project documents (names,
// JSON pointers, one-line errors listing the valid names) and sweep definitions (grid, log,
// list and random axes, the row order of the points, seeds of repeats, the definition that a
// resumed sweep must match).

#include "ErrorOf.h"
#include "plexus/core/project/ParameterPath.h"
#include "plexus/core/project/ProjectIo.h"
#include "plexus/core/project/StandardNetworks.h"
#include "plexus/core/project/SweepSpec.h"

#include <QtTest>
#include <cmath>
#include <set>

using plexus::core::ParameterPath;
using plexus::core::SweepSpec;
using plexus::tests::errorOf;

namespace {

nlohmann::json cuba() {
    return plexus::core::ProjectIo::toJson(plexus::core::StandardNetworks::cuba(200));
}

} // namespace

class TestSweepSpec : public QObject {
    Q_OBJECT

private slots:
    void namesResolveInArraysOfNamedObjects() {
        auto doc = cuba();
        ParameterPath::parse("populations.I.params.tau_m").apply(doc, 12.5);
        QCOMPARE(doc["populations"][1]["params"]["tau_m"].get<double>(), 12.5);
        QCOMPARE(doc["populations"][0]["params"]["tau_m"].get<double>(), 20.0);
        ParameterPath::parse("projections.E->I.weight").apply(doc, 2.25);
        QCOMPARE(doc["projections"][1]["weight"].get<double>(), 2.25);
        ParameterPath::parse("projections.I->E.connectivity.p").apply(doc, 0.1);
        QCOMPARE(doc["projections"][2]["connectivity"]["p"].get<double>(), 0.1);
        QCOMPARE(ParameterPath::parse("simulation.seed").resolve(doc).to_string(),
                 std::string("/simulation/seed"));
        // An index works where a name does.
        QCOMPARE(ParameterPath::parse("populations.1.size").resolve(doc).to_string(),
                 std::string("/populations/1/size"));
    }

    void jsonPointersWork() {
        auto doc = cuba();
        ParameterPath::parse("/populations/0/params/tau_m").apply(doc, 7.0);
        QCOMPARE(doc["populations"][0]["params"]["tau_m"].get<double>(), 7.0);
        // Names are looked up in pointers too; "~1" is a slash.
        doc["projections"][0]["name"] = "E/E";
        ParameterPath::parse("/projections/E~1E/weight").apply(doc, 3.0);
        QCOMPARE(doc["projections"][0]["weight"].get<double>(), 3.0);
    }

    void integerFieldsStayIntegers() {
        auto doc = cuba();
        ParameterPath::parse("simulation.seed").apply(doc, 42.0);
        QVERIFY(doc["simulation"]["seed"].is_number_integer());
        QCOMPARE(doc["simulation"]["seed"].get<int>(), 42);
        QVERIFY(errorOf([&] {
                    ParameterPath::parse("populations.E.size").apply(doc, 1.5);
                }).find("takes whole numbers") != std::string::npos);
    }

    void errorsNameTheSegmentAndTheValidNames() {
        const auto doc = cuba();
        QCOMPARE(errorOf([&] { ParameterPath::parse("populations.X.params.tau_m").resolve(doc); }),
                 std::string("parameter path populations.X.params.tau_m: no \"X\" in "
                             "populations (E, I)"));
        QCOMPARE(errorOf([&] { ParameterPath::parse("populations.E.params.tau").resolve(doc); }),
                 std::string("parameter path populations.E.params.tau: no \"tau\" in params "
                             "(e_l, t_ref, tau_m, tau_syn_exc, tau_syn_inh, v_reset, v_thresh)"));
        const std::string notNumber =
            errorOf([&] { ParameterPath::parse("populations.E.model").resolve(doc); });
        QVERIFY2(notNumber.find("model is not a number") != std::string::npos, notNumber.c_str());
        QVERIFY(errorOf([&] { ParameterPath::parse("simulation..seed"); }).find("empty segment") !=
                std::string::npos);
        QVERIFY(errorOf([&] {
                    ParameterPath::parse("/populations/7/size").resolve(doc);
                }).find("no \"7\" in populations (E, I)") != std::string::npos);
        QVERIFY(!errorOf([&] { ParameterPath::parse("simulation.seed.x").resolve(doc); }).empty());
    }

    void axesOfEveryKind() {
        auto grid = SweepSpec::parseAxis("populations.E.params.tau_m=10:20:3", 1, 0);
        QCOMPARE(grid.path.text(), std::string("populations.E.params.tau_m"));
        QCOMPARE(grid.values, (std::vector<double>{10, 15, 20}));
        auto log = SweepSpec::parseAxis("simulation.dt_ms=log:0.01:1:3", 1, 0);
        QCOMPARE(log.values.size(), std::size_t(3));
        QCOMPARE(log.values[0], 0.01);
        QVERIFY(std::fabs(log.values[1] - 0.1) < 1e-15);
        QCOMPARE(log.values[2], 1.0);
        auto list = SweepSpec::parseAxis("projections.E->E.weight=0.5,1,2.5", 1, 0);
        QCOMPARE(list.path.text(), std::string("projections.E->E.weight"));
        QCOMPARE(list.values, (std::vector<double>{0.5, 1, 2.5}));
        auto random = SweepSpec::parseAxis("simulation.dt_ms=rand:0.05:0.1:5", 7, 1);
        QCOMPARE(random.values.size(), std::size_t(5));
        for (const double v : random.values)
            QVERIFY(v >= 0.05 && v < 0.1);
        // The same seed and axis draw the same values; another seed others.
        QCOMPARE(SweepSpec::parseAxis("simulation.dt_ms=rand:0.05:0.1:5", 7, 1).values,
                 random.values);
        QVERIFY(SweepSpec::parseAxis("simulation.dt_ms=rand:0.05:0.1:5", 8, 1).values !=
                random.values);
        QVERIFY(std::set<double>(random.values.begin(), random.values.end()).size() == 5);
    }

    void malformedAxesAreRefused() {
        for (const char* bad :
             {"populations.E.size", "populations.E.size=", "=1:2:3", "x=1:2:0", "x=1:2",
              "x=log:0:1:3", "x=rand:2:1:3", "x=1,a", "x=1:2:2.5", "x=log:1:2:3:4"}) {
            const std::string e = errorOf([&] { SweepSpec::parseAxis(bad, 1, 0); });
            QVERIFY2(e.rfind("--param ", 0) == 0 || e.rfind("parameter path", 0) == 0, bad);
        }
    }

    void gridPointsInRowOrderWithRepeatSeeds() {
        SweepSpec spec;
        spec.axes.push_back(SweepSpec::parseAxis("projections.E->E.weight=1:2:3", 1, 0));
        spec.axes.push_back(SweepSpec::parseAxis("populations.E.params.tau_m=10,20,30", 1, 1));
        spec.repeats = 2;
        spec.seed = 100;
        QCOMPARE(spec.pointCount(), std::size_t(18));
        const auto points = spec.points();
        QCOMPARE(points.size(), std::size_t(18));
        // First axis outermost, repeats innermost.
        for (std::size_t i = 0; i < 18; ++i) {
            QCOMPARE(points[i].index, i);
            QCOMPARE(points[i].repeat, i % 2);
            QCOMPARE(points[i].seed, std::uint64_t(100 + i % 2));
            QCOMPARE(points[i].values[0], 1.0 + 0.5 * static_cast<double>(i / 6));
            QCOMPARE(points[i].values[1], 10.0 * static_cast<double>(1 + (i / 2) % 3));
        }
        const auto doc = spec.apply(cuba(), points[9]);
        QCOMPARE(doc["projections"][0]["weight"].get<double>(), 1.5);
        QCOMPARE(doc["populations"][0]["params"]["tau_m"].get<double>(), 20.0);
        spec.validate(cuba());
    }

    void aSeedAxisGivesTheBaseSeed() {
        SweepSpec spec;
        spec.axes.push_back(SweepSpec::parseAxis("simulation.seed=5,9", 1, 0));
        spec.repeats = 3;
        std::vector<std::uint64_t> seeds;
        for (const auto& p : spec.points())
            seeds.push_back(p.seed);
        QCOMPARE(seeds, (std::vector<std::uint64_t>{5, 6, 7, 9, 10, 11}));
    }

    void validationFindsBadPathsAndValues() {
        SweepSpec spec;
        spec.axes.push_back(SweepSpec::parseAxis("populations.E.size=10,20", 1, 0));
        spec.axes.push_back(SweepSpec::parseAxis("stimuli.drive.params.rate_hz=1:2:3", 1, 1));
        QCOMPARE(errorOf([&] { spec.validate(cuba()); }),
                 std::string("parameter path stimuli.drive.params.rate_hz: no \"drive\" in "
                             "stimuli (none)"));
        spec.axes.pop_back();
        spec.axes.push_back(SweepSpec::parseAxis("populations.E.size=10,20.5", 1, 1));
        QVERIFY(errorOf([&] { spec.validate(cuba()); }).find("whole numbers") != std::string::npos);
    }

    void theDefinitionChangesWithTheSweep() {
        SweepSpec a;
        a.axes.push_back(SweepSpec::parseAxis("populations.E.size=10,20", 1, 0));
        a.metrics = {"rate:E"};
        SweepSpec b = a;
        QCOMPARE(a.definition(), b.definition());
        b.repeats = 2;
        QVERIFY(a.definition() != b.definition());
        b = a;
        b.axes[0] = SweepSpec::parseAxis("populations.E.size=10,21", 1, 0);
        QVERIFY(a.definition() != b.definition());
        b = a;
        b.metrics = {"rate:I"};
        QVERIFY(a.definition() != b.definition());
    }
};

QTEST_GUILESS_MAIN(TestSweepSpec)
#include "TestSweepSpec.moc"
