// The project's cortex and vessels ("cortex", "vessels" in the project file): round trips,
// files checked at load with one line naming the file and the JSON path, relative names
// resolved against the project file, and the surfaces the headless run places neurons and
// electrodes on (geometry::ProjectGeometry, ProbePlacement::forProject()).
#include "ErrorOf.h"
#include "plexus/core/project/ProjectIo.h"
#include "plexus/core/project/StandardNetworks.h"
#include "plexus/geometry/placement/ProbePlacement.h"
#include "plexus/geometry/placement/ProjectGeometry.h"
#include "plexus/geometry/probes/RecordingProbe.h"
#include "plexus/geometry/surface/FoldedCortex.h"
#include "plexus/geometry/surface/SurfaceFile.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>

using namespace plexus;
using tests::errorOf;

namespace {

/// CUBA with a laminar probe in E.
core::ProjectSpec projectWithProbe() {
    core::ProjectSpec project = core::StandardNetworks::cuba(400);
    core::ElectrodeSpec probe;
    probe.name = "probe";
    probe.type = "laminar";
    probe.target = "E";
    probe.contacts = 4;
    project.electrodes.push_back(probe);
    return project;
}

/// A folded cortex of @p seed written as FreeSurfer lh.pial and lh.white into @p dir.
void writeCortex(const QString& dir, std::uint64_t seed) {
    geometry::FoldedCortex::Options options;
    options.seed = seed;
    const geometry::FoldedCortex cortex(options);
    geometry::SurfaceFile::write(cortex.pial(), QDir(dir).filePath("lh.pial").toStdString());
    geometry::SurfaceFile::write(cortex.white(), QDir(dir).filePath("lh.white").toStdString());
}

} // namespace

class TestProjectGeometry : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cortexAndVesselsRoundTrip() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath("surf"));
        writeCortex(dir.filePath("surf"), 3);
        core::ProjectSpec project = projectWithProbe();
        core::CortexSpec cortex;
        cortex.surface = "surf/lh.pial";
        cortex.whiteSurface = "surf/lh.white";
        cortex.hemisphere = "left";
        project.cortex = cortex;
        core::VesselSpec vessels;
        vessels.enabled = true;
        vessels.seed = 9;
        vessels.trees = 5;
        vessels.generations = 2;
        project.vessels = vessels;
        const std::string path = dir.filePath("project.json").toStdString();
        core::ProjectIo::save(project, path);
        const core::ProjectSpec loaded = core::ProjectIo::load(path);
        QVERIFY(loaded == project);
        const nlohmann::json json = core::ProjectIo::toJson(loaded);
        QCOMPARE(json["cortex"]["surface"].get<std::string>(), std::string("surf/lh.pial"));
        QCOMPARE(json["cortex"]["white_surface"].get<std::string>(), std::string("surf/lh.white"));
        QCOMPARE(json["vessels"]["trees"].get<int>(), 5);

        // The procedural cortex keeps its seed; a project without either has neither member.
        core::ProjectSpec procedural = projectWithProbe();
        procedural.cortex = core::CortexSpec{};
        procedural.cortex->seed = 7;
        core::ProjectIo::save(procedural, path);
        QCOMPARE(core::ProjectIo::load(path).cortex->seed, std::uint64_t{7});
        const nlohmann::json plain = core::ProjectIo::toJson(projectWithProbe());
        QVERIFY(!plain.contains("cortex"));
        QVERIFY(!plain.contains("vessels"));
    }

    void badCortexRefusedInOneLine() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("project.json").toStdString();
        const auto withCortex = [&](const nlohmann::json& cortex) {
            nlohmann::json doc = core::ProjectIo::toJson(projectWithProbe());
            doc["cortex"] = cortex;
            std::ofstream(path) << doc.dump(2);
            return errorOf([&] { core::ProjectIo::load(path); });
        };
        const std::string missing = withCortex({{"surface", "x.pial"}});
        QCOMPARE(missing, path + ": cortex.surface: file 'x.pial' not found (looked for " +
                              dir.filePath("x.pial").toStdString() + ")");
        QCOMPARE(withCortex({{"surface", "x.pial"}, {"hemisphere", "up"}}),
                 path + ": cortex.hemisphere: unknown hemisphere \"up\" (left, right)");
        QCOMPARE(withCortex({{"seed", -1}}), path + ": cortex.seed: must be >= 0");
        QCOMPARE(withCortex({{"white_surface", "lh.white"}}),
                 path + ": cortex.white_surface: needs a \"surface\" (the pial surface)");
        nlohmann::json doc = core::ProjectIo::toJson(projectWithProbe());
        doc["vessels"] = {{"trees", 0}};
        std::ofstream(path) << doc.dump(2);
        QCOMPARE(errorOf([&] { core::ProjectIo::load(path); }),
                 path + ": vessels.trees: must be between 1 and 64 (got 0)");
        // A surface that exists but is no surface: ProjectGeometry names the file.
        std::ofstream(dir.filePath("junk.pial").toStdString()) << "not a surface";
        core::CortexSpec junk;
        junk.surface = "junk.pial";
        const std::string error =
            errorOf([&] { geometry::ProjectGeometry::load(junk, dir.path().toStdString()); });
        QVERIFY2(error.rfind(dir.filePath("junk.pial").toStdString(), 0) == 0, error.c_str());
        QVERIFY(error.find('\n') == std::string::npos);
    }

    void headlessPlacesOnTheLoadedSurface() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        writeCortex(dir.path(), 5);
        core::CortexSpec cortex;
        cortex.surface = "lh.pial"; // lh.white comes along
        const geometry::ProjectGeometry loaded =
            geometry::ProjectGeometry::load(cortex, dir.path().toStdString());
        geometry::FoldedCortex::Options options;
        options.seed = 5;
        const geometry::FoldedCortex reference(options);
        QCOMPARE(loaded.pial.vertexCount(), reference.pial().vertexCount());
        QVERIFY(loaded.pial.vertices() == reference.pial().vertices());
        QVERIFY(loaded.white.has_value());
        QVERIFY(loaded.white->vertices() == reference.white().vertices());

        const core::ProjectSpec project = projectWithProbe();
        const geometry::RecordingProbe onFile =
            geometry::ProbePlacement::forProject(project, loaded.pial, loaded.whiteOrNull());
        const geometry::ProjectGeometry standard = geometry::ProjectGeometry::load({}, {});
        const geometry::RecordingProbe onDefault =
            geometry::ProbePlacement::forProject(project, standard.pial, standard.whiteOrNull());
        QCOMPARE(onFile.contactCount(), Eigen::Index{4});
        QCOMPARE(onDefault.contactCount(), Eigen::Index{4});
        QVERIFY(onFile.contactName(0).rfind("probe:", 0) == 0);
        // Contacts sit inside the loaded cortex: within a few mm of its pial surface, and not
        // where the default cortex puts them.
        const auto nearest = [](const geometry::SurfaceMesh& mesh, const Eigen::Vector3d& p) {
            return (mesh.vertices().cast<double>().rowwise() - p.transpose())
                .rowwise()
                .norm()
                .minCoeff();
        };
        for (Eigen::Index c = 0; c < onFile.contactCount(); ++c) {
            const Eigen::Vector3d p = onFile.contactsMm.row(c).transpose();
            QVERIFY2(nearest(loaded.pial, p) < 5.0, qPrintable(QString::number(c)));
        }
        QVERIFY((onFile.contactsMm - onDefault.contactsMm).norm() > 1.0);
    }
};

QTEST_MAIN(TestProjectGeometry)
#include "TestProjectGeometry.moc"
