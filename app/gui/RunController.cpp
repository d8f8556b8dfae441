#include "RunController.h"

#include "plexus/geometry/placement/ProbePlacement.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QLabel>
#include <QStyle>
#include <QTimer>
#include <limits>
#include <plexus/core/build/ProjectAdvice.h>
#include <plexus/core/plugin/NeuronModel.h>
#include <plexus/core/project/PerturbationSpec.h>
#include <plexus/core/record/RunRecord.h>
#include <plexus/geometry/probes/ElectrodeArray.h>
#include <plexus/widgets/document/Document.h>
#include <plexus/widgets/live/LivePlotPanel.h>
#include <plexus/widgets/live/LiveRunRecord.h>

namespace plexus::app {

namespace {

constexpr int kPollIntervalMs = 33;  ///< 30 Hz
constexpr int kProbeIntervalMs = 10; ///< latency probe

/// "12.3 s", "850 ms".
QString formatTime(double ms) {
    return ms >= 1000.0 ? QStringLiteral("%1 s").arg(ms * 1e-3, 0, 'f', 2)
                        : QStringLiteral("%1 ms").arg(ms, 0, 'f', 0);
}

/// "1.2 M", "45 k".
QString formatCount(double value) {
    if (value >= 1e6)
        return QStringLiteral("%1 M").arg(value * 1e-6, 0, 'f', 2);
    if (value >= 1e3)
        return QStringLiteral("%1 k").arg(value * 1e-3, 0, 'f', 1);
    return QString::number(value, 'f', 0);
}

} // namespace

RunController::RunController(const core::ModelRegistry& registry, widgets::Document* document,
                             QObject* parent)
    : QObject(parent)
    , m_registry(registry)
    , m_document(document)
    , m_worker(std::make_unique<SimulationWorker>(registry)) {
    QStyle* s = QApplication::style();
    auto make = [this](const QIcon& icon, const QString& text, const QKeySequence& key,
                       const QString& tip, const char* name) {
        auto* action = new QAction(icon, text, this);
        action->setObjectName(QString::fromLatin1(name));
        action->setShortcut(key);
        action->setStatusTip(tip);
        action->setToolTip(key.isEmpty() ? text
                                         : QStringLiteral("%1 (%2)").arg(text).arg(
                                               key.toString(QKeySequence::NativeText)));
        return action;
    };
    m_run = make(s->standardIcon(QStyle::SP_MediaPlay), tr("&Run"), QKeySequence(Qt::Key_F5),
                 tr("Run the project live (or resume)"), "runAction");
    m_pause = make(s->standardIcon(QStyle::SP_MediaPause), tr("&Pause"), QKeySequence(Qt::Key_F6),
                   tr("Pause the run"), "pauseAction");
    m_step = make(s->standardIcon(QStyle::SP_MediaSeekForward), tr("S&tep"),
                  QKeySequence(Qt::Key_F10), tr("Advance one chunk, then pause"), "stepAction");
    m_stop =
        make(s->standardIcon(QStyle::SP_MediaStop), tr("&Stop"),
             QKeySequence(Qt::SHIFT | Qt::Key_F5), tr("End the run; the data stays"), "stopAction");
    m_reset = make(s->standardIcon(QStyle::SP_MediaSkipBackward), tr("R&eset"),
                   QKeySequence(Qt::CTRL | Qt::Key_F5), tr("Discard the run and go back to t = 0"),
                   "resetAction");
    m_trace = make(
        QIcon(), tr("&Trace Selected Population"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T),
        tr("Add the membrane trace of the next neuron of each selected population"), "traceAction");
    connect(m_run, &QAction::triggered, this, &RunController::run);
    connect(m_pause, &QAction::triggered, this, &RunController::pause);
    connect(m_step, &QAction::triggered, this, &RunController::step);
    connect(m_stop, &QAction::triggered, this, &RunController::stop);
    connect(m_reset, &QAction::triggered, this, &RunController::reset);
    connect(m_trace, &QAction::triggered, this, &RunController::traceSelection);

    m_speed = new QComboBox;
    m_speed->setObjectName(QStringLiteral("speedBox"));
    m_speed->setToolTip(tr("Simulation speed cap, as a multiple of real time"));
    for (const double f : {0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0})
        m_speed->addItem(QStringLiteral("\u00d7%1").arg(f), f);
    m_speed->addItem(tr("Max speed"), 0.0);
    m_speed->setCurrentIndex(m_speed->count() - 1);
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this](int index) { setSpeed(m_speed->itemData(index).toDouble()); });

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("runStatus"));
    m_status->setTextFormat(Qt::PlainText);

    m_panel = new widgets::LivePlotPanel;
    m_panel->setObjectName(QStringLiteral("livePlots"));
    m_panel->setRecording(&m_recording);
    connect(m_panel, &widgets::LivePlotPanel::neuronPicked, this,
            [this](std::size_t population, std::int32_t neuron) {
                addTraceIndex(population, neuron, {});
            });

    connect(m_document, &widgets::Document::changed, this, [this] {
        if (m_last.state == RunState::Running || m_last.state == RunState::Paused)
            pushProject();
    });
    connect(m_document, &widgets::Document::projectReset, this, [this] { reset(); });

    m_pollTimer = new QTimer(this);
    m_pollTimer->setInterval(kPollIntervalMs);
    m_pollTimer->setTimerType(Qt::PreciseTimer);
    connect(m_pollTimer, &QTimer::timeout, this, &RunController::poll);
    m_pollTimer->start();

    m_probeTimer = new QTimer(this);
    m_probeTimer->setInterval(kProbeIntervalMs);
    m_probeTimer->setTimerType(Qt::PreciseTimer);
    connect(m_probeTimer, &QTimer::timeout, this, &RunController::probe);
    m_probeClock.start();
    m_probeTimer->start();

    updateActions();
    updateStatusText();
}

