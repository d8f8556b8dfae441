// The /trials table of run archives: exact round trip, archives without it, a bad condition
// index refused with one line, and trials turned into condition epochs for analysis.

#include "plexus/analysis/ConditionEpoch.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/record/RunArchive.h"
#include "plexus/core/record/RunRecord.h"

#include <QtTest>
#include <hdf5.h>

using namespace plexus;

namespace {

core::RunRecord withTrials() {
    core::RunRecord r;
    r.name = "trials";
    r.dtMs = 0.1;
    r.durationMs = 700;
    r.conditionNames = {"left", "right ü"};
    r.trials = {{0, 200, 0, 0, "left"}, {250, 450.5, 1, 0, "right ü"}, {500, 700, 0, 1, "left"}};
    return r;
}

bool hasGroup(const std::string& path, const char* name) {
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const bool has = H5Lexists(file, name, H5P_DEFAULT) > 0;
    H5Fclose(file);
    return has;
}

} // namespace

class TestRunArchiveTrials : public QObject {
    Q_OBJECT

private slots:
    void trialsRoundTrip() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.h5").toStdString();
        const auto record = withTrials();
        core::RunArchive::write(record, path);
        QVERIFY(hasGroup(path, "trials"));
        const auto read = core::RunArchive::read(path);
        QCOMPARE(read.conditionNames, record.conditionNames);
        QCOMPARE(read.trials.size(), std::size_t(3));
        QVERIFY(read.trials == record.trials);
    }

    void archivesWithoutTrialsStillRead() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("plain.h5").toStdString();
        auto record = withTrials();
        record.trials.clear();
        record.conditionNames.clear();
        core::RunArchive::write(record, path);
        QVERIFY(!hasGroup(path, "trials"));
        const auto read = core::RunArchive::read(path);
        QVERIFY(read.trials.empty());
        QVERIFY(read.conditionNames.empty());
    }

    void aTrialOfAnUnnamedConditionIsRefused() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.h5").toStdString();
        auto record = withTrials();
        record.trials[1].condition = 2;
        try {
            core::RunArchive::write(record, path);
            QFAIL("no error");
        } catch (const core::Error& e) {
            QCOMPARE(QString(e.what()),
                     QString::fromStdString(path + ": /trials: trial condition 2 has no name"));
        }
    }

    void trialsBecomeConditionEpochs() {
        const auto record = withTrials();
        const auto epochs =
            analysis::ConditionEpoch::fromTrials(record.trials, record.conditionNames);
        QCOMPARE(epochs.size(), std::size_t(3));
        QCOMPARE(epochs[0].name, std::string("left"));
        QCOMPARE(epochs[1].name, std::string("right ü"));
        QCOMPARE(epochs[1].startMs, 250.0);
        QCOMPARE(epochs[1].endMs, 450.5);
        QCOMPARE(epochs[2].name, std::string("left"));
        QCOMPARE(epochs[2].durationMs(), 200.0);
    }

    void onlyCompletedTrialsAreRecorded() {
        const auto trials = withTrials().trials;
        QCOMPARE(core::TrialWindow::completed(trials, 700).size(), std::size_t(3));
        QCOMPARE(core::TrialWindow::completed(trials, 699.9).size(), std::size_t(2));
        QCOMPARE(core::TrialWindow::completed(trials, 450).size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestRunArchiveTrials)
#include "TestRunArchiveTrials.moc"
