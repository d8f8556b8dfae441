// The example gallery: every project in resources/examples opens, validates, is laid out for
// the editor, and runs 200 ms headless with every population active but not saturated. An
// example with electrodes records, where the 3-D view places its neurons and electrodes,
// multi-unit spikes and a varying LFP on every electrode.

#include "RunController.h"
#include "plexus/geometry/placement/ProbePlacement.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>
#include <algorithm>
#include <map>
#include <plexus/core/build/NetworkBuilder.h>
#include <plexus/core/engine/Simulator.h>
#include <plexus/core/plugin/ModelRegistry.h>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/geometry/probes/VirtualRecorder.h>
#include <plexus/plugins/BuiltinModels.h>
#include <plexus/widgets/cortex/CortexPanel.h>
#include <plexus/widgets/cortex/CortexView.h>
#include <plexus/widgets/document/Document.h>
#include <plexus/widgets/document/ElectrodeSpec.h>

using namespace plexus;

class TestExamples : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void galleryHasTheSeedCircuits();
    void examplesRun_data();
    void examplesRun();

private:
    static QString folder() { return QStringLiteral(PLEXUS_SOURCE_DIR "/resources/examples"); }
    core::ModelRegistry m_models;
};

void TestExamples::initTestCase() {
    plugins::registerBuiltinModels(m_models);
}

void TestExamples::galleryHasTheSeedCircuits() {
    for (const char* name : {"cuba.json", "coba.json", "liquid_state_machine.json",
                             "stdp_learning.json", "ei_reservoir.json", "gain_control.json"}) {
        QVERIFY2(QFileInfo::exists(folder() + QLatin1Char('/') + QLatin1String(name)), name);
    }
}

void TestExamples::examplesRun_data() {
    QTest::addColumn<QString>("file");
    const QStringList files =
        QDir(folder()).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 6);
    for (const QString& file : files) {
        QTest::newRow(qPrintable(file)) << folder() + QLatin1Char('/') + file;
    }
}

