// plexus-cli end to end: JSON summary, output files and one-line errors on bad input.

#include <QtTest>

#include <nlohmann/json.hpp>

namespace {

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

Result runCli(const QStringList& args)
{
    QProcess p;
    p.start(PLEXUS_CLI, args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    QFile f(dir.filePath(name));
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return f.fileName();
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void runPrintsSummaryAndWritesRecordings()
    {
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

    void benchIsDeterministicAcrossThreads()
    {
        const auto one = runCli({"bench", "coba", "--n", "2000", "--duration", "0.2", "--threads", "1"});
        const auto two = runCli({"bench", "coba", "--n", "2000", "--duration", "0.2", "--threads", "2"});
        QCOMPARE(one.exitCode, 0);
        QCOMPARE(two.exitCode, 0);
        const auto a = nlohmann::json::parse(one.out.toStdString());
        const auto b = nlohmann::json::parse(two.out.toStdString());
        QCOMPARE(a["populations"], b["populations"]);
        QCOMPARE(a["syn_events"], b["syn_events"]);
        QCOMPARE(b["threads_requested"], 2);
    }

    void badInputFailsWithOneLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("expected");
        const QByteArray head = R"({"format": "plexus-project", "formatVersion": 1, )";
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
            << "populations[0].size: must be >= 0";
        QTest::newRow("NaN parameter")
            << QStringList{"run", "@"}
            << head + R"("populations": [{"name": "E", "model": "lif_cuba", "size": 1, "params": {"tau_m": NaN}}]})"
            << "malformed JSON";
        QTest::newRow("string parameter")
            << QStringList{"run", "@"}
            << head + R"("populations": [{"name": "E", "model": "lif_cuba", "size": 1, "params": {"tau_m": "nan"}}]})"
            << "populations[0].params.tau_m: expected a number";
        QTest::newRow("zero duration") << QStringList{"run", PLEXUS_SOURCE_DIR "/resources/examples/cuba.json", "--duration", "0"}
                                       << QByteArray() << "--duration: must be > 0";
        QTest::newRow("negative duration") << QStringList{"bench", "cuba", "--duration", "-2"}
                                           << QByteArray() << "--duration: must be > 0";
        QTest::newRow("bad threads") << QStringList{"bench", "cuba", "--threads", "0"}
                                     << QByteArray() << "--threads: must be an integer in [1, 256]";
        QTest::newRow("unknown network") << QStringList{"bench", "hh"} << QByteArray()
                                         << "unknown network \"hh\"";
        QTest::newRow("unknown option") << QStringList{"bench", "cuba", "--fast"} << QByteArray()
                                        << "--fast: unknown option";
    }

    void badInputFailsWithOneLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, file);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        if (!file.isEmpty()) {
            const QString path = writeFile(dir, "p.json", file);
            args.replaceInStrings("@", path);
        }
        const auto r = runCli(args);
        QVERIFY(r.exitCode != 0);
        QVERIFY(r.exitCode != -2); // no crash
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.startsWith("plexus-cli: error: "), qPrintable(r.err));
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        // The user's file is left as it was.
        if (!file.isEmpty()) {
            QFile f(dir.filePath("p.json"));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), file);
        }
    }

    void runNotesPopulationsThatNothingDrives()
    {
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
        const auto cuba = runCli({"run", PLEXUS_SOURCE_DIR "/resources/examples/cuba.json",
                                  "--duration", "0.1"});
        QCOMPARE(cuba.exitCode, 0);
        QCOMPARE(cuba.err, QString());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
