// The 3-D panel's "Load surface…", "Default cortex" and "Show vessels" are document edits: the
// project's "cortex" / "vessels" change (undoable), the view is built from them, saving keeps
// them and reopening the project shows the loaded surface again; a surface that cannot be read
// changes nothing and says why.
#include "CortexBinding.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <fstream>
#include <plexus/core/plugin/ModelRegistry.h>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/core/project/StandardNetworks.h>
#include <plexus/geometry/surface/FoldedCortex.h>
#include <plexus/geometry/surface/SurfaceFile.h>
#include <plexus/plugins/BuiltinModels.h>
#include <plexus/widgets/cortex/CortexPanel.h>
#include <plexus/widgets/cortex/CortexView.h>
#include <plexus/widgets/document/Document.h>

using namespace plexus;

class TestCortexDocument : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void loadSurfaceIsAnUndoableSavedEdit() {
        core::ModelRegistry models;
        plugins::registerBuiltinModels(models);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath("surf"));
        geometry::FoldedCortex::Options options;
        options.seed = 4;
        const geometry::FoldedCortex reference(options);
        const QString pial = dir.filePath("surf/lh.pial");
        geometry::SurfaceFile::write(reference.pial(), pial.toStdString());
        geometry::SurfaceFile::write(reference.white(),
                                     dir.filePath("surf/lh.white").toStdString());
        const QString file = dir.filePath("project.json");

        widgets::Document document(&models);
        document.setProject(core::StandardNetworks::cuba(400));
        QString error;
        QVERIFY2(document.save(file, &error), qPrintable(error));
        widgets::CortexPanel panel;
        app::CortexBinding binding(&document, nullptr, &panel, nullptr);
        const auto defaultVertices = panel.view()->pialSurface().vertices();
        QVERIFY(defaultVertices != reference.pial().vertices());

        // "Load surface…": the project's cortex, relative to the project file; the view shows it.
        Q_EMIT panel.cortexChosen(pial);
        QVERIFY(document.project().cortex.has_value());
        QCOMPARE(document.project().cortex->surface, std::string("surf/lh.pial"));
        QVERIFY(panel.view()->pialSurface().vertices() == reference.pial().vertices());
        QVERIFY(panel.view()->whiteSurface().has_value());
        QVERIFY(document.isModified());

        // Undo and redo.
        document.undoStack()->undo();
        QVERIFY(!document.project().cortex.has_value());
        QVERIFY(panel.view()->pialSurface().vertices() == defaultVertices);
        document.undoStack()->redo();
        QCOMPARE(document.project().cortex->surface, std::string("surf/lh.pial"));
        QVERIFY(panel.view()->pialSurface().vertices() == reference.pial().vertices());

        // "Show vessels" is saved too.
        Q_EMIT panel.vesselsChosen(true);
        QVERIFY(document.project().vessels.has_value());
        QVERIFY(document.project().vessels->enabled);
        QVERIFY(panel.areVesselsVisible());

        // Saved, and reopened with the surface.
        QVERIFY2(document.save(file, &error), qPrintable(error));
        const core::ProjectSpec saved = core::ProjectIo::load(file.toStdString());
        QCOMPARE(saved.cortex->surface, std::string("surf/lh.pial"));
        QVERIFY(saved.vessels->enabled);
        widgets::Document reopened(&models);
        QVERIFY2(reopened.load(file, &error), qPrintable(error));
        widgets::CortexPanel panel2;
        app::CortexBinding binding2(&reopened, nullptr, &panel2, nullptr);
        QVERIFY(panel2.view()->pialSurface().vertices() == reference.pial().vertices());
        QVERIFY(panel2.areVesselsVisible());

        // A file that is no surface: nothing changes, the status line names it.
        const QString junk = dir.filePath("junk.pial");
        std::ofstream(junk.toStdString()) << "not a surface";
        const int commands = document.undoStack()->count();
        Q_EMIT panel.cortexChosen(junk);
        QCOMPARE(document.undoStack()->count(), commands);
        QCOMPARE(document.project().cortex->surface, std::string("surf/lh.pial"));
        QVERIFY2(panel.statusText().contains(junk), qPrintable(panel.statusText()));

        // "Default cortex" removes the member again.
        Q_EMIT panel.cortexChosen(QString());
        QVERIFY(!document.project().cortex.has_value());
        QVERIFY(panel.view()->pialSurface().vertices() == defaultVertices);
    }
};

QTEST_MAIN(TestCortexDocument)
#include "TestCortexDocument.moc"
