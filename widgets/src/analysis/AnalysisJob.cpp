#include "plexus/widgets/analysis/AnalysisJob.h"

#include "plexus/analysis/ActivityBuilder.h"
#include "plexus/analysis/Mds.h"
#include "plexus/analysis/ReadoutTasks.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/engine/SpikeRecorder.h"
#include "plexus/core/record/SpikeStatistics.h"
#include "plexus/widgets/live/LiveRecording.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <map>

namespace plexus::widgets {

namespace {

/// Index range [begin, end) of @p steps whose time (step x dt) lies in [lowerMs, upperMs).
std::pair<std::size_t, std::size_t> spanOf(const std::vector<std::int64_t>& steps, double dtMs,
                                           double lowerMs, double upperMs) {
    const auto first = std::partition_point(steps.begin(), steps.end(), [&](std::int64_t s) {
        return static_cast<double>(s) * dtMs < lowerMs;
    });
    const auto last = std::partition_point(first, steps.end(), [&](std::int64_t s) {
        return static_cast<double>(s) * dtMs < upperMs;
    });
    return {static_cast<std::size_t>(first - steps.begin()),
            static_cast<std::size_t>(last - steps.begin())};
}

} // namespace

AnalysisJob AnalysisJob::fromRecording(const LiveRecording& recording,
                                       const std::vector<std::size_t>& populations,
                                       const std::vector<analysis::ConditionEpoch>& epochs,
                                       const analysis::ActivityOptions& activity,
                                       const RasterSelection& restriction) {
    AnalysisJob job;
    job.dtMs = recording.dtMs();
    job.epochs = epochs;
    job.activity = activity;

    double lower = 0.0;
    double upper = recording.currentTimeMs();
    if (!epochs.empty()) {
        lower = std::numeric_limits<double>::infinity();
        upper = -std::numeric_limits<double>::infinity();
        for (const auto& e : epochs) {
            lower = std::min(lower, e.startMs);
            upper = std::max(upper, e.endMs);
        }
    }
    job.statisticsStartMs = lower;
    job.statisticsEndMs = upper;
    // Spikes exist from the start of the run to now: smoothing corrects for the kernel's
    // weight beyond them.
    if (recording.currentTimeMs() > 0.0) {
        job.activity.recordedFromMs = 0.0;
        job.activity.recordedToMs = recording.currentTimeMs();
    }

    // Spikes the activity can see: the epochs widened by the kernel's support (widened
    // further near the ends of the run) and a bin.
    const double support =
        job.activity.kernel == analysis::SmoothingKernel::None ? 0.0 : job.activity.maxSupportMs();
    const double margin = std::max(0.0, support) + std::max(0.0, activity.binMs) + 1.0;
    const double copyLower = lower - margin;
    const double copyUpper = upper + margin;

    const bool restricted = restriction.hasNeurons();
    for (const std::size_t p : populations) {
        if (p >= recording.populationCount() || (restricted && p != *restriction.population)) {
            continue;
        }
        PopulationSpikes out;
        out.name = recording.population(p).name;
        out.size = recording.population(p).size;
        const auto& steps = recording.spikeSteps(p);
        const auto& neurons = recording.spikeNeurons(p);
        const auto [begin, end] = spanOf(steps, job.dtMs, copyLower, copyUpper);
        if (!restricted) {
            out.steps.assign(steps.begin() + static_cast<std::ptrdiff_t>(begin),
                             steps.begin() + static_cast<std::ptrdiff_t>(end));
            out.neurons.assign(neurons.begin() + static_cast<std::ptrdiff_t>(begin),
                               neurons.begin() + static_cast<std::ptrdiff_t>(end));
        } else {
            const std::int32_t first = std::max(0, restriction.firstNeuron);
            const std::int32_t last =
                std::min(restriction.lastNeuron, static_cast<std::int32_t>(out.size) - 1);
            out.size = last >= first ? static_cast<std::size_t>(last - first + 1) : 0;
            for (std::size_t i = begin; i < end; ++i) {
                if (neurons[i] >= first && neurons[i] <= last) {
                    out.steps.push_back(steps[i]);
                    out.neurons.push_back(neurons[i] - first);
                }
            }
            out.name += "[" + std::to_string(first) + "-" + std::to_string(last) + "]";
        }
        job.populations.push_back(std::move(out));
    }
    return job;
}

std::vector<analysis::SpikeTimes> AnalysisJob::spikeTimes() const {
    std::vector<analysis::SpikeTimes> out;
    out.reserve(populations.size());
    for (const auto& p : populations) {
        analysis::SpikeTimes s;
        s.name = p.name;
        s.size = p.size;
        s.timesMs.resize(p.steps.size());
        for (std::size_t i = 0; i < p.steps.size(); ++i) {
            s.timesMs[i] = static_cast<double>(p.steps[i]) * dtMs;
        }
        s.neurons = p.neurons;
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<AnalysisResult::PopulationStatistics> AnalysisJob::statistics() const {
    std::vector<AnalysisResult::PopulationStatistics> out;
    const double durationMs = statisticsEndMs - statisticsStartMs;
    const auto isiBins = isiBinMs > 0.0 && isiMaxMs > 0.0
                             ? static_cast<std::size_t>(std::ceil(isiMaxMs / isiBinMs))
                             : std::size_t{0};
    const auto windows = fanoWindowMs > 0.0 && durationMs > 0.0
                             ? static_cast<std::int64_t>(std::floor(durationMs / fanoWindowMs))
                             : std::int64_t{0};
    for (const auto& p : populations) {
        AnalysisResult::PopulationStatistics s;
        s.name = p.name;
        s.neurons = p.size;
        s.isiCounts.assign(isiBins, 0.0);

        core::SpikeRecorder recorder;
        recorder.name = p.name;
        const auto [begin, end] = spanOf(p.steps, dtMs, statisticsStartMs, statisticsEndMs);
        recorder.steps.assign(p.steps.begin() + static_cast<std::ptrdiff_t>(begin),
                              p.steps.begin() + static_cast<std::ptrdiff_t>(end));
        recorder.neurons.assign(p.neurons.begin() + static_cast<std::ptrdiff_t>(begin),
                                p.neurons.begin() + static_cast<std::ptrdiff_t>(end));
        s.spikes = recorder.steps.size();
        if (p.size > 0 && durationMs > 0.0) {
            s.rateHz =
                static_cast<double>(s.spikes) / (static_cast<double>(p.size) * durationMs * 1e-3);
        }
        s.cvNeurons = core::SpikeStatistics::cvIsi(recorder, p.size).size();
        s.meanCvIsi = core::SpikeStatistics::meanCvIsi(recorder, p.size);

        // Fano factor: counts per neuron in `windows` windows, accumulated as sums and sums of
        // squares while walking the spikes in time order (memory linear in the neurons).
        std::vector<std::int64_t> window(p.size, -1);
        std::vector<double> count(p.size, 0.0), sum(p.size, 0.0), sumSq(p.size, 0.0);
        std::vector<std::int64_t> lastStep(p.size, -1);
        for (std::size_t i = 0; i < recorder.steps.size(); ++i) {
            const std::int32_t neuron = recorder.neurons[i];
            if (neuron < 0 || static_cast<std::size_t>(neuron) >= p.size) {
                continue;
            }
            const auto n = static_cast<std::size_t>(neuron);
            const std::int64_t step = recorder.steps[i];
            if (lastStep[n] >= 0 && isiBins > 0) {
                const double isi = static_cast<double>(step - lastStep[n]) * dtMs;
                const auto bin = static_cast<std::size_t>(std::floor(isi / isiBinMs));
                if (bin < isiBins) {
                    s.isiCounts[bin] += 1.0;
                } else {
                    ++s.isiOverflow;
                }
            }
            lastStep[n] = step;
            if (windows >= 2) {
                const double t = static_cast<double>(step) * dtMs - statisticsStartMs;
                const auto w = static_cast<std::int64_t>(std::floor(t / fanoWindowMs));
                if (w < 0 || w >= windows) {
                    continue;
                }
                if (w != window[n]) {
                    sum[n] += count[n];
                    sumSq[n] += count[n] * count[n];
                    count[n] = 0.0;
                    window[n] = w;
                }
                count[n] += 1.0;
            }
        }
        if (windows >= 2) {
            const auto w = static_cast<double>(windows);
            double fanoSum = 0.0;
            for (std::size_t n = 0; n < p.size; ++n) {
                const double total = sum[n] + count[n];
                const double totalSq = sumSq[n] + count[n] * count[n];
                const double mean = total / w;
                if (mean <= 0.0) {
                    continue;
                }
                const double variance = std::max(0.0, (totalSq - w * mean * mean) / (w - 1.0));
                fanoSum += variance / mean;
                ++s.fanoNeurons;
            }
            s.fanoFactor = s.fanoNeurons > 0 ? fanoSum / static_cast<double>(s.fanoNeurons) : 0.0;
        }
        out.push_back(std::move(s));
    }
    return out;
}

AnalysisResult::Dynamics AnalysisJob::dynamics() const {
    const DynamicsSettings& settings = dynamicsSettings;
    AnalysisResult::Dynamics d;
    d.fromMs = statisticsStartMs;
    d.toMs = statisticsEndMs;
    d.branchingBinMs = settings.branchingBinMs;
    d.spectrumBinMs = settings.spectrumBinMs;
    d.spectrumLowHz = settings.spectrumLowHz;
    d.spectrumHighHz = settings.spectrumHighHz;
    if (populations.empty()) {
        throw core::Error("no population selected");
    }
    if (!(d.toMs > d.fromMs)) {
        throw core::Error("nothing recorded yet");
    }
    // All spikes of the span as one train of one unit.
    analysis::SpikeTimes pooled;
    pooled.name = "pooled";
    pooled.size = 1;
    for (const auto& p : populations) {
        d.neurons += p.size;
        const auto [begin, end] = spanOf(p.steps, dtMs, d.fromMs, d.toMs);
        for (std::size_t i = begin; i < end; ++i) {
            pooled.timesMs.push_back(static_cast<double>(p.steps[i]) * dtMs);
        }
    }
    std::sort(pooled.timesMs.begin(), pooled.timesMs.end());
    pooled.neurons.assign(pooled.timesMs.size(), 0);
    d.events = pooled.timesMs.size();
    if (d.events == 0) {
        throw core::Error("no spikes in the analysed span");
    }
    const auto counts = [&](double binMs) {
        analysis::ActivityOptions o;
        o.binMs = binMs;
        const auto m =
            analysis::ActivityBuilder::epoch({pooled}, {"all", d.fromMs, d.toMs}, o).values;
        return std::vector<double>(m.data(), m.data() + m.size());
    };

    try {
        analysis::AvalancheOptions a;
        a.binMs = settings.avalancheBinMs;
        a.timeStepMs = dtMs;
        a.fromMs = d.fromMs;
        a.toMs = d.toMs;
        d.avalanches = analysis::Avalanches::detect(pooled.timesMs, a);
        d.crackling = analysis::Avalanches::crackling(*d.avalanches, settings.powerLaw);
    } catch (const std::exception& e) {
        d.avalancheError = e.what();
    }
    try {
        d.branching =
            analysis::BranchingRatio::estimate(counts(settings.branchingBinMs), settings.kmax);
    } catch (const std::exception& e) {
        d.branchingError = e.what();
    }
    try {
        std::vector<double> rate = counts(settings.spectrumBinMs);
        const double perNeuron =
            1000.0 /
            (settings.spectrumBinMs * static_cast<double>(std::max<std::size_t>(d.neurons, 1)));
        for (double& r : rate) {
            r *= perNeuron;
        }
        if (rate.size() < 8) {
            throw core::Error(std::to_string(rate.size()) +
                              " rate samples are too few for a spectrum");
        }
        analysis::WelchOptions w;
        w.sampleRateHz = 1000.0 / settings.spectrumBinMs;
        w.segmentLength = std::max<std::size_t>(
            2, static_cast<std::size_t>(std::lround(settings.segmentMs / settings.spectrumBinMs)));
        d.spectrum = analysis::PowerSpectrum::welch(rate, w);
        d.aperiodicOptions.lowHz = settings.fitLowHz;
        d.aperiodicOptions.highHz = std::min(settings.fitHighHz, 0.8 * w.sampleRateHz / 2.0);
        d.aperiodic = analysis::AperiodicFit::fit(*d.spectrum, d.aperiodicOptions);
    } catch (const std::exception& e) {
        d.spectrumError = e.what();
    }
    return d;
}

analysis::InputSignal AnalysisJob::readoutInput() const {
    const ReadoutInput& in = readoutSettings.input;
    if (in.kind == ReadoutInput::Kind::Csv) {
        if (in.path.empty()) {
            throw core::Error("choose the input signal's CSV file (time_ms,value)");
        }
        return analysis::InputSignal::readCsv(in.path);
    }
    if (!(in.stepMs > 0.0)) {
        throw core::Error("the input step must be positive");
    }
    const auto count = static_cast<std::size_t>(std::floor(statisticsEndMs / in.stepMs));
    return in.kind == ReadoutInput::Kind::Narma
               ? analysis::InputSignal::narma10(count, in.stepMs, in.seed)
               : analysis::InputSignal::uniform(count, in.stepMs, 0.0, 1.0, in.seed);
}

AnalysisResult::Readout AnalysisJob::readout() const {
    using Task = AnalysisResult::ReadoutTask;
    const ReadoutSettings& settings = readoutSettings;
    AnalysisResult::Readout r;
    r.task = settings.task;
    if (populations.empty()) {
        throw core::Error("no population selected");
    }
    settings.states.validate();
    analysis::RidgeReadout::Options ridge;
    ridge.folds = settings.folds;
    ridge.testFraction = settings.testFraction;
    const std::vector<analysis::SpikeTimes> spikes = spikeTimes();

    if (settings.task == Task::Classify) {
        std::vector<int> labels, groups;
        std::vector<double> times;
        for (std::size_t i = 0; i < epochs.size(); ++i) {
            const auto& e = epochs[i];
            auto it = std::find(r.classes.begin(), r.classes.end(), e.name);
            if (it == r.classes.end()) {
                it = r.classes.insert(r.classes.end(), e.name);
            }
            labels.push_back(static_cast<int>(it - r.classes.begin()));
            groups.push_back(static_cast<int>(i));
            times.push_back(e.endMs);
        }
        if (r.classes.size() < 2) {
            throw core::Error("classifying conditions needs at least 2 conditions, each "
                              "repeated (got " +
                              std::to_string(r.classes.size()) +
                              "): type trials such as a:0-200,b:200-400,a:400-600,... under "
                              "Conditions");
        }
        const auto states = analysis::ReadoutStates::sample(spikes, times, groups, settings.states);
        r.samples = times.size();
        r.features = static_cast<std::size_t>(states.states.cols());
        r.classification = analysis::ReadoutTasks::classify(states.states, labels, r.classes.size(),
                                                            groups, ridge);
        return r;
    }

    const analysis::InputSignal signal = readoutInput();
    std::vector<double> times, values;
    for (std::size_t n = 0; n < signal.size(); ++n) {
        const double t = signal.timeMs(n);
        if (t >= statisticsStartMs && t <= statisticsEndMs) {
            times.push_back(t);
            values.push_back(signal.values(static_cast<Eigen::Index>(n)));
        }
    }
    const std::size_t blocks = settings.blocks;
    if (blocks < 2 || times.size() < 2 * blocks) {
        throw core::Error(std::to_string(times.size()) +
                          " input samples lie in the analysed span; " + std::to_string(blocks) +
                          " blocks need at least " + std::to_string(2 * blocks) +
                          " (a longer run or a shorter input step)");
    }
    std::vector<int> groups(times.size());
    for (std::size_t i = 0; i < times.size(); ++i) {
        groups[i] = static_cast<int>(i * blocks / times.size());
    }
    const auto states = analysis::ReadoutStates::sample(spikes, times, groups, settings.states);
    const Eigen::VectorXd u =
        Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size()));
    r.samples = times.size();
    r.features = static_cast<std::size_t>(states.states.cols());
    if (settings.task == Task::MemoryCapacity) {
        r.memory = analysis::ReadoutTasks::memoryCapacity(states.states, u, groups, settings.delays,
                                                          ridge);
        return r;
    }
    if (settings.task == Task::Narma10 && (u.minCoeff() < 0.0 || u.maxCoeff() > 0.5)) {
        throw core::Error("NARMA-10 needs inputs in [0, 0.5] (values span " +
                          std::to_string(u.minCoeff()) + ".." + std::to_string(u.maxCoeff()) + ")");
    }
    const std::size_t washout =
        settings.task == Task::Narma10 ? std::min(settings.washout, times.size() - 2) : 0;
    r.regression = settings.task == Task::Narma10
                       ? analysis::ReadoutTasks::narma10(states.states, u, groups, washout, ridge)
                       : analysis::ReadoutTasks::regress(states.states, u, groups, ridge);
    for (const Eigen::Index row : r.regression->testRows) {
        r.testTimesMs.push_back(times[static_cast<std::size_t>(row)]);
    }
    return r;
}

AnalysisResult AnalysisJob::run(const std::atomic<bool>* cancelled) const {
    const auto started = std::chrono::steady_clock::now();
    AnalysisResult r;
    const auto stop = [&] {
        if (cancelled != nullptr && cancelled->load(std::memory_order_relaxed)) {
            r.cancelled = true;
            return true;
        }
        return false;
    };
    const auto finish = [&]() -> AnalysisResult {
        r.computeMs =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        return std::move(r);
    };

    // Conditions in order of first appearance, with their repeats.
    std::map<std::string, std::size_t> index;
    for (const auto& e : epochs) {
        auto [it, added] = index.try_emplace(e.name, r.conditions.size());
        if (added) {
            r.conditions.push_back(e.name);
            r.repeatStartsMs.emplace_back();
            r.centresMs.push_back(0.0);
        }
        r.repeatStartsMs[it->second].push_back(e.startMs);
        r.centresMs[it->second] += 0.5 * (e.startMs + e.endMs);
    }
    for (std::size_t c = 0; c < r.conditions.size(); ++c) {
        r.centresMs[c] /= static_cast<double>(r.repeatStartsMs[c].size());
    }

    r.statisticsStartMs = statisticsStartMs;
    r.statisticsEndMs = statisticsEndMs;
    r.isiBinMs = isiBinMs;
    r.fanoWindowMs = fanoWindowMs;
    if (computeStatistics) {
        r.statistics = statistics();
    }
    if (stop()) {
        return finish();
    }
    if (computeDynamics) {
        try {
            r.dynamics = dynamics();
        } catch (const std::exception& e) {
            r.dynamicsError = e.what();
        }
        if (stop()) {
            return finish();
        }
    }
    if (computeReadout) {
        try {
            r.readout = readout();
        } catch (const std::exception& e) {
            r.readoutError = e.what();
        }
        if (stop()) {
            return finish();
        }
    }

    analysis::ActivityMatrix matrix;
    try {
        if (populations.empty()) {
            throw core::Error("no population selected");
        }
        if (epochs.empty()) {
            throw core::Error("no conditions: add epochs to the condition table");
        }
        matrix = analysis::ActivityBuilder::epochs(spikeTimes(), epochs, this->activity);
        r.units = matrix.units();
        r.samples = matrix.samples();
        if (r.units == 0) {
            throw core::Error("the selected populations have no neurons");
        }
    } catch (const std::exception& e) {
        r.activityError = e.what();
        r.trajectoryError = r.activityError;
        r.rsaError = r.activityError;
        return finish();
    }
    if (stop()) {
        return finish();
    }

    if (computeTrajectories) {
        try {
            r.trajectory = analysis::TrajectoryAnalysis::run(matrix, trajectory);
        } catch (const std::exception& e) {
            r.trajectoryError = e.what();
        }
        if (stop()) {
            return finish();
        }
    }

    if (computeRsa) {
        try {
            if (r.conditions.size() < 2) {
                throw core::Error(
                    "needs at least 2 conditions (got " + std::to_string(r.conditions.size()) +
                    "). Make them under Conditions: Split run cuts the run into K epochs, "
                    "Windows into sliding windows of W ms, or type epochs such as "
                    "a:0-500,b:500-1000");
            }
            AnalysisResult::Rsa rsa;
            rsa.metric = metric;
            rsa.method = comparison;
            rsa.rdm = analysis::RdmCalculator::compute(matrix, metric, crossnobis);
            // Crossnobis estimates squared distances (possibly negative): embed their roots.
            Eigen::MatrixXd forMds = rsa.rdm.matrix();
            if (metric == analysis::DistanceMetric::Crossnobis) {
                forMds = forMds.cwiseMax(0.0).cwiseSqrt();
            }
            const auto mds = analysis::Mds::classical(forMds, 2);
            rsa.mds = mds.coordinates;
            rsa.mdsEigenvalues = mds.eigenvalues;
            if (geoTopology) {
                rsa.thresholds = analysis::GeoTopology::thresholdValues(rsa.rdm, *geoTopology);
                rsa.geoTopological = analysis::GeoTopology::transform(rsa.rdm, *geoTopology);
            }
            for (const auto& model : models) {
                if (stop()) {
                    return finish();
                }
                AnalysisResult::ModelFit fit;
                fit.name = model.name;
                try {
                    fit.model = model.build(r.conditions, r.centresMs);
                    fit.comparison = analysis::RdmComparison::bootstrap(
                        rsa.rdm, fit.model, comparison, bootstraps, confidence, seed);
                    if (geoTopology) {
                        fit.geoTopological = analysis::GeoTopology::bootstrap(
                            rsa.rdm, fit.model, *geoTopology, comparison, bootstraps, confidence,
                            seed);
                    }
                } catch (const std::exception& e) {
                    fit.error = e.what();
                }
                rsa.models.push_back(std::move(fit));
            }
            r.rsa = std::move(rsa);
        } catch (const std::exception& e) {
            r.rsaError = e.what();
        }
    }
    stop();
    return finish();
}

} // namespace plexus::widgets
