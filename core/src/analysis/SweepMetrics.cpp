#include "plexus/analysis/SweepMetrics.h"

#include "plexus/analysis/ActivityBuilder.h"
#include "plexus/analysis/AperiodicFit.h"
#include "plexus/analysis/Avalanches.h"
#include "plexus/analysis/BranchingRatio.h"
#include "plexus/analysis/PowerLawFit.h"
#include "plexus/analysis/PowerSpectrum.h"
#include "plexus/analysis/ReadoutStates.h"
#include "plexus/analysis/ReadoutTasks.h"
#include "plexus/analysis/RunReadout.h"
#include "plexus/analysis/StimulusSignal.h"
#include "plexus/analysis/Synchrony.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/engine/SpikeRecorder.h"
#include "plexus/core/project/ProjectIo.h"
#include "plexus/core/record/SpikeStatistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

namespace plexus::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

/// The spikes of population `pop` (its first spike recording), or of "all": every
/// non-stimulus population, neurons renumbered. Only what a metric asks for is copied.
SpikeTimes spikesOf(const core::RunRecord& record, const std::string& pop) {
    SpikeTimes out;
    out.name = pop;
    for (const auto& p : record.populations) {
        if (p.spikes.empty() || (pop == "all" ? p.stimulus : p.name != pop))
            continue;
        const auto& s = p.spikes.front();
        out.timesMs.insert(out.timesMs.end(), s.timesMs.begin(), s.timesMs.end());
        for (const std::int32_t n : s.neurons)
            out.neurons.push_back(static_cast<std::int32_t>(out.size) + n);
        out.size += p.size;
        if (pop != "all")
            return out;
    }
    if (pop != "all")
        throw core::Error("no spike recording of population \"" + pop + "\"");
    return out;
}

/// Pooled spike counts of `spikes` in bins of `binMs` over the run.
std::vector<double> pooledCounts(const SpikeTimes& spikes, double binMs, double durationMs) {
    SpikeTimes pooled;
    pooled.name = spikes.name;
    pooled.size = 1;
    pooled.timesMs = spikes.timesMs;
    pooled.neurons.assign(spikes.timesMs.size(), 0);
    ActivityOptions o;
    o.binMs = binMs;
    const auto m = ActivityBuilder::epoch({pooled}, {"all", 0.0, durationMs}, o).values;
    return std::vector<double>(m.data(), m.data() + m.size());
}

/// Mean CV of the neurons with at least 3 spikes; NaN when none has.
double cvIsi(const SpikeTimes& spikes, double dtMs) {
    core::SpikeRecorder recorder;
    recorder.steps.reserve(spikes.timesMs.size());
    for (const double t : spikes.timesMs)
        recorder.steps.push_back(std::llround(t / dtMs));
    recorder.neurons = spikes.neurons;
    return core::SpikeStatistics::meanCvIsi(recorder, spikes.size, 3, kNaN);
}

/// The aperiodic + peaks model of the population rate (1 ms bins, 1 s Welch segments).
AperiodicResult spectrumFit(const SpikeTimes& spikes, double durationMs) {
    const double binMs = 1.0;
    std::vector<double> rate;
    const double perNeuron =
        1000.0 / (binMs * static_cast<double>(std::max<std::size_t>(spikes.size, 1)));
    for (const double c : pooledCounts(spikes, binMs, durationMs))
        rate.push_back(c * perNeuron);
    WelchOptions w;
    w.sampleRateHz = 1000.0 / binMs;
    w.segmentLength = static_cast<std::size_t>(std::lround(1000.0 / binMs));
    const auto spectrum = PowerSpectrum::welch(rate, w);
    AperiodicOptions a;
    a.lowHz = 1.0;
    a.highHz = std::min(50.0, 0.8 * w.sampleRateHz / 2.0);
    return AperiodicFit::fit(spectrum, a);
}

/// Test accuracy of classifying the run's protocol trials (condition = class) from the states
/// of `spikes` at each trial's end (ReadoutStates defaults: exponential filter, 30 ms).
double trialAccuracy(const core::RunRecord& record, const SpikeTimes& spikes) {
    const auto t =
        RunReadout::trials(ConditionEpoch::fromTrials(record.trials, record.conditionNames),
                           record.durationMs, "trials");
    const auto states = ReadoutStates::sample({spikes}, t.timesMs, t.groups, {});
    return ReadoutTasks::classify(states.states, t.labels, t.classes.size(), t.groups, {})
        .testAccuracy;
}

/// The states of `spikes` at the steps of the input u(t) of the project's first time_series
/// stimulus (10 blocks), with u; nothing when the project has no time series.
struct InputStates {
    ReadoutStates states;
    RunReadout::Signal input;
};
std::optional<InputStates> inputStates(const core::RunRecord& record, const SpikeTimes& spikes,
                                       const std::string& origin) {
    const auto project = core::ProjectIo::parse(record.projectJson, origin);
    for (const auto& stimulus : project.stimuli) {
        if (stimulus.model != "time_series")
            continue;
        auto u = RunReadout::signal(StimulusSignal::overRun(stimulus, record.durationMs, origin),
                                    record.durationMs, 10, stimulus.name);
        auto states = ReadoutStates::sample({spikes}, u.timesMs, u.groups, {});
        return InputStates{std::move(states), std::move(u)};
    }
    return std::nullopt;
}

/// Memory capacity (delays 1..min(50, samples / 5)) of the run's own input.
double memoryCapacity(const core::RunRecord& record, const SpikeTimes& spikes,
                      const std::string& origin) {
    const auto in = inputStates(record, spikes, origin);
    if (!in)
        return kNaN;
    const std::size_t delays = std::min<std::size_t>(50, in->input.timesMs.size() / 5);
    return ReadoutTasks::memoryCapacity(in->states.states, in->input.values, in->input.groups,
                                        delays, {})
        .total;
}

