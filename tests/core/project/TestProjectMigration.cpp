// Project format migrations: every version step has a fixture (an old file and what it must
// become), loading migrates without touching the file, and newer files are refused.

#include "ErrorOf.h"
#include "core/TestSupport.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/project/ProjectIo.h"
#include "plexus/core/project/ProjectMigration.h"
#include "plexus/core/project/ProjectSpec.h"

#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

using namespace plexus;
using namespace plexus::core;

using plexus::tests::errorOf;

namespace {

const std::string kFixtures = PLEXUS_SOURCE_DIR "/tests/core/project/fixtures/";

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string v1WithPopulation(const std::string& population) {
    return R"({"format": "plexus-project", "formatVersion": 1, "populations": [)" + population +
           "]}";
}

std::string v2WithPopulation(const std::string& population) {
    return R"({"format": "plexus-project", "formatVersion": 2, "populations": [)" + population +
           "]}";
}

} // namespace

class TestProjectMigration : public QObject {
    Q_OBJECT

private slots:
    void stepsFormAChainToTheCurrentVersion() {
        const auto& steps = ProjectMigration::steps();
        QCOMPARE(static_cast<int>(steps.size()), ProjectSpec::currentFormatVersion - 1);
        for (std::size_t i = 0; i < steps.size(); ++i) {
            QCOMPARE(steps[i].from, static_cast<int>(i) + 1);
            QVERIFY(steps[i].apply != nullptr);
        }
        QCOMPARE(ProjectSpec::currentFormatVersion, 3);
    }

    void version1BecomesTheVersion2Fixture() {
        // The step on the raw document gives exactly the v2 fixture.
        auto doc = nlohmann::json::parse(readText(kFixtures + "project_v1.json"));
        const auto expected = nlohmann::json::parse(readText(kFixtures + "project_v2.json"));
        ProjectMigration::steps()[0].apply(doc);
        doc["formatVersion"] = 2;
        QCOMPARE(doc, expected);
        // Loading either file gives the same project.
        const ProjectSpec v1 = ProjectIo::load(kFixtures + "project_v1.json");
        const ProjectSpec v2 = ProjectIo::load(kFixtures + "project_v2.json");
        QVERIFY(v1 == v2);
        QCOMPARE(v1.formatVersion, 3);
        QCOMPARE(v1.populations[0].spatial.shape, std::string("grid"));
        QCOMPARE(v1.populations[0].spatial.extentUm, (std::array<double, 3>{1000.0, 1000.0, 0.0}));
        QCOMPARE(v1.populations[1].spatial.radiusUm, 500.0);
        QCOMPARE(v1.populations[2].spatial.extra["colour"], "red");
        QVERIFY(!v1.populations[4].spatial.hasPositions());
        QVERIFY(v1.populations[0].extra.is_null()); // spatial is no longer an unknown member
        QCOMPARE(v1.populations[5].extra["note"], "kept as it is");
    }

