// plexus-cli sweep end to end on a small CUBA network (N = 200): a 3 x 3 sweep with 2 repeats
// gives 18 rows with the right parameters and seeds (read back by the core and by h5py), a
// killed sweep resumes without running its finished points again, 1 and 2 workers give the
// same table, SIGTERM leaves a readable archive, no run outlives its sweep, and bad paths,
// failing and crashing points and another sweep's archive get their documented answers.

#include "TestProcess.h"
#include "plexus/core/record/SweepArchive.h"

#include <QtTest>
#include <cmath>
#include <csignal>
#include <nlohmann/json.hpp>

using plexus::core::SweepArchive;
using plexus::tests::ProcessResult;

namespace {

ProcessResult runCli(const QStringList& args) {
    return plexus::tests::runProcess(PLEXUS_CLI, args);
}

/// The CUBA example with 160 E and 40 I neurons, written to `dir`.
QString smallCuba(const QTemporaryDir& dir) {
    QFile in(PLEXUS_SOURCE_DIR "/resources/examples/cuba.json");
    in.open(QIODevice::ReadOnly);
    auto project = nlohmann::json::parse(in.readAll().toStdString());
    project["populations"][0]["size"] = 160;
    project["populations"][1]["size"] = 40;
    project["simulation"]["duration_s"] = 0.2;
    return plexus::tests::writeTestFile(dir, "cuba.json",
                                        QByteArray::fromStdString(project.dump()));
}

/// The 3 x 3 x 2 sweep of the tests: E->E weight and tau_m of E.
QStringList grid(const QString& project, const QString& out) {
    return {"sweep",     project,
            "--param",   "projections.E->E.weight=1:2:3",
            "--param",   "populations.E.params.tau_m=15,20,25",
            "--repeat",  "2",
            "--seed",    "7",
            "--metrics", "rate:E,rate:all,cv_isi:all,chi:all,fano:E,branching:all",
            "--out",     out,
            "--json"};
}

std::size_t finishedRows(const QString& path) {
    try {
        std::size_t n = 0;
        for (const auto& p : SweepArchive::read(path.toStdString()).points)
            n += p.status == "ok";
        return n;
    } catch (const std::exception&) {
        return 0;
    }
}

bool sameMetrics(const SweepArchive& a, const SweepArchive& b) {
    if (a.points.size() != b.points.size())
        return false;
    for (std::size_t i = 0; i < a.points.size(); ++i) {
        const auto& p = a.points[i];
        const auto& q = b.points[i];
        if (p.seed != q.seed || p.values != q.values || p.status != q.status)
            return false;
        for (std::size_t m = 0; m < p.metrics.size(); ++m)
            if (!(p.metrics[m] == q.metrics[m] ||
                  (std::isnan(p.metrics[m]) && std::isnan(q.metrics[m]))))
                return false;
    }
    return true;
}

/// How many processes have `text` in their command line (a sweep's runs are forks of it and
/// carry its command line, with the test's own temporary folder in it).
int processesMentioning(const QString& text) {
    int n = 0;
    for (const QString& pid : QDir("/proc").entryList(QDir::Dirs)) {
        QFile cmdline("/proc/" + pid + "/cmdline");
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(text.toUtf8()))
            ++n;
    }
    return n;
}

/// Waits up to 10 s for every process that mentions `text` to end; returns how many are left.
int processesLeft(const QString& text) {
    QElapsedTimer wait;
    wait.start();
    while (processesMentioning(text) > 0 && wait.elapsed() < 10000)
        QTest::qWait(20);
    return processesMentioning(text);
}

} // namespace

