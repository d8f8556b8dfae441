// Project format migrations: every version step has a fixture (an old file and what it must
// become), loading migrates without touching the file, and newer files are refused.

#include "ErrorOf.h"
#include "TestSupport.h"
#include "plexus/core/Error.h"
#include "plexus/core/ProjectIo.h"
#include "plexus/core/ProjectMigration.h"

#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace plexus;
using namespace plexus::core;

using plexus::tests::errorOf;

namespace {

const std::string kFixtures = PLEXUS_SOURCE_DIR "/tests/core/fixtures/";

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
        QCOMPARE(ProjectSpec::currentFormatVersion, 2);
    }

    void version1BecomesTheVersion2Fixture() {
        // The step on the raw document gives exactly the v2 fixture.
        auto doc = nlohmann::json::parse(readText(kFixtures + "project_v1.json"));
        const auto expected = nlohmann::json::parse(readText(kFixtures + "project_v2.json"));
        ProjectMigration::upgrade(doc, "project_v1.json");
        QCOMPARE(doc, expected);
        // Loading either file gives the same project.
        const ProjectSpec v1 = ProjectIo::load(kFixtures + "project_v1.json");
        const ProjectSpec v2 = ProjectIo::load(kFixtures + "project_v2.json");
        QVERIFY(v1 == v2);
        QCOMPARE(v1.formatVersion, 2);
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
        // Byte for byte the canonical v2 fixture.
        QCOMPARE(readText(path), readText(kFixtures + "project_v2.json"));
        QCOMPARE(nlohmann::json::parse(readText(path))["formatVersion"], 2);
    }

    void loadingNeverWritesTheFile() {
        QTemporaryDir dir;
        const QString copy = dir.filePath("old.json");
        QVERIFY(QFile::copy(QString::fromStdString(kFixtures + "project_v1.json"), copy));
        const QDateTime modified = QFileInfo(copy).lastModified();
        const ProjectSpec project = ProjectIo::load(copy.toStdString());
        QCOMPARE(project.formatVersion, 2);
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
            ProjectIo::parse(R"({"format": "plexus-project", "formatVersion": 3})", "new.json");
        });
        QCOMPARE(message, std::string("new.json: formatVersion: version 3 is not supported: the "
                                      "file was written by a newer Plexus (this Plexus reads "
                                      "1..2)"));
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