    void savingWritesTheCurrentVersion() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("saved.json").toStdString();
        ProjectIo::save(ProjectIo::load(kFixtures + "project_v1.json"), path);
        // Byte for byte the canonical v2 fixture (which has no electrodes) at version 3.
        auto expected = nlohmann::json::parse(readText(kFixtures + "project_v2.json"));
        expected["formatVersion"] = 3;
        QCOMPARE(readText(path), expected.dump(2) + "\n");
        QCOMPARE(nlohmann::json::parse(readText(path))["formatVersion"], 3);
    }

    void loadingNeverWritesTheFile() {
        QTemporaryDir dir;
        const QString copy = dir.filePath("old.json");
        QVERIFY(QFile::copy(QString::fromStdString(kFixtures + "project_v1.json"), copy));
        const QDateTime modified = QFileInfo(copy).lastModified();
        const ProjectSpec project = ProjectIo::load(copy.toStdString());
        QCOMPARE(project.formatVersion, 3);
        QCOMPARE(readText(copy.toStdString()), readText(kFixtures + "project_v1.json"));
        QCOMPARE(QFileInfo(copy).lastModified(), modified);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"old.json"});
    }

    void failedStepsNameTheStep() {
        auto loadError = [](const std::string& text) {
            return errorOf([&] { ProjectIo::parse(text, "old.json"); });
        };
        QCOMPARE(loadError(v1WithPopulation(
                     R"({"name": "E", "model": "lif_cuba", "size": 5, "spatial": "grid"})")),
                 std::string("old.json: formatVersion 1 -> 2 (spatial layouts with units): "
                             "populations[0].spatial: expected {\"shape\": \"grid\"} or another "
                             "shape, got \"grid\""));
        QCOMPARE(
            loadError(v1WithPopulation(
                R"({"name": "E", "model": "lif_cuba", "size": 5, "spatial": {"shape": "torus"}})")),
            std::string("old.json: formatVersion 1 -> 2 (spatial layouts with units): "
                        "populations[0].spatial.shape: unknown shape \"torus\" (mixed, grid, "
                        "random, ring, sheet)"));
    }

    void newerVersionsAreRefused() {
        const auto message = errorOf([] {
            ProjectIo::parse(R"({"format": "plexus-project", "formatVersion": 4})", "new.json");
        });
        QCOMPARE(message, std::string("new.json: formatVersion: version 4 is not supported: the "
                                      "file was written by a newer Plexus (this Plexus reads "
                                      "1..3)"));
        QVERIFY(errorOf([] {
                    ProjectIo::parse(R"({"format": "plexus-project", "formatVersion": 0})", "x");
                }).find("x: formatVersion: version 0 is not supported") == 0);
    }

    void spatialLayoutsAreValidatedAndKept() {
        auto loadError = [](const std::string& population) {
            return errorOf([&] { ProjectIo::parse(v2WithPopulation(population), "p.json"); });
        };
        QCOMPARE(loadError(R"({"name": "E", "model": "lif_cuba", "size": 5,
                               "spatial": {"shape": "grid", "extent_um": [100, -1, 0]}})"),
                 std::string("p.json: populations[0].spatial.extent_um[1]: must be >= 0 um"));
        QCOMPARE(loadError(R"({"name": "E", "model": "lif_cuba", "size": 5,
                               "spatial": {"shape": "grid", "extent_um": [100, 1]}})"),
                 std::string("p.json: populations[0].spatial.extent_um: expected [x, y, z] in um "
                             "(3 numbers)"));
        QCOMPARE(loadError(R"({"name": "E", "model": "lif_cuba", "size": 5,
                               "spatial": {"shape": "ring", "radius_um": "big"}})"),
                 std::string("p.json: populations[0].spatial.radius_um: expected a number, got "
                             "\"big\""));
        QCOMPARE(loadError(R"({"name": "E", "model": "lif_cuba", "size": 5,
                               "spatial": {"extent_um": [1, 1, 1]}})"),
                 std::string("p.json: populations[0].spatial: missing \"shape\""));
        QCOMPARE(loadError(R"({"name": "E", "model": "lif_cuba", "size": 5,
                               "spatial": {"shape": "blob"}})"),
                 std::string("p.json: populations[0].spatial.shape: unknown shape \"blob\" (mixed, "
                             "grid, random, ring, sheet)"));
        // A version 2 layout without sizes takes the shape's defaults; custom sizes and unknown
        // members round-trip.
        const auto plain =
            ProjectIo::parse(v2WithPopulation(R"({"name": "E", "model": "lif_cuba", "size": 5,
                                 "spatial": {"shape": "sheet"}})"),
                             "p.json");
        QVERIFY(plain.populations[0].spatial == SpatialSpec::withShape("sheet"));
        ProjectSpec project = plain;
        project.populations[0].spatial.extentUm = {250.0, 125.0, 50.0};
        project.populations[0].spatial.extra = {{"layers", 6}};
        const auto json = ProjectIo::toJson(project);
        QCOMPARE(json["populations"][0]["spatial"],
                 (nlohmann::json{
                     {"shape", "sheet"}, {"extent_um", {250.0, 125.0, 50.0}}, {"layers", 6}}));
        QVERIFY(ProjectIo::fromJson(json, "p.json") == project);
    }

    void version2ElectrodesBecomeTheVersion3Fixture() {
        // The step on the raw document gives exactly the v3 fixture: version 2's lenient reading
        // made explicit (defaults for mistyped members, nameless entries and dangling targets
        // dropped, layout entries that were no positions dropped, other layout members kept).
        auto doc = nlohmann::json::parse(readText(kFixtures + "project_v2_electrodes.json"));
        const auto expected =
            nlohmann::json::parse(readText(kFixtures + "project_v3_electrodes.json"));
        ProjectMigration::steps()[1].apply(doc);
        doc["formatVersion"] = 3;
        QCOMPARE(doc, expected);
    }

    void version2ElectrodesOpenAndSaveUnchanged() {
        const ProjectSpec old = ProjectIo::load(kFixtures + "project_v2_electrodes.json");
        QCOMPARE(old.formatVersion, 3);
        QVERIFY(old.extra.is_null()); // electrodes and layout are typed members now
        QCOMPARE(old.electrodes.size(), std::size_t(6));
        // Field by field, every kind.
        const ElectrodeSpec& tip = old.electrodes[0];
        QCOMPARE(tip.name, std::string("tip"));
        QCOMPARE(tip.type, std::string("point"));
        QCOMPARE(tip.target, std::string("E"));
        QCOMPARE(tip.contacts, 1);
        QCOMPARE(tip.spacingUm, 100.0);
        QCOMPARE(tip.anchorVertex, std::optional<std::int64_t>(12));
        QCOMPARE(tip.depthUm, std::optional<double>(450.0));
        QVERIFY(!tip.anchorMm.has_value());
        const ElectrodeSpec& probe = old.electrodes[1];
        QCOMPARE(probe.type, std::string("laminar"));
        QCOMPARE(probe.contacts, 16);
        QCOMPARE(probe.anchorMm, (std::optional<std::array<double, 3>>({1.5, -2.0, 30.25})));
        QCOMPARE(probe.anchorVertex, std::optional<std::int64_t>(3));
        QCOMPARE(probe.depthUm, std::optional<double>(1600.0));
        QCOMPARE(probe.extra, (nlohmann::json{{"colour", "#ff8800"}}));
        const ElectrodeSpec& utah = old.electrodes[2];
        QCOMPARE(utah.type, std::string("utah"));
        QCOMPARE(utah.target, std::string("I"));
        QCOMPARE(utah.contacts, 16);
        QCOMPARE(utah.spacingUm, 400.0);
        QVERIFY(!utah.depthUm.has_value());
        QCOMPARE(utah.effectiveDepthUm(), 1000.0);
        const ElectrodeSpec& planned = old.electrodes[3];
        QCOMPARE(planned.type, std::string("thread"));
        QCOMPARE(planned.sites, (std::vector<ElectrodeSite>{{5, 800.0}, {9, 1200.0}}));
        const ElectrodeSpec& scalp = old.electrodes[4];
        QCOMPARE(scalp.type, std::string("eeg"));
        QVERIFY(scalp.target.empty());
        QCOMPARE(scalp.montageFile, std::string("standard_1020.elc"));
        QCOMPARE(scalp.scalpContacts.size(), std::size_t(3));
        QVERIFY((scalp.scalpContacts[1] == ScalpContact{"Cz", 0.4, -9.2, 100.2}));
        const ElectrodeSpec& legacy = old.electrodes[5];
        QCOMPARE(legacy.type, std::string("point"));
        QCOMPARE(legacy.contacts, 1);
        QCOMPARE(legacy.spacingUm, 100.0);
        QVERIFY(legacy.target.empty());
        QVERIFY(!legacy.depthUm.has_value());
        QCOMPARE(old.layout.size(), std::size_t(3));
        QVERIFY((old.layout.at("probe") == NodePosition{0.0, 75.0}));
        QCOMPARE(old.layoutExtra, (nlohmann::json{{"zoom", 1.25}}));

        // Saved as version 3: byte for byte the canonical v3 fixture, and it reads back equal.
        QTemporaryDir dir;
        const std::string path = dir.filePath("saved.json").toStdString();
        ProjectIo::save(old, path);
        const auto expected =
            nlohmann::json::parse(readText(kFixtures + "project_v3_electrodes.json"));
        QCOMPARE(readText(path), expected.dump(2) + "\n");
        QVERIFY(ProjectIo::load(path) == old);
        QVERIFY(ProjectIo::load(kFixtures + "project_v3_electrodes.json") == old);
    }

    void electrodesAreValidated_data() {
        QTest::addColumn<QString>("electrode");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown kind")
            << R"({"name": "x", "type": "ecog"})"
            << R"(p.json: electrodes[1].type: unknown electrode type "ecog" (point, laminar, utah, eeg, thread))";
        QTest::newRow("negative depth") << R"({"name": "x", "depth_um": -20})"
                                        << "p.json: electrodes[1].depth_um: must be >= 0 um";
        QTest::newRow("no contacts")
            << R"({"name": "x", "contacts": 0})"
            << "p.json: electrodes[1].contacts: must be between 1 and 100000 (got 0)";
        QTest::newRow("zero spacing") << R"({"name": "x", "spacing_um": 0})"
                                      << "p.json: electrodes[1].spacing_um: must be > 0 um";
        QTest::newRow("missing name") << R"({"type": "utah"})"
                                      << "p.json: electrodes[1]: missing \"name\"";
        QTest::newRow("population that does not exist")
            << R"({"name": "x", "target": "L5"})"
            << R"(p.json: electrodes[1].target: no population named "L5" to record from)";
        QTest::newRow("site without vertex")
            << R"({"name": "x", "type": "thread", "sites": [{"depth_um": 5}]})"
            << R"(p.json: electrodes[1].sites[0]: missing "vertex")";
        QTest::newRow("anchor of two numbers")
            << R"({"name": "x", "anchor_mm": [1, 2]})"
            << "p.json: electrodes[1].anchor_mm: expected [x, y, z] in mm (3 numbers)";
        QTest::newRow("duplicate name") << R"({"name": "E"})"
                                        << R"(p.json: electrodes[1].name: duplicate name "E")";
    }

    void electrodesAreValidated() {
        QFETCH(QString, electrode);
        QFETCH(QString, error);
        const std::string text =
            R"({"format": "plexus-project", "formatVersion": 3,
                "populations": [{"name": "E", "model": "lif_cuba", "size": 5}],
                "electrodes": [{"name": "ok", "type": "laminar", "target": "E"}, )" +
            electrode.toStdString() + "]}";
        QCOMPARE(QString::fromStdString(errorOf([&] { ProjectIo::parse(text, "p.json"); })), error);
    }

    void layoutIsValidated() {
        auto loadError = [](const std::string& layout) {
            return errorOf([&] {
                ProjectIo::parse(R"({"format": "plexus-project", "formatVersion": 3, "layout": )" +
                                     layout + "}",
                                 "p.json");
            });
        };
        QCOMPARE(loadError(R"({"E": {"x": 1}})"), std::string("p.json: layout.E: missing \"y\""));
        QCOMPARE(loadError(R"({"E": {"x": 1, "y": "up"}})"),
                 std::string("p.json: layout.E.y: expected a number, got \"up\""));
        QCOMPARE(loadError("[]"), std::string("p.json: layout: expected an object, got []"));
    }

    void migratedFixtureBuildsWithDistanceRules() {
        ProjectSpec project = ProjectIo::load(kFixtures + "project_v1.json");
        project.projections[0].connectivity.rule = "distance_gaussian";
        project.projections[0].connectivity.params = {{"p0", 1.0}, {"sigma_um", 1e9}};
        // sigma far beyond the layout: every pair connects.
        const auto net = NetworkBuilder::build(project, tests::builtinRegistry());
        QCOMPARE(net->projections[0].matrix.numSynapses(), std::uint64_t(100 * 60));
    }
};

QTEST_APPLESS_MAIN(TestProjectMigration)
#include "TestProjectMigration.moc"
