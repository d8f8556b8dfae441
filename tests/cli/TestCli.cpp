// plexus-cli end to end: JSON summary, output files and one-line errors on bad input.

#include "TestProcess.h"
#include "plexus/Version.h"
#include "plexus/core/plugin/PluginApi.h"

#include <Eigen/Core>
#include <QtTest>
#include <hdf5.h>
#include <nlohmann/json.hpp>

namespace {

using Result = plexus::tests::ProcessResult;

/// Runs plexus-cli with @p args in the folder @p workingDir (the test's own when empty).
Result runCli(const QStringList& args, const QString& workingDir = {}) {
    return plexus::tests::runProcess(PLEXUS_CLI, args, workingDir);
}

/// "HDF5 <major>.<minor>.<release>" from the HDF5 library this test runs with.
QString hdf5Line() {
    unsigned major = 0;
    unsigned minor = 0;
    unsigned release = 0;
    H5get_libversion(&major, &minor, &release);
    return QStringLiteral("HDF5 %1.%2.%3").arg(major).arg(minor).arg(release);
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
    return plexus::tests::writeTestFile(dir, name, text);
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void versionListsPluginApiAndLibraries() {
        const auto r = runCli({"--version"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, QString());
        const QStringList expected{
            QStringLiteral("plexus-cli " PLEXUS_VERSION),
            QStringLiteral("plugin API %1, ABI " PLEXUS_PLUGIN_ABI_TAG)
                .arg(PLEXUS_PLUGIN_API_VERSION),
            hdf5Line(),
            QStringLiteral("Eigen %1.%2.%3")
                .arg(EIGEN_WORLD_VERSION)
                .arg(EIGEN_MAJOR_VERSION)
                .arg(EIGEN_MINOR_VERSION),
            QStringLiteral("nlohmann-json %1.%2.%3")
                .arg(NLOHMANN_JSON_VERSION_MAJOR)
                .arg(NLOHMANN_JSON_VERSION_MINOR)
                .arg(NLOHMANN_JSON_VERSION_PATCH),
            QStringLiteral("GCC %1.%2.%3")
                .arg(__GNUC__)
                .arg(__GNUC_MINOR__)
                .arg(__GNUC_PATCHLEVEL__),
        };
        QCOMPARE(r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts), expected);
        QVERIFY(r.out.endsWith(QLatin1Char('\n')));
    }

    void guiVersionListsPluginApiAndLibraries() {
        // The window's report starts the same way and adds its own libraries (tests/gui
        // compares those); it needs no display.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        p.setProcessEnvironment(env);
        p.start(PLEXUS_GUI, {"--version"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        const QStringList lines = QString::fromUtf8(p.readAllStandardOutput())
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.size() >= 6, qPrintable(lines.join(QLatin1Char('|'))));
        QCOMPARE(lines[0], QStringLiteral("plexus " PLEXUS_VERSION));
        QCOMPARE(lines[1], QStringLiteral("plugin API %1, ABI " PLEXUS_PLUGIN_ABI_TAG)
                               .arg(PLEXUS_PLUGIN_API_VERSION));
        QVERIFY(lines[2].startsWith(QLatin1String("Qt ")));
        QVERIFY2(lines.contains(hdf5Line()), qPrintable(lines.join(QLatin1Char('|'))));
    }

    void runPrintsSummaryAndWritesRecordings() {
        QTemporaryDir dir;
        const QString out = dir.filePath("out");
        const auto r = runCli({"run", PLEXUS_SOURCE_DIR "/resources/examples/cuba.json",
                               "--duration", "0.3", "--seed", "4", "--out", out});
        QCOMPARE(r.exitCode, 0);
        const auto summary = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(summary["populations"].size(), std::size_t(2));
        QCOMPARE(summary["populations"][0]["name"], "E");
        QCOMPARE(summary["populations"][0]["n"], 3200);
        for (const char* key : {"synapses", "syn_events", "build_s", "sim_s", "rtf", "peak_rss_mb"})
            QVERIFY2(summary.contains(key), key);
        QCOMPARE(summary["seed"], 4);
        QCOMPARE(summary["duration_s"].get<double>(), 0.3);
        const auto spikes = summary["populations"][0]["spikes"].get<long>();
        QVERIFY(spikes > 0);
        // The CSV holds exactly the counted spikes, times within the run.
        QFile csv(out + "/spikes_spikes_E.csv");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readLine().trimmed(), QByteArray("time_ms,neuron"));
        long lines = 0;
        double lastT = 0;
        while (!csv.atEnd()) {
            const auto fields = csv.readLine().trimmed().split(',');
            lastT = fields[0].toDouble();
            QVERIFY(fields[1].toInt() >= 0 && fields[1].toInt() < 3200);
            ++lines;
        }
        QCOMPARE(lines, spikes);
        QVERIFY(lastT < 300.0);
        // The binary file carries the same number of spikes.
        QFile bin(out + "/spikes.bin");
        QVERIFY(bin.open(QIODevice::ReadOnly));
        QCOMPARE(bin.read(8), QByteArray("PLXSPK01"));
        QVERIFY(QFile::exists(out + "/summary.json"));
    }

    void benchIsDeterministicAcrossThreads() {
        const auto one =
            runCli({"bench", "coba", "--n", "2000", "--duration", "0.2", "--threads", "1"});
        const auto two =
            runCli({"bench", "coba", "--n", "2000", "--duration", "0.2", "--threads", "2"});
        QCOMPARE(one.exitCode, 0);
        QCOMPARE(two.exitCode, 0);
        const auto a = nlohmann::json::parse(one.out.toStdString());
        const auto b = nlohmann::json::parse(two.out.toStdString());
        QCOMPARE(a["populations"], b["populations"]);
        QCOMPARE(a["syn_events"], b["syn_events"]);
        QCOMPARE(b["threads_requested"], 2);
    }

    void badInputFailsWithOneLine_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("expected");
        const QByteArray head = R"({"format": "plexus-project", "formatVersion": 1, )";
        const QString cuba = PLEXUS_SOURCE_DIR "/resources/examples/cuba.json";
        QTest::newRow("missing file") << QStringList{"run", "/nonexistent/x.json"} << QByteArray()
                                      << "/nonexistent/x.json: no such file";
        QTest::newRow("malformed JSON") << QStringList{"run", "@"} << QByteArray("{\"format\": ")
                                        << "line 1, column 12: malformed JSON";
        QTest::newRow("unknown model")
            << QStringList{"run", "@"}
            << head + R"("populations": [{"name": "E", "model": "nope", "size": 3}]})"
            << "populations[0].model: unknown neuron model \"nope\"";
        QTest::newRow("negative size")
            << QStringList{"run", "@"}
            << head + R"("populations": [{"name": "E", "model": "lif_cuba", "size": -1}]})"
            << "populations[0].size: must be >= 1 (got -1)";
        QTest::newRow("zero size")
            << QStringList{"run", "@"}
            << head + R"("populations": [{"name": "E", "model": "lif_cuba", "size": 0}]})"
            << "populations[0].size: must be >= 1 (got 0)";
        QTest::newRow("size 2^64-1")
            << QStringList{"run", "@"}
            << head +
                   R"("populations": [{"name": "E", "model": "lif_cuba", "size": 18446744073709551615}]})"
            << "populations[0].size: 18446744073709551615 is out of range";
        QTest::newRow("nested 10^5 deep")
            << QStringList{"run", "@"}
            << head + R"("x": )" + QByteArray(100000, '[') + QByteArray(100000, ']') + "}"
            << "line 1, column 310: nesting deeper than 256 levels";
        QTest::newRow("nested 10^5 deep, --h5")
            << QStringList{"run", "@", "--h5", "run.h5"}
            << head + R"("x": )" + QByteArray(100000, '[') + QByteArray(100000, ']') + "}"
            << "line 1, column 310: nesting deeper than 256 levels";
        QTest::newRow("1e999")
            << QStringList{"run", "@"}
            << head +
                   R"("populations": [{"name": "E", "model": "lif_cuba", "size": 1, "params": {"tau_m": 1e999}}]})"
            << "number 1e999 is out of range";
        QTest::newRow("1e309") << QStringList{"run", "@"}
                               << head + R"("simulation": {"dt_ms": 1e309}})"
                               << "number 1e309 is out of range";
        QTest::newRow("400 digits")
            << QStringList{"run", "@"} << head + R"("seed": )" + QByteArray(400, '4') + "}"
            << "integer 4444444444";
        QTest::newRow("duplicate projection names")
            << QStringList{"run", "@"}
            << head + R"("populations": [{"name": "E", "model": "lif_cuba", "size": 2}],
                         "projections": [{"source": "E", "target": "E", "name": "P"},
                                         {"source": "E", "target": "E", "name": "P"}]})"
            << "projections[1].name: duplicate projection name \"P\"";
        QTest::newRow("dangling projection")
            << QStringList{"run", "@"}
            << head + R"("populations": [{"name": "E", "model": "lif_cuba", "size": 2}],
                         "projections": [{"source": "E", "target": "X"}]})"
            << "projections[0].target: no population or stimulus named \"X\"";
        QTest::newRow("duration_s beyond the step limit")
            << QStringList{"run", "@"} << head + R"("simulation": {"duration_s": 1e300}})"
            << "simulation.duration_s: 1e+300 s is more than the maximum of 1000000000 steps "
               "(100000 s at dt = 0.1 ms)";
        QTest::newRow("--duration 1e20")
            << QStringList{"run", cuba, "--duration", "1e20"} << QByteArray()
            << "--duration: 1e+20 s is more than the maximum of 1000000000 steps";
        QTest::newRow("--duration 1e-9")
            << QStringList{"run", cuba, "--duration", "1e-9"} << QByteArray()
            << "--duration: 1e-09 s is less than half a time step of 0.1 ms: the run would "
               "have 0 steps";
        QTest::newRow("bench --duration 1e-9")
            << QStringList{"bench", "cuba", "--n", "10", "--duration", "1e-9"} << QByteArray()
            << "--duration: 1e-09 s is less than half a time step";
        QTest::newRow("figure --duration 1e20")
            << QStringList{"figure", cuba,    "--view",     "raster",
                           "--out",  "f.png", "--duration", "1e20"}
            << QByteArray() << "--duration: 1e+20 s is more than the maximum";
        QTest::newRow("--h5 .") << QStringList{"run", cuba, "--duration", "0.01", "--h5", "."}
                                << QByteArray() << "--h5: .: is a folder, not a file";
        QTest::newRow("--h5 in a missing folder")
            << QStringList{"run", cuba, "--duration", "0.01", "--h5", "missing/run.h5"}
            << QByteArray() << "--h5: missing/run.h5: folder missing does not exist";
        QTest::newRow("--out is a file")
            << QStringList{"run", "@", "--out", "@"}
            << head + R"("populations": [{"name": "E", "model": "lif_cuba", "size": 2}]})"
            << ": exists and is not a folder";
        QTest::newRow("--out below a file")
            << QStringList{"run", cuba, "--duration", "0.01", "--out", "@/sub"}
            << QByteArray("not a project") << "p.json is not a folder";
        QTest::newRow("NaN parameter")
            << QStringList{"run", "@"}
            << head +
                   R"("populations": [{"name": "E", "model": "lif_cuba", "size": 1, "params": {"tau_m": NaN}}]})"
            << "malformed JSON";
        QTest::newRow("string parameter")
            << QStringList{"run", "@"}
            << head +
                   R"("populations": [{"name": "E", "model": "lif_cuba", "size": 1, "params": {"tau_m": "nan"}}]})"
            << "populations[0].params.tau_m: expected a number";
        QTest::newRow("zero duration")
            << QStringList{"run", PLEXUS_SOURCE_DIR "/resources/examples/cuba.json", "--duration",
                           "0"}
            << QByteArray() << "--duration: must be > 0";
        QTest::newRow("negative duration") << QStringList{"bench", "cuba", "--duration", "-2"}
                                           << QByteArray() << "--duration: must be > 0";
        QTest::newRow("bad threads") << QStringList{"bench", "cuba", "--threads", "0"}
                                     << QByteArray() << "--threads: must be an integer in [1, 256]";
        QTest::newRow("unknown network")
            << QStringList{"bench", "hh"} << QByteArray() << "unknown network \"hh\"";
        QTest::newRow("unknown option")
            << QStringList{"bench", "cuba", "--fast"} << QByteArray() << "--fast: unknown option";
        QTest::newRow("no command") << QStringList{} << QByteArray() << "no command given";
        QTest::newRow("unknown command")
            << QStringList{"runn"} << QByteArray() << "unknown command \"runn\"";
    }

    void badInputFailsWithOneLine() {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, file);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QString path;
        if (!file.isEmpty()) {
            path = writeFile(dir, "p.json", file);
            args.replaceInStrings("@", path);
        }
        // Run in the temporary folder: relative outputs land there, and nothing may.
        const auto r = runCli(args, dir.path());
        QVERIFY(r.exitCode != -2); // no crash
        const bool usage = args.isEmpty() || args.front() == "runn";
        QCOMPARE(r.exitCode, usage ? 2 : 1);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.startsWith("plexus-cli: error: "), qPrintable(r.err));
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        // A problem of the project file names the file.
        if (!file.isEmpty() && !args.contains("--out"))
            QVERIFY2(r.err.startsWith("plexus-cli: error: " + path + ": "), qPrintable(r.err));
        // Nothing was written: no output, no probe file.
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 file.isEmpty() ? QStringList() : QStringList{"p.json"});
        // The user's file is left as it was.
        if (!file.isEmpty()) {
            QFile f(dir.filePath("p.json"));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), file);
        }
    }

    void windowRefusesRunLengthsBeyondTheLimit() {
        // plexus-cli refuses such a run itself; the window it starts follows the same rule.
        QTemporaryDir dir;
        const QString path = writeFile(dir, "p.json", R"({"format": "plexus-project",
            "formatVersion": 2, "simulation": {"dt_ms": 0.01, "duration_s": 1},
            "populations": [{"name": "E", "model": "lif_cuba", "size": 2}]})");
        QProcess gui;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        gui.setProcessEnvironment(env);
        gui.setWorkingDirectory(dir.path());
        gui.start(PLEXUS_GUI, {path, "--run-for", "100000", "--quit"});
        QVERIFY(gui.waitForFinished(120000));
        QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
        QCOMPARE(gui.exitCode(), 1);
        const QString err = QString::fromUtf8(gui.readAllStandardError());
        QVERIFY2(err.contains("plexus: the run failed: run length: 100000 s is more than the "
                              "maximum of 1000000000 steps (10000 s at dt = 0.01 ms)"),
                 qPrintable(err));
    }

    void figureReportsGuiErrorsAsPlexusCliLines() {
        // The project loads, so plexus-cli starts the GUI; building its network fails there.
        QTemporaryDir dir;
        const QString path = writeFile(dir, "p.json", R"({"format": "plexus-project",
            "formatVersion": 2, "populations": [{"name": "E", "model": "lif_cuba", "size": 2}],
            "projections": [{"source": "E", "target": "X"}]})");
        const auto r = runCli({"figure", path, "--view", "raster", "--out", dir.filePath("f.png"),
                               "--duration", "0.01"},
                              dir.path());
        QCOMPARE(r.exitCode, 1);
        const QStringList lines = r.err.split('\n', Qt::SkipEmptyParts);
        QVERIFY(!lines.isEmpty());
        for (const QString& line : lines)
            QVERIFY2(line.startsWith("plexus-cli: "), qPrintable(r.err));
        // The window's error names the project file, as a loading error would.
        QVERIFY2(r.err.contains("plexus-cli: figure: the run failed: " + path +
                                ": projections[0].target: no population or stimulus named \"X\""),
                 qPrintable(r.err));
        // That line says it all: no second line repeats that the export failed.
        QCOMPARE(lines.size(), 1);
        QVERIFY(!QFile::exists(dir.filePath("f.png")));
    }

    void runNotesPopulationsThatNothingDrives() {
        // "Idle" has no input and stays silent; "Driven" gets Poisson input.
        QTemporaryDir dir;
        const QString path = writeFile(dir, "idle.json", R"({
            "format": "plexus-project", "formatVersion": 2,
            "simulation": {"duration_s": 0.1},
            "populations": [{"name": "Idle", "model": "lif_cuba", "size": 10},
                            {"name": "Driven", "model": "lif_cuba", "size": 10}],
            "stimuli": [{"name": "drive", "model": "poisson", "size": 20,
                         "params": {"rate_hz": 200}}],
            "projections": [{"name": "in", "source": "drive", "target": "Driven",
                             "connectivity": {"rule": "all_to_all"},
                             "weight": 20, "delay_ms": 1}]})");
        const auto r = runCli({"run", path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(nlohmann::json::parse(r.out.toStdString()).contains("populations"));
        QCOMPARE(r.err, QString("plexus-cli: note: Population Idle has no input: connect a "
                                "stimulus (e.g. a Poisson source) or a projection from an "
                                "active population to it.\n"));
        // An empty project says so.
        const auto empty =
            runCli({"run", writeFile(dir, "empty.json",
                                     R"({"format": "plexus-project", "formatVersion": 2})")});
        QCOMPARE(empty.exitCode, 0);
        QVERIFY2(empty.err.startsWith("plexus-cli: note: The project has no populations"),
                 qPrintable(empty.err));
        // A project whose populations all spike gets no note.
        const auto cuba =
            runCli({"run", PLEXUS_SOURCE_DIR "/resources/examples/cuba.json", "--duration", "0.1"});
        QCOMPARE(cuba.exitCode, 0);
        QCOMPARE(cuba.err, QString());
    }

    /// `plexus-cli examples` lists the example projects of resources/examples (mirrored in the
    /// build tree's share/plexus/examples), each with its project name and a file that runs.
    void examplesListsTheGallery() {
        const auto r = runCli({"examples", "--json"});
        QCOMPARE(r.exitCode, 0);
        const auto out = nlohmann::json::parse(r.out.toStdString());
        const QStringList sources =
            QDir(PLEXUS_SOURCE_DIR "/resources/examples").entryList({"*.json"}, QDir::Files);
        QCOMPARE(int(out["examples"].size()), int(sources.size()));
        bool sawCuba = false;
        for (const auto& example : out["examples"]) {
            QVERIFY2(!example.contains("error"), example.dump().c_str());
            const QString path = QString::fromStdString(example["path"].get<std::string>());
            QVERIFY2(sources.contains(QFileInfo(path).fileName()), qPrintable(path));
            QVERIFY(QFileInfo(path).isFile());
            if (example["id"] == "cuba") {
                QCOMPARE(example["name"].get<std::string>(), std::string("CUBA"));
                sawCuba = true;
                const auto run = runCli({"run", path, "--duration", "0.05"});
                QCOMPARE(run.exitCode, 0);
            }
        }
        QVERIFY(sawCuba);
        const auto text = runCli({"examples"});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(QRegularExpression("\\n  cuba +CUBA  /")), qPrintable(text.out));
        const auto bad = runCli({"examples", "--yaml"});
        QCOMPARE(bad.exitCode, 1);
        QCOMPARE(bad.err, QString("plexus-cli: error: examples: unknown argument \"--yaml\" "
                                  "(usage: plexus-cli examples [--json])\n"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