RunController::~RunController() = default;

void RunController::pushProject() {
    const QString origin =
        m_document->filePath().isEmpty() ? m_document->displayName() : m_document->filePath();
    m_worker->setProject(m_document->project(), origin.toStdString());
}

void RunController::setRunCheck(std::function<QString()> check) {
    m_runCheck = std::move(check);
}

bool RunController::checkBeforeRun(bool starting) {
    QStringList problems;
    if (m_runCheck) {
        const QString problem = m_runCheck();
        if (!problem.isEmpty())
            problems << problem;
    }
    if (starting)
        for (const core::ProjectAdvice::Item& item :
             core::ProjectAdvice::check(m_document->project()))
            if (item.kind == core::ProjectAdvice::Kind::EmptyProject)
                problems << QString::fromStdString(item.message);
    if (problems.isEmpty())
        return true;
    Q_EMIT advice(problems, true);
    return false;
}

bool RunController::run() {
    const bool starting = m_last.state != RunState::Running && m_last.state != RunState::Paused;
    if (!checkBeforeRun(starting))
        return false;
    if (starting)
        pushProject();
    m_worker->run();
    return true;
}

void RunController::pause() {
    m_worker->pause();
}

void RunController::step() {
    const bool starting = m_last.state != RunState::Paused;
    if (!checkBeforeRun(starting))
        return;
    if (starting)
        pushProject();
    m_worker->step();
}

void RunController::stop() {
    m_worker->stop();
}

void RunController::reset() {
    m_worker->reset();
    m_nextTraceNeuron.clear();
}

void RunController::setSpeed(double factor) {
    m_worker->setSpeed(factor);
}

bool RunController::runFor(double seconds) {
    m_worker->setStopAtMs(seconds * 1e3);
    return run();
}

bool RunController::waitUntilDone(int timeoutMs) {
    // Done means: every command posted so far (a reset, the project, run) has been applied and
    // the run they started has ended. A state left over from an earlier run does not count.
    const std::uint64_t posted = m_worker->commandsPosted();
    auto done = [posted](const RunStatus& s) {
        return s.commandsApplied >= posted &&
               (s.state == RunState::Finished || s.state == RunState::Failed);
    };
    if (!done(m_worker->status())) {
        // The poll timer keeps draining and redrawing at its own pace meanwhile.
        QEventLoop loop;
        QTimer check;
        check.setInterval(10);
        connect(&check, &QTimer::timeout, &loop, [&] {
            if (done(m_worker->status()))
                loop.quit();
        });
        QTimer timeout;
        timeout.setSingleShot(true);
        connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        check.start();
        if (timeoutMs >= 0 && timeoutMs < std::numeric_limits<int>::max())
            timeout.start(timeoutMs);
        loop.exec();
    }
    poll();
    return done(m_last);
}

