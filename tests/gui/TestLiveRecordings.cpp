// Virtual recordings in the live run: the simulation worker records the LFP proxy and
// multi-unit activity at electrode contacts (geometry::VirtualRecorder), the bins reach the
// GUI's LiveRecording through the rings and the drain, and they equal a headless core run of
// the same recorder; contacts set or cleared while running, edits while running (rebuilds)
// keep the recording gap-free; the plot panel shows the contact plot only with contacts.
#include "LiveDrain.h"
#include "RunController.h"
#include "SimulationWorker.h"
#include "plexus/geometry/placement/ProbePlacement.h"

#include <QTest>
#include <cmath>
#include <plexus/core/build/NetworkBuilder.h>
#include <plexus/core/engine/Simulator.h>
#include <plexus/core/project/StandardNetworks.h>
#include <plexus/geometry/probes/ElectrodeArray.h>
#include <plexus/geometry/probes/VirtualRecorder.h>
#include <plexus/plugins/BuiltinModels.h>
#include <plexus/widgets/live/ContactPlot.h>
#include <plexus/widgets/live/LivePlotPanel.h>
#include <plexus/widgets/live/LiveRecording.h>

using namespace plexus;
using app::RunState;

namespace {

const core::ModelRegistry& registry() {
    static const core::ModelRegistry r = [] {
        core::ModelRegistry x;
        plugins::registerBuiltinModels(x);
        return x;
    }();
    return r;
}

/// CUBA with N neurons for `durationS`.
core::ProjectSpec cuba(std::size_t n, double durationS) {
    core::ProjectSpec p = core::StandardNetworks::cuba(n);
    p.simulation.durationS = durationS;
    return p;
}

/// Four contacts over neurons laid out on a 0.05 mm grid (E at z = 0, I at z = 0.02 mm).
geometry::RecordingProbe probeFor(const core::ProjectSpec& project) {
    geometry::RecordingProbe probe;
    probe.contactNames = {"a:1", "a:2", "b:1", "b:2"};
    probe.contactsMm.resize(4, 3);
    probe.contactsMm << 0.5, 0.5, 0.0, 0.5, 0.5, 0.2, 1.2, 0.3, 0.0, 0.1, 1.0, -0.1;
    for (const auto& spec : project.populations) {
        geometry::RecordingProbe::Population placed;
        placed.name = spec.name;
        placed.neuronsMm.resize(static_cast<Eigen::Index>(spec.size), 3);
        const double z = spec.name == "E" ? 0.0 : 0.02;
        for (Eigen::Index i = 0; i < placed.neuronsMm.rows(); ++i)
            placed.neuronsMm.row(i) << 0.05 * static_cast<double>(i % 30),
                0.05 * static_cast<double>(i / 30), z;
        probe.populations.push_back(placed);
    }
    return probe;
}

/// Drain the worker into `recording` until `done(status)` holds or `ms` pass.
template <typename Pred>
bool drainUntil(app::SimulationWorker& worker, app::LiveDrain& drain,
                widgets::LiveRecording& recording, Pred done, int ms) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        drain.drain(worker.channels(), recording);
        if (done(worker.status())) {
            drain.drain(worker.channels(), recording);
            return true;
        }
        QTest::qWait(5);
    }
    return false;
}

bool finished(const app::RunStatus& s) {
    return s.state == RunState::Finished || s.state == RunState::Failed;
}

} // namespace

class TestLiveRecordings : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void liveBinsEqualAHeadlessRun() {
        // CUBA N = 2000, 300 ms: 300 bins of 1 ms at 4 contacts.
        const core::ProjectSpec project = cuba(2000, 0.3);
        const geometry::RecordingProbe probe = probeFor(project);
        app::SimulationWorker worker(registry());
        worker.setProject(project);
        worker.setRecordingProbe(probe);
        worker.run();
        widgets::LiveRecording recording;
        app::LiveDrain drain;
        QVERIFY(drainUntil(worker, drain, recording, finished, 60000));
        QCOMPARE(worker.status().state, RunState::Finished);
        QCOMPARE(worker.status().dropped, std::uint64_t{0});
        QCOMPARE(recording.contactCount(), std::size_t{4});
        QCOMPARE(recording.contact(2).name, std::string("b:1"));
        QCOMPARE(recording.contactBinSteps(), std::int64_t{10});

