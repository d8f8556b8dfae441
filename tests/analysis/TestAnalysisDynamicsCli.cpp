// plexus-cli analyze avalanches|branching|synchrony|spectrum on an archive of
// `plexus-cli run --h5` (the CUBA example with electrodes, 1 s): JSON fields, CSV output and
// one-line errors.

#include "TestProcess.h"

#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>

namespace {

using Result = plexus::tests::ProcessResult;

Result runCli(const QStringList& args) {
    return plexus::tests::runProcess(PLEXUS_CLI, args);
}

nlohmann::json parse(const Result& r) {
    return nlohmann::json::parse(r.out.toStdString());
}

QStringList readLines(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
}

} // namespace

class TestAnalysisDynamicsCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_archive;
    long m_spikesE = 0;
    long m_spikesI = 0;

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_archive = m_dir.filePath("run.h5");
        const auto r =
            runCli({"run", PLEXUS_SOURCE_DIR "/resources/examples/cuba_electrodes.json",
                    "--duration", "1", "--seed", "2", "--h5", m_archive, "--no-plugins"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto summary = parse(r);
        for (const auto& p : summary["populations"])
            (p["name"] == "E" ? m_spikesE : m_spikesI) = p["spikes"].get<long>();
        QVERIFY(m_spikesE > 0 && m_spikesI > 0);
    }

    void avalanches() {
        const QString csv = m_dir.filePath("avalanches.csv");
        const QString json = m_dir.filePath("avalanches.json");
        const auto r = runCli(
            {"analyze", "avalanches", m_archive, "--bootstrap", "10", "--csv", csv, "--out", json});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto j = parse(r);
        QCOMPARE(j["analysis"], "avalanches");
        QCOMPARE(j["populations"], nlohmann::json::array({"E", "I"}));
        QCOMPARE(j["events"].get<long>(), m_spikesE + m_spikesI);
        // Default bin: the mean inter-event interval rounded up to the 0.1 ms step.
        const double bin = j["bin_ms"];
        QVERIFY(std::fabs(bin / 0.1 - std::round(bin / 0.1)) < 1e-9 && bin >= 0.1);
        QCOMPARE(j["bins"].get<long>(), std::lround(std::ceil(1000.0 / bin - 1e-9)));
        const long count = j["avalanches"];
        QVERIFY(count > 10);
        // The CSV lists every avalanche; sizes add up to mean_size x avalanches.
        const QStringList lines = readLines(csv);
        QCOMPARE(lines.size(), count + 1);
        QCOMPARE(lines[0], QString("start_ms,size,duration_bins"));
        double sizes = 0.0;
        for (int i = 1; i < lines.size(); ++i)
            sizes += lines[i].split(',')[1].toDouble();
        QVERIFY(std::fabs(sizes - j["mean_size"].get<double>() * count) < 1e-6 * sizes);
        QVERIFY(sizes <= m_spikesE + m_spikesI);
        for (const char* key : {"size", "duration"}) {
            QVERIFY2(j[key].is_object(), qPrintable(QString::fromStdString(j.dump())));
            QVERIFY(j[key]["alpha"].get<double>() > 1.0);
            QVERIFY(j[key]["xmin"].get<long>() >= 1);
            QCOMPARE(j[key]["draws"].get<int>(), 10);
            const double p = j[key]["p_value"];
            QVERIFY(p >= 0.0 && p <= 1.0);
        }
        const double predicted = j["crackling"]["predicted_exponent"];
        QVERIFY(std::fabs(predicted - (j["duration"]["alpha"].get<double>() - 1.0) /
                                          (j["size"]["alpha"].get<double>() - 1.0)) < 1e-12);
        QVERIFY(j["crackling"]["fitted_exponent"].is_number());
        // --out holds the same JSON.
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(nlohmann::json::parse(f.readAll().toStdString())["avalanches"].get<long>(), count);
    }

    void branching() {
        const auto r = runCli({"analyze", "branching", m_archive, "--population", "E", "--bin-ms",
                               "4", "--kmax", "10", "--from-ms", "200"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto j = parse(r);
        QCOMPARE(j["populations"], nlohmann::json::array({"E"}));
        QCOMPARE(j["steps"].get<int>(), 200); // (1000 - 200) / 4
        QCOMPARE(j["rk"].size(), std::size_t{10});
        QCOMPARE(j["conventional"].get<double>(), j["rk"][0].get<double>());
        QVERIFY(j["m"].is_number() && j["b"].is_number());
        QVERIFY(j["mean_activity"].get<double>() > 0.0);
        QVERIFY(j["mean_activity"].get<double>() * 200 <= m_spikesE);
    }

    void synchrony() {
        const auto r = runCli({"analyze", "synchrony", m_archive, "--bin-ms", "20", "--max-pairs",
                               "300", "--hist-bins", "8"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto j = parse(r);
        QCOMPARE(j["results"].size(), std::size_t{2});
        const auto& e = j["results"][0];
        QCOMPARE(e["population"], "E");
        QCOMPARE(e["neurons"].get<int>(), 3200);
        QCOMPARE(e["bins"].get<int>(), 50);
        const double chi = e["chi"];
        QVERIFY(chi > 0.0 && chi < 1.0);
        QVERIFY(std::fabs(chi * chi - e["chi_squared"].get<double>()) < 1e-12);
        QCOMPARE(e["correlations"]["n"].get<int>(), 300);
        QVERIFY(e["correlations"]["sampled"].get<bool>());
        QCOMPARE(e["correlations"]["counts"].size(), std::size_t{8});
        QCOMPARE(e["fano"]["n"].get<int>() + e["silent_neurons"].get<int>(), 3200);
        QCOMPARE(j["results"][1]["neurons"].get<int>(), 800);
    }

    void spectrum() {
        auto r = runCli({"analyze", "spectrum", m_archive, "--segment-ms", "250"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto j = parse(r);
        QCOMPARE(j["source"]["signal"], "population rate");
        QCOMPARE(j["sample_rate_hz"].get<double>(), 1000.0);
        QCOMPARE(j["segment_samples"].get<int>(), 250);
        QCOMPARE(j["segments"].get<int>(), 7); // (1000 - 125) / 125
        QCOMPARE(j["resolution_hz"].get<double>(), 4.0);
        QVERIFY(j["slope"]["exponent"].is_number());
        QVERIFY(j["aperiodic"]["exponent"].is_number());
        QVERIFY(j["aperiodic"]["peaks"].is_array());

        const QString csv = m_dir.filePath("lfp.csv");
        r = runCli({"analyze", "spectrum", m_archive, "--electrode", "utah", "--channel", "r1c2",
                    "--segment-ms", "500", "--csv", csv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        j = parse(r);
        QCOMPARE(j["source"]["electrode"], "utah");
        QCOMPARE(j["source"]["channel"].get<int>(), 6);
        QCOMPARE(j["source"]["unit"], "uV");
        QCOMPARE(j["sample_rate_hz"].get<double>(), 1000.0);
        QCOMPARE(readLines(csv).size(), 252); // header + 251 frequencies
    }

    void errorsAreOneLine() {
        const struct {
            QStringList args;
            const char* expected;
        } cases[] = {
            {{"analyze", "avalanches", m_dir.filePath("missing.h5")}, "missing.h5"},
            {{"analyze", "branching", m_archive, "--population", "X"}, "--population"},
            {{"analyze", "spectrum", m_archive, "--electrode", "nope"}, "--electrode"},
            {{"analyze", "synchrony", m_archive, "--bin-ms", "-3"}, "--bin-ms"},
            {{"analyze", "avalanches", m_archive, "--bogus"}, "--bogus: unknown option"},
            {{"analyze", "branching", m_archive, "--to-ms", "0"}, "--to-ms"},
            {{"analyze", "branching", m_archive, "--kmax", "1"}, "--kmax"},
        };
        for (const auto& c : cases) {
            const auto r = runCli(c.args);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(c.expected), qPrintable(r.err));
            QCOMPARE(r.err.count('\n'), 1);
        }
        const auto help = runCli({"analyze", "--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("analyze avalanches|branching|synchrony|spectrum"));
    }
};

QTEST_GUILESS_MAIN(TestAnalysisDynamicsCli)
#include "TestAnalysisDynamicsCli.moc"
