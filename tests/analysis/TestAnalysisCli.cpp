// plexus-cli analyze trajectory|rsa on CSV, NPY and run folders; bench rsa; one-line errors.

#include "TestProcess.h"

#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>

namespace {

using Result = plexus::tests::ProcessResult;

Result runCli(const QStringList& args) {
    return plexus::tests::runProcess(QStringLiteral(PLEXUS_CLI), args);
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
    return plexus::tests::writeTestFile(dir, name, text);
}

nlohmann::json parse(const Result& r) {
    return nlohmann::json::parse(r.out.toStdString());
}

/// Two conditions tracing circles in 4 units: condition, time_ms, u0..u3.
QByteArray circlesCsv() {
    QByteArray csv = "condition,time_ms,u0,u1,u2,u3\n";
    for (int c = 0; c < 2; ++c)
        for (int t = 0; t <= 24; ++t) {
            const double a = 2.0 * M_PI * t / 24.0;
            const double r = 1.0 + c;
            csv += QByteArray(c == 0 ? "near" : "far") + "," + QByteArray::number(t * 10.0) + "," +
                   QByteArray::number(r * std::cos(a), 'g', 17) + "," +
                   QByteArray::number(r * std::sin(a), 'g', 17) + ",0.5," +
                   QByteArray::number(0.1 * c) + "\n";
        }
    return csv;
}

} // namespace

