// Twenty live runs through the worker, the rings and the GUI-side drain, built with
// AddressSanitizer: any leak or invalid access fails the test (LeakSanitizer checks at exit).
#include "LiveDrain.h"
#include "SimulationWorker.h"

#include <QTest>
#include <plexus/core/project/StandardNetworks.h>
#include <plexus/plugins/BuiltinModels.h>
#include <plexus/widgets/live/LiveRecording.h>

using namespace plexus;
using app::RunState;

class TestLiveLeaks : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void twentyRunsLeaveNothingBehind() {
        core::ModelRegistry registry;
        plugins::registerBuiltinModels(registry);
        core::ProjectSpec project = core::StandardNetworks::cuba(4000);
        core::StandardNetworks::addStdp(project);
        project.simulation.durationS = 0.3;
        widgets::LiveRecording recording;
        app::LiveDrain drain;
        std::uint64_t spikes = 0;
        for (int k = 0; k < 20; ++k) {
            app::SimulationWorker worker(registry);
            worker.setProject(project);
            worker.run();
            QVERIFY(worker.waitFor([](const app::RunStatus& s) { return s.step > 100; },
                                   std::chrono::milliseconds(60000)));
            worker.addTrace(0, k, "v");
            switch (k % 4) {
            case 0: // to the end
                QVERIFY(worker.waitFor(
                    [](const app::RunStatus& s) { return s.state == RunState::Finished; },
                    std::chrono::milliseconds(60000)));
                break;
            case 1: // pause, edit, resume, stop
                worker.pause();
                project.populations[0].params["tau_m"] = 20.0 + k;
                worker.setProject(project);
                worker.run();
                worker.stop();
                break;
            case 2: // reset while running, run again, let the worker's destructor stop it
                worker.reset();
                worker.run();
                break;
            default: // structural edit while running
                project.populations[1].size = 1000 + k;
                worker.setProject(project);
                break;
            }
            drain.drain(worker.channels(), recording);
            spikes += recording.spikeTotal();
        }
        QVERIFY(spikes > 0);
    }
};

QTEST_GUILESS_MAIN(TestLiveLeaks)
#include "TestLiveLeaks.moc"
