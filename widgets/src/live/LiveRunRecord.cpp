#include "plexus/widgets/live/LiveRunRecord.h"

#include "plexus/widgets/live/LiveRecording.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <plexus/core/base/Error.h>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/core/project/ProjectSpec.h>
#include <plexus/geometry/probes/ContactTracks.h>

namespace plexus::widgets {

namespace {

const char* const kLive = "live";

std::int64_t toStep(double timeMs, double dtMs) {
    return static_cast<std::int64_t>(std::llround(timeMs / dtMs));
}

const core::NamedArray* arrayNamed(const core::RunRecord::ElectrodeData& electrode,
                                   const std::string& name) {
    for (const core::NamedArray& array : electrode.arrays) {
        if (array.name == name) {
            return &array;
        }
    }
    return nullptr;
}

} // namespace

core::RunRecord LiveRunRecord::fromRecording(const LiveRecording& recording,
                                             const core::ProjectSpec& project,
                                             const std::string& plexusVersion) {
    core::RunRecord record;
    record.plexusVersion = plexusVersion;
    record.name = project.name;
    record.seed = project.simulation.seed;
    record.dtMs = recording.dtMs();
    record.durationMs = recording.currentTimeMs();
    record.threads = static_cast<std::size_t>(std::max(1, project.simulation.threads));
    record.projectJson = core::ProjectIo::toJson(project).dump();
    record.projectHash = core::RunRecord::hashProject(record.projectJson);
    const double dt = recording.dtMs();
    for (std::size_t p = 0; p < recording.populationCount(); ++p) {
        const LiveRecording::Population& pop = recording.population(p);
        core::RunRecord::PopulationData data;
        data.name = pop.name;
        data.size = pop.size;
        data.stimulus = pop.isStimulus;
        for (const auto& spec : project.populations) {
            if (spec.name == pop.name) {
                data.model = spec.model;
            }
        }
        for (const auto& spec : project.stimuli) {
            if (spec.name == pop.name) {
                data.model = spec.model;
            }
        }
        core::RunRecord::Spikes spikes;
        spikes.recorder = kLive;
        const auto& steps = recording.spikeSteps(p);
        spikes.timesMs.reserve(steps.size());
        for (const std::int64_t step : steps) {
            spikes.timesMs.push_back(static_cast<double>(step) * dt);
        }
        spikes.neurons = recording.spikeNeurons(p);
        data.spikes.push_back(std::move(spikes));

        core::RunRecord::RateTrace rate;
        rate.recorder = kLive;
        rate.binMs = static_cast<double>(recording.rateBinSteps()) * dt;
        const std::size_t bins = recording.rateBins(p).size();
        for (std::size_t b = 0; b < bins; ++b) {
            rate.timesMs.push_back(static_cast<double>(b) * rate.binMs);
            rate.rateHz.push_back(recording.rateHz(p, b));
        }
        data.rates.push_back(std::move(rate));
        record.populations.push_back(std::move(data));
    }
    for (std::size_t t = 0; t < recording.traceCount(); ++t) {
        const LiveRecording::Trace& trace = recording.trace(t);
        if (trace.population >= record.populations.size()) {
            continue;
        }
        core::RunRecord::StateTrace state;
        state.recorder = "trace_" + std::to_string(trace.neuron) + "_" + trace.variable;
        state.intervalMs =
            trace.steps.size() > 1 ? static_cast<double>(trace.steps[1] - trace.steps[0]) * dt : dt;
        state.neurons = {trace.neuron};
        state.variables = {trace.variable};
        for (const std::int64_t step : trace.steps) {
            state.timesMs.push_back(static_cast<double>(step) * dt);
        }
        state.values = {trace.values};
        record.populations[trace.population].states.push_back(std::move(state));
    }
    std::vector<geometry::ContactTracks::Track> tracks;
    tracks.reserve(recording.contactCount());
    for (std::size_t c = 0; c < recording.contactCount(); ++c) {
        tracks.push_back(recording.contact(c));
    }
    record.electrodes =
        geometry::ContactTracks::electrodes(tracks, recording.contactBinSteps(), dt);
    // The protocol trials the run completed, as plexus-cli run archives them.
    record.trials = core::TrialWindow::completed(recording.trials(), record.durationMs);
    record.conditionNames = recording.conditionNames();
    return record;
}

void LiveRunRecord::toRecording(const core::RunRecord& record, LiveRecording& recording) {
    if (!(record.dtMs > 0.0)) {
        throw core::Error("the run has no time step (dt_ms)");
    }
    const double dt = record.dtMs;
    std::vector<LiveRecording::Population> populations;
    double rateBinMs = 0.0;
    for (const auto& pop : record.populations) {
        populations.push_back({pop.name, pop.size, pop.stimulus});
        if (rateBinMs <= 0.0 && !pop.rates.empty()) {
            rateBinMs = pop.rates.front().binMs;
        }
    }
    const std::int64_t rateBinSteps =
        rateBinMs > 0.0 ? std::max<std::int64_t>(1, toStep(rateBinMs, dt)) : 10;
    recording.reset(std::move(populations), dt, rateBinSteps);
    recording.setTrials(record.trials, record.conditionNames);
    std::int64_t lastStep = toStep(record.durationMs, dt);
    for (std::size_t p = 0; p < record.populations.size(); ++p) {
        const auto& pop = record.populations[p];
        std::vector<std::int64_t> steps;
        std::vector<std::int32_t> neurons;
        for (const auto& spikes : pop.spikes) {
            for (std::size_t i = 0; i < spikes.timesMs.size(); ++i) {
                steps.push_back(toStep(spikes.timesMs[i], dt));
                neurons.push_back(spikes.neurons[i]);
            }
        }
        // Several spike recorders: merge in time order.
        std::vector<std::size_t> order(steps.size());
        for (std::size_t i = 0; i < order.size(); ++i) {
            order[i] = i;
        }
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return steps[a] < steps[b]; });
        std::vector<std::int64_t> sortedSteps;
        std::vector<std::int32_t> sortedNeurons;
        for (const std::size_t i : order) {
            sortedSteps.push_back(steps[i]);
            sortedNeurons.push_back(neurons[i]);
        }
        recording.appendSpikes(p, sortedSteps.data(), sortedNeurons.data(), sortedSteps.size());
        // Rate bins: the recording counts spikes; recount them in its bins.
        if (!sortedSteps.empty()) {
            std::vector<std::uint32_t> counts(
                static_cast<std::size_t>(sortedSteps.back() / rateBinSteps) + 1, 0);
            for (const std::int64_t step : sortedSteps) {
                ++counts[static_cast<std::size_t>(step / rateBinSteps)];
            }
            recording.appendRateBins(p, 0, counts.data(), counts.size());
            lastStep = std::max(lastStep, sortedSteps.back());
        }
        for (const auto& state : pop.states) {
            for (std::size_t v = 0; v < state.variables.size(); ++v) {
                for (std::size_t n = 0; n < state.neurons.size(); ++n) {
                    const std::size_t trace =
                        recording.addTrace(p, state.neurons[n], state.variables[v], {});
                    std::vector<std::int64_t> sampleSteps;
                    std::vector<float> values;
                    for (std::size_t r = 0; r < state.timesMs.size(); ++r) {
                        sampleSteps.push_back(toStep(state.timesMs[r], dt));
                        values.push_back(state.values[v][r * state.neurons.size() + n]);
                    }
                    recording.appendSamples(trace, sampleSteps.data(), values.data(),
                                            values.size());
                }
            }
        }
    }
    // Contacts: every electrode's lfp_uv / mua columns, named "ELECTRODE:CONTACT".
    std::vector<std::string> names;
    std::int64_t contactBinSteps = 0;
    struct Columns {
        const core::NamedArray* lfp;
        const core::NamedArray* mua;
        std::size_t column;
    };
    std::vector<Columns> columns;
    for (const auto& electrode : record.electrodes) {
        const core::NamedArray* lfp = arrayNamed(electrode, "lfp_uv");
        const core::NamedArray* mua = arrayNamed(electrode, "mua");
        const core::NamedArray* time = arrayNamed(electrode, "t_ms");
        if (lfp == nullptr || mua == nullptr || lfp->cols != mua->cols) {
            continue;
        }
        if (contactBinSteps == 0 && time != nullptr && !time->values.empty()) {
            contactBinSteps = std::max<std::int64_t>(1, toStep(time->values.front(), dt));
        }
        for (std::size_t k = 0; k < lfp->cols; ++k) {
            const std::string label =
                k < lfp->columnLabels.size() ? lfp->columnLabels[k] : std::to_string(k);
            names.push_back(electrode.name + ":" + label);
            columns.push_back({lfp, mua, k});
        }
    }
    if (!names.empty()) {
        recording.setContacts(names, contactBinSteps > 0 ? contactBinSteps : 10);
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const Columns& col = columns[c];
            std::vector<float> lfp(col.lfp->rows);
            std::vector<std::uint32_t> units(col.mua->rows);
            for (std::size_t b = 0; b < col.lfp->rows; ++b) {
                lfp[b] = static_cast<float>(col.lfp->at(b, col.column));
            }
            for (std::size_t b = 0; b < col.mua->rows; ++b) {
                units[b] = static_cast<std::uint32_t>(std::llround(col.mua->at(b, col.column)));
            }
            recording.appendContactBins(c, 0, lfp.data(), units.data(),
                                        std::min(lfp.size(), units.size()));
        }
    }
    recording.setCurrentStep(lastStep);
}

} // namespace plexus::widgets