class TestAnalysisCli : public QObject {
    Q_OBJECT

private slots:
    void trajectoryFromCsv() {
        QTemporaryDir dir;
        const QString input = writeFile(dir, "circles.csv", circlesCsv());
        const QString out = dir.filePath("out");
        const auto r = runCli({"analyze", "trajectory", input, "--out", out, "--shuffles", "5"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto j = parse(r);
        QCOMPARE(j["conditions"].size(), std::size_t(2));
        QCOMPARE(j["units"], 4);
        QVERIFY(std::fabs(j["mean_curvature_rad"].get<double>() - 2.0 * M_PI / 24.0) < 1e-9);
        const double chords = 24 * 2.0 * std::sin(M_PI / 24.0);
        QVERIFY(std::fabs(j["path_length"].get<double>() - 1.5 * chords) < 1e-9);
        for (const char* key : {"participation_ratio", "stability", "mean_cosine_similarity",
                                "convergence_index", "seconds"})
            QVERIFY2(j.contains(key), key);
        QCOMPARE(j["pca"]["explained_variance_ratio"].size(), std::size_t(3));
        QCOMPARE(j["controls"]["time_shuffle"]["path_length"]["n"], 5);
        QVERIFY(j["controls"]["time_shuffle"]["path_length"]["mean"].get<double>() >
                j["path_length"].get<double>());
        for (const char* f :
             {"projection_near.csv", "curvature_far.csv", "cosine_near.csv",
              "condition_distance.csv", "explained_variance.csv", "components.csv", "metrics.json"})
            QVERIFY2(QFile::exists(out + "/" + f), f);
        QFile cosine(out + "/cosine_near.csv");
        QVERIFY(cosine.open(QIODevice::ReadOnly));
        QVERIFY(cosine.readLine().startsWith("time_ms,0,10,20"));
    }

    void trajectoryFromNpyInPcaSpace() {
        QTemporaryDir dir;
        // 3-D array (2 conditions x 3 samples x 2 units), <f8, C order, format 1.0.
        QByteArray header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3, 2), }";
        while ((10 + header.size() + 1) % 64 != 0)
            header += ' ';
        header += '\n';
        QByteArray bytes("\x93NUMPY\x01\x00", 8);
        bytes += char(header.size() & 0xff);
        bytes += char(header.size() >> 8);
        bytes += header;
        const double values[12] = {0, 0, 1, 0, 1, 1, 0, 1, 1, 2, 2, 3};
        bytes += QByteArray(reinterpret_cast<const char*>(values), sizeof values);
        const QString input = writeFile(dir, "t.npy", bytes);
        const auto r = runCli({"analyze", "trajectory", input, "--space", "pca", "--components",
                               "2", "--shuffles", "0"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto j = parse(r);
        QCOMPARE(j["input_kind"], "npy");
        QCOMPARE(j["per_condition"][0]["name"], "0");
        // Condition 0 turns a right angle; condition 1 goes straight.
        QVERIFY(std::fabs(j["per_condition"][0]["mean_curvature_rad"].get<double>() - M_PI / 2) <
                1e-9);
        QVERIFY(std::fabs(j["per_condition"][1]["mean_curvature_rad"].get<double>()) < 1e-7);
    }

    void rsaFromCsvWithModel() {
        QTemporaryDir dir;
        const QString input = writeFile(dir, "patterns.csv",
                                        "condition,a,b,c,d\n"
                                        "w,1,0,0,0\nx,0,1,0,0\ny,0,0,1,0\nz,1,1,0,0\n");
        const QString model = writeFile(dir, "model.csv",
                                        ",w,x,y,z\n"
                                        "w,0,1,1,0.5\nx,1,0,1,0.5\ny,1,1,0,1\nz,0.5,0.5,1,0\n");
        const QString out = dir.filePath("rsa");
        for (const char* metric : {"correlation", "cosine", "euclidean"}) {
            const auto r = runCli({"analyze", "rsa", input, "--metric", metric, "--model", model,
                                   "--bootstrap", "50", "--gt-lower", "0.2", "--gt-upper", "0.8",
                                   "--out", out});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const auto j = parse(r);
            QCOMPARE(j["rdm_size"], 4);
            QCOMPARE(j["metric"], metric);
            QCOMPARE(j["conditions"][3], "z");
            QVERIFY(j["model"]["comparison"]["value"].get<double>() > 0.5);
            QCOMPARE(j["model"]["comparison"]["method"], "spearman");
            QVERIFY(j["model"]["all_methods"].contains("kendall-tau-a"));
            QVERIFY(j["geo_topological"].contains("comparison"));
            QCOMPARE(j["mds"]["dims"], 2);
        }
        for (const char* f : {"rdm.csv", "mds.csv", "rdm_geotopological.csv", "metrics.json"})
            QVERIFY2(QFile::exists(out + "/" + f), f);
        QFile rdm(out + "/rdm.csv");
        QVERIFY(rdm.open(QIODevice::ReadOnly));
        QCOMPARE(rdm.readLine().trimmed(), QByteArray("condition,w,x,y,z"));
        QVERIFY(rdm.readLine().startsWith("w,0,1.4142135623730"));
    }

    void runFolderTrajectoryAndCrossnobis() {
        QTemporaryDir dir;
        const QString run = dir.filePath("run");
        const auto sim = runCli({"run", PLEXUS_SOURCE_DIR "/resources/examples/cuba.json",
                                 "--duration", "0.3", "--seed", "2", "--out", run, "--no-plugins"});
        QVERIFY2(sim.exitCode == 0, qPrintable(sim.err));

        auto r = runCli({"analyze", "trajectory", run, "--conditions", "early:0-100,late:150-250",
                         "--population", "E", "--bin-ms", "10", "--kernel", "gaussian",
                         "--sigma-ms", "15", "--shuffles", "3"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto j = parse(r);
        QCOMPARE(j["input_kind"], "run");
        QCOMPARE(j["units"], 3200);
        QCOMPARE(j["samples"], 20);
        QVERIFY(j["path_length"].get<double>() > 0.0);
        QVERIFY(j["participation_ratio"].get<double>() > 1.0);

        r = runCli({"analyze", "trajectory", run, "--units", "population", "--kernel",
                    "exponential", "--sigma-ms", "10", "--shuffles", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        j = parse(r);
        QCOMPARE(j["units"], 2);
        QCOMPARE(j["samples"], 30); // 300 ms / 10 ms bins

        const QString fourRepeats = "a:0-25,b:25-50,c:50-75,a:75-100,b:100-125,c:125-150,"
                                    "a:150-175,b:175-200,c:200-225,a:225-250,b:250-275,c:275-300";
        r = runCli({"analyze", "rsa", run, "--metric", "crossnobis", "--conditions", fourRepeats,
                    "--bootstrap", "0"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        j = parse(r);
        QCOMPARE(j["rdm_size"], 3);
        QCOMPARE(j["crossnobis"]["partitions"], 4);
        QCOMPARE(j["crossnobis"]["noise"], "ledoit-wolf");
        QVERIFY(j["crossnobis"]["shrinkage"].get<double>() > 0.0);

        // Two repeats of single samples: no independent noise estimate, unless no whitening.
        const QString twoRepeats = "a:0-50,b:50-100,c:100-150,a:150-200,b:200-250,c:250-300";
        r = runCli({"analyze", "rsa", run, "--metric", "crossnobis", "--conditions", twoRepeats});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("at least 4 partitions"));
        r = runCli({"analyze", "rsa", run, "--metric", "crossnobis", "--conditions", twoRepeats,
                    "--noise", "identity", "--normalise"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(parse(r)["crossnobis"]["normalised_by_units"], true);

        // Without epochs every time bin is a condition.
        r = runCli({"analyze", "rsa", run, "--bin-ms", "50", "--units", "population", "--metric",
                    "euclidean"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(parse(r)["rdm_size"], 6);
    }

    void errorsAreOneLine() {
        QTemporaryDir dir;
        const QString bad = writeFile(dir, "bad.csv", "a,b\n1,2\n3,oops\n");
        auto r = runCli({"analyze", "rsa", bad});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("bad.csv:3: column 2 (\"b\"): \"oops\" is not a number"),
                 qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);
        r = runCli({"analyze", "rsa", bad, "--metric", "manhattan"});
        QCOMPARE(r.exitCode, 1);
        r = runCli({"analyze", "trajectory", bad, "--bogus"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("--bogus: unknown option"));
        r = runCli({"analyze", "cluster", bad});
        QCOMPARE(r.exitCode, 1);
        r = runCli({"analyze", "trajectory", dir.filePath("missing.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("missing.csv"));
        const QString twoRows = writeFile(dir, "two.csv", "a,b\n1,2\n3,4\n");
        r = runCli({"analyze", "rsa", twoRows, "--metric", "crossnobis"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("partitions"));
        r = runCli({"analyze", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("analyze rsa"));
    }

    void benchRsaPrintsSeconds() {
        const auto r = runCli(
            {"bench", "rsa", "--conditions", "60", "--units", "300", "--metric", "euclidean"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto j = parse(r);
        QCOMPARE(j["benchmark"], "rsa");
        QCOMPARE(j["conditions"], 60);
        QCOMPARE(j["units"], 300);
        QVERIFY(j["seconds"].get<double>() >= 0.0);
        QCOMPARE(runCli({"bench", "rsa", "--units", "0"}).exitCode, 1);
        QCOMPARE(runCli({"bench", "rsa", "--metric", "crossnobis"}).exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestAnalysisCli)
#include "TestAnalysisCli.moc"