void TestExamples::examplesRun() {
    QFETCH(QString, file);
    const std::string path = QFile::encodeName(file).toStdString();
    core::ProjectSpec project;
    try {
        project = core::ProjectIo::load(path);
    } catch (const std::exception& e) {
        QFAIL(e.what());
    }
    QVERIFY(!project.name.empty());
    QVERIFY(!project.description.empty());

    // Canonical: the file is exactly what ProjectIo writes for it.
    QFile text(file);
    QVERIFY(text.open(QIODevice::ReadOnly));
    QCOMPARE(text.readAll().toStdString(), core::ProjectIo::toJson(project).dump(2) + "\n");

    // The editor opens it with every node placed and nothing renamed.
    widgets::Document document(&m_models);
    QString error;
    QVERIFY2(document.load(file, &error), qPrintable(error));
    QVERIFY2(document.warnings().isEmpty(), qPrintable(document.warnings().join('\n')));
    for (const QString& name : document.nodeNames()) {
        QVERIFY(!document.hasMissingModel(name));
    }

    // It builds and runs 200 ms.
    std::unique_ptr<core::Network> network;
    try {
        network = core::NetworkBuilder::build(project, m_models);
    } catch (const std::exception& e) {
        QFAIL(e.what());
    }
    // Electrodes record where the 3-D view shows them: the panel places the neurons on the
    // default cortex and the electrodes next to them, and the window records at the contacts
    // of the probe it makes from that (geometry::ProbePlacement::fromElectrodes()).
    const auto electrodes = project.electrodes;
    std::unique_ptr<geometry::VirtualRecorder> recorder;
    std::vector<std::string> electrodeOfContact;
    if (!electrodes.empty()) {
        widgets::CortexPanel panel;
        panel.setLiveData(&project, nullptr);
        QCOMPARE(panel.view()->electrodes().size(), electrodes.size());
        for (const auto& array : panel.view()->electrodes()) {
            electrodeOfContact.insert(electrodeOfContact.end(),
                                      static_cast<std::size_t>(array.contactCount()), array.name());
        }
        const geometry::RecordingProbe probe =
            geometry::ProbePlacement::fromElectrodes(panel.view()->electrodes(), panel.placement());
        recorder = std::make_unique<geometry::VirtualRecorder>(*network, probe, &project);
        recorder->attach(*network);
    }

    core::Simulator simulator(*network);
    const double seconds = 0.2;
    const auto steps = static_cast<std::int64_t>(std::llround(seconds * 1000.0 / network->dtMs));
    QCOMPARE(simulator.run(steps), steps);
    if (recorder) {
        recorder->collect(*network, steps);
    }
    simulator.finish();

    if (recorder) {
        // Every electrode hears multi-unit spikes and a changing field.
        const auto contacts = static_cast<std::size_t>(recorder->contactCount());
        QCOMPARE(electrodeOfContact.size(), contacts);
        QVERIFY(recorder->completeMuaBins() > 0);
        QVERIFY(recorder->sampleSteps().size() > 10);
        std::map<std::string, std::uint64_t> spikes;
        std::map<std::string, double> swing;
        const auto& mua = recorder->muaCounts();
        for (std::size_t i = 0; i < mua.size(); ++i) {
            spikes[electrodeOfContact[i % contacts]] += mua[i];
        }
        const auto& lfp = recorder->lfpUv();
        const std::size_t samples = recorder->sampleSteps().size();
        for (std::size_t c = 0; c < contacts; ++c) {
            float low = lfp[c];
            float high = lfp[c];
            for (std::size_t k = 0; k < samples; ++k) {
                low = std::min(low, lfp[k * contacts + c]);
                high = std::max(high, lfp[k * contacts + c]);
            }
            double& largest = swing[electrodeOfContact[c]];
            largest = std::max(largest, static_cast<double>(high - low));
        }
        for (const auto& spec : electrodes) {
            const std::uint64_t heard = spikes[spec.name];
            const double field = swing[spec.name];
            qInfo("%s: electrode %s: %llu multi-unit spikes, LFP swing %.2f uV",
                  qPrintable(QFileInfo(file).fileName()), spec.name.c_str(),
                  static_cast<unsigned long long>(heard), field);
            QVERIFY2(heard > 0, qPrintable(QStringLiteral("electrode %1 records no multi-unit "
                                                          "spikes: no neuron within reach")
                                               .arg(QString::fromStdString(spec.name))));
            QVERIFY2(field > 1.0, qPrintable(QStringLiteral("electrode %1: flat LFP (%2 uV)")
                                                 .arg(QString::fromStdString(spec.name))
                                                 .arg(field)));
        }
    }

    // No silent and no saturated population.
    for (std::size_t i = 0; i < network->populations.size(); ++i) {
        const core::Population& population = network->populations[i];
        if (population.isStimulus || population.size == 0) {
            continue;
        }
        const double rate = static_cast<double>(simulator.spikeCounts()[i]) /
                            (static_cast<double>(population.size) * seconds);
        qInfo("%s: %s %.2f Hz", qPrintable(QFileInfo(file).fileName()), population.name.c_str(),
              rate);
        QVERIFY2(rate > 0.5, qPrintable(QStringLiteral("%1 is silent (%2 Hz)")
                                            .arg(QString::fromStdString(population.name))
                                            .arg(rate)));
        QVERIFY2(rate < 150.0, qPrintable(QStringLiteral("%1 is saturated (%2 Hz)")
                                              .arg(QString::fromStdString(population.name))
                                              .arg(rate)));
    }
    // Recorders recorded.
    for (const core::SpikeRecorder& spikes : network->spikeRecorders) {
        if (!geometry::VirtualRecorder::ownsRecorder(spikes.name)) { // emptied by collect()
            QVERIFY2(!spikes.steps.empty(), spikes.name.c_str());
        }
    }
    for (const core::RateRecorder& rates : network->rateRecorders) {
        QVERIFY2(!rates.counts.empty(), rates.name.c_str());
    }
}

QTEST_MAIN(TestExamples)
#include "TestExamples.moc"
