// plexus-cli analyze readout --online end to end on a short version of the online_readout
// example: readouts trained in the run by the three-factor rule classify the test trials far
// above chance, the same project with learning_rate 0 stays at chance, the ridge readout of the
// reservoir is reported on the same trials, and bad options fail with one line.

#include "TestProcess.h"

#include <QtTest>
#include <nlohmann/json.hpp>

namespace {

using Result = plexus::tests::ProcessResult;
using nlohmann::json;

Result runCli(const QStringList& args) {
    return plexus::tests::runProcess(QStringLiteral(PLEXUS_CLI), args);
}

/// The example with `trials` trials per condition and the learning rate of every three-factor
/// projection set to `learningRate` (negative: as in the example).
json example(int trials, double learningRate) {
    QFile file(QStringLiteral(PLEXUS_SOURCE_DIR "/resources/examples/online_readout.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    json project = json::parse(file.readAll().toStdString());
    project["protocol"]["trials"] = trials;
    if (learningRate >= 0.0)
        for (auto& p : project["projections"])
            if (p["synapse"].is_object() && p["synapse"]["model"] == "three_factor")
                p["synapse"]["params"]["learning_rate"] = learningRate;
    return project;
}

/// Runs `project` into DIR/NAME.h5; returns the archive's path (empty on failure).
QString simulate(const QTemporaryDir& dir, const QString& name, const json& project) {
    const QString path = plexus::tests::writeTestFile(dir, name + ".json",
                                                      QByteArray::fromStdString(project.dump(2)));
    const QString archive = dir.filePath(name + ".h5");
    const auto r = runCli({"run", path, "--h5", archive, "--no-plugins"});
    if (r.exitCode != 0) {
        qWarning("%s", qPrintable(r.err));
        return {};
    }
    return archive;
}

} // namespace

class TestCliOnlineReadout : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const json project = example(kTrials, -1.0);
        QVERIFY(!project.empty());
        m_learned = simulate(m_dir, "learned", project);
        QVERIFY(!m_learned.isEmpty());
        m_off = simulate(m_dir, "off", example(kTrials, 0.0));
        QVERIFY(!m_off.isEmpty());
        // Trials of 250 ms in 4 conditions, interleaved: score the second half.
        m_fromMs = QString::number(kTrials * 4 * 250.0 / 2.0);
    }

    void learnedReadoutBeatsChance() {
        const QString out = m_dir.filePath("online.json");
        const auto r = runCli({"analyze", "readout", m_learned, "--task", "classify", "--online",
                               "readout_A,readout_B", "--from-ms", m_fromMs, "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const json j = json::parse(r.out.toStdString());
        QCOMPARE(j["classes"], json::array({"A", "B"}));
        QCOMPARE(j["test_conditions"], json::array({"A_test", "B_test"}));
        QCOMPARE(j["test_trials"].get<int>(), kTrials); // half of 2 x kTrials test trials
        QCOMPARE(j["train_trials"].get<int>(), 2 * kTrials);
        QCOMPARE(j["chance"].get<double>(), 0.5);
        // The reservoir's states: the network without the readouts.
        QCOMPARE(j["populations"], json::array({"E", "I"}));
        const double online = j["online"]["accuracy"];
        qInfo("online accuracy %.3f, ridge %.3f", online,
              j["ridge"]["test_accuracy"].get<double>());
        QVERIFY2(online >= 0.8, qPrintable(QString::number(online)));
        int answered = 0;
        for (const auto& row : j["online"]["confusion"])
            for (const auto& v : row)
                answered += v.get<int>();
        for (const auto& v : j["online"]["no_answer"])
            answered += v.get<int>();
        QCOMPARE(answered, kTrials);
        // The ridge readout of the reservoir on the same test trials, trained on the others.
        QCOMPARE(j["ridge"]["test_samples"].get<int>(), kTrials);
        QCOMPARE(j["ridge"]["train_samples"].get<int>(), 2 * kTrials);
        const double ridge = j["ridge"]["test_accuracy"];
        QVERIFY2(ridge >= 0.8, qPrintable(QString::number(ridge)));
        QFile csv(m_dir.filePath("online.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readLine().trimmed(),
                 QByteArray("start_ms,end_ms,condition,class,online,ridge,spikes_A,spikes_B"));
        int rows = 0;
        while (!csv.readLine().isEmpty())
            ++rows;
        QCOMPARE(rows, kTrials);

        // The same readouts named by class give the same answers.
        const auto named = runCli({"analyze", "readout", m_learned, "--task", "classify",
                                   "--online", "B=readout_B,A=readout_A", "--from-ms", m_fromMs});
        QVERIFY2(named.exitCode == 0, qPrintable(named.err));
        QCOMPARE(json::parse(named.out.toStdString())["online"]["accuracy"].get<double>(), online);
    }

    void withoutLearningStaysAtChance() {
        const auto r = runCli({"analyze", "readout", m_off, "--task", "classify", "--online",
                               "readout_A,readout_B", "--from-ms", m_fromMs});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const json j = json::parse(r.out.toStdString());
        const double online = j["online"]["accuracy"];
        qInfo("learning_rate 0: online accuracy %.3f, ridge %.3f", online,
              j["ridge"]["test_accuracy"].get<double>());
        QVERIFY2(online <= 0.65, qPrintable(QString::number(online)));
        // The reservoir is the same: ridge still reads the patterns.
        QVERIFY(j["ridge"]["test_accuracy"].get<double>() >= 0.8);
    }

    void badOptions() {
        const auto expectError = [](const QStringList& args, const QString& needle) {
            const auto r = runCli(args);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(needle), qPrintable(r.err));
            QCOMPARE(r.err.count('\n'), 1);
        };
        expectError({"analyze", "readout", m_learned, "--task", "classify", "--online", "nope"},
                    "--online: no recording \"nope\"");
        expectError({"analyze", "readout", m_learned, "--task", "classify", "--online",
                     "A=readout_A,C=readout_B"},
                    "--online: no class \"C\" (A, B)");
        expectError({"analyze", "readout", m_learned, "--task", "classify", "--online",
                     "readout_A,readout_B,E"},
                    "--online: 3 populations for 2 classes");
        expectError({"analyze", "readout", m_learned, "--task", "memory", "--online", "readout_A"},
                    "--online: needs --task classify");
        expectError({"analyze", "readout", m_learned, "--task", "classify", "--online",
                     "readout_A,readout_B", "--test-conditions", "A_tset"},
                    "--test-conditions: no condition \"A_tset\"");
        expectError({"analyze", "readout", m_learned, "--task", "classify", "--online",
                     "readout_A,readout_B", "--from-ms", "1e9"},
                    "--from-ms: no trial of the test conditions");
    }

private:
    static constexpr int kTrials = 16;
    QTemporaryDir m_dir;
    QString m_learned, m_off, m_fromMs;
};

QTEST_GUILESS_MAIN(TestCliOnlineReadout)
#include "TestCliOnlineReadout.moc"
