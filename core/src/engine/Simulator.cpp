#include "plexus/core/engine/Simulator.h"

#include "plexus/core/base/Error.h"

#include <algorithm>
#include <thread>

namespace plexus::core {

Simulator::Simulator(Network& network)
    : m_network(network) {}

void Simulator::startAt(std::int64_t step) {
    if (m_prepared)
        throw Error("Simulator::startAt: the run has already started");
    if (step < 0)
        throw Error("Simulator::startAt: negative step");
    m_step = step;
}

void Simulator::continueFrom(const Simulator& previous) {
    startAt(previous.m_step);
    prepare();
    if (m_step == 0 || !previous.m_prepared)
        return;
    const auto parity = static_cast<std::size_t>((m_step - 1) & 1);
    const auto& from = previous.m_spikes[parity];
    auto& to = m_spikes[parity];
    for (std::size_t p = 0; p < m_network.populations.size(); ++p) {
        const auto old = previous.m_network.populationIndex(m_network.populations[p].name);
        if (!old || previous.m_network.populations[*old].size != m_network.populations[p].size)
            continue;
        // Spikes are grouped by the slice that produced them; any grouping delivers the same
        // sums as long as the order across slices is kept, so gather them in slice 0.
        auto& dest = to[0][p];
        dest.clear();
        for (const auto& perSlice : from)
            dest.insert(dest.end(), perSlice[*old].begin(), perSlice[*old].end());
    }
}

void Simulator::prepare() {
    if (m_prepared)
        return;
    const std::size_t parts = m_network.partitions;
    const std::size_t pops = m_network.populations.size();
    for (auto& lists : m_spikes) {
        lists.assign(parts, std::vector<std::vector<std::int32_t>>(pops));
        for (auto& perSlice : lists)
            for (std::size_t p = 0; p < pops; ++p)
                perSlice[p].reserve(std::min<std::size_t>(m_network.populations[p].size, 1024));
    }
    std::size_t maxReceptors = 0;
    for (const auto& pop : m_network.populations)
        maxReceptors = std::max(maxReceptors, pop.info->receptors.size());
    m_inputPointers.assign(parts, std::vector<float*>(std::max<std::size_t>(maxReceptors, 1)));
    m_outDegree.assign(pops, {});
    for (std::size_t p = 0; p < pops; ++p)
        m_outDegree[p].assign(m_network.populations[p].size, 0);
    for (const auto& proj : m_network.projections) {
        if (proj.coupling != Coupling::Spike)
            continue;
        const auto degrees = proj.matrix.outDegrees();
        for (std::size_t i = 0; i < degrees.size(); ++i)
            m_outDegree[proj.source][i] += degrees[i];
    }
    m_spikeCounts.assign(pops, 0);
    m_snapshotVariable.assign(pops, -1);
    for (auto& snap : m_snapshots)
        snap.assign(pops, {});
    for (const auto& proj : m_network.projections) {
        if (proj.coupling == Coupling::Spike)
            continue;
        m_snapshotVariable[proj.source] = static_cast<int>(proj.sourceVariable);
    }
    for (std::size_t p = 0; p < pops; ++p) {
        if (m_snapshotVariable[p] < 0)
            continue;
        const float* data =
            m_network.populations[p].group->state(static_cast<std::size_t>(m_snapshotVariable[p]));
        for (auto& snap : m_snapshots)
            snap[p].assign(data, data + m_network.populations[p].size);
    }
    m_prepared = true;
}

void Simulator::advance(std::size_t slice, std::int64_t step) {
    Network& net = m_network;
    const StepContext ctx{step, net.dtMs};
    if (m_intervening && !m_oneTimeInterventions.empty())
        applyOneTime(slice, step);

    // 1. Deliver the spikes of the previous step into this slice's targets.
    if (step > 0) {
        const auto& previous = m_spikes[(step - 1) & 1];
        for (Projection& proj : net.projections) {
            if (proj.coupling != Coupling::Spike)
                continue;
            SynapsePartition& part = proj.matrix.partition(slice);
            InputRing& ring = net.populations[proj.target].ring;
            if (proj.dynamics) {
                if (proj.modulator >= 0) {
                    std::size_t count = 0;
                    for (const auto& perSlice : previous)
                        count += perSlice[static_cast<std::size_t>(proj.modulator)].size();
                    proj.dynamics->modulatorSpikes(step - 1, slice, count);
                }
                if (!proj.uniformDelay) {
                    DelayedInput input(ring, proj.receptor, step - 1);
                    for (const auto& perSlice : previous)
                        if (!perSlice[proj.source].empty())
                            proj.dynamics->deliverDelayed(step - 1, slice, part,
                                                          perSlice[proj.source], input);
                    continue;
                }
                float* buffer =
                    proj.direct ? proj.direct : ring.at(step - 1 + proj.delaySteps, proj.receptor);
                for (const auto& perSlice : previous)
                    if (!perSlice[proj.source].empty())
                        proj.dynamics->deliver(step - 1, slice, part, perSlice[proj.source],
                                               buffer);
                continue;
            }
            if (part.targets.empty())
                continue;
            const std::uint32_t* __restrict rowStart = part.rowStart.data();
            const std::int32_t* __restrict targets = part.targets.data();
            for (const auto& perSlice : previous) {
                const auto& spikes = perSlice[proj.source];
                if (spikes.empty())
                    continue;
                if (part.delays.empty()) {
                    float* __restrict buffer =
                        proj.direct ? proj.direct
                                    : ring.at(step - 1 + proj.delaySteps, proj.receptor);
                    if (part.weights.empty()) {
                        const float w = proj.weight;
                        for (const std::int32_t src : spikes)
                            for (std::uint32_t q = rowStart[src], e = rowStart[src + 1]; q < e; ++q)
                                buffer[targets[q]] += w;
                    } else {
                        const float* __restrict weights = part.weights.data();
                        for (const std::int32_t src : spikes)
                            for (std::uint32_t q = rowStart[src], e = rowStart[src + 1]; q < e; ++q)
                                buffer[targets[q]] += weights[q];
                    }
                } else {
                    const std::uint16_t* delays = part.delays.data();
                    const bool hasWeights = !part.weights.empty();
                    for (const std::int32_t src : spikes)
                        for (std::uint32_t q = rowStart[src], e = rowStart[src + 1]; q < e; ++q)
                            ring.at(step - 1 + delays[q], proj.receptor)[targets[q]] +=
                                hasWeights ? part.weights[q] : proj.weight;
                }
            }
        }
    }

    // Rate and gap coupling from the sources' state at the end of the previous step.
    for (const Projection& proj : net.projections)
        if (proj.coupling != Coupling::Spike)
            couple(proj, slice, step);

    // 2. Inject currents, sample state, update every population's slice.
    float** inputs = m_inputPointers[slice].data();
    auto& produced = m_spikes[step & 1][slice];
    for (std::size_t p = 0; p < net.populations.size(); ++p) {
        Population& pop = net.populations[p];
        auto& out = produced[p];
        out.clear();
        const std::size_t begin = pop.bounds[slice];
        const std::size_t end = pop.bounds[slice + 1];
        if (begin == end)
            continue;
        for (std::size_t j = 0; j < net.injections.size(); ++j) {
            CurrentInjection& inj = net.injections[j];
            if (inj.target != p || inj.targets[slice].empty())
                continue;
            if (m_intervening && !m_injectionGates.empty() && m_injectionGates[j] >= 0 &&
                !net.interventions[static_cast<std::size_t>(m_injectionGates[j])].activeAt(step))
                continue;
            inj.source->inject(ctx, pop.ring.at(step, inj.receptor), inj.targets[slice].data(),
                               inj.targets[slice].size());
        }
        const bool intervened = m_intervening && !m_populationInterventions[p].empty();
        if (intervened)
            intervene(p, slice, step, false, out);
        for (std::size_t r = 0; r < pop.ring.receptors(); ++r)
            inputs[r] = pop.receptorUsed[r] ? pop.ring.at(step, r) : nullptr;
        pop.group->update(ctx, inputs, begin, end, out);
        if (intervened)
            intervene(p, slice, step, true, out);
        if (m_snapshotVariable[p] >= 0) {
            const float* data = pop.group->state(static_cast<std::size_t>(m_snapshotVariable[p]));
            std::copy(data + begin, data + end, m_snapshots[step & 1][p].begin() + begin);
        }
        if (!out.empty())
            for (Projection& proj : net.projections)
                if (proj.dynamics && proj.target == p)
                    proj.dynamics->postSpikes(step, slice, proj.matrix.partition(slice), out);
        if (!pop.group->clearsInputs())
            pop.ring.clear(step, begin, end);
        // Sample after the update: the state at time (step + 1) * dt.
        for (StateRecorder& rec : net.stateRecorders) {
            if (rec.population != p || (step + 1) % rec.intervalSteps != 0)
                continue;
            const auto row =
                static_cast<std::size_t>((step + 1) / rec.intervalSteps - 1 - rec.rowOffset);
            float* dest = rec.values.data() + row * rec.rowWidth();
            for (std::size_t v = 0; v < rec.variables.size(); ++v) {
                const float* data = pop.group->state(rec.variables[v]);
                for (const std::size_t c : rec.columns[slice])
                    dest[v * rec.neurons.size() + c] = data[rec.neurons[c]];
            }
        }
    }
}

void Simulator::indexInterventions() {
    Network& net = m_network;
    m_populationInterventions.assign(net.populations.size(), {});
    m_injectionGates.clear();
    m_oneTimeInterventions.clear();
    for (std::size_t i = 0; i < net.interventions.size(); ++i) {
        const Intervention& act = net.interventions[i];
        if (act.isOneTime()) {
            if (act.projection >= net.projections.size())
                throw Error("intervention " + act.name + ": no projection " +
                            std::to_string(act.projection));
            // Edits write per-synapse weights: give a homogeneous projection its array.
            Projection& proj = net.projections[act.projection];
            proj.matrix.materializeWeights(proj.weight);
            m_oneTimeInterventions.push_back(i);
            continue;
        }
        if (act.action == Intervention::Action::Gate && act.injection >= 0) {
            if (static_cast<std::size_t>(act.injection) >= net.injections.size())
                throw Error("intervention " + act.name + ": no current injection " +
                            std::to_string(act.injection));
            m_injectionGates.resize(net.injections.size(), -1);
            m_injectionGates[static_cast<std::size_t>(act.injection)] =
                static_cast<std::int64_t>(i);
            continue;
        }
        if (act.population >= net.populations.size())
            throw Error("intervention " + act.name + ": no population " +
                        std::to_string(act.population));
        if (!act.wholePopulation && act.targets.size() != net.partitions)
            throw Error("intervention " + act.name + ": targets are not split into " +
                        std::to_string(net.partitions) + " slices");
        Population& pop = net.populations[act.population];
        if (act.action == Intervention::Action::Clamp &&
            (act.variable >= pop.info->stateVariables.size() || !pop.group->state(act.variable)))
            throw Error("intervention " + act.name + ": no state variable " +
                        std::to_string(act.variable));
        if (act.action == Intervention::Action::Drive) {
            if (act.receptor >= pop.receptorUsed.size())
                throw Error("intervention " + act.name + ": no input " +
                            std::to_string(act.receptor));
            pop.receptorUsed[act.receptor] = 1;
        }
        m_populationInterventions[act.population].push_back(i);
    }
    m_intervening = !net.interventions.empty();
}

void Simulator::applyOneTime(std::size_t slice, std::int64_t step) {
    for (const std::size_t i : m_oneTimeInterventions) {
        const Intervention& act = m_network.interventions[i];
        if (act.atStep != step)
            continue;
        SynapsePartition& part = m_network.projections[act.projection].matrix.partition(slice);
        if (act.action == Intervention::Action::ScaleWeights) {
            for (float& w : part.weights)
                w *= act.value;
            continue;
        }
        // Lesion: targets of a row are ascending, so the synapses of one pair are adjacent.
        const std::size_t sources = part.rowStart.empty() ? 0 : part.rowStart.size() - 1;
        for (std::size_t src = 0; src < sources; ++src) {
            std::uint32_t pairIndex = 0;
            for (std::uint32_t q = part.rowStart[src], e = part.rowStart[src + 1]; q < e; ++q) {
                pairIndex = q > part.rowStart[src] && part.targets[q - 1] == part.targets[q]
                                ? pairIndex + 1
                                : 0;
                if (act.lesions(static_cast<std::int64_t>(src), part.targets[q], pairIndex))
                    part.weights[q] = 0.0f;
            }
        }
    }
}

void Simulator::intervene(std::size_t p, std::size_t slice, std::int64_t step, bool afterUpdate,
                          std::vector<std::int32_t>& spikes) {
    Population& pop = m_network.populations[p];
    const auto begin = static_cast<std::int32_t>(pop.bounds[slice]);
    const auto end = static_cast<std::int32_t>(pop.bounds[slice + 1]);
    for (const std::size_t i : m_populationInterventions[p]) {
        const Intervention& act = m_network.interventions[i];
        using Action = Intervention::Action;
        if ((act.action == Action::Drive) == afterUpdate)
            continue;
        const bool active = act.activeAt(step);
        // Apply `f` to every neuron of the subset in this slice.
        auto forSubset = [&](auto&& f) {
            if (act.wholePopulation) {
                for (std::int32_t n = begin; n < end; ++n)
                    f(n);
            } else {
                for (const std::int32_t n : act.targets[slice])
                    f(n);
            }
        };
        switch (act.action) {
        case Action::Gate:
            if (!active)
                spikes.clear();
            break;
        case Action::Silence:
            if (!active || spikes.empty())
                break;
            if (act.wholePopulation) {
                spikes.clear();
            } else {
                // Both lists are ascending: keep the spikes not in the subset.
                const auto& subset = act.targets[slice];
                std::size_t kept = 0;
                std::size_t k = 0;
                for (const std::int32_t n : spikes) {
                    while (k < subset.size() && subset[k] < n)
                        ++k;
                    if (k == subset.size() || subset[k] != n)
                        spikes[kept++] = n;
                }
                spikes.resize(kept);
            }
            break;
        case Action::Clamp:
            if (active) {
                float* data = pop.group->state(act.variable);
                forSubset([&](std::int32_t n) { data[n] = act.value; });
            }
            break;
        case Action::Drive:
            if (active) {
                float* input = pop.ring.at(step, act.receptor);
                forSubset([&](std::int32_t n) { input[n] += act.value; });
            }
            break;
        case Action::ScaleWeights:
        case Action::Lesion:
            break;
        }
    }
}

void Simulator::couple(const Projection& proj, std::size_t slice, std::int64_t step) {
    Population& target = m_network.populations[proj.target];
    const std::size_t begin = target.bounds[slice];
    const std::size_t end = target.bounds[slice + 1];
    const SynapsePartition& part = proj.matrix.partition(slice);
    const float* source = m_snapshots[(step - 1) & 1][proj.source].data();
    float* input = target.ring.at(step, proj.receptor);
    const float* weights = part.weights.data();
    if (proj.coupling == Coupling::Rate) {
        for (std::size_t j = begin; j < end; ++j) {
            float sum = 0.0f;
            for (std::uint32_t c = part.columnStart[j], e = part.columnStart[j + 1]; c < e; ++c) {
                const std::uint32_t q = part.columnSynapses[c];
                sum += weights[q] * source[part.sources[q]];
            }
            input[j] += sum;
        }
    } else {
        const float* v = target.group->state(proj.targetVariable);
        for (std::size_t j = begin; j < end; ++j) {
            float sum = 0.0f;
            for (std::uint32_t c = part.columnStart[j], e = part.columnStart[j + 1]; c < e; ++c) {
                const std::uint32_t q = part.columnSynapses[c];
                sum += weights[q] * (source[part.sources[q]] - v[j]);
            }
            input[j] += sum;
        }
    }
}

void Simulator::collect(std::int64_t step) {
    Network& net = m_network;
    const auto& lists = m_spikes[step & 1];
    for (std::size_t p = 0; p < net.populations.size(); ++p) {
        std::size_t count = 0;
        const auto& degrees = m_outDegree[p];
        for (const auto& perSlice : lists) {
            count += perSlice[p].size();
            for (const std::int32_t n : perSlice[p])
                m_events += degrees[n];
        }
        if (count == 0)
            continue;
        m_spikeCounts[p] += count;
        for (SpikeRecorder& rec : net.spikeRecorders) {
            if (rec.population != p)
                continue;
            for (const auto& perSlice : lists) {
                rec.neurons.insert(rec.neurons.end(), perSlice[p].begin(), perSlice[p].end());
                rec.steps.insert(rec.steps.end(), perSlice[p].size(), step);
            }
        }
        for (RateRecorder& rec : net.rateRecorders) {
            if (rec.population != p)
                continue;
            const auto bin = static_cast<std::size_t>(step / rec.binSteps - rec.binOffset);
            if (rec.counts.size() <= bin)
                rec.counts.resize(bin + 1, 0);
            rec.counts[bin] += static_cast<std::uint32_t>(count);
        }
    }
}

void Simulator::workerLoop(std::size_t slice, std::int64_t first, std::int64_t last,
                           SpinBarrier& barrier) {
    for (std::int64_t s = first; s < last; ++s) {
        try {
            advance(slice, s);
        } catch (...) {
            // Keep meeting the others at the barrier; everyone stops after this step.
            std::lock_guard lock(m_failureMutex);
            if (!m_failure)
                m_failure = std::current_exception();
            m_failed.store(true, std::memory_order_relaxed);
        }
        if (slice == 0 && (m_cancel.load(std::memory_order_relaxed) || s + 1 == last))
            m_stopAfter.store(s, std::memory_order_relaxed);
        barrier.wait();
        if (m_failed.load(std::memory_order_relaxed)) {
            if (slice == 0)
                m_stopAfter.store(s - 1, std::memory_order_relaxed);
            break;
        }
        if (slice == 0)
            collect(s);
        const std::int64_t stop = m_stopAfter.load(std::memory_order_relaxed);
        if (stop >= 0 && stop <= s)
            break;
    }
}

std::int64_t Simulator::run(std::int64_t steps) {
    prepare();
    if (steps <= 0)
        return 0;
    indexInterventions();
    m_cancel.store(false, std::memory_order_relaxed);
    const std::int64_t first = m_step;
    const std::int64_t last = first + steps;

    // Room for the state samples of this chunk (row r holds time (r + 1) * interval).
    for (StateRecorder& rec : m_network.stateRecorders) {
        const auto rows = static_cast<std::size_t>(last / rec.intervalSteps - rec.rowOffset);
        for (auto r = static_cast<std::int64_t>(rec.sampleSteps.size());
             r < static_cast<std::int64_t>(rows); ++r)
            rec.sampleSteps.push_back((r + rec.rowOffset + 1) * rec.intervalSteps);
        rec.values.resize(rows * rec.rowWidth(), 0.0f);
    }
    // Rate bins of this chunk exist even when silent.
    for (RateRecorder& rec : m_network.rateRecorders)
        rec.counts.resize(static_cast<std::size_t>((last - 1) / rec.binSteps + 1 - rec.binOffset),
                          0);

    std::int64_t done = 0;
    m_failure = nullptr;
    m_failed.store(false, std::memory_order_relaxed);
    if (m_network.partitions == 1) {
        for (std::int64_t s = first; s < last; ++s) {
            try {
                advance(0, s);
            } catch (...) {
                m_failure = std::current_exception();
                break;
            }
            collect(s);
            ++done;
            if (m_cancel.load(std::memory_order_relaxed))
                break;
        }
    } else {
        m_stopAfter.store(-1, std::memory_order_relaxed);
        SpinBarrier barrier(m_network.partitions);
        std::vector<std::thread> workers;
        for (std::size_t k = 1; k < m_network.partitions; ++k)
            workers.emplace_back(
                [this, k, first, last, &barrier] { workerLoop(k, first, last, barrier); });
        workerLoop(0, first, last, barrier);
        for (auto& t : workers)
            t.join();
        // Every thread has left the loop: a failure at step s leaves s - 1 as the last one.
        done = m_stopAfter.load() - first + 1;
    }
    m_step = first + done;
    // Trim state rows that a cancelled chunk did not reach.
    for (StateRecorder& rec : m_network.stateRecorders) {
        const auto rows = static_cast<std::size_t>(
            std::max<std::int64_t>(0, m_step / rec.intervalSteps - rec.rowOffset));
        if (rows < rec.sampleSteps.size()) {
            rec.sampleSteps.resize(rows);
            rec.values.resize(rows * rec.rowWidth());
        }
    }
    if (m_failure) {
        // The failed step is not counted; what was recorded before it stays.
        std::exception_ptr failure = m_failure;
        m_failure = nullptr;
        std::rethrow_exception(failure);
    }
    return done;
}

void Simulator::finish() {
    for (RateRecorder& rec : m_network.rateRecorders)
        rec.counts.resize(
            static_cast<std::size_t>(std::max<std::int64_t>(
                0, (m_step > 0 ? (m_step - 1) / rec.binSteps + 1 : 0) - rec.binOffset)),
            0);
}

} // namespace plexus::core
