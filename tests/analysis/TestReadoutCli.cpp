// plexus-cli analyze readout on a run archive of `plexus-cli run --h5`: the JSON of the memory,
// NARMA-10, regression and classification tasks, the --out files and one-line errors.

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

} // namespace

class TestReadoutCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_run = m_dir.filePath("run.h5");
        const auto sim =
            runCli({"run", PLEXUS_SOURCE_DIR "/resources/examples/cuba.json", "--duration", "0.3",
                    "--seed", "3", "--h5", m_run, "--no-plugins"});
        QVERIFY2(sim.exitCode == 0, qPrintable(sim.err));
        // An input every 2 ms over the run and past its end, values in [0, 0.5).
        QByteArray input = "time_ms,value\n";
        for (int n = 0; n < 160; ++n)
            input += QByteArray::number(2.0 * n) + "," +
                     QByteArray::number(0.5 * std::fmod(0.618034 * n, 1.0), 'g', 17) + "\n";
        m_input = writeFile(m_dir, "input.csv", input);
        // 12 trials of 20 ms cycling through three labels.
        QByteArray labels = "start_ms,end_ms,label\n";
        const char* names[] = {"left", "right", "none"};
        for (int t = 0; t < 12; ++t)
            labels += QByteArray::number(20.0 + 22.0 * t) + "," +
                      QByteArray::number(40.0 + 22.0 * t) + "," + names[t % 3] + "\n";
        m_labels = writeFile(m_dir, "labels.csv", labels);
    }

    void memoryTask() {
        const QString out = m_dir.filePath("memory.json");
        const auto r = runCli({"analyze", "readout", m_run, "--task", "memory", "--input", m_input,
                               "--population", "E", "--delays", "8", "--folds", "3", "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto j = parse(r);
        QCOMPARE(j["command"], "readout");
        QCOMPARE(j["task"], "memory");
        QCOMPARE(j["input_kind"], "archive");
        QCOMPARE(j["populations"], nlohmann::json::array({"E"}));
        QCOMPARE(j["features"], 3200);
        // 0 .. 300 ms (the run's end included); the 9 past the run are left out.
        QCOMPARE(j["samples"].get<int>(), 151);
        QCOMPARE(j["samples_outside_run"].get<int>(), 9);
        QCOMPARE(j["filter"]["kind"], "exponential");
        QCOMPARE(j["filter"]["tau_ms"], 30.0);
        QCOMPARE(j["memory_curve"].size(), std::size_t(8));
        double sum = 0.0;
        for (const auto& m : j["memory_curve"]) {
            QVERIFY(m.get<double>() >= 0.0 && m.get<double>() <= 1.0);
            sum += m.get<double>();
        }
        QVERIFY(std::fabs(sum - j["memory_capacity"].get<double>()) < 1e-9);
        QCOMPARE(j["cross_validation"]["lambdas"].size(), std::size_t(13));
        QCOMPARE(j["train_samples"].get<int>() + j["test_samples"].get<int>(), 151 - 8);
        QVERIFY(QFile::exists(out));
        QFile csv(m_dir.filePath("memory.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readLine().trimmed(), QByteArray("delay,m"));
        QVERIFY(csv.readLine().startsWith("1,"));
    }

    void narmaAndRegressTasks() {
        auto r = runCli({"analyze", "readout", m_run, "--task", "narma", "--input", m_input,
                         "--bin-ms", "5", "--lambda", "10", "--washout", "20"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto j = parse(r);
        QCOMPARE(j["filter"]["kind"], "count");
        QCOMPARE(j["lambda"], 10.0);
        QCOMPARE(j["washout"], 20);
        QVERIFY(j["cross_validation"].empty()); // a fixed lambda
        QVERIFY(j["test_nrmse"].get<double>() > 0.0);
        QVERIFY(j["train_r2"].get<double>() <= 1.0);
        QCOMPARE(j["features"], 4000);

        r = runCli({"analyze", "readout", m_run, "--task", "regress", "--input", m_input,
                    "--population", "I", "--tau-ms", "10"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        j = parse(r);
        QCOMPARE(j["features"], 800);
        QVERIFY(j.contains("test_r2") && j.contains("test_nrmse") && j.contains("lambda"));
    }

    void classifyTask() {
        const QString out = m_dir.filePath("classes.json");
        const auto r = runCli({"analyze", "readout", m_run, "--task", "classify", "--labels",
                               m_labels, "--folds", "2", "--test-fraction", "0.25", "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto j = parse(r);
        QCOMPARE(j["classes"], nlohmann::json::array({"left", "right", "none"}));
        QCOMPARE(j["samples"], 12);
        QCOMPARE(j["test_samples"], 3);
        QCOMPARE(j["train_samples"], 9);
        int total = 0;
        QCOMPARE(j["confusion"].size(), std::size_t(3));
        for (const auto& row : j["confusion"])
            for (const auto& v : row)
                total += v.get<int>();
        QCOMPARE(total, 3);
        const double accuracy = j["test_accuracy"];
        QVERIFY(accuracy >= 0.0 && accuracy <= 1.0);
        QFile csv(m_dir.filePath("classes.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readLine().trimmed(), QByteArray("true\\predicted,left,right,none"));
    }

    void classifiesTheTrialsOfAProtocol() {
        // Two conditions, each switching on its own Poisson stimulus (5 trials each).
        const QString trials = m_dir.filePath("trials.h5");
        const auto sim =
            runCli({"run", PLEXUS_SOURCE_DIR "/resources/examples/trials_conditions.json", "--h5",
                    trials, "--no-plugins"});
        QVERIFY2(sim.exitCode == 0, qPrintable(sim.err));
        auto r = runCli({"analyze", "readout", trials, "--task", "classify", "--folds", "2",
                         "--test-fraction", "0.4"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto j = parse(r);
        QCOMPARE(j["labels_from"], "trials");
        QCOMPARE(j["classes"], nlohmann::json::array({"A", "B"}));
        QCOMPARE(j["samples"], 10);
        QCOMPARE(j["test_samples"], 4);
        QCOMPARE(j["test_accuracy"].get<double>(), 1.0);
        // The trials are the conditions of RSA too: two conditions, five repeats each.
        r = runCli({"analyze", "rsa", trials});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        j = parse(r);
        QCOMPARE(j["conditions_from"], "trials");
        QCOMPARE(j["conditions"], nlohmann::json::array({"A", "B"}));
        // A run without a protocol has no trials to classify.
        r = runCli({"analyze", "readout", m_run, "--task", "classify"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--labels") && r.err.contains("/trials"), qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);
    }

    void memoryOfTheRunsOwnSignal() {
        // A time_series stimulus plays uniform u(t) in 20 ms steps; --signal rebuilds that u(t)
        // from the archive's project, so no input file is needed.
        const QString series = m_dir.filePath("series.h5");
        const auto sim =
            runCli({"run", PLEXUS_SOURCE_DIR "/resources/examples/time_series_input.json", "--h5",
                    series, "--no-plugins"});
        QVERIFY2(sim.exitCode == 0, qPrintable(sim.err));
        auto r = runCli({"analyze", "readout", series, "--task", "memory", "--signal", "Signal",
                         "--delays", "5", "--folds", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto j = parse(r);
        QCOMPARE(j["signal"], "Signal");
        QCOMPARE(j["samples"], 100); // 2 s in 20 ms steps
        // The network remembers its drive: the delay-1 r^2 is far above a shuffled signal's.
        const double first = j["memory_curve"][0];
        QVERIFY2(first > 0.3, qPrintable(QString::number(first)));
        r = runCli({"analyze", "readout", series, "--task", "memory", "--signal", "Nope"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no stimulus \"Nope\" (Signal)"), qPrintable(r.err));
    }

    void stimuliAreLeftOutUnlessNamed() {
        const QString lsm = m_dir.filePath("lsm.h5");
        const auto sim =
            runCli({"run", PLEXUS_SOURCE_DIR "/resources/examples/liquid_state_machine.json",
                    "--duration", "0.3", "--seed", "1", "--h5", lsm, "--no-plugins"});
        QVERIFY2(sim.exitCode == 0, qPrintable(sim.err));
        auto r = runCli({"analyze", "readout", lsm, "--task", "classify", "--labels", m_labels,
                         "--folds", "2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto j = parse(r);
        QCOMPARE(j["populations"], nlohmann::json::array({"E", "I"}));
        QCOMPARE(j["excluded_stimuli"], nlohmann::json::array({"Input"}));
        QCOMPARE(j["features"].get<int>(), 1000);
        r = runCli({"analyze", "readout", lsm, "--task", "classify", "--labels", m_labels,
                    "--folds", "2", "--population", "Input"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        j = parse(r);
        QCOMPARE(j["features"].get<int>(), 50);
        QVERIFY(j["excluded_stimuli"].empty());
    }

    void errorsAreOneLine() {
        auto r = runCli({"analyze", "readout", m_run, "--task", "memory"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--input"), qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);
        r = runCli({"analyze", "readout", m_run, "--task", "forecast"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("--task"));
        const QString bad = writeFile(m_dir, "bad.csv", "start_ms,end_ms,label\n0,10,a\n20,x,b\n");
        r = runCli({"analyze", "readout", m_run, "--task", "classify", "--labels", bad});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("bad.csv:3"), qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);
        const QString late = writeFile(m_dir, "late.csv", "0,10,a\n400,410,b\n");
        r = runCli({"analyze", "readout", m_run, "--task", "classify", "--labels", late});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("late.csv: trial 2"), qPrintable(r.err));
        r = runCli({"analyze", "readout", m_run, "--task", "memory", "--input", m_input,
                    "--population", "X"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--population: no recording \"X\""), qPrintable(r.err));
        r = runCli({"analyze", "readout", m_run, "--task", "memory", "--input", m_input, "--tau-ms",
                    "5", "--bin-ms", "5"});
        QCOMPARE(r.exitCode, 1);
        r = runCli(
            {"analyze", "readout", m_run, "--task", "memory", "--input", m_input, "--folds", "20"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("folds"), qPrintable(r.err));
        r = runCli({"analyze", "readout", m_dir.filePath("missing.h5"), "--task", "memory",
                    "--input", m_input});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("missing.h5"));
        r = runCli({"analyze", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("analyze readout"));
    }

private:
    QTemporaryDir m_dir;
    QString m_run, m_input, m_labels;
};

QTEST_GUILESS_MAIN(TestReadoutCli)
#include "TestReadoutCli.moc"
