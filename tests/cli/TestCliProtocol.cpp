// plexus-cli run on a project with a protocol: the run lasts the whole schedule, the summary
// counts the trials, and the archive's /trials table reads back here and in h5py.

#include "TestProcess.h"
#include "plexus/core/record/RunArchive.h"

#include <QtTest>
#include <nlohmann/json.hpp>

namespace {

using plexus::tests::runProcess;

const QString kExample =
    QStringLiteral(PLEXUS_SOURCE_DIR "/resources/examples/trials_conditions.json");

} // namespace

class TestCliProtocol : public QObject {
    Q_OBJECT

private slots:
    void runWritesTheTrialTable() {
        QTemporaryDir dir;
        const QString archive = dir.filePath("run.h5");
        const auto r = runProcess(PLEXUS_CLI, {"run", kExample, "--h5", archive});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto summary = nlohmann::json::parse(r.out.toStdString());
        // 2 conditions x 5 trials x (200 ms + 100 ms).
        QCOMPARE(summary["duration_s"].get<double>(), 3.0);
        QCOMPARE(summary["trials"].get<int>(), 10);
        const auto record = plexus::core::RunArchive::read(archive.toStdString());
        QCOMPARE(record.conditionNames, (std::vector<std::string>{"A", "B"}));
        QCOMPARE(record.trials.size(), std::size_t(10));
        for (std::size_t k = 0; k < 10; ++k) {
            QCOMPARE(record.trials[k].startMs, 300.0 * static_cast<double>(k));
            QCOMPARE(record.trials[k].endMs, 300.0 * static_cast<double>(k) + 200.0);
            QCOMPARE(record.trials[k].condition, static_cast<int>(k % 2)); // interleaved
            QCOMPARE(record.trials[k].trial, static_cast<int>(k / 2));
            QCOMPARE(record.trials[k].label, std::string(k % 2 ? "B" : "A"));
        }
        // Stimulus A fires only in A's trials.
        const auto* a = record.population("A");
        QVERIFY(a && !a->spikes.empty() && !a->spikes[0].timesMs.empty());
        for (const double t : a->spikes[0].timesMs) {
            const auto k = static_cast<int>(t / 300.0);
            QVERIFY2(k % 2 == 0 && t - 300.0 * k < 200.0, qPrintable(QString::number(t)));
        }

        if (!QFile::exists(PLEXUS_PYTHON) || !plexus::tests::pythonImports(PLEXUS_PYTHON, "h5py"))
            QSKIP("Debian's python3 with h5py is not installed");
        const auto py = runProcess(
            PLEXUS_PYTHON,
            {"-c",
             "import h5py, sys\n"
             "t = h5py.File(sys.argv[1], 'r')['trials']\n"
             "labels = [x.decode() if isinstance(x, bytes) else x for x in t['label'][:]]\n"
             "names = [x.decode() if isinstance(x, bytes) else x for x in "
             "t.attrs['conditions']]\n"
             "print(','.join(names), list(t['start_ms'][:3]), list(t['end_ms'][:3]), "
             "list(t['condition'][:4]), list(t['trial'][:4]), labels[:3], "
             "t['start_ms'].dtype, t['condition'].dtype)",
             archive});
        QVERIFY2(py.exitCode == 0, qPrintable(py.err));
        QCOMPARE(py.out.trimmed(),
                 QStringLiteral("A,B [0.0, 300.0, 600.0] [200.0, 500.0, 800.0] [0, 1, 0, 1] "
                                "[0, 0, 1, 1] ['A', 'B', 'A'] float64 int32"));
    }

    void aShorterRunRecordsTheTrialsItCompleted() {
        QTemporaryDir dir;
        const QString archive = dir.filePath("short.h5");
        const auto r =
            runProcess(PLEXUS_CLI, {"run", kExample, "--duration", "1", "--h5", archive});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(nlohmann::json::parse(r.out.toStdString())["trials"].get<int>(), 3);
        QCOMPARE(plexus::core::RunArchive::read(archive.toStdString()).trials.size(),
                 std::size_t(3));
    }
};

QTEST_GUILESS_MAIN(TestCliProtocol)
#include "TestCliProtocol.moc"
