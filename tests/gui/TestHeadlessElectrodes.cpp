// Electrodes without a window: `plexus-cli run PROJECT --h5 RUN.h5` records every electrode's
// LFP and MUA into /electrodes exactly as the window does (3-D panel placement -> probe ->
// simulation worker -> live recording -> LiveRunRecord), sample for sample for the same seed;
// `--out DIR` writes the same arrays as electrode_<name>_<array>.csv.
#include "LiveDrain.h"
#include "SimulationWorker.h"
#include "plexus/geometry/placement/ProbePlacement.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/core/record/RunArchive.h>
#include <plexus/geometry/probes/RecordingProbe.h>
#include <plexus/plugins/BuiltinModels.h>
#include <plexus/widgets/cortex/CortexPanel.h>
#include <plexus/widgets/cortex/CortexView.h>
#include <plexus/widgets/live/LiveRecording.h>
#include <plexus/widgets/live/LiveRunRecord.h>

using namespace plexus;

namespace {

const core::ModelRegistry& registry() {
    static const core::ModelRegistry r = [] {
        core::ModelRegistry x;
        plugins::registerBuiltinModels(x);
        return x;
    }();
    return r;
}

/// Equal values, NaN equal to NaN.
bool sameValue(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

} // namespace

class TestHeadlessElectrodes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cliRecordsTheElectrodesAsTheWindowDoes() {
        const QString file =
            QStringLiteral(PLEXUS_SOURCE_DIR "/resources/examples/cuba_electrodes.json");
        core::ProjectSpec project = core::ProjectIo::load(QFile::encodeName(file).toStdString());
        QCOMPARE(project.electrodes.size(), std::size_t{2});
        project.simulation.durationS = 0.2;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string projectPath =
            QFile::encodeName(dir.filePath("project.json")).toStdString();
        core::ProjectIo::save(project, projectPath);

        // The window: the 3-D panel places neurons and electrodes, the probe of what it shows
        // goes to the worker, the drained live recording becomes the run record.
        widgets::CortexPanel panel;
        panel.setLiveData(&project, nullptr);
        QCOMPARE(panel.view()->electrodes().size(), std::size_t{2});
        app::SimulationWorker worker(registry());
        worker.setProject(project);
        worker.setRecordingProbe(geometry::ProbePlacement::fromElectrodes(
            panel.view()->electrodes(), panel.placement()));
        worker.run();
        widgets::LiveRecording recording;
        app::LiveDrain drain;
        bool done = false;
        for (int i = 0; i < 24000 && !done; ++i) {
            drain.drain(worker.channels(), recording);
            const app::RunState state = worker.status().state;
            done = state == app::RunState::Finished || state == app::RunState::Failed;
            if (!done)
                QTest::qWait(5);
        }
        drain.drain(worker.channels(), recording);
        QCOMPARE(worker.status().state, app::RunState::Finished);
        QCOMPARE(worker.status().dropped, std::uint64_t{0});
        const core::RunRecord live = widgets::LiveRunRecord::fromRecording(recording, project, "");

        // Headless: plexus-cli run.
        const QString h5 = dir.filePath("run.h5");
        const QString out = dir.filePath("out");
        QProcess cli;
        cli.start(QStringLiteral(PLEXUS_CLI),
                  {QStringLiteral("run"), QString::fromStdString(projectPath),
                   QStringLiteral("--no-plugins"), QStringLiteral("--h5"), h5,
                   QStringLiteral("--out"), out});
        QVERIFY(cli.waitForFinished(120000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const core::RunRecord headless =
            core::RunArchive::read(QFile::encodeName(h5).toStdString());

        QCOMPARE(live.electrodes.size(), std::size_t{2});
        QCOMPARE(headless.electrodes.size(), live.electrodes.size());
        std::size_t compared = 0;
        double peak = 0.0;
        double units = 0.0;
        for (std::size_t e = 0; e < live.electrodes.size(); ++e) {
            const auto& a = live.electrodes[e];
            const auto& b = headless.electrodes[e];
            QCOMPARE(b.name, a.name);
            QCOMPARE(b.arrays.size(), a.arrays.size());
            for (std::size_t k = 0; k < a.arrays.size(); ++k) {
                const core::NamedArray& x = a.arrays[k];
                const core::NamedArray& y = b.arrays[k];
                QCOMPARE(y.name, x.name);
                QCOMPARE(y.rows, x.rows);
                QCOMPARE(y.cols, x.cols);
                QCOMPARE(y.columnLabels, x.columnLabels);
                QCOMPARE(y.values.size(), x.values.size());
                for (std::size_t i = 0; i < x.values.size(); ++i) {
                    QVERIFY2(sameValue(x.values[i], y.values[i]),
                             qPrintable(QStringLiteral("%1/%2[%3]: live %4, headless %5")
                                            .arg(QString::fromStdString(a.name),
                                                 QString::fromStdString(x.name))
                                            .arg(i)
                                            .arg(x.values[i])
                                            .arg(y.values[i])));
                    if (x.name == "lfp_uv" && std::isfinite(x.values[i]))
                        peak = std::max(peak, std::abs(x.values[i]));
                    if (x.name == "mua")
                        units += x.values[i];
                }
                compared += x.values.size();
            }
            // 200 ms in 1 ms bins.
            QCOMPARE(a.arrays.front().rows, std::size_t{200});
        }
        qInfo("live = headless: %zu values over %zu electrodes, %.0f multi-unit spikes, peak "
              "|LFP| %.3g uV",
              compared, live.electrodes.size(), units, peak);
        QVERIFY(units > 0.0);
        QVERIFY(peak > 0.0);

        // --out: one CSV per electrode array, a row per bin after the header.
        QFile csv(out + QStringLiteral("/electrode_probe_lfp_uv.csv"));
        QVERIFY2(csv.open(QIODevice::ReadOnly), qPrintable(csv.fileName()));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 201);
        QVERIFY(lines.front().startsWith("time_ms,"));
        QVERIFY(QFile::exists(out + QStringLiteral("/electrode_utah_mua.csv")));
        QVERIFY(!QFile::exists(out + QStringLiteral("/spikes_virtual-recording:E.csv")));
    }
};

QTEST_MAIN(TestHeadlessElectrodes)
#include "TestHeadlessElectrodes.moc"
