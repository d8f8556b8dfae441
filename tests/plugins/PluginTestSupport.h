#pragma once

// Helpers shared by the model-library tests: single-population projects and spike-train
// statistics.

#include "core/TestSupport.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace plexus::tests {

/// A recorder of `type` ("spikes" or "state") on population `target`.
inline core::RecorderSpec recorder(std::string name, std::string type, std::string target,
                                   std::vector<std::string> variables = {},
                                   std::vector<std::int64_t> neurons = {},
                                   double intervalMs = 0.1) {
    core::RecorderSpec rec;
    rec.name = std::move(name);
    rec.type = std::move(type);
    rec.target = std::move(target);
    rec.variables = std::move(variables);
    rec.neurons = std::move(neurons);
    rec.intervalMs = intervalMs;
    return rec;
}

/// A project with one population `N` of `model` (size `size`), a spike recorder "spikes" and,
/// when `variables` is not empty, a state recorder "state" of neuron 0 sampled every step.
inline core::ProjectSpec singlePopulation(const std::string& model, std::int64_t size,
                                          std::map<std::string, double> params, double dtMs,
                                          std::vector<std::string> variables = {}) {
    core::ProjectSpec p;
    p.simulation.dtMs = dtMs;
    core::PopulationSpec pop;
    pop.name = std::string("N");
    pop.model = model;
    pop.size = size;
    pop.params = std::move(params);
    p.populations.push_back(std::move(pop));
    p.recorders.push_back(recorder("spikes", "spikes", "N"));
    if (!variables.empty())
        p.recorders.push_back(recorder("state", "state", "N", std::move(variables), {0}, dtMs));
    return p;
}

/// A current stimulus of `model` into population `target` (all neurons).
inline core::StimulusSpec currentStimulus(std::string name, std::string model, std::string target,
                                          std::map<std::string, double> params,
                                          std::string receptor = {}) {
    core::StimulusSpec s;
    s.name = std::move(name);
    s.model = std::move(model);
    s.target = std::move(target);
    s.receptor = std::move(receptor);
    s.params = std::move(params);
    return s;
}

/// A spike-time generator with one channel firing at `times` (ms).
inline core::StimulusSpec spikeTimesSource(std::string name, std::vector<double> times) {
    core::StimulusSpec s;
    s.name = std::move(name);
    s.model = std::string("spike_times");
    s.size = 1;
    s.indices.assign(times.size(), 0);
    s.times = std::move(times);
    return s;
}

/// An all-to-all projection from `source` to `target` with a constant weight.
inline core::ProjectionSpec allToAll(std::string source, std::string target, std::string receptor,
                                     double weight) {
    core::ProjectionSpec pr;
    pr.name = source + "->" + target;
    pr.source = std::move(source);
    pr.target = std::move(target);
    pr.receptor = std::move(receptor);
    pr.connectivity.rule = std::string("all_to_all");
    pr.weight = core::ValueSpec::constant(weight);
    return pr;
}

/// Spike times (ms, step start) of neuron `n` from the first spike recorder.
inline std::vector<double> spikeTimes(const Run& run, std::int32_t n) {
    const auto& rec = run.network->spikeRecorders[0];
    std::vector<double> out;
    for (std::size_t k = 0; k < rec.steps.size(); ++k)
        if (rec.neurons[k] == n)
            out.push_back(static_cast<double>(rec.steps[k]) * run.network->dtMs);
    return out;
}

/// Inter-spike intervals of a spike train.
inline std::vector<double> intervals(const std::vector<double>& times) {
    std::vector<double> isi;
    for (std::size_t k = 1; k < times.size(); ++k)
        isi.push_back(times[k] - times[k - 1]);
    return isi;
}

/// Adaptation index of Naud et al. (2008): mean of (ISI_{k+1} - ISI_k) / (ISI_{k+1} + ISI_k)
/// over the intervals after the first `skip` ones. Positive for adapting trains, ~0 for tonic.
inline double adaptationIndex(const std::vector<double>& isi, std::size_t skip = 0) {
    double sum = 0.0;
    std::size_t count = 0;
    for (std::size_t k = skip + 1; k < isi.size(); ++k) {
        sum += (isi[k] - isi[k - 1]) / (isi[k] + isi[k - 1]);
        ++count;
    }
    return count ? sum / static_cast<double>(count) : 0.0;
}

/// Groups a spike train into bursts: consecutive spikes closer than `maxIntraMs` belong to the
/// same burst. Returns the number of spikes of each burst, in order.
inline std::vector<int> burstSizes(const std::vector<double>& times, double maxIntraMs) {
    std::vector<int> sizes;
    for (std::size_t k = 0; k < times.size(); ++k) {
        if (k == 0 || times[k] - times[k - 1] >= maxIntraMs)
            sizes.push_back(0);
        ++sizes.back();
    }
    return sizes;
}

/// Value of state variable column `column` at sample `row` of the first state recorder.
inline float stateAt(const Run& run, std::size_t row, std::size_t column = 0) {
    const auto& rec = run.network->stateRecorders[0];
    return rec.values[row * rec.rowWidth() + column];
}

} // namespace plexus::tests
