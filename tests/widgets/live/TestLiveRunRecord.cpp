// Live recording <-> run archive: spikes, rates, traces and electrode recordings (LFP with gaps,
// multi-unit counts, two electrodes) survive LiveRunRecord + RunArchive (HDF5) exactly.
#include "plexus/widgets/live/LiveRecording.h"
#include "plexus/widgets/live/LiveRunRecord.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <plexus/core/base/Error.h>
#include <plexus/core/project/StandardNetworks.h>
#include <plexus/core/record/RunArchive.h>
#include <plexus/core/record/RunRecordCsv.h>

using namespace plexus;
using widgets::LiveRecording;

class TestLiveRunRecord : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripThroughAnArchive() {
        LiveRecording rec;
        rec.reset({{"E", 3200, false}, {"I", 800, false}}, 0.1, 10);
        const std::int64_t steps[4] = {3, 3, 17, 42};
        const std::int32_t neurons[4] = {5, 3199, 0, 12};
        rec.appendSpikes(0, steps, neurons, 4);
        const std::uint32_t counts[5] = {2, 1, 0, 0, 1};
        rec.appendRateBins(0, 0, counts, 5);
        const std::size_t trace = rec.addTrace(1, 7, "v", "mV");
        const std::int64_t sampleSteps[3] = {0, 10, 20};
        const float values[3] = {-65.0f, -64.25f, -0.0f};
        rec.appendSamples(trace, sampleSteps, values, 3);
        rec.setContacts({"probe:1", "probe:2", "utah:r0c0"}, 10);
        const float lfp0[3] = {1.5f, -2.25f, 0.125f};
        const float lfp1[2] = {0.5f, 7.0f};
        const std::uint32_t units0[3] = {0, 3, 1};
        const std::uint32_t units1[2] = {4, 0};
        rec.appendContactBins(0, 0, lfp0, units0, 3);
        rec.appendContactBins(1, 1, lfp1, units1, 2); // bin 0 missing: NaN and 0
        rec.appendContactBins(2, 0, lfp0, units0, 3);
        rec.setCurrentStep(50);

        const core::ProjectSpec project = core::StandardNetworks::cuba(4000);
        const core::RunRecord record = widgets::LiveRunRecord::fromRecording(rec, project, "test");
        QCOMPARE(record.electrodes.size(), std::size_t(2));
        QCOMPARE(record.electrodes[0].name, std::string("probe"));
        const core::NamedArray& lfp = record.electrodes[0].arrays[0];
        QCOMPARE(lfp.name, std::string("lfp_uv"));
        QCOMPARE(lfp.rows, std::size_t(3));
        QCOMPARE(lfp.cols, std::size_t(2));
        QVERIFY(std::isnan(lfp.at(0, 1)));
        QCOMPARE(lfp.at(2, 1), 7.0);
        QCOMPARE(record.populations[0].spikes[0].timesMs[2], 17 * 0.1);
        QCOMPARE(record.populations[0].rates[0].rateHz[0], 2.0 / (3200 * 1e-3));
        QCOMPARE(record.durationMs, 5.0);

        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("run.h5")).toStdString();
        core::RunArchive::write(record, path);
        const core::RunRecord back = core::RunArchive::read(path);
        QCOMPARE(back.projectHash, record.projectHash);

        LiveRecording loaded;
        widgets::LiveRunRecord::toRecording(back, loaded);
        QCOMPARE(loaded.populationCount(), std::size_t(2));
        QCOMPARE(loaded.population(0).size, std::size_t(3200));
        QCOMPARE(loaded.spikeSteps(0), rec.spikeSteps(0));
        QCOMPARE(loaded.spikeNeurons(0), rec.spikeNeurons(0));
        QCOMPARE(loaded.rateBinSteps(), std::int64_t(10));
        QCOMPARE(loaded.rateBins(0), rec.rateBins(0));
        QCOMPARE(loaded.currentStep(), std::int64_t(50));
        QCOMPARE(loaded.traceCount(), std::size_t(1));
        QCOMPARE(loaded.trace(0).population, std::size_t(1));
        QCOMPARE(loaded.trace(0).neuron, 7);
        QCOMPARE(loaded.trace(0).values, rec.trace(0).values);
        QCOMPARE(loaded.trace(0).steps, rec.trace(0).steps);
        QCOMPARE(loaded.contactCount(), std::size_t(3));
        QCOMPARE(loaded.contactBinSteps(), std::int64_t(10));
        for (std::size_t c = 0; c < 3; ++c) {
            QCOMPARE(loaded.contact(c).name, rec.contact(c).name);
            QCOMPARE(loaded.contact(c).units, rec.contact(c).units);
            QCOMPARE(loaded.contact(c).lfpUv.size(), rec.contact(c).lfpUv.size());
            for (std::size_t b = 0; b < rec.contact(c).lfpUv.size(); ++b) {
                const float a = loaded.contact(c).lfpUv[b];
                const float e = rec.contact(c).lfpUv[b];
                QVERIFY((std::isnan(a) && std::isnan(e)) || a == e);
            }
        }
    }

    void csvFolderHasEveryRecording() {
        LiveRecording rec;
        rec.reset({{"E", 10, false}}, 0.1, 10);
        const std::int64_t steps[2] = {3, 17};
        const std::int32_t neurons[2] = {5, 2};
        rec.appendSpikes(0, steps, neurons, 2);
        const std::uint32_t counts[2] = {1, 1};
        rec.appendRateBins(0, 0, counts, 2);
        rec.setContacts({"probe:1", "probe:2"}, 10);
        const float lfp[2] = {1.5f, -2.25f};
        const std::uint32_t units[2] = {0, 3};
        rec.appendContactBins(0, 0, lfp, units, 2);
        rec.appendContactBins(1, 1, lfp, units, 1);
        rec.setCurrentStep(20);
        const core::RunRecord record =
            widgets::LiveRunRecord::fromRecording(rec, core::StandardNetworks::cuba(400), "test");
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("csv"));
        core::RunRecordCsv::write(record, folder.toStdString());
        auto lines = [&](const char* name) {
            QFile file(folder + QLatin1Char('/') + QLatin1String(name));
            if (!file.open(QIODevice::ReadOnly))
                return QStringList{};
            return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        };
        QCOMPARE(lines("spikes_E.csv"),
                 QStringList({"time_ms,neuron", "0.30000000000000004,5", "1.7000000000000002,2"}));
        QCOMPARE(lines("rate_E.csv").value(0), QStringLiteral("time_ms,rate_hz"));
        QCOMPARE(lines("rate_E.csv").value(1), QStringLiteral("0,100"));
        QCOMPARE(lines("electrode_probe_lfp_uv.csv"),
                 QStringList({"time_ms,1,2", "1,1.5,nan", "2,-2.25,1.5"}));
        QCOMPARE(lines("electrode_probe_mua.csv"), QStringList({"time_ms,1,2", "1,0,0", "2,3,0"}));
    }

    void recordWithoutTimeStepIsRefused() {
        core::RunRecord record;
        LiveRecording rec;
        QVERIFY_THROWS_EXCEPTION(core::Error, widgets::LiveRunRecord::toRecording(record, rec));
    }
};

QTEST_MAIN(TestLiveRunRecord)
#include "TestLiveRunRecord.moc"