void RunController::showRecordedRun(const core::RunRecord& record, const QString& source) {
    widgets::LiveRunRecord::toRecording(record, m_recording);
    // The live session is reset; until a new one starts, polls leave the recorded run alone.
    m_recordedOver = m_worker->channels();
    m_recordedSource = source;
    m_worker->reset();
    m_nextTraceNeuron.clear();
    m_panel->refresh();
    updateStatusText();
}

void RunController::poll() {
    QElapsedTimer timer;
    timer.start();
    const RunStatus s = m_worker->status();
    const std::shared_ptr<LiveChannels> channels = m_worker->channels();
    if (!m_recordedSource.isEmpty() && channels != nullptr && channels != m_recordedOver) {
        m_recordedSource.clear(); // a new run replaces the recorded one
        m_recordedOver.reset();
    }
    const bool changed = m_recordedSource.isEmpty() && m_drain.drain(channels, m_recording);
    if (changed)
        m_panel->refresh();
    const RunState before = m_last.state;
    m_last = s;
    // The state first: what comes with it belongs to the new state.
    if (before != s.state) {
        updateActions();
        Q_EMIT stateChanged(s.state);
    }
    if (s.message != m_lastMessage) {
        m_lastMessage = s.message;
        const bool ended = s.state == RunState::Finished || s.state == RunState::Failed;
        const bool refused = s.message.rfind("perturbation not applied", 0) == 0;
        if (!s.message.empty())
            Q_EMIT message(QString::fromStdString(s.message),
                           s.state == RunState::Failed || refused, ended && before != s.state);
    }
    for (const LiveChannels::Perturbation& p : m_drain.takePerturbations())
        Q_EMIT message(tr("Perturbation at t = %1: %2.")
                           .arg(formatTime(p.startMs), QString::fromStdString(p.label)),
                       false, false);
    updateStatusText();
    adviseIfSilent();
    if (changed)
        m_pollTimes.push_back(static_cast<double>(timer.nsecsElapsed()) * 1e-6);
}

void RunController::adviseIfSilent() {
    // Once per run: after a little simulated time, or when the run stopped before that.
    const RunStatus& s = m_last;
    if (s.session == 0 || s.session == m_advisedSession || !m_recordedSource.isEmpty())
        return;
    if (s.state == RunState::Idle || s.state == RunState::Failed)
        return;
    if (s.state == RunState::Running && s.timeMs < std::min(adviceAfterMs, s.durationMs))
        return;
    if (m_recording.populationCount() == 0)
        return;
    m_advisedSession = s.session;
    core::ProjectAdvice::SpikeCounts spikes;
    for (std::size_t p = 0; p < m_recording.populationCount(); ++p)
        spikes[m_recording.population(p).name] = m_recording.spikeSteps(p).size();
    QStringList items;
    for (const core::ProjectAdvice::Item& item :
         core::ProjectAdvice::check(m_document->project(), &spikes))
        items << QString::fromStdString(item.message);
    if (!items.isEmpty())
        Q_EMIT advice(items, false);
}

void RunController::probe() {
    const qint64 now = m_probeClock.nsecsElapsed();
    if (m_probeLastNs >= 0) {
        const double late = static_cast<double>(now - m_probeLastNs) * 1e-6 - kProbeIntervalMs;
        m_latency.push_back(std::max(0.0, late));
    }
    m_probeLastNs = now;
}

void RunController::clearMeasurements() {
    m_latency.clear();
    m_pollTimes.clear();
    m_probeLastNs = -1;
}

void RunController::updateActions() {
    const RunState st = m_last.state;
    m_run->setEnabled(st != RunState::Running);
    m_run->setText(st == RunState::Paused ? tr("&Resume") : tr("&Run"));
    m_pause->setEnabled(st == RunState::Running);
    m_step->setEnabled(st != RunState::Running);
    m_stop->setEnabled(st == RunState::Running || st == RunState::Paused);
    m_reset->setEnabled(st != RunState::Idle);
    m_trace->setEnabled(st == RunState::Running || st == RunState::Paused);
}

