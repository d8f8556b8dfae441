// Protocols in the window's live run: the run lasts the trial schedule and its record holds the
// trials exactly as plexus-cli run archives them; live perturbations from the circuit editor.
#include "LiveDrain.h"
#include "MainWindow.h"
#include "PerturbMenu.h"
#include "RunController.h"
#include "SimulationWorker.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QMenu>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/core/project/TrialSchedule.h>
#include <plexus/core/record/RunArchive.h>
#include <plexus/plugins/BuiltinModels.h>
#include <plexus/widgets/document/Document.h>
#include <plexus/widgets/editor/CircuitScene.h>
#include <plexus/widgets/editor/CircuitView.h>
#include <plexus/widgets/editor/NodeItem.h>
#include <plexus/widgets/live/LiveRecording.h>

using namespace plexus;
using app::RunState;

namespace {

/// The trials example with a simulation.duration_s shorter than its schedule (3 s).
core::ProjectSpec trialsProject() {
    core::ProjectSpec p =
        core::ProjectIo::load(PLEXUS_SOURCE_DIR "/resources/examples/trials_conditions.json");
    p.simulation.durationS = 0.5;
    return p;
}

/// Ten LIF neurons driven by a bias current of 500 pA (about 63 Hz each), for `durationS`.
core::ProjectSpec drivenLif(double durationS) {
    core::ProjectSpec p;
    p.name = "driven";
    p.simulation.dtMs = 0.1;
    p.simulation.durationS = durationS;
    core::PopulationSpec pop;
    pop.name = "L";
    pop.model = "lif_cuba";
    pop.size = 10;
    pop.params["i_e"] = 500.0;
    p.populations.push_back(pop);
    return p;
}

/// Ten LIF neurons (population 0) driven only by a Poisson source S through projection S->L.
core::ProjectSpec poissonDriven(double durationS) {
    core::ProjectSpec p = drivenLif(durationS);
    p.populations[0].params.clear();
    core::StimulusSpec s;
    s.name = "S";
    s.model = "poisson";
    s.size = 100;
    s.params["rate_hz"] = 200.0;
    p.stimuli.push_back(s);
    core::ProjectionSpec proj;
    proj.name = "S->L";
    proj.source = "S";
    proj.target = "L";
    proj.receptor = "exc";
    proj.weight = core::ValueSpec::constant(20.0);
    proj.delayMs = core::ValueSpec::constant(1.0);
    proj.connectivity.rule = "fixed_probability";
    proj.connectivity.params["p"] = 0.5;
    p.projections.push_back(proj);
    return p;
}

/// Spikes of population 0 of @p rec in [fromMs, toMs).
std::size_t spikesIn(const widgets::LiveRecording& rec, double fromMs, double toMs) {
    std::size_t n = 0;
    for (const std::int64_t step : rec.spikeSteps(0)) {
        const double t = static_cast<double>(step) * rec.dtMs();
        n += t >= fromMs && t < toMs ? 1 : 0;
    }
    return n;
}

} // namespace

class TestLiveProtocol : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void windowRunFollowsTheProtocol();
    void liveSilenceSilencesItsWindow();
    void liveWeightChangeSurvivesARebuild();
    void perturbNeedsARun();
    void rightClickOffersPerturbNow();
};

