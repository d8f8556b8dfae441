#include "plexus/core/build/NetworkBuilder.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"
#include "plexus/core/connectivity/ConnectivityBuilder.h"
#include "plexus/core/connectivity/NeuronPositions.h"
#include "plexus/core/project/TrialSchedule.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <optional>

namespace plexus::core {

namespace {

constexpr std::uint64_t kInitStream = 0x494e4954;   // "INIT"
constexpr std::uint64_t kGroupStream = 0x47525550;  // "GRUP"
constexpr std::uint64_t kProjStream = 0x50524f4a;   // "PROJ"
constexpr std::uint64_t kWeightStream = 0x57474854; // "WGHT"
constexpr std::uint64_t kDelayStream = 0x444c4159;  // "DLAY"
constexpr std::uint64_t kSubsetStream = 0x53554253; // "SUBS"
constexpr std::uint64_t kLesionStream = 0x4c45534e; // "LESN"

std::string at(const char* list, std::size_t i) {
    return std::string(list) + "[" + std::to_string(i) + "]";
}

/// Split [0, size) into `parts` slices whose inner boundaries are multiples of 16.
std::vector<std::size_t> sliceBounds(std::size_t size, std::size_t parts) {
    std::vector<std::size_t> b(parts + 1, 0);
    for (std::size_t k = 1; k < parts; ++k) {
        const std::size_t raw = size * k / parts;
        b[k] = std::min(size, (raw + 8) / 16 * 16);
        b[k] = std::max(b[k], b[k - 1]);
    }
    b[parts] = size;
    return b;
}

double draw(const ValueSpec& v, RandomStream& rng) {
    switch (v.kind) {
    case ValueSpec::Kind::Constant:
        return v.a;
    case ValueSpec::Kind::Uniform:
        return rng.uniform(v.a, v.b);
    case ValueSpec::Kind::Normal:
        return rng.normal(v.a, v.b);
    }
    return v.a;
}

std::string knownModels(const ModelRegistry& registry, ModelKind kind) {
    std::string out;
    for (const auto* info : registry.all())
        if (info->kind == kind)
            out += (out.empty() ? "" : ", ") + info->name;
    return out;
}

void applyInitial(Population& pop, const std::map<std::string, ValueSpec>& initial,
                  std::uint64_t seed, std::size_t popIndex, const std::string& where) {
    for (const auto& [key, value] : initial) {
        const auto index = pop.info->stateIndex(key);
        if (!index)
            throw Error(where + ".initial." + key + ": model \"" + pop.info->name +
                        "\" has no state variable \"" + key + "\"");
        float* data = pop.group->state(*index);
        if (!data)
            throw Error(where + ".initial." + key + ": state variable cannot be set");
        RandomStream rng(streamSeed(seed, kInitStream, popIndex * 1024 + *index));
        for (std::size_t i = 0; i < pop.size; ++i)
            data[i] = static_cast<float>(draw(value, rng));
    }
}

/// A stimulus to build: one of the project's, or the instance of one for a condition that
/// overrides its parameters.
struct StimulusJob {
    const StimulusSpec* spec = nullptr;
    std::string where;       ///< e.g. "stimuli[2]"
    std::string paramsWhere; ///< where its parameters come from
};

/// A projection to build: one of the project's, or its copy from a stimulus instance.
struct ProjectionJob {
    const ProjectionSpec* spec = nullptr;
    std::size_t index = 0; ///< index in the project (seeds and messages)
};

/// A stimulus instance of a condition: `name` is `base@condition`.
struct StimulusInstance {
    std::string base;
    std::string name;
    std::size_t condition = 0;
};

/// The step at time `ms` (>= 0), saturating far beyond any run's end.
std::int64_t stepAt(double ms, double dtMs) {
    const double steps = std::round(ms / dtMs);
    if (!(steps < 4e18))
        return std::numeric_limits<std::int64_t>::max();
    return static_cast<std::int64_t>(std::max(0.0, steps));
}

/// Step windows [begin, end) of the trials of `condition`, shifted by `fromMs` from each
/// trial's start and ending `toMs` after it (clipped to the trial).
std::vector<Intervention::Window> trialWindows(const std::vector<TrialWindow>& trials,
                                               std::size_t condition, double dtMs,
                                               double fromMs = 0.0,
                                               std::optional<double> toMs = std::nullopt) {
    std::vector<Intervention::Window> out;
    for (const TrialWindow& t : trials) {
        if (t.condition != static_cast<int>(condition))
            continue;
        const double end = toMs ? std::min(t.endMs, t.startMs + *toMs) : t.endMs;
        const Intervention::Window w{stepAt(t.startMs + fromMs, dtMs), stepAt(end, dtMs)};
        if (w.begin < w.end)
            out.push_back(w);
    }
    return out;
}

/// Split ascending neuron indices into the slices of `pop`.
std::vector<std::vector<std::int32_t>> bySlice(const std::vector<std::int32_t>& neurons,
                                               const Population& pop, std::size_t parts) {
    std::vector<std::vector<std::int32_t>> out(parts);
    for (const auto n : neurons) {
        std::size_t k = 0;
        while (static_cast<std::size_t>(n) >= pop.bounds[k + 1])
            ++k;
        out[k].push_back(n);
    }
    return out;
}

/// Gate the stimulus node `name` (a spike source or a current injection) to `windows`.
Intervention gate(Network& net, const std::string& name,
                  std::vector<Intervention::Window> windows) {
    Intervention act;
    act.name = "gate of " + name;
    act.action = Intervention::Action::Gate;
    act.windows = std::move(windows);
    if (const auto pop = net.populationIndex(name)) {
        act.population = *pop;
        return act;
    }
    for (std::size_t j = 0; j < net.injections.size(); ++j)
        if (net.injections[j].name == name) {
            act.injection = static_cast<int>(j);
            return act;
        }
    throw Error("stimuli: no stimulus named \"" + name + "\" was built");
}

/// The neurons of `pop` a neuron perturbation acts on (ascending), or none for all of them.
std::optional<std::vector<std::int32_t>> perturbedNeurons(const PerturbationSpec& spec,
                                                          const Population& pop, std::uint64_t seed,
                                                          const std::string& where) {
    if (!spec.neurons.empty()) {
        std::vector<std::int32_t> neurons;
        for (std::size_t k = 0; k < spec.neurons.size(); ++k) {
            const auto n = spec.neurons[k];
            if (n < 0 || n >= static_cast<std::int64_t>(pop.size))
                throw Error(where + ".neurons[" + std::to_string(k) + "]: " + std::to_string(n) +
                            " is outside [0, " + std::to_string(pop.size) + ")");
            neurons.push_back(static_cast<std::int32_t>(n));
        }
        std::sort(neurons.begin(), neurons.end());
        neurons.erase(std::unique(neurons.begin(), neurons.end()), neurons.end());
        return neurons;
    }
    if (!spec.fraction)
        return std::nullopt;
    // A seeded partial shuffle: exactly round(fraction x size) neurons.
    std::vector<std::int32_t> all(pop.size);
    for (std::size_t n = 0; n < pop.size; ++n)
        all[n] = static_cast<std::int32_t>(n);
    const auto count = static_cast<std::size_t>(std::llround(*spec.fraction * pop.size));
    RandomStream rng(seed);
    for (std::size_t k = 0; k < count; ++k)
        std::swap(all[k], all[k + rng.below(pop.size - k)]);
    all.resize(count);
    std::sort(all.begin(), all.end());
    return all;
}

/// Turn a protocol into the network's trials, stimulus gates and perturbations. `instances`
/// are the stimulus instances built for conditions.
void compileProtocol(const ProtocolSpec& protocol, const std::vector<StimulusInstance>& instances,
                     const ProjectSpec& project, Network& net) {
    const TrialSchedule schedule = TrialSchedule::expand(protocol);
    net.trials = schedule.trials();
    net.conditionNames = schedule.conditionNames();
    const double dt = net.dtMs;

    // A stimulus named by a condition is on during the trials of the conditions that use it
    // as it is; an instance only during its condition's trials. Others stay always on.
    for (const StimulusSpec& stimulus : project.stimuli) {
        bool named = false;
        std::vector<Intervention::Window> windows;
        for (std::size_t c = 0; c < protocol.conditions.size(); ++c) {
            const ConditionSpec& cond = protocol.conditions[c];
            if (std::find(cond.stimuli.begin(), cond.stimuli.end(), stimulus.name) ==
                cond.stimuli.end())
                continue;
            named = true;
            if (cond.stimulusParams.count(stimulus.name) == 0) {
                const auto w = trialWindows(net.trials, c, dt);
                windows.insert(windows.end(), w.begin(), w.end());
            }
        }
        if (!named)
            continue;
        std::sort(windows.begin(), windows.end(),
                  [](const auto& a, const auto& b) { return a.begin < b.begin; });
        net.interventions.push_back(gate(net, stimulus.name, std::move(windows)));
    }
    for (const StimulusInstance& instance : instances)
        net.interventions.push_back(
            gate(net, instance.name, trialWindows(net.trials, instance.condition, dt)));

    for (std::size_t i = 0; i < protocol.perturbations.size(); ++i)
        for (Intervention& act : NetworkBuilder::perturbation(protocol.perturbations[i], net, i,
                                                              at("protocol.perturbations", i)))
            net.interventions.push_back(std::move(act));
}

/// The network of @p project; errors name the place in the project but not the project.
std::unique_ptr<Network> buildNetwork(const ProjectSpec& project, const ModelRegistry& registry,
                                      const BuildOptions& options) {
    auto net = std::make_unique<Network>();
    net->dtMs = project.simulation.dtMs;
    if (!(net->dtMs > 0.0) || !std::isfinite(net->dtMs))
        throw Error("simulation.dt_ms: must be > 0");
    net->seed = options.seed.value_or(project.simulation.seed);
    const int threads = options.threads.value_or(project.simulation.threads);
    if (threads < 1 || threads > 256)
        throw Error("threads: must be between 1 and 256 (got " + std::to_string(threads) + ")");
    std::uint64_t totalNeurons = 0;
    for (const auto& pop : project.populations)
        totalNeurons += static_cast<std::uint64_t>(std::max<std::int64_t>(pop.size, 0));
    std::size_t usable = static_cast<std::size_t>(threads);
    if (options.minNeuronsPerThread > 0)
        usable = std::clamp<std::size_t>(totalNeurons / options.minNeuronsPerThread, 1, usable);
    net->requestedThreads = static_cast<std::size_t>(threads);
    net->partitions = usable;
    const std::size_t parts = net->partitions;

    // Neuron populations.
    for (std::size_t i = 0; i < project.populations.size(); ++i) {
        const PopulationSpec& spec = project.populations[i];
        const std::string where = at("populations", i);
        const NeuronModel* model = registry.neuronModel(spec.model);
        if (!model || model->info().kind != ModelKind::Neuron)
            throw Error(where + ".model: unknown neuron model \"" + spec.model + "\"" +
                        (registry.info(spec.model)
                             ? std::string()
                             : ": not available in this Plexus, it may come from a plugin that "
                               "is not installed") +
                        " (available: " + knownModels(registry, ModelKind::Neuron) + ")");
        if (spec.size < 0)
            throw Error(where + ".size: must be >= 0");
        if (spec.size > std::numeric_limits<std::int32_t>::max())
            throw Error(where + ".size: too large");
        const ParameterSet params =
            ParameterSet::resolve(model->info(), spec.params, where + ".params");
        GroupSetup setup;
        setup.params = &params;
        setup.size = static_cast<std::size_t>(spec.size);
        setup.dtMs = net->dtMs;
        setup.seed = streamSeed(net->seed, kGroupStream, net->populations.size());
        Population pop;
        pop.name = spec.name;
        pop.info = &model->info();
        pop.size = setup.size;
        try {
            pop.group = model->createGroup(setup);
        } catch (const Error& e) {
            throw Error(where + ": " + e.what());
        }
        pop.bounds = sliceBounds(pop.size, parts);
        applyInitial(pop, spec.initial, net->seed, net->populations.size(), where);
        net->populations.push_back(std::move(pop));
    }

    // Stimuli: spike sources become populations, current sources become injections. A
    // condition that overrides a stimulus' parameters gets its own instance, built after the
    // project's stimuli (so their seeds do not depend on the protocol).
    std::vector<StimulusJob> stimulusJobs;
    for (std::size_t i = 0; i < project.stimuli.size(); ++i)
        stimulusJobs.push_back(
            {&project.stimuli[i], at("stimuli", i), at("stimuli", i) + ".params"});
    std::deque<StimulusSpec> instanceSpecs;
    std::vector<StimulusInstance> instances;
    if (project.protocol) {
        for (std::size_t c = 0; c < project.protocol->conditions.size(); ++c) {
            const ConditionSpec& cond = project.protocol->conditions[c];
            for (const auto& [stimulus, overrides] : cond.stimulusParams) {
                const std::string where =
                    at("protocol.conditions", c) + ".stimulus_params." + stimulus;
                const auto base =
                    std::find_if(project.stimuli.begin(), project.stimuli.end(),
                                 [&](const StimulusSpec& st) { return st.name == stimulus; });
                if (base == project.stimuli.end())
                    throw Error(where + ": unknown stimulus \"" + stimulus + "\"");
                StimulusSpec instance = *base;
                instance.name = stimulus + "@" + cond.name;
                for (const auto& [key, value] : overrides)
                    instance.params[key] = value;
                if (project.findStimulus(instance.name) || project.findPopulation(instance.name))
                    throw Error(where + ": the instance name \"" + instance.name +
                                "\" is taken by another node");
                instanceSpecs.push_back(std::move(instance));
                instances.push_back({stimulus, instanceSpecs.back().name, c});
                stimulusJobs.push_back(
                    {&instanceSpecs.back(),
                     at("stimuli", static_cast<std::size_t>(base - project.stimuli.begin())),
                     where});
            }
        }
    }
    std::vector<const StimulusJob*> currentStimuli;
    for (const StimulusJob& job : stimulusJobs) {
        const StimulusSpec& spec = *job.spec;
        const std::string& where = job.where;
        if (registry.currentSourceModel(spec.model)) {
            currentStimuli.push_back(&job);
            continue;
        }
        const NeuronModel* model = registry.neuronModel(spec.model);
        if (!model || model->info().kind != ModelKind::SpikeSource)
            throw Error(where + ".model: unknown stimulus model \"" + spec.model +
                        "\" (available: " + knownModels(registry, ModelKind::SpikeSource) + ", " +
                        knownModels(registry, ModelKind::CurrentSource) + ")");
        if (spec.size <= 0)
            throw Error(where + ".size: a spike source needs size >= 1");
        for (std::size_t k = 0; k < spec.indices.size(); ++k)
            if (spec.indices[k] < 0 || spec.indices[k] >= spec.size)
                throw Error(where + ".indices[" + std::to_string(k) +
                            "]: " + std::to_string(spec.indices[k]) + " is outside [0, " +
                            std::to_string(spec.size) + ")");
        const ParameterSet params =
            ParameterSet::resolve(model->info(), spec.params, job.paramsWhere);
        GroupSetup setup;
        setup.params = &params;
        setup.size = static_cast<std::size_t>(spec.size);
        setup.dtMs = net->dtMs;
        setup.seed = streamSeed(net->seed, kGroupStream, net->populations.size());
        setup.times = spec.times;
        setup.indices = spec.indices;
        setup.extraJson = spec.extra.is_null() ? std::string() : spec.extra.dump();
        setup.origin = options.origin;
        Population pop;
        pop.name = spec.name;
        pop.info = &model->info();
        pop.size = setup.size;
        pop.isStimulus = true;
        try {
            pop.group = model->createGroup(setup);
        } catch (const Error& e) {
            throw Error(where + ": " + e.what());
        }
        pop.bounds = sliceBounds(pop.size, parts);
        net->populations.push_back(std::move(pop));
    }

    auto findNeurons = [&](const std::string& name, const std::string& where) {
        const auto index = net->populationIndex(name);
        if (!index)
            throw Error(where + ": no population or stimulus named \"" + name + "\"");
        return *index;
    };
    auto findReceptor = [&](std::size_t pop, const std::string& receptor,
                            const std::string& where) {
        const ModelInfo& info = *net->populations[pop].info;
        const auto index = info.receptorIndex(receptor);
        if (!index) {
            std::string known;
            for (const auto& r : info.receptors)
                known += (known.empty() ? "" : ", ") + r.key;
            throw Error(where + ": model \"" + info.name + "\" has no input \"" + receptor +
                        "\" (inputs: " + (known.empty() ? "none" : known) + ")");
        }
        return *index;
    };

    for (std::size_t i = 0; i < currentStimuli.size(); ++i) {
        const StimulusSpec& spec = *currentStimuli[i]->spec;
        const std::string& where = currentStimuli[i]->where;
        const CurrentSourceModel* model = registry.currentSourceModel(spec.model);
        if (spec.target.empty())
            throw Error(where + ".target: a current source needs a target population");
        CurrentInjection inj;
        inj.name = spec.name;
        inj.target = findNeurons(spec.target, where + ".target");
        const Population& target = net->populations[inj.target];
        if (target.isStimulus)
            throw Error(where + ".target: \"" + spec.target + "\" is a stimulus, not neurons");
        inj.receptor = findReceptor(inj.target, spec.receptor.empty() ? "current" : spec.receptor,
                                    where + ".receptor");
        std::vector<std::int32_t> neurons;
        if (spec.neurons.empty()) {
            neurons.resize(target.size);
            for (std::size_t n = 0; n < target.size; ++n)
                neurons[n] = static_cast<std::int32_t>(n);
        } else {
            for (std::size_t k = 0; k < spec.neurons.size(); ++k) {
                const auto n = spec.neurons[k];
                if (n < 0 || n >= static_cast<std::int64_t>(target.size))
                    throw Error(where + ".neurons[" + std::to_string(k) +
                                "]: " + std::to_string(n) + " is outside [0, " +
                                std::to_string(target.size) + ")");
                neurons.push_back(static_cast<std::int32_t>(n));
            }
            std::sort(neurons.begin(), neurons.end());
            neurons.erase(std::unique(neurons.begin(), neurons.end()), neurons.end());
        }
        inj.targets.resize(parts);
        for (auto n : neurons) {
            std::size_t k = 0;
            while (static_cast<std::size_t>(n) >= target.bounds[k + 1])
                ++k;
            inj.targets[k].push_back(n);
        }
        const ParameterSet params =
            ParameterSet::resolve(model->info(), spec.params, currentStimuli[i]->paramsWhere);
        GroupSetup setup;
        setup.params = &params;
        setup.size = neurons.size();
        setup.populationSize = target.size;
        setup.dtMs = net->dtMs;
        setup.seed = streamSeed(net->seed, kGroupStream, 0x10000 + i);
        try {
            inj.source = model->createSource(setup);
        } catch (const Error& e) {
            throw Error(where + ": " + e.what());
        }
        net->injections.push_back(std::move(inj));
    }

    // Neuron positions, computed for the populations that distance rules need.
    std::vector<std::optional<NeuronPositions>> positions(net->populations.size());
    auto positionsOf = [&](std::size_t pop, const std::string& rule,
                           const std::string& where) -> const NeuronPositions* {
        const std::string name = net->populations[pop].name;
        if (pop >= project.populations.size())
            throw Error(where + ": rule \"" + rule + "\" needs neuron positions, but \"" + name +
                        "\" is a stimulus without a spatial layout");
        const SpatialSpec& spatial = project.populations[pop].spatial;
        if (!spatial.hasPositions())
            throw Error(where + ": rule \"" + rule +
                        "\" needs neuron positions, but population \"" + name +
                        "\" is well mixed (give " + at("populations", pop) +
                        ".spatial a shape: grid, random, ring or sheet)");
        if (!positions[pop])
            positions[pop] =
                NeuronPositions::generate(spatial, net->populations[pop].size,
                                          streamSeed(net->seed, NeuronPositions::streamKey, pop));
        return &*positions[pop];
    };

    // Projections.
    // A stimulus instance feeds the projections of its base stimulus, with the same synapses
    // (same seeds); the copies are named `projection@condition`.
    std::vector<ProjectionJob> projectionJobs;
    for (std::size_t i = 0; i < project.projections.size(); ++i)
        projectionJobs.push_back({&project.projections[i], i});
    std::deque<ProjectionSpec> projectionCopies;
    for (const StimulusInstance& instance : instances)
        for (std::size_t i = 0; i < project.projections.size(); ++i) {
            if (project.projections[i].source != instance.base)
                continue;
            ProjectionSpec copy = project.projections[i];
            copy.name += "@" + project.protocol->conditions[instance.condition].name;
            copy.source = instance.name;
            projectionCopies.push_back(std::move(copy));
            projectionJobs.push_back({&projectionCopies.back(), i});
        }
    std::vector<int> maxDelay(net->populations.size(), 1);
    for (const ProjectionJob& job : projectionJobs) {
        const ProjectionSpec& spec = *job.spec;
        const std::size_t i = job.index;
        const std::string where = at("projections", i);
        Projection proj;
        proj.name = spec.name;
        proj.source = findNeurons(spec.source, where + ".source");
        proj.target = findNeurons(spec.target, where + ".target");
        const Population& target = net->populations[proj.target];
        if (target.isStimulus)
            throw Error(where + ".target: \"" + spec.target +
                        "\" is a stimulus and cannot receive synapses");
        proj.receptor = findReceptor(proj.target, spec.receptor, where + ".receptor");
        if (!spec.modulator.empty() && spec.synapse == "static")
            throw Error(where + ".modulator: only plastic synapses take a modulator");
        const SynapseModel* synapseModel = nullptr;
        if (spec.synapse != "static") {
            synapseModel = registry.synapseModel(spec.synapse);
            if (!synapseModel)
                throw Error(where + ".synapse: synapse model \"" + spec.synapse +
                            "\" is not available (available: static, " +
                            knownModels(registry, ModelKind::Synapse) +
                            "; it may come from a plugin)");
        } else if (!spec.synapseParams.empty()) {
            throw Error(where + ".synapse.params: the static synapse has no parameters");
        }
        const std::size_t nSource = net->populations[proj.source].size;
        const NeuronPositions* sourcePositions = nullptr;
        const NeuronPositions* targetPositions = nullptr;
        if (ConnectivityBuilder::needsPositions(spec.connectivity.rule)) {
            sourcePositions = positionsOf(proj.source, spec.connectivity.rule, where + ".source");
            targetPositions = positionsOf(proj.target, spec.connectivity.rule, where + ".target");
        }
        ConnectionRows rows = ConnectivityBuilder::build(
            spec.connectivity, nSource, target.size, proj.source == proj.target,
            streamSeed(net->seed, kProjStream, i), where + ".connectivity", sourcePositions,
            targetPositions);

        std::vector<float> weights;
        if (!rows.weights.empty()) {
            weights = std::move(rows.weights); // from the edge file, replacing spec.weight
        } else if (spec.weight.isConstant()) {
            proj.weight = static_cast<float>(spec.weight.a);
        } else {
            RandomStream rng(streamSeed(net->seed, kWeightStream, i));
            weights.resize(rows.size());
            for (auto& w : weights)
                w = static_cast<float>(draw(spec.weight, rng));
        }
        auto toSteps = [&](double ms, const std::string& path) {
            if (!std::isfinite(ms) || ms < 0)
                throw Error(path + ": delay must be >= 0 ms");
            const double steps = std::max(1.0, std::round(ms / net->dtMs));
            if (steps > 65535)
                throw Error(path + ": delay of " + std::to_string(ms) + " ms exceeds 65535 steps");
            return static_cast<int>(steps);
        };
        std::vector<std::uint16_t> delays;
        if (!rows.delaysMs.empty()) {
            // Per-synapse delays from the edge file replace spec.delayMs.
            proj.uniformDelay = false;
            delays.resize(rows.size());
            proj.maxDelaySteps = 1;
            for (std::size_t s = 0; s < delays.size(); ++s) {
                delays[s] = static_cast<std::uint16_t>(
                    toSteps(rows.delaysMs[s], where + ".connectivity.file"));
                proj.maxDelaySteps = std::max<int>(proj.maxDelaySteps, delays[s]);
            }
        } else if (spec.delayMs.isConstant()) {
            proj.delaySteps = toSteps(spec.delayMs.a, where + ".delay_ms");
            proj.maxDelaySteps = proj.delaySteps;
        } else {
            if (spec.delayMs.kind == ValueSpec::Kind::Uniform)
                toSteps(spec.delayMs.b, where + ".delay_ms.high");
            RandomStream rng(streamSeed(net->seed, kDelayStream, i));
            proj.uniformDelay = false;
            delays.resize(rows.size());
            proj.maxDelaySteps = 1;
            for (auto& d : delays) {
                const double ms = std::clamp(draw(spec.delayMs, rng), 0.0, 65535 * net->dtMs);
                d = static_cast<std::uint16_t>(std::max(1.0, std::round(ms / net->dtMs)));
                proj.maxDelaySteps = std::max<int>(proj.maxDelaySteps, d);
            }
        }
        maxDelay[proj.target] = std::max(maxDelay[proj.target], proj.maxDelaySteps);
        proj.matrix = SynapseMatrix(rows, weights, delays, target.bounds);
        if (synapseModel) {
            const ParameterSet params = ParameterSet::resolve(
                synapseModel->info(), spec.synapseParams, where + ".synapse.params");
            SynapseSetup setup;
            setup.params = &params;
            setup.dtMs = net->dtMs;
            setup.numSources = nSource;
            setup.numTargets = target.size;
            setup.partitions = parts;
            setup.seed = streamSeed(net->seed, kProjStream, 0x5359 + i);
            setup.initialWeight = static_cast<float>(spec.weight.mean());
            proj.synapseModel = spec.synapse;
            try {
                proj.dynamics = synapseModel->create(setup);
            } catch (const Error& e) {
                throw Error(where + ".synapse: " + e.what());
            }
            proj.coupling = synapseModel->coupling();
            if (proj.coupling != Coupling::Spike) {
                const Population& source = net->populations[proj.source];
                const char* var = proj.coupling == Coupling::Rate ? "r" : "v";
                const auto sourceVar = source.info->stateIndex(var);
                if (!sourceVar)
                    throw Error(where + ".source: " + spec.synapse + " reads state \"" + var +
                                "\", which model \"" + source.info->name + "\" does not have");
                proj.sourceVariable = *sourceVar;
                if (proj.coupling == Coupling::Gap) {
                    proj.receptor = findReceptor(proj.target, "current", where + ".target");
                    const auto targetVar = target.info->stateIndex("v");
                    if (!targetVar)
                        throw Error(where +
                                    ".target: gap junctions need a membrane potential "
                                    "\"v\" in model \"" +
                                    target.info->name + "\"");
                    proj.targetVariable = *targetVar;
                }
                proj.matrix.materializeWeights(proj.weight);
                proj.matrix.buildColumns(target.size);
                net->projections.push_back(std::move(proj));
                continue;
            }
            if (!proj.dynamics)
                throw Error(where + ".synapse: model \"" + spec.synapse + "\" created no dynamics");
            if (proj.dynamics->maxDelaySteps() > 0) {
                proj.matrix.materializeDelays(static_cast<std::uint16_t>(proj.delaySteps));
                proj.uniformDelay = false;
                proj.maxDelaySteps = std::max(proj.maxDelaySteps, proj.dynamics->maxDelaySteps());
                maxDelay[proj.target] = std::max(maxDelay[proj.target], proj.maxDelaySteps);
            } else if (!proj.uniformDelay) {
                throw Error(where + ".delay_ms: synapse model \"" + spec.synapse +
                            "\" needs one delay for the whole projection");
            }
            if (!spec.modulator.empty())
                proj.modulator =
                    static_cast<int>(findNeurons(spec.modulator, where + ".modulator"));
            proj.matrix.materializeWeights(proj.weight);
            if (proj.dynamics->needsColumns())
                proj.matrix.buildColumns(target.size);
            proj.dynamics->attach(proj.matrix);
        }
        net->projections.push_back(std::move(proj));
    }

    for (std::size_t p = 0; p < net->populations.size(); ++p) {
        Population& pop = net->populations[p];
        pop.ring =
            InputRing(static_cast<std::size_t>(maxDelay[p]), pop.info->receptors.size(), pop.size);
        pop.receptorUsed.assign(pop.info->receptors.size(), 0);
    }
    for (Projection& proj : net->projections) {
        Population& target = net->populations[proj.target];
        if (proj.coupling != Coupling::Spike) {
            target.receptorUsed[proj.receptor] = 1;
            continue;
        }
        if (proj.uniformDelay && proj.delaySteps == 1)
            proj.direct = target.group->directInput(proj.receptor);
        if (!proj.direct)
            target.receptorUsed[proj.receptor] = 1;
    }
    for (const CurrentInjection& inj : net->injections)
        net->populations[inj.target].receptorUsed[inj.receptor] = 1;
    if (project.protocol)
        compileProtocol(*project.protocol, instances, project, *net);

    // Recorders.
    for (std::size_t i = 0; i < project.recorders.size(); ++i) {
        const RecorderSpec& spec = project.recorders[i];
        const std::string where = at("recorders", i);
        const std::size_t pop = findNeurons(spec.target, where + ".target");
        const Population& population = net->populations[pop];
        if (spec.type == "spikes") {
            net->spikeRecorders.push_back({spec.name, pop, {}, {}});
        } else if (spec.type == "rate") {
            RateRecorder rec;
            rec.name = spec.name;
            rec.population = pop;
            rec.binSteps = std::max<std::int64_t>(1, std::llround(spec.binMs / net->dtMs));
            net->rateRecorders.push_back(std::move(rec));
        } else if (spec.type == "state") {
            StateRecorder rec;
            rec.name = spec.name;
            rec.population = pop;
            if (spec.variables.empty())
                throw Error(where + ".variables: name at least one state variable");
            for (std::size_t k = 0; k < spec.variables.size(); ++k) {
                const auto index = population.info->stateIndex(spec.variables[k]);
                if (!index)
                    throw Error(where + ".variables[" + std::to_string(k) + "]: model \"" +
                                population.info->name + "\" has no state variable \"" +
                                spec.variables[k] + "\"");
                rec.variables.push_back(*index);
                rec.variableNames.push_back(spec.variables[k]);
            }
            for (std::size_t k = 0; k < spec.neurons.size(); ++k) {
                const auto n = spec.neurons[k];
                if (n < 0 || n >= static_cast<std::int64_t>(population.size))
                    throw Error(where + ".neurons[" + std::to_string(k) +
                                "]: " + std::to_string(n) + " is outside [0, " +
                                std::to_string(population.size) + ")");
                rec.neurons.push_back(static_cast<std::int32_t>(n));
            }
            rec.intervalSteps =
                std::max<std::int64_t>(1, std::llround(spec.intervalMs / net->dtMs));
            rec.columns.resize(parts);
            for (std::size_t c = 0; c < rec.neurons.size(); ++c) {
                std::size_t k = 0;
                while (static_cast<std::size_t>(rec.neurons[c]) >= population.bounds[k + 1])
                    ++k;
                rec.columns[k].push_back(c);
            }
            net->stateRecorders.push_back(std::move(rec));
        } else {
            throw Error(where + ".type: unknown recorder type \"" + spec.type + "\"");
        }
    }
    if (options.recordAllSpikes) {
        for (std::size_t p = 0; p < net->populations.size(); ++p) {
            const bool has = std::any_of(net->spikeRecorders.begin(), net->spikeRecorders.end(),
                                         [&](const SpikeRecorder& r) { return r.population == p; });
            if (!has)
                net->spikeRecorders.push_back({net->populations[p].name, p, {}, {}});
        }
    }
    return net;
}

} // namespace

std::vector<Intervention> NetworkBuilder::perturbation(const PerturbationSpec& spec,
                                                       const Network& net, std::uint64_t key,
                                                       const std::string& where) {
    const double dt = net.dtMs;
    std::vector<Intervention> out;
    Intervention act;
    act.name = where;
    if (!spec.actsOnNeurons()) {
        act.action = spec.kind == "lesion" ? Intervention::Action::Lesion
                                           : Intervention::Action::ScaleWeights;
        act.atStep = stepAt(spec.startMs, dt);
        act.value =
            static_cast<float>(spec.kind == "lesion" ? spec.fraction.value_or(0.0) : spec.factor);
        act.seed = streamSeed(net.seed, kLesionStream, key);
        // The copies fed by stimulus instances (`name@condition`) change with their original.
        auto isCopy = [&](const std::string& name) {
            return std::any_of(net.conditionNames.begin(), net.conditionNames.end(),
                               [&](const std::string& c) { return name == spec.target + "@" + c; });
        };
        for (std::size_t k = 0; k < net.projections.size(); ++k)
            if (net.projections[k].name == spec.target || isCopy(net.projections[k].name)) {
                act.projection = k;
                out.push_back(act);
            }
        if (out.empty())
            throw Error(where + ".target: no projection named \"" + spec.target + "\"");
        return out;
    }
    if (spec.kind != "silence" && spec.kind != "clamp" && spec.kind != "drive")
        throw Error(where + ".kind: unknown perturbation \"" + spec.kind + "\"");
    const auto pop = net.populationIndex(spec.target);
    if (!pop)
        throw Error(where + ".target: no population named \"" + spec.target + "\"");
    const Population& population = net.populations[*pop];
    act.population = *pop;
    if (spec.kind == "silence") {
        act.action = Intervention::Action::Silence;
    } else if (population.isStimulus) {
        throw Error(where + ".target: \"" + spec.target + "\" is a stimulus; " + spec.kind +
                    " acts on neurons");
    } else if (spec.kind == "clamp") {
        act.action = Intervention::Action::Clamp;
        const auto variable = population.info->stateIndex(spec.variable);
        if (!variable || !population.group->state(*variable))
            throw Error(where + ".variable: model \"" + population.info->name +
                        "\" has no state variable \"" + spec.variable + "\"");
        act.variable = *variable;
        act.value = static_cast<float>(spec.value);
    } else {
        act.action = Intervention::Action::Drive;
        const auto receptor = population.info->receptorIndex("current");
        if (!receptor)
            throw Error(where + ".target: model \"" + population.info->name +
                        "\" has no input \"current\" to drive");
        act.receptor = *receptor;
        act.value = static_cast<float>(spec.amplitude);
    }
    if (const auto neurons =
            perturbedNeurons(spec, population, streamSeed(net.seed, kSubsetStream, key), where)) {
        act.wholePopulation = false;
        act.targets = bySlice(*neurons, population, net.partitions);
    }
    if (spec.condition.empty()) {
        const std::int64_t end =
            spec.endMs ? stepAt(*spec.endMs, dt) : std::numeric_limits<std::int64_t>::max();
        act.windows = {{stepAt(spec.startMs, dt), end}};
    } else {
        const auto c =
            std::find(net.conditionNames.begin(), net.conditionNames.end(), spec.condition);
        if (c == net.conditionNames.end())
            throw Error(where + ".condition: no condition named \"" + spec.condition + "\"");
        act.windows =
            trialWindows(net.trials, static_cast<std::size_t>(c - net.conditionNames.begin()), dt,
                         spec.startMs, spec.endMs);
    }
    out.push_back(std::move(act));
    return out;
}

std::unique_ptr<Network> NetworkBuilder::build(const ProjectSpec& project,
                                               const ModelRegistry& registry,
                                               const BuildOptions& options) {
    if (options.origin.empty())
        return buildNetwork(project, registry, options);
    try {
        return buildNetwork(project, registry, options);
    } catch (const Error& e) {
        throw Error(options.origin + ": " + e.what());
    }
}

} // namespace plexus::core