/// Test NRMSE of NARMA-10 on the run's own input (washout 100 steps; inputs in [0, 0.5]).
double narmaNrmse(const core::RunRecord& record, const SpikeTimes& spikes,
                  const std::string& origin) {
    const auto in = inputStates(record, spikes, origin);
    if (!in || in->input.values.minCoeff() < 0.0 || in->input.values.maxCoeff() > 0.5)
        return kNaN;
    const std::size_t washout = std::min<std::size_t>(100, in->input.timesMs.size() / 5);
    return ReadoutTasks::narma10(in->states.states, in->input.values, in->input.groups, washout, {})
        .testNrmse;
}

double metricValue(const std::string& kind, const core::RunRecord& record, const SpikeTimes& s,
                   const std::string& origin) {
    const double durationMs = record.durationMs;
    if (kind == "rate")
        return s.size > 0 && durationMs > 0 ? static_cast<double>(s.timesMs.size()) /
                                                  static_cast<double>(s.size) / (durationMs * 1e-3)
                                            : kNaN;
    if (kind == "cv_isi")
        return cvIsi(s, record.dtMs);
    if (kind == "fano" || kind == "chi" || kind == "correlation") {
        if (s.timesMs.empty())
            return kNaN;
        SynchronyOptions o;
        o.binMs = 10.0;
        o.fromMs = 0.0;
        o.toMs = durationMs;
        const auto r = Synchrony::analyse(s, o);
        if (kind == "chi")
            return r.chi;
        if (kind == "correlation")
            return r.correlations.values.empty() ? kNaN : r.correlations.mean;
        return r.fano.values.empty() ? kNaN : r.fano.mean;
    }
    if (kind == "branching")
        return BranchingRatio::estimate(pooledCounts(s, 4.0, durationMs), 40).m;
    if (kind == "avalanche_alpha" || kind == "avalanche_beta") {
        AvalancheOptions a;
        a.timeStepMs = record.dtMs;
        a.fromMs = 0.0;
        a.toMs = durationMs;
        const auto avalanches = Avalanches::detect(s.timesMs, a);
        return PowerLawFit::fit(kind == "avalanche_alpha" ? avalanches.sizes : avalanches.durations)
            .alpha;
    }
    if (kind == "spectral_exponent")
        return spectrumFit(s, durationMs).exponent;
    if (kind == "alpha_peak_hz") {
        const auto fit = spectrumFit(s, durationMs);
        return fit.hasAlpha ? fit.alpha.frequencyHz : kNaN;
    }
    if (kind == "accuracy")
        return trialAccuracy(record, s);
    if (kind == "memory_capacity")
        return memoryCapacity(record, s, origin);
    if (kind == "narma_nrmse")
        return narmaNrmse(record, s, origin);
    throw core::Error("unknown metric kind \"" + kind + "\"");
}

} // namespace

const std::vector<std::string>& SweepMetrics::kinds() {
    static const std::vector<std::string> k = {"rate",
                                               "cv_isi",
                                               "fano",
                                               "chi",
                                               "correlation",
                                               "branching",
                                               "avalanche_alpha",
                                               "avalanche_beta",
                                               "spectral_exponent",
                                               "alpha_peak_hz",
                                               "accuracy",
                                               "memory_capacity",
                                               "narma_nrmse"};
    return k;
}

std::vector<std::string> SweepMetrics::defaults(const std::vector<std::string>& populations) {
    std::vector<std::string> out;
    for (const auto& p : populations) {
        out.push_back("rate:" + p);
        out.push_back("cv_isi:" + p);
    }
    return out;
}

std::vector<std::string> SweepMetrics::parseList(const std::string& text,
                                                 const std::vector<std::string>& populations) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(',', start), text.size());
        const std::string name = text.substr(start, end - start);
        start = end + 1;
        if (name.empty())
            continue;
        const std::size_t colon = name.find(':');
        const std::string kind = name.substr(0, colon);
        if (std::find(kinds().begin(), kinds().end(), kind) == kinds().end())
            throw core::Error("--metrics: unknown metric \"" + name + "\" (KIND:POP with KIND " +
                              joined(kinds()) + ")");
        const std::string pop = colon == std::string::npos ? "" : name.substr(colon + 1);
        if (pop != "all" &&
            std::find(populations.begin(), populations.end(), pop) == populations.end())
            throw core::Error("--metrics: " + name + ": unknown population \"" + pop + "\" (" +
                              joined(populations) + ", all)");
        if (std::find(out.begin(), out.end(), name) == out.end())
            out.push_back(name);
    }
    if (out.empty())
        throw core::Error("--metrics: no metric named");
    return out;
}

std::vector<double> SweepMetrics::compute(const core::RunRecord& record,
                                          const std::vector<std::string>& names,
                                          const std::string& origin) {
    std::map<std::string, SpikeTimes> spikes;
    std::vector<double> out;
    for (const auto& name : names) {
        const std::size_t colon = name.find(':');
        const std::string kind = name.substr(0, colon);
        const std::string pop = colon == std::string::npos ? "" : name.substr(colon + 1);
        try {
            auto it = spikes.find(pop);
            if (it == spikes.end())
                it = spikes.emplace(pop, spikesOf(record, pop)).first;
            out.push_back(metricValue(kind, record, it->second, origin));
        } catch (const core::Error&) {
            out.push_back(kNaN);
        }
    }
    return out;
}

} // namespace plexus::analysis