void TestLiveProtocol::windowRunFollowsTheProtocol() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const core::ProjectSpec project = trialsProject();
    const QString file = dir.filePath(QStringLiteral("trials.json"));
    core::ProjectIo::save(project, file.toStdString());
    const double lengthS = core::TrialSchedule::runLengthS(project);
    QCOMPARE(lengthS, 3.0); // 10 trials of 200 ms + 100 ms ITI, not duration_s

    app::MainWindow window;
    window.document()->setProject(project);
    app::RunController& run = *window.runController();
    QVERIFY(run.run());
    QVERIFY(run.waitUntilDone(240000));
    QCOMPARE(run.status().state, RunState::Finished);
    QCOMPARE(run.status().durationMs, lengthS * 1e3);
    QCOMPARE(run.status().timeMs, lengthS * 1e3);
    QCOMPARE(run.recording().trials().size(), std::size_t{10});

    const QString windowArchive = dir.filePath(QStringLiteral("window.h5"));
    QString error;
    QVERIFY2(window.exportRun(windowArchive, &error), qPrintable(error));
    const core::RunRecord fromWindow = core::RunArchive::read(windowArchive.toStdString());

    const QString cliArchive = dir.filePath(QStringLiteral("cli.h5"));
    QProcess cli;
    cli.start(QStringLiteral(PLEXUS_CLI),
              {QStringLiteral("run"), file, QStringLiteral("--h5"), cliArchive});
    QVERIFY(cli.waitForFinished(240000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const core::RunRecord fromCli = core::RunArchive::read(cliArchive.toStdString());

    QCOMPARE(fromWindow.durationMs, fromCli.durationMs);
    QCOMPARE(fromWindow.conditionNames, (std::vector<std::string>{"A", "B"}));
    QCOMPARE(fromWindow.conditionNames, fromCli.conditionNames);
    QCOMPARE(fromWindow.trials.size(), std::size_t{10});
    QVERIFY(fromWindow.trials == fromCli.trials);

    // Opened again, the archive shows its trials in the raster.
    QVERIFY2(window.openRun(windowArchive, &error), qPrintable(error));
    QVERIFY(run.recording().trials() == fromCli.trials);
}

void TestLiveProtocol::liveSilenceSilencesItsWindow() {
    core::ModelRegistry registry;
    plugins::registerBuiltinModels(registry);
    app::SimulationWorker worker(registry);
    worker.setProject(drivenLif(0.6));
    worker.setSpeed(1.0); // real time: the run is still going when the perturbation comes
    worker.run();
    QVERIFY(worker.waitFor([](const app::RunStatus& s) { return s.timeMs >= 100.0; },
                           std::chrono::milliseconds(20000)));
    worker.pause();
    QVERIFY(worker.waitFor([](const app::RunStatus& s) { return s.state == RunState::Paused; },
                           std::chrono::milliseconds(5000)));
    core::PerturbationSpec silence;
    silence.kind = "silence";
    silence.target = "L";
    worker.perturb(silence, 200.0);
    worker.setSpeed(0.0);
    worker.run();
    QVERIFY(worker.waitFor([](const app::RunStatus& s) { return s.state == RunState::Finished; },
                           std::chrono::milliseconds(60000)));

    widgets::LiveRecording rec;
    app::LiveDrain drain;
    drain.drain(worker.channels(), rec);
    const auto applied = drain.takePerturbations();
    QCOMPARE(applied.size(), std::size_t{1});
    QCOMPARE(rec.perturbations().size(), std::size_t{1});
    const double start = applied[0].startMs;
    QCOMPARE(applied[0].endMs, start + 200.0);
    QVERIFY(start >= 100.0 && start < 400.0);
    QVERIFY(applied[0].label.find("silence L") != std::string::npos);

    QVERIFY(spikesIn(rec, 0.0, start) > 0);
    QCOMPARE(spikesIn(rec, start, start + 200.0), std::size_t{0});
    QVERIFY(spikesIn(rec, start + 200.0, 600.0) > 0);
}

void TestLiveProtocol::liveWeightChangeSurvivesARebuild() {
    core::ModelRegistry registry;
    plugins::registerBuiltinModels(registry);
    app::SimulationWorker worker(registry);
    core::ProjectSpec project = poissonDriven(0.5);
    worker.setProject(project);
    worker.setSpeed(1.0);
    worker.run();
    QVERIFY(worker.waitFor([](const app::RunStatus& s) { return s.timeMs >= 100.0; },
                           std::chrono::milliseconds(20000)));
    worker.pause();
    QVERIFY(worker.waitFor([](const app::RunStatus& s) { return s.state == RunState::Paused; },
                           std::chrono::milliseconds(5000)));
    // Cut the only input, then edit a parameter: the network is rebuilt with the project's
    // weights, and the cut must be made again on them.
    core::PerturbationSpec cut;
    cut.kind = "scale_weights";
    cut.target = "S->L";
    cut.factor = 0.0;
    worker.perturb(cut, 0.0);
    project.populations[0].params["tau_m"] = 12.0;
    worker.setProject(project);
    worker.setSpeed(0.0);
    worker.run();
    QVERIFY(worker.waitFor([](const app::RunStatus& s) { return s.state == RunState::Finished; },
                           std::chrono::milliseconds(60000)));
    QCOMPARE(worker.status().rebuilds, std::uint64_t{1});

    widgets::LiveRecording rec;
    app::LiveDrain drain;
    drain.drain(worker.channels(), rec);
    const auto applied = drain.takePerturbations();
    QCOMPARE(applied.size(), std::size_t{1});
    const double at = applied[0].startMs;
    QCOMPARE(applied[0].endMs, at); // a one-time change
    QVERIFY(spikesIn(rec, 0.0, at) > 0);
    QCOMPARE(spikesIn(rec, at + 50.0, 500.0), std::size_t{0});
}

void TestLiveProtocol::perturbNeedsARun() {
    app::MainWindow window;
    window.document()->setProject(drivenLif(0.2));
    app::RunController& run = *window.runController();
    QVERIFY(!run.canPerturb());
    core::PerturbationSpec silence;
    silence.kind = "silence";
    silence.target = "L";
    QVERIFY(!run.perturbNow(silence, 10.0));

    QMenu menu;
    app::PerturbMenu::addTo(menu, run, window.document()->project(), QStringLiteral("L"), {},
                            &window);
    auto* sub = menu.findChild<QMenu*>(QStringLiteral("perturbMenu"));
    QVERIFY(sub != nullptr);
    QVERIFY(!sub->menuAction()->isEnabled());
    QVERIFY(sub->menuAction()->toolTip().contains(QStringLiteral("Start a run")));
    QCOMPARE(sub->actions().size(), 3); // silence, drive, clamp
    QStringList names;
    for (QAction* a : sub->actions())
        names << a->objectName();
    QCOMPARE(names, (QStringList{QStringLiteral("perturb_silence"), QStringLiteral("perturb_drive"),
                                 QStringLiteral("perturb_clamp")}));

    // Nothing for a name that is no population, stimulus or projection.
    QMenu none;
    app::PerturbMenu::addTo(none, run, window.document()->project(), QStringLiteral("nope"), {},
                            &window);
    QVERIFY(none.isEmpty());
}

void TestLiveProtocol::rightClickOffersPerturbNow() {
    app::MainWindow window;
    window.resize(1280, 800);
    window.show();
    window.document()->setProject(drivenLif(100.0));
    app::RunController& run = *window.runController();
    QVERIFY(run.run());
    QVERIFY(run.worker().waitFor([](const app::RunStatus& s) { return s.timeMs > 5.0; },
                                 std::chrono::milliseconds(20000)));
    run.pause();
    QVERIFY(
        run.worker().waitFor([](const app::RunStatus& s) { return s.state == RunState::Paused; },
                             std::chrono::milliseconds(5000)));
    run.poll();
    QVERIFY(run.canPerturb());

    widgets::CircuitView* view = window.circuitView();
    widgets::NodeItem* node = view->circuitScene()->node(QStringLiteral("L"));
    QVERIFY(node != nullptr);
    view->centerOn(node);
    const QPoint at = view->mapFromScene(node->sceneBoundingRect().center());
    // The menu opens modally: look at it from a timer, then close it.
    QStringList entries;
    bool enabled = false;
    QTimer::singleShot(200, [&] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        if (menu == nullptr)
            return;
        for (QAction* a : menu->actions()) {
            entries << a->text();
            if (a->menu() != nullptr && a->menu()->objectName() == QLatin1String("perturbMenu"))
                enabled = a->isEnabled();
        }
        menu->close();
    });
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, view->viewport()->mapToGlobal(at));
    QApplication::sendEvent(view->viewport(), &event);
    QCOMPARE(entries, QStringList{QObject::tr("Perturb &Now")});
    QVERIFY(enabled);
    QVERIFY(node->isSelected());
    run.stop();
}

QTEST_MAIN(TestLiveProtocol)
#include "TestLiveProtocol.moc"
