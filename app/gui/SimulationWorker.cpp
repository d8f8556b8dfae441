#include "SimulationWorker.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/build/NetworkBuilder.h"
#include "plexus/core/engine/NetworkStateTransfer.h"
#include "plexus/core/project/TrialSchedule.h"
#include "plexus/geometry/probes/ContactTracks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <new>

namespace plexus::app {

namespace {

using Clock = std::chrono::steady_clock;

constexpr double kChunkWallSeconds = 0.010; ///< wall time a chunk aims for
constexpr std::int64_t kMaxChunkSteps = 20000;
constexpr std::size_t kSpikeCapacity = 1 << 20;
constexpr auto kWeightInterval = std::chrono::milliseconds(200);
constexpr std::size_t kContactCapacity = 1 << 18; ///< contact bins in flight
/// Keys of live perturbations (their random subsets and lesions) start here, apart from the
/// protocol's (which use the perturbation's index).
constexpr std::uint64_t kLivePerturbationKey = std::uint64_t{1} << 32;

/// True when @p a and @p b record the same contacts over the same neurons.
bool sameProbe(const geometry::RecordingProbe* a, const geometry::RecordingProbe* b) {
    const bool emptyA = a == nullptr || a->empty();
    const bool emptyB = b == nullptr || b->empty();
    if (emptyA || emptyB)
        return emptyA == emptyB;
    if (a->contactNames != b->contactNames || a->contactsMm != b->contactsMm ||
        a->populations.size() != b->populations.size())
        return false;
    for (std::size_t p = 0; p < a->populations.size(); ++p)
        if (a->populations[p].name != b->populations[p].name ||
            a->populations[p].neuronsMm.rows() != b->populations[p].neuronsMm.rows() ||
            a->populations[p].neuronsMm != b->populations[p].neuronsMm)
            return false;
    return true;
}

/// "0.5" for 0.5, "2" for 2.
std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

/// One line for the log: "silence 50% of E for 200 ms", "scale weights of E->I x 0.5", ...
std::string describe(const core::PerturbationSpec& p, double durationMs) {
    std::string subset = p.target;
    if (p.fraction && p.actsOnNeurons())
        subset = number(*p.fraction * 100.0) + "% of " + p.target;
    const std::string lasting = " for " + number(durationMs) + " ms";
    if (p.kind == "silence")
        return "silence " + subset + lasting;
    if (p.kind == "drive")
        return "drive " + subset + " with " + number(p.amplitude) + lasting;
    if (p.kind == "clamp")
        return "clamp " + p.variable + " of " + subset + " at " + number(p.value) + lasting;
    if (p.kind == "scale_weights")
        return "scale the weights of " + p.target + " by " + number(p.factor);
    if (p.kind == "lesion")
        return "lesion " + number(p.fraction.value_or(0.0) * 100.0) + "% of the synapses of " +
               p.target;
    return p.kind + " " + p.target;
}

double seconds(Clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

/// "1.250 s" for a simulated time in ms.
std::string formatSeconds(double ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f s", ms * 1e-3);
    return text;
}

/// A project with everything that does not change the simulation cleared (editor layout,
/// descriptions, unknown members).
core::ProjectSpec simulated(core::ProjectSpec p) {
    p.name.clear();
    p.description.clear();
    p.extra = nullptr;
    p.formatVersion = 0;
    for (auto& x : p.populations)
        x.extra = nullptr;
    for (auto& x : p.stimuli)
        x.extra = nullptr;
    for (auto& x : p.projections)
        x.extra = nullptr;
    p.recorders.clear();
    p.simulation.durationS = 0.0;
    return p;
}

/// The parts of a project whose change is structural: what exists and how it is wired.
core::ProjectSpec structure(core::ProjectSpec p) {
    p = simulated(std::move(p));
    for (auto& x : p.populations) {
        x.params.clear();
        x.initial.clear();
    }
    for (auto& x : p.stimuli) {
        x.params.clear();
        x.times.clear();
        x.indices.clear();
        x.file.clear();
    }
    for (auto& x : p.projections) {
        x.weight = core::ValueSpec::constant(0.0);
        x.delayMs = core::ValueSpec::constant(0.0);
        x.synapseParams.clear();
    }
    return p;
}

} // namespace

SimulationWorker::SimulationWorker(const core::ModelRegistry& registry)
    : m_registry(registry) {
    m_thread = std::thread([this] { threadMain(); });
}

SimulationWorker::~SimulationWorker() {
    post(Command(CommandType::Quit), true);
    m_thread.join();
}

void SimulationWorker::setProject(const core::ProjectSpec& project, const std::string& origin) {
    Command c(CommandType::Project);
    c.project = std::make_shared<core::ProjectSpec>(project);
    c.origin = origin;
    post(std::move(c), false);
}

void SimulationWorker::run() {
    post(Command(CommandType::Run), false);
}

void SimulationWorker::pause() {
    post(Command(CommandType::Pause), true);
}

void SimulationWorker::step() {
    post(Command(CommandType::Step), false);
}

void SimulationWorker::stop() {
    post(Command(CommandType::Stop), true);
}

void SimulationWorker::reset() {
    post(Command(CommandType::Reset), true);
}

void SimulationWorker::setSpeed(double factor) {
    Command c(CommandType::Speed);
    c.value = factor;
    post(std::move(c), false);
}

void SimulationWorker::setStopAtMs(double ms) {
    Command c(CommandType::StopAt);
    c.value = ms;
    post(std::move(c), false);
}

void SimulationWorker::addTrace(std::size_t population, std::int32_t neuron,
                                const std::string& variable) {
    Command c(CommandType::Trace);
    c.population = population;
    c.neuron = neuron;
    c.variable = variable;
    post(std::move(c), false);
}

void SimulationWorker::perturb(const core::PerturbationSpec& perturbation, double durationMs) {
    Command c(CommandType::Perturb);
    c.perturbation = std::make_shared<const core::PerturbationSpec>(perturbation);
    c.value = durationMs;
    post(std::move(c), false);
}

void SimulationWorker::setRecordingProbe(const geometry::RecordingProbe& probe) {
    Command c(CommandType::Probe);
    c.probe = std::make_shared<const geometry::RecordingProbe>(probe);
    post(std::move(c), false);
}

RunStatus SimulationWorker::status() const {
    std::lock_guard lock(m_statusMutex);
    return m_status;
}

std::shared_ptr<LiveChannels> SimulationWorker::channels() const {
    std::lock_guard lock(m_statusMutex);
    return m_channels;
}

std::uint64_t SimulationWorker::commandsPosted() const {
    std::lock_guard lock(m_queueMutex);
    return m_commandsPosted;
}

void SimulationWorker::post(Command command, bool cancelChunk) {
    {
        std::lock_guard lock(m_queueMutex);
        command.sequence = ++m_commandsPosted;
        m_queue.push_back(std::move(command));
    }
    m_queueChanged.notify_one();
    if (cancelChunk) {
        std::lock_guard lock(m_simMutex);
        if (m_simulator)
            m_simulator->requestCancel();
    }
}

void SimulationWorker::threadMain() {
    std::vector<Command> commands;
    for (;;) {
        {
            std::unique_lock lock(m_queueMutex);
            if (m_state != RunState::Running)
                m_queueChanged.wait(lock, [&] { return !m_queue.empty(); });
            else
                throttle(lock);
            commands.assign(std::make_move_iterator(m_queue.begin()),
                            std::make_move_iterator(m_queue.end()));
            m_queue.clear();
        }
        for (Command& c : commands) {
            if (c.type == CommandType::Quit) {
                std::lock_guard lock(m_simMutex);
                m_recorder.reset();
                m_simulator.reset();
                m_network.reset();
                return;
            }
            apply(c);
        }
        if (!commands.empty()) {
            std::lock_guard lock(m_statusMutex);
            m_status.commandsApplied = commands.back().sequence;
            m_statusChanged.notify_all();
        }
        if (m_state == RunState::Running)
            runChunk();
    }
}

void SimulationWorker::throttle(std::unique_lock<std::mutex>& lock) {
    if (m_speed <= 0.0 || !m_network)
        return;
    // Hold simulated time at `speed` x wall time since the pace clock started.
    const double simulatedS =
        static_cast<double>(m_simulator->currentStep() - m_paceStep) * m_network->dtMs * 1e-3;
    const auto due = m_paceStart + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(simulatedS / m_speed));
    if (due > Clock::now())
        m_queueChanged.wait_until(lock, due, [&] { return !m_queue.empty(); });
}

void SimulationWorker::apply(Command& c) {
    switch (c.type) {
    case CommandType::Project:
        applyProject(std::move(c.project), std::move(c.origin));
        break;
    case CommandType::Run:
        if (m_state == RunState::Running)
            break;
        if (m_state == RunState::Paused && m_network) {
            m_paceStep = m_simulator->currentStep();
            m_paceStart = Clock::now();
            m_marks.clear();
            setState(RunState::Running);
        } else if (start()) {
            setState(RunState::Running);
        }
        break;
    case CommandType::Step:
        if (m_state == RunState::Running)
            break;
        if ((m_state == RunState::Paused && m_network) || start()) {
            setState(RunState::Running);
            m_pauseAfterChunk = true;
        }
        break;
    case CommandType::Pause:
        if (m_state == RunState::Running)
            setState(RunState::Paused);
        break;
    case CommandType::Stop:
        if (m_state == RunState::Running || m_state == RunState::Paused)
            setState(RunState::Finished, "stopped at " + formatSeconds(m_simulator->timeMs()));
        break;
    case CommandType::Reset: {
        {
            std::lock_guard lock(m_simMutex);
            m_recorder.reset();
            m_simulator.reset();
            m_network.reset();
        }
        {
            std::lock_guard lock(m_statusMutex);
            m_channels.reset();
            m_status.session = ++m_session;
        }
        m_spikes = 0;
        m_loopSeconds = 0.0;
        m_publishSeconds = 0.0;
        m_rebuilds = 0;
        m_livePerturbations.clear();
        setState(RunState::Idle);
        break;
    }
    case CommandType::Speed:
        m_speed = std::clamp(c.value, 0.0, 1000.0);
        if (m_simulator)
            m_paceStep = m_simulator->currentStep();
        m_paceStart = Clock::now();
        break;
    case CommandType::StopAt:
        m_stopAtMs = std::max(0.0, c.value);
        break;
    case CommandType::Trace: {
        if (!m_network || !m_channels)
            break;
        if (c.population >= m_network->populations.size())
            break;
        const core::Population& pop = m_network->populations[c.population];
        const auto index = pop.info->stateIndex(c.variable);
        if (!index || c.neuron < 0 || static_cast<std::size_t>(c.neuron) >= pop.size ||
            m_channels->findTrace(c.population, c.neuron, c.variable) >= 0)
            break;
        const int k = m_channels->addTrace(
            {c.population, c.neuron, c.variable, pop.info->stateVariables[*index].unit});
        if (k >= 0)
            attachTrace(*m_network, static_cast<std::size_t>(k), m_simulator->currentStep());
        break;
    }
    case CommandType::Probe:
        applyProbe(std::move(c.probe));
        break;
    case CommandType::Perturb:
        if (c.perturbation)
            applyPerturbation(*c.perturbation, c.value);
        break;
    case CommandType::Quit:
        break;
    }
}

void SimulationWorker::applyPerturbation(core::PerturbationSpec spec, double durationMs) {
    if (!m_network || !m_channels ||
        (m_state != RunState::Running && m_state != RunState::Paused)) {
        m_message = "perturbation not applied: no run is going";
        updateStatus();
        return;
    }
    const double now = m_simulator->timeMs();
    spec.startMs = now;
    spec.condition.clear();
    if (spec.actsOnNeurons()) {
        if (!(durationMs > 0.0) || !std::isfinite(durationMs)) {
            m_message = "perturbation not applied: the duration must be > 0 ms";
            updateStatus();
            return;
        }
        spec.endMs = now + durationMs;
    } else {
        spec.endMs.reset();
    }
    const std::uint64_t key = kLivePerturbationKey + m_livePerturbations.size();
    const std::string where = "live perturbation of \"" + spec.target + "\"";
    try {
        for (core::Intervention& act :
             core::NetworkBuilder::perturbation(spec, *m_network, key, where))
            m_network->interventions.push_back(std::move(act));
    } catch (const std::exception& e) {
        m_message = std::string("perturbation not applied: ") + e.what();
        updateStatus();
        return;
    }
    m_channels->addPerturbation({now, spec.endMs.value_or(now), describe(spec, durationMs)});
    m_livePerturbations.emplace_back(std::move(spec), key);
    updateStatus();
}

void SimulationWorker::reapplyPerturbations(core::Network& network, double nowMs) {
    for (const auto& [applied, key] : m_livePerturbations) {
        core::PerturbationSpec spec = applied;
        if (spec.actsOnNeurons()) {
            if (spec.endMs && *spec.endMs <= nowMs)
                continue; // over
        } else {
            // Learned weights carry over (NetworkStateTransfer) with the change in them; static
            // weights come fresh from the project: change them again, now.
            const bool plastic = std::any_of(network.projections.begin(), network.projections.end(),
                                             [&](const core::Projection& proj) {
                                                 return proj.name == spec.target && proj.dynamics;
                                             });
            if (plastic)
                continue;
            spec.startMs = nowMs;
        }
        try {
            for (core::Intervention& act : core::NetworkBuilder::perturbation(
                     spec, network, key, "live perturbation of \"" + spec.target + "\""))
                network.interventions.push_back(std::move(act));
        } catch (const std::exception&) {
            // Its target is gone (a structural edit): nothing left to perturb.
        }
    }
}

double SimulationWorker::runLengthS() const {
    if (m_stopAtMs > 0.0)
        return m_stopAtMs * 1e-3;
    try {
        return core::TrialSchedule::runLengthS(*m_project); // a protocol runs its schedule
    } catch (const std::exception&) {
        return m_project->simulation.durationS; // the build reports the protocol's problem
    }
}

void SimulationWorker::applyProbe(std::shared_ptr<const geometry::RecordingProbe> probe) {
    if (sameProbe(m_probe.get(), probe.get()))
        return;
    m_probe = std::move(probe);
    // A finished or failed run keeps what it recorded; the probe applies from the next start.
    if (!m_network || !m_channels || m_state == RunState::Finished || m_state == RunState::Failed)
        return;
    // Everything recorded so far was published after the last chunk: swap the recorder.
    const auto owned = [](const auto& rec) {
        return geometry::VirtualRecorder::ownsRecorder(rec.name);
    };
    std::erase_if(m_network->stateRecorders, owned);
    std::erase_if(m_network->spikeRecorders, owned);
    m_recorder = makeRecorder(*m_network, m_simulator->currentStep(), nullptr);
    publishContacts();
    updateStatus();
}

std::unique_ptr<geometry::VirtualRecorder>
SimulationWorker::makeRecorder(core::Network& network, std::int64_t step,
                               const geometry::VirtualRecorder* previous) {
    if (!m_probe || m_probe->empty())
        return nullptr;
    try {
        auto recorder =
            std::make_unique<geometry::VirtualRecorder>(network, *m_probe, m_project.get());
        if (previous != nullptr)
            recorder->continueFrom(*previous);
        recorder->attach(network, step);
        return recorder;
    } catch (const std::exception& e) {
        m_message = std::string("virtual recordings off: ") + e.what();
        return nullptr;
    }
}

void SimulationWorker::publishContacts() {
    if (!m_channels)
        return;
    if (!m_recorder) {
        m_channels->setContacts(nullptr);
        return;
    }
    std::vector<std::string> names;
    for (Eigen::Index c = 0; c < m_recorder->contactCount(); ++c)
        names.push_back(m_probe->contactName(c));
    m_channels->setContacts(std::make_shared<LiveChannels::ContactSet>(
        ++m_contactSetId, std::move(names), m_recorder->binSteps(), kContactCapacity));
}

void SimulationWorker::publishContactBins(std::int64_t step) {
    geometry::VirtualRecorder& rec = *m_recorder;
    rec.collect(*m_network, step);
    const std::shared_ptr<LiveChannels::ContactSet> set = m_channels->contacts();
    if (set && set->id == m_contactSetId)
        for (const geometry::ContactTracks::Bin& bin : geometry::ContactTracks::completeBins(rec))
            set->bins.push({bin.bin, bin.contact, bin.units, bin.lfpUv});
    rec.discardResults();
}

void SimulationWorker::applyProject(std::shared_ptr<core::ProjectSpec> project,
                                    std::string origin) {
    const std::shared_ptr<core::ProjectSpec> previous = m_project;
    m_project = std::move(project);
    m_origin = std::move(origin);
    if (!m_network || m_state == RunState::Finished || m_state == RunState::Failed)
        return; // takes effect at the next start
    if (previous && simulated(*previous) == simulated(*m_project))
        return; // nothing the simulation sees changed (layout, names of things, ...)
    const bool structural = !previous || structure(*previous) != structure(*m_project);
    if (previous && previous->simulation.dtMs != m_project->simulation.dtMs) {
        // A new time step cannot continue the old run: start over.
        Command reset(CommandType::Reset);
        apply(reset);
        return;
    }
    std::unique_ptr<core::Network> rebuilt;
    try {
        rebuilt = buildLive(*m_project);
    } catch (const std::exception& e) {
        m_message = std::string("edit not applied: ") + e.what();
        updateStatus();
        return;
    }
    const std::int64_t step = m_simulator->currentStep();
    core::NetworkStateTransfer::transfer(*m_network, *rebuilt, step);
    reapplyPerturbations(*rebuilt, m_simulator->timeMs());
    const bool same = sameSession(*rebuilt);
    if (!same)
        startSession(*rebuilt);
    else
        m_channels->setProtocol(rebuilt->trials, rebuilt->conditionNames);
    // Rate bins continue from the partial bin of the old network.
    for (std::size_t r = 0; r < rebuilt->rateRecorders.size(); ++r) {
        auto& rec = rebuilt->rateRecorders[r];
        rec.binOffset = step / rec.binSteps;
        if (same && r < m_network->rateRecorders.size()) {
            const auto& old = m_network->rateRecorders[r];
            const auto index = static_cast<std::size_t>(rec.binOffset - old.binOffset);
            rec.counts.assign(1, index < old.counts.size() ? old.counts[index] : 0);
        }
    }
    if (same)
        for (std::size_t k = 0; k < m_channels->traceCount(); ++k)
            attachTrace(*rebuilt, k, step);
    // Virtual recordings continue (the open MUA bin carries over) in the same session.
    auto recorder = makeRecorder(*rebuilt, step, same ? m_recorder.get() : nullptr);
    const bool contactsChanged =
        !same || static_cast<bool>(recorder) != static_cast<bool>(m_recorder);
    auto simulator = std::make_unique<core::Simulator>(*rebuilt);
    simulator->continueFrom(*m_simulator);
    {
        std::lock_guard lock(m_simMutex);
        m_recorder = std::move(recorder);
        m_simulator = std::move(simulator);
        m_network = std::move(rebuilt);
    }
    if (contactsChanged)
        publishContacts();
    m_channels->setStep(step);
    ++m_rebuilds;
    m_message = structural ? "structural edit: network rebuilt, paused" : "edit applied";
    if (structural && m_state == RunState::Running)
        setState(RunState::Paused, m_message);
    else
        updateStatus();
}

std::unique_ptr<core::Network> SimulationWorker::buildLive(const core::ProjectSpec& project) {
    core::ProjectSpec spec = project;
    spec.recorders.clear();
    core::BuildOptions options;
    options.origin = m_origin;
    auto net = core::NetworkBuilder::build(spec, m_registry, options);
    const auto binSteps = std::max<std::int64_t>(1, std::llround(1.0 / net->dtMs));
    for (std::size_t p = 0; p < net->populations.size(); ++p) {
        net->spikeRecorders.push_back({net->populations[p].name, p, {}, {}});
        core::RateRecorder rate;
        rate.name = net->populations[p].name;
        rate.population = p;
        rate.binSteps = binSteps;
        net->rateRecorders.push_back(std::move(rate));
    }
    return net;
}

void SimulationWorker::attachTrace(core::Network& network, std::size_t trace,
                                   std::int64_t step) const {
    const LiveChannels::Trace& t = m_channels->trace(trace);
    const core::Population& pop = network.populations[t.population];
    core::StateRecorder rec;
    rec.name = pop.name + "[" + std::to_string(t.neuron) + "]." + t.variable;
    rec.population = t.population;
    rec.variableNames = {t.variable};
    rec.variables = {*pop.info->stateIndex(t.variable)};
    rec.neurons = {t.neuron};
    rec.intervalSteps = 1;
    rec.rowOffset = step;
    rec.assignColumns(pop.bounds);
    // Network state recorders and channel traces share indices; the recorders of virtual
    // recordings (if any) come after the traces.
    auto& recorders = network.stateRecorders;
    const auto traces = static_cast<std::size_t>(
        std::find_if(recorders.begin(), recorders.end(),
                     [](const core::StateRecorder& r) {
                         return geometry::VirtualRecorder::ownsRecorder(r.name);
                     }) -
        recorders.begin());
    if (trace < traces) {
        recorders[trace] = std::move(rec);
        return;
    }
    // Traces are added in order, so `trace` is the next slot.
    recorders.insert(recorders.begin() + static_cast<std::ptrdiff_t>(traces), std::move(rec));
}

bool SimulationWorker::sameSession(const core::Network& network) const {
    if (!m_channels)
        return false;
    const auto& pops = m_channels->populations();
    if (pops.size() != network.populations.size())
        return false;
    for (std::size_t p = 0; p < pops.size(); ++p)
        if (pops[p].name != network.populations[p].name ||
            pops[p].size != network.populations[p].size)
            return false;
    std::vector<std::string> plastic;
    for (const auto& proj : network.projections)
        if (proj.dynamics)
            plastic.push_back(proj.name);
    return plastic == m_channels->plasticProjections();
}

void SimulationWorker::startSession(const core::Network& network) {
    std::vector<LiveChannels::Population> pops;
    for (const auto& pop : network.populations)
        pops.push_back({pop.name, pop.size, pop.isStimulus});
    std::vector<std::string> plastic;
    for (const auto& proj : network.projections)
        if (proj.dynamics)
            plastic.push_back(proj.name);
    const std::int64_t binSteps =
        network.rateRecorders.empty() ? 10 : network.rateRecorders.front().binSteps;
    auto channels = std::make_shared<LiveChannels>(std::move(pops), std::move(plastic),
                                                   network.dtMs, binSteps, kSpikeCapacity);
    channels->setProtocol(network.trials, network.conditionNames);
    std::lock_guard lock(m_statusMutex);
    m_channels = std::move(channels);
    m_status.session = ++m_session;
}

bool SimulationWorker::start() {
    if (!m_project) {
        fail("no project to run");
        return false;
    }
    std::unique_ptr<core::Network> net;
    try {
        net = buildLive(*m_project);
    } catch (const std::bad_alloc&) {
        fail("out of memory while building the network");
        return false;
    } catch (const std::exception& e) {
        fail(e.what());
        return false;
    }
    // The run length: at least one step and at most SimulationSpec::maxSteps.
    const std::string problem = core::SimulationSpec::durationProblem(runLengthS(), net->dtMs);
    if (!problem.empty()) {
        fail((m_stopAtMs > 0.0 ? std::string("run length")
                               : (m_origin.empty() ? std::string() : m_origin + ": ") +
                                     (m_project->protocol ? "protocol" : "simulation.duration_s")) +
             ": " + problem);
        return false;
    }
    auto simulator = std::make_unique<core::Simulator>(*net);
    startSession(*net);
    auto recorder = makeRecorder(*net, 0, nullptr);
    {
        std::lock_guard lock(m_simMutex);
        m_recorder = std::move(recorder);
        m_simulator = std::move(simulator);
        m_network = std::move(net);
    }
    publishContacts();
    m_spikes = 0;
    m_loopSeconds = 0.0;
    m_publishSeconds = 0.0;
    m_rebuilds = 0;
    m_chunkSteps = 100;
    m_paceStep = 0;
    m_paceStart = Clock::now();
    m_lastWeights = {};
    m_marks.clear();
    m_message.clear();
    m_livePerturbations.clear();
    return true;
}

double SimulationWorker::stopStep() const {
    return static_cast<double>(core::SimulationSpec::stepCount(runLengthS(), m_network->dtMs));
}

void SimulationWorker::runChunk() {
    const auto last = static_cast<std::int64_t>(stopStep());
    std::int64_t steps = std::min(m_chunkSteps, last - m_simulator->currentStep());
    if (m_speed > 0.0) // under a speed cap, chunks of at most 20 ms of wall time keep it smooth
        steps = std::min(steps,
                         std::max<std::int64_t>(1, std::llround(m_speed * 20.0 / m_network->dtMs)));
    if (steps > 0) {
        const auto t0 = Clock::now();
        std::int64_t done = 0;
        std::string failure;
        try {
            done = m_simulator->run(steps);
        } catch (const std::bad_alloc&) {
            failure = "out of memory during the run";
        } catch (const std::exception& e) {
            failure = e.what();
        } catch (...) {
            failure = "unknown error in a model";
        }
        if (!failure.empty()) {
            // What was recorded before the failing step still reaches the views.
            publish();
            fail(failure + " (at t = " + formatSeconds(m_simulator->timeMs()) + ")");
            return;
        }
        const double wall = seconds(Clock::now() - t0);
        m_loopSeconds += wall;
        if (done == steps && wall > 0.0)
            m_chunkSteps = std::clamp<std::int64_t>(
                std::llround(static_cast<double>(done) * kChunkWallSeconds / wall), 1,
                kMaxChunkSteps);
        const auto t1 = Clock::now();
        publish();
        checkFinite();
        m_publishSeconds += seconds(Clock::now() - t1);
        if (m_state == RunState::Failed)
            return;
    }
    if (m_simulator->currentStep() >= last) {
        m_simulator->finish();
        if (!m_channels->plasticProjections().empty())
            publishWeights(); // the final weights, whatever the sampling interval
        setState(RunState::Finished, "finished at " + formatSeconds(m_simulator->timeMs()));
        return;
    }
    if (m_pauseAfterChunk) {
        m_pauseAfterChunk = false;
        setState(RunState::Paused);
        return;
    }
    updateStatus();
}

void SimulationWorker::publish() {
    core::Network& net = *m_network;
    LiveChannels& ch = *m_channels;
    const std::int64_t step = m_simulator->currentStep();
    if (m_recorder)
        publishContactBins(step);
    for (core::SpikeRecorder& rec : net.spikeRecorders) {
        if (geometry::VirtualRecorder::ownsRecorder(rec.name))
            continue; // emptied by the virtual recorder
        const std::size_t n = rec.steps.size();
        m_spikeScratch.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            m_spikeScratch[i] = {rec.steps[i], rec.neurons[i]};
        ch.spikes(rec.population).push(m_spikeScratch.data(), n);
        m_spikes += n;
        rec.steps.clear();
        rec.neurons.clear();
    }
    for (core::RateRecorder& rec : net.rateRecorders) {
        // Complete bins only; the open one keeps counting.
        const std::int64_t complete = step / rec.binSteps - rec.binOffset;
        const auto n = static_cast<std::size_t>(
            std::clamp<std::int64_t>(complete, 0, static_cast<std::int64_t>(rec.counts.size())));
        auto& ring = ch.rates(rec.population);
        for (std::size_t b = 0; b < n; ++b)
            ring.push({rec.binOffset + static_cast<std::int64_t>(b), rec.counts[b]});
        rec.counts.erase(rec.counts.begin(), rec.counts.begin() + static_cast<std::ptrdiff_t>(n));
        rec.binOffset += static_cast<std::int64_t>(n);
    }
    for (std::size_t k = 0; k < net.stateRecorders.size() && k < ch.traceCount(); ++k) {
        core::StateRecorder& rec = net.stateRecorders[k];
        auto& ring = ch.samples(k);
        for (std::size_t r = 0; r < rec.sampleSteps.size(); ++r)
            ring.push({rec.sampleSteps[r], rec.values[r * rec.rowWidth()]});
        rec.discardSamples();
    }
    if (!ch.plasticProjections().empty() && Clock::now() - m_lastWeights >= kWeightInterval) {
        publishWeights();
        m_lastWeights = Clock::now();
    }
    ch.setStep(step);
}

void SimulationWorker::publishWeights() {
    LiveChannels& ch = *m_channels;
    std::size_t k = 0;
    for (const core::Projection& proj : m_network->projections) {
        if (!proj.dynamics)
            continue;
        LiveChannels::Weights w;
        w.step = m_simulator->currentStep();
        float lo = std::numeric_limits<float>::max();
        float hi = std::numeric_limits<float>::lowest();
        double sum = 0.0;
        std::uint64_t count = 0;
        for (std::size_t p = 0; p < proj.matrix.numPartitions(); ++p)
            for (const float x : proj.matrix.partition(p).weights) {
                lo = std::min(lo, x);
                hi = std::max(hi, x);
                sum += x;
                ++count;
            }
        if (count > 0) {
            w.mean = static_cast<float>(sum / static_cast<double>(count));
            w.low = std::min(lo, 0.0f);
            w.high = hi > w.low ? hi : w.low + 1.0f;
            const float scale = static_cast<float>(LiveChannels::kWeightBins) / (w.high - w.low);
            for (std::size_t p = 0; p < proj.matrix.numPartitions(); ++p)
                for (const float x : proj.matrix.partition(p).weights) {
                    const auto bin = std::min<std::size_t>(
                        static_cast<std::size_t>(std::max(0.0f, (x - w.low) * scale)),
                        LiveChannels::kWeightBins - 1);
                    ++w.histogram[bin];
                }
        }
        ch.weights(k++).push(w);
    }
}

void SimulationWorker::checkFinite() {
    for (const core::Population& pop : m_network->populations) {
        if (pop.isStimulus || pop.info->stateVariables.empty())
            continue;
        const float* v = pop.group->state(0);
        if (!v)
            continue;
        for (std::size_t i = 0; i < pop.size; ++i)
            if (!std::isfinite(v[i])) {
                fail("population \"" + pop.name + "\": state \"" + pop.info->stateVariables[0].key +
                     "\" of neuron " + std::to_string(i) +
                     " is not finite at t = " + formatSeconds(m_simulator->timeMs()));
                return;
            }
    }
}

void SimulationWorker::fail(const std::string& message) {
    setState(RunState::Failed, message);
}

void SimulationWorker::setState(RunState state, const std::string& message) {
    m_state = state;
    if (!message.empty() || state == RunState::Running || state == RunState::Idle)
        m_message = message;
    updateStatus();
}

void SimulationWorker::updateStatus() {
    const auto now = Clock::now();
    const std::int64_t step = m_simulator ? m_simulator->currentStep() : 0;
    if (m_state == RunState::Running) {
        m_marks.push_back({now, step, m_spikes});
        while (m_marks.size() > 2 && now - m_marks[1].wall > std::chrono::seconds(1))
            m_marks.pop_front();
    }
    std::lock_guard lock(m_statusMutex);
    m_status.state = m_state;
    m_status.step = step;
    m_status.timeMs = m_network ? static_cast<double>(step) * m_network->dtMs : 0.0;
    m_status.durationMs =
        m_network && m_project ? static_cast<double>(stopStep()) * m_network->dtMs : 0.0;
    if (m_state == RunState::Running && m_marks.size() >= 2) {
        const double wall = seconds(m_marks.back().wall - m_marks.front().wall);
        if (wall > 0.0) {
            m_status.realTimeFactor =
                static_cast<double>(m_marks.back().step - m_marks.front().step) * m_network->dtMs *
                1e-3 / wall;
            m_status.spikesPerSecond =
                static_cast<double>(m_marks.back().spikes - m_marks.front().spikes) / wall;
        }
    }
    m_status.spikes = m_spikes;
    m_status.dropped = m_channels ? m_channels->dropped() : 0;
    m_status.loopSeconds = m_loopSeconds;
    m_status.publishSeconds = m_publishSeconds;
    m_status.rebuilds = m_rebuilds;
    m_status.message = m_message;
    m_statusChanged.notify_all();
}

} // namespace plexus::app