        // The same recorder on a headless run of the same project, in other chunks.
        auto net = core::NetworkBuilder::build(project, registry());
        geometry::VirtualRecorder recorder(*net, probe, &project);
        recorder.attach(*net, 0);
        core::Simulator sim(*net);
        while (sim.currentStep() < 3000) {
            sim.run(std::min<std::int64_t>(777, 3000 - sim.currentStep()));
            recorder.collect(*net, sim.currentStep());
        }
        QCOMPARE(recorder.completeMuaBins(), std::int64_t{300});
        QCOMPARE(recorder.sampleSteps().size(), std::size_t{300});
        std::uint64_t units = 0;
        double peak = 0.0;
        for (std::size_t c = 0; c < 4; ++c) {
            const auto& track = recording.contact(c);
            QCOMPARE(track.lfpUv.size(), std::size_t{300});
            QCOMPARE(track.units.size(), std::size_t{300});
            for (std::size_t b = 0; b < 300; ++b) {
                QCOMPARE(track.lfpUv[b], recorder.lfpUv()[b * 4 + c]);
                QCOMPARE(track.units[b], recorder.muaCounts()[b * 4 + c]);
                units += track.units[b];
                peak = std::max(peak, std::abs(static_cast<double>(track.lfpUv[b])));
            }
        }
        qInfo("live = headless over 4 x 300 bins: %llu units, peak |LFP| %.4g uV",
              static_cast<unsigned long long>(units), peak);
        QVERIFY(units > 0);
        QVERIFY(peak > 0.0);
    }

    void contactsAndEditsWhileRunning() {
        core::ProjectSpec project = cuba(2000, 0.4);
        const geometry::RecordingProbe probe = probeFor(project);
        app::SimulationWorker worker(registry());
        worker.setProject(project);
        worker.setSpeed(0.5); // slow enough to act in between
        worker.run();
        widgets::LiveRecording recording;
        app::LiveDrain drain;
        const auto past = [](double ms) {
            return [ms](const app::RunStatus& s) { return s.timeMs >= ms || finished(s); };
        };
        QVERIFY(drainUntil(worker, drain, recording, past(20.0), 20000));
        QCOMPARE(recording.contactCount(), std::size_t{0});

        // Contacts set while running: recorded from the current step on.
        worker.pause();
        QVERIFY(drainUntil(
            worker, drain, recording,
            [](const app::RunStatus& s) { return s.state == RunState::Paused; }, 5000));
        const std::int64_t from = worker.status().step;
        worker.setRecordingProbe(probe);
        worker.setRecordingProbe(probe); // the same again: nothing changes
        worker.run();
        QVERIFY(drainUntil(worker, drain, recording, past(from * 0.1 + 40.0), 20000));
        QCOMPARE(recording.contactCount(), std::size_t{4});
        const std::uint64_t generation = recording.contactGeneration();

        // A parameter edit rebuilds the network; the recording goes on without a gap.
        project.populations[0].params["i_e"] = 50.0;
        worker.setProject(project);
        worker.setSpeed(0.0);
        QVERIFY(drainUntil(worker, drain, recording, finished, 60000));
        QCOMPARE(worker.status().state, RunState::Finished);
        QCOMPARE(recording.contactGeneration(), generation);
        const auto& track = recording.contact(0);
        const auto firstBin = static_cast<std::size_t>(from / 10);
        QCOMPARE(track.lfpUv.size(), std::size_t{400});
        for (std::size_t b = 0; b < 400; ++b)
            QCOMPARE(std::isfinite(track.lfpUv[b]), b >= firstBin);
        qInfo("contacts set at step %lld: bins %zu..399 recorded across a rebuild",
              static_cast<long long>(from), firstBin);

        // An empty probe stops recording (in the next run no contacts appear).
        const std::uint64_t session = worker.status().session;
        worker.setRecordingProbe({});
        worker.reset();
        worker.run();
        QVERIFY(drainUntil(
            worker, drain, recording,
            [session](const app::RunStatus& s) { return s.session > session && s.timeMs >= 10.0; },
            20000));
        QCOMPARE(recording.contactCount(), std::size_t{0});
        worker.stop();
    }

    void probeFromElectrodes() {
        // No placement: nothing to record.
        geometry::ElectrodeArray array("probe", geometry::ElectrodeArray::Type::Laminar);
        array.addContact({"c1", Eigen::Vector3d(1, 2, 3), -1});
        array.addContact({"c2", Eigen::Vector3d(1, 2, 2.9), -1});
        QVERIFY(geometry::ProbePlacement::fromElectrodes({array}, nullptr).empty());
    }

    void panelShowsContactsOnlyWhenRecorded() {
        widgets::LiveRecording recording;
        recording.reset({{"E", 10, false}}, 0.1, 10);
        widgets::LivePlotPanel panel;
        panel.resize(900, 700);
        panel.setRecording(&recording);
        panel.show();
        panel.refresh();
        QVERIFY(!panel.contactPlot()->isVisible());

        recording.setContacts({"x:1", "x:2"}, 10);
        const float lfp0[3] = {1.0f, -2.5f, 0.5f};
        const float lfp1[3] = {0.25f, 0.0f, -0.75f};
        const std::uint32_t units0[3] = {1, 0, 2};
        const std::uint32_t units1[3] = {0, 0, 0};
        recording.appendContactBins(0, 0, lfp0, units0, 3);
        recording.appendContactBins(1, 0, lfp1, units1, 3);
        recording.setCurrentStep(30);
        panel.refresh();
        QVERIFY(panel.contactPlot()->isVisible());
        // Means in view: -1/3 and -1/6 uV; the largest excursion is -2.5 + 1/3 = -13/6 uV,
        // so the spacing is 13/3 uV.
        QVERIFY(std::abs(panel.contactPlot()->lfpSpacingUv() - 13.0 / 3.0) < 1e-6);
        // Contact 1's trace is offset by one spacing: (-0.75 + 1/6) uV at 3 ms -> -1 - 7/52.
        const auto* data = panel.contactPlot()->lfpGraph(1)->data().data();
        QCOMPARE(data->size(), 3);
        QCOMPARE(data->at(2)->key, 3.0);
        QVERIFY(std::abs(data->at(2)->value - (-1.0 - 7.0 / 52.0)) < 1e-6);
        // MUA: 2 spikes in a 1 ms bin = 2000 Hz. The plot shows the mean over a 20 ms window,
        // here the whole 3 ms recorded: 3 spikes in 3 ms = 1000 Hz at every point.
        QCOMPARE(recording.contactRateHz(0, 2), 2000.0);
        const auto* mua = panel.contactPlot()->muaGraph(0)->data().data();
        QCOMPARE(mua->size(), 3);
        for (int i = 0; i < mua->size(); ++i)
            QCOMPARE(mua->at(i)->value, 1000.0);

        // One spike at 20 ms in 60 ms of 1 ms bins: 50 Hz while the 20 ms window holds it
        // (points at 11.5 .. 30.5 ms: bin 20 spans 20..21 ms), 0 Hz elsewhere.
        std::vector<float> lfp(60, 0.0f);
        std::vector<std::uint32_t> one(60, 0);
        one[20] = 1;
        recording.setContacts({"y:1"}, 10);
        recording.appendContactBins(0, 0, lfp.data(), one.data(), 60);
        recording.setCurrentStep(600);
        panel.setWindowWidthMs(100.0);
        panel.refresh();
        const auto* single = panel.contactPlot()->muaGraph(0)->data().data();
        QVERIFY(single->size() >= 50);
        for (int i = 0; i < single->size(); ++i) {
            const double t = single->at(i)->key;
            const double expected = t > 11.0 && t < 31.0 ? 50.0 : 0.0;
            QVERIFY2(std::abs(single->at(i)->value - expected) < 1e-9,
                     qPrintable(QStringLiteral("%1 Hz at %2 ms").arg(single->at(i)->value).arg(t)));
        }

        recording.setContacts({}, 10);
        panel.refresh();
        QVERIFY(!panel.contactPlot()->isVisible());
    }
};

QTEST_MAIN(TestLiveRecordings)
#include "TestLiveRecordings.moc"