class TestCliSweep : public QObject {
    Q_OBJECT

private slots:
    void gridWithRepeatsGives18Rows() {
        QTemporaryDir dir;
        const QString out = dir.filePath("sweep.h5");
        const auto r = runCli(grid(smallCuba(dir), out) + QStringList{"--workers", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto summary = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(summary["points"].get<int>(), 18);
        QCOMPARE(summary["ok"].get<int>(), 18);
        QCOMPARE(summary["ran"].get<int>(), 18);
        // Progress goes to standard error, a line per point without a terminal.
        QVERIFY(r.err.contains("sweep: 7/18 points, 0 failed, ETA "));
        QVERIFY(r.err.contains("sweep: 18/18 points, 0 failed"));

        const auto a = SweepArchive::read(out.toStdString());
        QCOMPARE(a.parameters, (std::vector<std::string>{"projections.E->E.weight",
                                                         "populations.E.params.tau_m"}));
        QCOMPARE(a.points.size(), std::size_t(18));
        for (std::size_t i = 0; i < 18; ++i) {
            const auto& p = a.points[i];
            QCOMPARE(p.index, std::int64_t(i));
            QCOMPARE(p.status, std::string("ok"));
            QCOMPARE(p.repeat, std::int64_t(i % 2));
            QCOMPARE(p.seed, std::uint64_t(7 + i % 2));
            QCOMPARE(p.values[0], 1.0 + 0.5 * static_cast<double>(i / 6));
            QCOMPARE(p.values[1], 15.0 + 5.0 * static_cast<double>((i / 2) % 3));
            // The run summary is the one of plexus-cli run with this point's seed.
            const auto run = nlohmann::json::parse(p.summary);
            QCOMPARE(run["seed"].get<std::uint64_t>(), p.seed);
            QCOMPARE(run["duration_s"].get<double>(), 0.2);
            // rate:E is the summary's rate of E.
            QVERIFY(std::fabs(p.metrics[0] - run["populations"][0]["rate_hz"].get<double>()) <
                    1e-9);
            QVERIFY(p.metrics[0] > 0.0);
            QVERIFY(p.wallS > 0.0);
        }
        // Repeats differ (their seeds do); a longer membrane time constant fires less.
        QVERIFY(a.points[0].metrics[0] != a.points[1].metrics[0]);
        QVERIFY(a.points[0].metrics[0] > a.points[4].metrics[0]);
        // The archive keeps the definition the rows were made from.
        const auto definition = nlohmann::json::parse(a.definition);
        QCOMPARE(definition["repeats"].get<int>(), 2);
        QCOMPARE(definition["seed"].get<int>(), 7);
        QVERIFY(!QFileInfo::exists(out + ".work"));

        if (!plexus::tests::pythonImports(PLEXUS_PYTHON, "h5py"))
            QSKIP("/usr/bin/python3 with h5py (python3-h5py) is not installed");
        const auto py = plexus::tests::runProcess(
            PLEXUS_PYTHON, {"-c",
                            "import h5py, json, sys\n"
                            "f = h5py.File(sys.argv[1], 'r')\n"
                            "p = f['points']\n"
                            "print(json.dumps({'format': f['sweep'].attrs['format'],\n"
                            "  'w': p['projections.E->E.weight'][:].tolist(),\n"
                            "  'tau': p['populations.E.params.tau_m'][:].tolist(),\n"
                            "  'seed': p['seed'][:].tolist(), 'repeat': p['repeat'][:].tolist(),\n"
                            "  'status': [s.decode() for s in p['status'][:]],\n"
                            "  'rate': p['rate:E'][:].tolist()}))\n",
                            out});
        QVERIFY2(py.exitCode == 0, qPrintable(py.err));
        const auto h = nlohmann::json::parse(py.out.toStdString());
        QCOMPARE(h["format"].get<std::string>(), std::string("plexus-sweep"));
        for (std::size_t i = 0; i < 18; ++i) {
            QCOMPARE(h["w"][i].get<double>(), a.points[i].values[0]);
            QCOMPARE(h["tau"][i].get<double>(), a.points[i].values[1]);
            QCOMPARE(h["seed"][i].get<std::uint64_t>(), a.points[i].seed);
            QCOMPARE(h["repeat"][i].get<int>(), int(i % 2));
            QCOMPARE(h["status"][i].get<std::string>(), std::string("ok"));
            QCOMPARE(h["rate"][i].get<double>(), a.points[i].metrics[0]);
        }
    }

    void resultsDoNotDependOnWorkers() {
        QTemporaryDir dir;
        const QString project = smallCuba(dir);
        const QString one = dir.filePath("one.h5"), two = dir.filePath("two.h5");
        QCOMPARE(runCli(grid(project, one) + QStringList{"--workers", "1"}).exitCode, 0);
        QCOMPARE(runCli(grid(project, two) + QStringList{"--workers", "2"}).exitCode, 0);
        const auto a = SweepArchive::read(one.toStdString());
        const auto b = SweepArchive::read(two.toStdString());
        QCOMPARE(a.hash, b.hash);
        QVERIFY(sameMetrics(a, b));
    }

    void aKilledSweepResumesWithoutRecomputing() {
        QTemporaryDir dir;
        const QString out = dir.filePath("sweep.h5");
        // Longer runs (100 s simulated each, about 0.3 s) so that the sweep is caught half-way.
        const QStringList args =
            grid(smallCuba(dir), out) + QStringList{"--workers", "1", "--duration", "100"};
        QProcess sweep;
        sweep.start(PLEXUS_CLI, args);
        QVERIFY(sweep.waitForStarted());
        QElapsedTimer wait;
        wait.start();
        while (finishedRows(out) < 2 && sweep.state() == QProcess::Running &&
               wait.elapsed() < 120000)
            QTest::qWait(5);
        sweep.kill(); // SIGKILL: no chance to clean up
        sweep.waitForFinished();
        // The runs die with the sweep.
        QCOMPARE(processesLeft(out), 0);
        const auto before = SweepArchive::read(out.toStdString());
        std::size_t kept = 0;
        for (const auto& p : before.points)
            kept += p.status == "ok";
        QVERIFY2(kept >= 2 && kept < 18, qPrintable(QString::number(kept)));

        const auto r = runCli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto summary = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(summary["skipped"].get<std::size_t>(), kept);
        QCOMPARE(summary["ran"].get<std::size_t>(), 18 - kept);
        QCOMPARE(summary["ok"].get<int>(), 18);
        const auto after = SweepArchive::read(out.toStdString());
        for (std::size_t i = 0; i < 18; ++i) {
            QCOMPARE(after.points[i].status, std::string("ok"));
            if (before.points[i].status == "ok") {
                // Not run again: the same wall time and run summary (with its timings).
                QCOMPARE(after.points[i].wallS, before.points[i].wallS);
                QCOMPARE(after.points[i].summary, before.points[i].summary);
            }
        }
        // Everything done: a third run runs nothing.
        const auto again = nlohmann::json::parse(runCli(args).out.toStdString());
        QCOMPARE(again["ran"].get<int>(), 0);
        QCOMPARE(again["skipped"].get<int>(), 18);
    }

    void sigtermLeavesAReadableArchive() {
        QTemporaryDir dir;
        const QString out = dir.filePath("sweep.h5");
        QProcess sweep;
        sweep.start(PLEXUS_CLI,
                    grid(smallCuba(dir), out) + QStringList{"--workers", "1", "--duration", "100"});
        QVERIFY(sweep.waitForStarted());
        QElapsedTimer wait;
        wait.start();
        while (finishedRows(out) < 1 && sweep.state() == QProcess::Running &&
               wait.elapsed() < 120000)
            QTest::qWait(5);
        sweep.terminate();
        QVERIFY(sweep.waitForFinished(60000));
        QCOMPARE(sweep.exitCode(), 128 + SIGTERM);
        // The sweep waited for its runs: none is left when it exits.
        QCOMPARE(processesMentioning(out), 0);
        const QString err = QString::fromUtf8(sweep.readAllStandardError());
        QVERIFY2(err.contains("sweep interrupted by signal 15"), qPrintable(err));
        const auto a = SweepArchive::read(out.toStdString());
        std::size_t pending = 0;
        for (const auto& p : a.points)
            pending += p.status == "pending";
        QVERIFY(pending > 0 && pending < 18);
        QVERIFY(!QFileInfo::exists(out + ".work"));
    }

    void badPathsFailBeforeRunning() {
        QTemporaryDir dir;
        const QString project = smallCuba(dir);
        const QString out = dir.filePath("sweep.h5");
        const auto r =
            runCli({"sweep", project, "--param", "populations.X.params.tau_m=1:2:3", "--out", out});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.trimmed(), QString("plexus-cli: error: parameter path "
                                          "populations.X.params.tau_m: no \"X\" in populations "
                                          "(E, I)"));
        QVERIFY(!QFileInfo::exists(out));
        const auto m = runCli({"sweep", project, "--param", "simulation.seed=1,2", "--metrics",
                               "rate:E,speed:E", "--out", out});
        QCOMPARE(m.exitCode, 1);
        QVERIFY(m.err.startsWith("plexus-cli: error: --metrics: unknown metric \"speed:E\""));
        QCOMPARE(m.err.count('\n'), 1);
        QVERIFY(!QFileInfo::exists(out));
    }

    void aFailingPointIsRecordedAndTheOthersGoOn() {
        QTemporaryDir dir;
        const QString project = smallCuba(dir);
        const QString out = dir.filePath("sweep.h5");
        const auto r = runCli({"sweep", project, "--param", "populations.E.params.tau_m=-5,20",
                               "--workers", "2", "--out", out, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto summary = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(summary["failed"].get<int>(), 1);
        QCOMPARE(summary["ok"].get<int>(), 1);
        const auto a = SweepArchive::read(out.toStdString());
        QCOMPARE(a.points[0].status, std::string("failed"));
        QCOMPARE(a.points[0].error, std::string("point 0: populations[0].params.tau_m: -5 ms is "
                                                "outside the allowed range [0.01, 100000]"));
        QVERIFY(std::isnan(a.points[0].metrics[0]));
        QCOMPARE(a.points[1].status, std::string("ok"));
        // Every point failing is an error of the command.
        const auto all = runCli({"sweep", project, "--param", "populations.E.params.tau_m=-5,-6",
                                 "--out", dir.filePath("all.h5")});
        QCOMPARE(all.exitCode, 1);
        QVERIFY(all.err.contains("plexus-cli: error: every point of the sweep failed (row 0: "
                                 "point 0: populations[0].params.tau_m: -5 ms"));
        QCOMPARE(SweepArchive::read(dir.filePath("all.h5").toStdString()).points[1].status,
                 std::string("failed"));
    }

    void aCrashedRunIsRecordedAndTheOthersGoOn() {
        QTemporaryDir dir;
        const QString out = dir.filePath("sweep.h5");
        QProcess sweep;
        sweep.start(PLEXUS_CLI, {"sweep", smallCuba(dir), "--param", "simulation.seed=1:3:3",
                                 "--workers", "1", "--duration", "100", "--out", out, "--json"});
        QVERIFY(sweep.waitForStarted());
        // The first run's process: a fork of the sweep's server, named plexus-run.
        QString run;
        QElapsedTimer wait;
        wait.start();
        while (run.isEmpty() && wait.elapsed() < 60000) {
            for (const QString& pid : QDir("/proc").entryList(QDir::Dirs)) {
                QFile comm("/proc/" + pid + "/comm"), cmdline("/proc/" + pid + "/cmdline");
                if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "plexus-run" &&
                    cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(out.toUtf8()))
                    run = pid;
            }
            QTest::qWait(2);
        }
        QVERIFY(!run.isEmpty());
        QCOMPARE(::kill(run.toInt(), SIGSEGV), 0);
        QVERIFY(sweep.waitForFinished(120000));
        QCOMPARE(sweep.exitCode(), 0);
        const auto summary = nlohmann::json::parse(sweep.readAllStandardOutput().toStdString());
        QCOMPARE(summary["failed"].get<int>(), 1);
        QCOMPARE(summary["ok"].get<int>(), 2);
        const auto a = SweepArchive::read(out.toStdString());
        QCOMPARE(a.points[0].status, std::string("failed"));
        QCOMPARE(a.points[0].error, std::string("the run crashed: signal 11 (Segmentation fault)"));
        QCOMPARE(a.points[1].status, std::string("ok"));
        QCOMPARE(a.points[2].status, std::string("ok"));
    }

    void relativeFilesResolveBesideTheProject() {
        // A time series read from u.csv beside the project: every point finds it, although it
        // runs a changed copy of the project from the sweep's work folder.
        QTemporaryDir dir;
        QFile in(PLEXUS_SOURCE_DIR "/resources/examples/time_series_input.json");
        QVERIFY(in.open(QIODevice::ReadOnly));
        auto project = nlohmann::json::parse(in.readAll().toStdString());
        project["simulation"]["duration_s"] = 0.2;
        auto& params = project["stimuli"][0]["params"];
        params["signal"] = 4;
        params["step_ms"] = 10;
        project["stimuli"][0]["signal_file"] = "u.csv";
        QByteArray csv = "time_ms,value\n";
        for (int i = 0; i < 20; ++i)
            csv += QByteArray::number(10 * i) + "," + QByteArray::number(i % 2) + "\n";
        plexus::tests::writeTestFile(dir, "u.csv", csv);
        const QString file = plexus::tests::writeTestFile(
            dir, "series.json", QByteArray::fromStdString(project.dump()));
        const QString out = dir.filePath("sweep.h5");
        const auto r = runCli({"sweep", file, "--param", "stimuli.Signal.params.gain_hz=10,40",
                               "--workers", "1", "--out", out, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto a = SweepArchive::read(out.toStdString());
        QCOMPARE(a.points.size(), std::size_t{2});
        for (const auto& p : a.points)
            QVERIFY2(p.status == "ok", p.error.c_str());
        // More gain, more input spikes, more network spikes.
        QVERIFY(a.points[1].metrics[0] > a.points[0].metrics[0]);

        // A copy elsewhere (as the window writes one) runs with --origin naming the original.
        QTemporaryDir elsewhere;
        const QString copy = plexus::tests::writeTestFile(
            elsewhere, "copy.json", QByteArray::fromStdString(project.dump()));
        const QStringList args = {"sweep",   copy,
                                  "--param", "stimuli.Signal.params.gain_hz=10",
                                  "--out",   elsewhere.filePath("copy.h5")};
        const auto lost = runCli(args);
        QCOMPARE(lost.exitCode, 1);
        QVERIFY2(lost.err.contains("u.csv"), qPrintable(lost.err));
        const auto found = runCli(args + QStringList{"--origin", file});
        QVERIFY2(found.exitCode == 0, qPrintable(found.err));
    }

    void anotherSweepsArchiveIsNeverOverwritten() {
        QTemporaryDir dir;
        const QString project = smallCuba(dir);
        const QString out = dir.filePath("sweep.h5");
        QCOMPARE(
            runCli({"sweep", project, "--param", "simulation.seed=1,2", "--out", out}).exitCode, 0);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        file.close();
        const auto r = runCli({"sweep", project, "--param", "simulation.seed=1,3", "--out", out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.startsWith("plexus-cli: error: --out: " + out + " holds a different sweep"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), bytes);
        // A file that is not a sweep archive is left alone too.
        const QString text = plexus::tests::writeTestFile(dir, "notes.h5", "my notes");
        const auto t = runCli({"sweep", project, "--param", "simulation.seed=1,2", "--out", text});
        QCOMPARE(t.exitCode, 1);
        QVERIFY(t.err.contains(text + ": not an HDF5 file"));
        QFile notes(text);
        QVERIFY(notes.open(QIODevice::ReadOnly));
        QCOMPARE(notes.readAll(), QByteArray("my notes"));
    }

    void runPrintsTheSweepMetrics() {
        QTemporaryDir dir;
        const QString project = smallCuba(dir);
        const auto r = runCli({"run", project, "--metrics", "rate:E,cv_isi:all,alpha_peak_hz:E"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto summary = nlohmann::json::parse(r.out.toStdString());
        const auto& m = summary["metrics"];
        QCOMPARE(m.size(), std::size_t(3));
        QCOMPARE(m["rate:E"].get<double>(), summary["populations"][0]["rate_hz"].get<double>());
        QVERIFY(m["cv_isi:all"].get<double>() > 0.0);
        // No alpha peak in 0.2 s: null, not a number.
        QVERIFY(m["alpha_peak_hz:E"].is_null());
        const auto bad = runCli({"run", project, "--metrics", "rate:X"});
        QCOMPARE(bad.exitCode, 1);
        QCOMPARE(bad.err.trimmed(), QString("plexus-cli: error: --metrics: rate:X: unknown "
                                            "population \"X\" (E, I, all)"));
    }

    void readoutMetricsEqualAnalyzeReadout() {
        QTemporaryDir dir;
        const auto value = [](const ProcessResult& r, const char* key) {
            return nlohmann::json::parse(r.out.toStdString())[key];
        };
        // accuracy: the protocol's trials (A and B drive different inputs), 20 of each.
        QFile in(PLEXUS_SOURCE_DIR "/resources/examples/trials_conditions.json");
        QVERIFY(in.open(QIODevice::ReadOnly));
        auto project = nlohmann::json::parse(in.readAll().toStdString());
        project["protocol"]["trials"] = 20;
        const QString trials = plexus::tests::writeTestFile(
            dir, "trials.json", QByteArray::fromStdString(project.dump()));
        const QString archive = dir.filePath("trials.h5");
        const auto r = runCli({"run", trials, "--metrics", "accuracy:E", "--h5", archive});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const double accuracy = value(r, "metrics")["accuracy:E"].get<double>();
        QCOMPARE(accuracy, 1.0);
        const auto a =
            runCli({"analyze", "readout", archive, "--task", "classify", "--population", "E"});
        QVERIFY2(a.exitCode == 0, qPrintable(a.err));
        QCOMPARE(value(a, "test_accuracy").get<double>(), accuracy);
        // The same input in both conditions: nothing tells them apart.
        project["protocol"]["conditions"][1]["stimuli"] = {"A"};
        const QString same = plexus::tests::writeTestFile(
            dir, "same.json", QByteArray::fromStdString(project.dump()));
        const auto s = runCli({"run", same, "--metrics", "accuracy:E"});
        QVERIFY2(s.exitCode == 0, qPrintable(s.err));
        QVERIFY(value(s, "metrics")["accuracy:E"].get<double>() <= 0.75);

        // memory_capacity: the run's own time series, delays 1..20 for its 100 input steps.
        const QString series = PLEXUS_SOURCE_DIR "/resources/examples/time_series_input.json";
        const QString seriesArchive = dir.filePath("series.h5");
        const auto m =
            runCli({"run", series, "--metrics", "memory_capacity:E", "--h5", seriesArchive});
        QVERIFY2(m.exitCode == 0, qPrintable(m.err));
        const double mc = value(m, "metrics")["memory_capacity:E"].get<double>();
        QVERIFY(mc > 1.0);
        const auto am = runCli({"analyze", "readout", seriesArchive, "--task", "memory", "--signal",
                                "Signal", "--population", "E", "--delays", "20"});
        QVERIFY2(am.exitCode == 0, qPrintable(am.err));
        QCOMPARE(value(am, "memory_capacity").get<double>(), mc);
        // avalanche exponents: those of analyze avalanches on the same run.
        const auto beta =
            runCli({"run", series, "--metrics", "avalanche_alpha:E,avalanche_beta:E"});
        QVERIFY2(beta.exitCode == 0, qPrintable(beta.err));
        const auto av = runCli({"analyze", "avalanches", seriesArchive, "--population", "E"});
        QVERIFY2(av.exitCode == 0, qPrintable(av.err));
        QCOMPARE(value(beta, "metrics")["avalanche_alpha:E"].get<double>(),
                 value(av, "size")["alpha"].get<double>());
        QCOMPARE(value(beta, "metrics")["avalanche_beta:E"].get<double>(),
                 value(av, "duration")["alpha"].get<double>());

        // narma_nrmse: NARMA-10 input (signal 1, in [0, 0.5]), washout 20 of 100 steps.
        QFile seriesFile(series);
        QVERIFY(seriesFile.open(QIODevice::ReadOnly));
        auto narmaProject = nlohmann::json::parse(seriesFile.readAll().toStdString());
        narmaProject["stimuli"][0]["params"]["signal"] = 1;
        const QString narma = plexus::tests::writeTestFile(
            dir, "narma.json", QByteArray::fromStdString(narmaProject.dump()));
        const QString narmaArchive = dir.filePath("narma.h5");
        const auto n = runCli(
            {"run", narma, "--metrics", "narma_nrmse:E,narma_nrmse:I", "--h5", narmaArchive});
        QVERIFY2(n.exitCode == 0, qPrintable(n.err));
        const double nrmse = value(n, "metrics")["narma_nrmse:E"].get<double>();
        QVERIFY(nrmse > 0.0 && nrmse < 2.0);
        const auto an = runCli({"analyze", "readout", narmaArchive, "--task", "narma", "--signal",
                                "Signal", "--population", "E", "--washout", "20"});
        QVERIFY2(an.exitCode == 0, qPrintable(an.err));
        QCOMPARE(value(an, "test_nrmse").get<double>(), nrmse);
        // The example's input (uniform, reaching beyond 0.5) is no NARMA-10 input: null.
        const auto wide = runCli({"run", series, "--metrics", "narma_nrmse:E"});
        QVERIFY2(wide.exitCode == 0, qPrintable(wide.err));
        QVERIFY(value(wide, "metrics")["narma_nrmse:E"].is_null());
        // Without a time series or a protocol: null.
        const auto none =
            runCli({"run", smallCuba(dir), "--metrics", "memory_capacity:E,accuracy:E"});
        QVERIFY2(none.exitCode == 0, qPrintable(none.err));
        QVERIFY(value(none, "metrics")["memory_capacity:E"].is_null());
        QVERIFY(value(none, "metrics")["accuracy:E"].is_null());
    }

    void keptRunsAreRunArchives() {
        QTemporaryDir dir;
        const QString out = dir.filePath("sweep.h5");
        const auto r = runCli({"sweep", smallCuba(dir), "--param", "simulation.seed=3,4",
                               "--keep-runs", "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFileInfo::exists(out + ".runs/0.h5"));
        QVERIFY(QFileInfo::exists(out + ".runs/1.h5"));
        const auto info = runCli({"analyze", "branching", out + ".runs/1.h5"});
        QVERIFY2(info.exitCode == 0, qPrintable(info.err));
    }
};

QTEST_GUILESS_MAIN(TestCliSweep)
#include "TestCliSweep.moc"
