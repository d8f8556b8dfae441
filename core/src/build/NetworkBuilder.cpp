#include "plexus/core/build/NetworkBuilder.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"
#include "plexus/core/connectivity/ConnectivityBuilder.h"
#include "plexus/core/connectivity/NeuronPositions.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace plexus::core {

namespace {

constexpr std::uint64_t kInitStream = 0x494e4954;   // "INIT"
constexpr std::uint64_t kGroupStream = 0x47525550;  // "GRUP"
constexpr std::uint64_t kProjStream = 0x50524f4a;   // "PROJ"
constexpr std::uint64_t kWeightStream = 0x57474854; // "WGHT"
constexpr std::uint64_t kDelayStream = 0x444c4159;  // "DLAY"

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

    // Stimuli: spike sources become populations, current sources become injections.
    std::vector<const StimulusSpec*> currentStimuli;
    std::vector<std::string> currentWhere;
    for (std::size_t i = 0; i < project.stimuli.size(); ++i) {
        const StimulusSpec& spec = project.stimuli[i];
        const std::string where = at("stimuli", i);
        if (registry.currentSourceModel(spec.model)) {
            currentStimuli.push_back(&spec);
            currentWhere.push_back(where);
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
            ParameterSet::resolve(model->info(), spec.params, where + ".params");
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
        const StimulusSpec& spec = *currentStimuli[i];
        const std::string& where = currentWhere[i];
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
            ParameterSet::resolve(model->info(), spec.params, where + ".params");
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
    std::vector<int> maxDelay(net->populations.size(), 1);
    for (std::size_t i = 0; i < project.projections.size(); ++i) {
        const ProjectionSpec& spec = project.projections[i];
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