void RunController::updateStatusText() {
    const RunStatus& s = m_last;
    if (!m_recordedSource.isEmpty() && s.state == RunState::Idle) {
        m_status->setText(tr("recorded run %1  t = %2")
                              .arg(QFileInfo(m_recordedSource).fileName(),
                                   formatTime(m_recording.currentTimeMs())));
        return;
    }
    QString text = QString::fromLatin1(runStateName(s.state));
    if (s.state != RunState::Idle) {
        text += QStringLiteral("  t = %1 / %2").arg(formatTime(s.timeMs), formatTime(s.durationMs));
        if (s.state == RunState::Running)
            text += QStringLiteral("  \u00d7%1 real time  %2 spikes/s")
                        .arg(s.realTimeFactor, 0, 'f', s.realTimeFactor < 1.0 ? 2 : 1)
                        .arg(formatCount(s.spikesPerSecond));
    }
    if (s.dropped > 0)
        text += QStringLiteral("  dropped %1").arg(formatCount(static_cast<double>(s.dropped)));
    if (s.state == RunState::Failed && !s.message.empty())
        text += QStringLiteral("  \u2014 %1").arg(QString::fromStdString(s.message));
    m_status->setText(text);
}

void RunController::setSelectedPopulations(const QStringList& names) {
    m_selected = names;
}

void RunController::traceSelection() {
    for (const QString& name : std::as_const(m_selected))
        addTrace(name, -1);
}

void RunController::setRecordingContacts(const std::vector<geometry::ElectrodeArray>& electrodes,
                                         const geometry::CortexPlacement* placement) {
    setRecordingProbe(geometry::ProbePlacement::fromElectrodes(electrodes, placement));
}

void RunController::setRecordingProbe(const geometry::RecordingProbe& probe) {
    m_worker->setRecordingProbe(probe);
}

void RunController::addTrace(const QString& population, int neuron, const QString& variable) {
    const auto channels = m_worker->channels();
    if (!channels)
        return;
    const auto& pops = channels->populations();
    for (std::size_t p = 0; p < pops.size(); ++p)
        if (pops[p].name == population.toStdString()) {
            addTraceIndex(p, neuron, variable);
            return;
        }
}

void RunController::traceFirstNeurons(int count) {
    QDeadlineTimer started(10000);
    while (!m_worker->channels() && !started.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const auto channels = m_worker->channels();
    if (!channels)
        return;
    const auto& pops = channels->populations();
    for (std::size_t p = 0; p < pops.size(); ++p)
        if (!pops[p].isStimulus) {
            for (int n = 0; n < count && n < static_cast<int>(pops[p].size); ++n)
                addTraceIndex(p, n, {});
            return;
        }
}

bool RunController::canPerturb() const {
    return m_recordedSource.isEmpty() &&
           (m_last.state == RunState::Running || m_last.state == RunState::Paused);
}

bool RunController::perturbNow(const core::PerturbationSpec& perturbation, double durationMs) {
    if (!canPerturb())
        return false;
    m_worker->perturb(perturbation, durationMs);
    return true;
}

QStringList RunController::stateVariables(const QString& population) const {
    QStringList names;
    const core::PopulationSpec* spec =
        m_document->project().findPopulation(population.toStdString());
    const core::NeuronModel* model = spec ? m_registry.neuronModel(spec->model) : nullptr;
    if (model != nullptr)
        for (const auto& variable : model->info().stateVariables)
            names << QString::fromStdString(variable.key);
    return names;
}

void RunController::addTraceIndex(std::size_t population, int neuron, const QString& variable) {
    const auto channels = m_worker->channels();
    if (!channels || population >= channels->populations().size())
        return;
    const auto& pop = channels->populations()[population];
    if (pop.isStimulus)
        return;
    if (m_nextTraceNeuron.size() <= population)
        m_nextTraceNeuron.resize(population + 1, 0);
    if (neuron < 0)
        neuron =
            m_nextTraceNeuron[population]++ % static_cast<int>(std::max<std::size_t>(1, pop.size));
    std::string var = variable.toStdString();
    if (var.empty()) {
        const core::PopulationSpec* spec = m_document->project().findPopulation(pop.name);
        const core::NeuronModel* model = spec ? m_registry.neuronModel(spec->model) : nullptr;
        if (!model || model->info().stateVariables.empty())
            return;
        var = model->info().stateVariables.front().key;
    }
    m_worker->addTrace(population, neuron, var);
}

} // namespace plexus::app
