#include "AnalyzeDynamicsCommand.h"

#include "CommandOptions.h"
#include "PopulationOption.h"
#include "plexus/analysis/ActivityBuilder.h"
#include "plexus/analysis/AperiodicFit.h"
#include "plexus/analysis/Avalanches.h"
#include "plexus/analysis/BranchingRatio.h"
#include "plexus/analysis/PowerLawFit.h"
#include "plexus/analysis/PowerSpectrum.h"
#include "plexus/analysis/RecordedRun.h"
#include "plexus/analysis/Synchrony.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/record/RunRecord.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

namespace plexus::app {

namespace {

namespace an = plexus::analysis;
using core::Error;
using nlohmann::json;

constexpr const char* kUsage =
    "  plexus-cli analyze avalanches|branching|synchrony|spectrum RUN.h5 [--population P,...]\n"
    "                   [--bin-ms B] [--from-ms T0] [--to-ms T1] [--out FILE.json] [--csv "
    "FILE.csv]\n"
    "    avalanches: [--xmin-max X] [--min-tail N] [--bootstrap N] [--seed N]\n"
    "      (bins of --bin-ms, default the mean inter-event interval rounded up to whole time\n"
    "      steps; power-law fits of sizes and durations and the crackling-noise exponents)\n"
    "    branching:  [--kmax K]  (multistep regression on counts in bins of --bin-ms, default "
    "4)\n"
    "    synchrony:  [--kernel none|gaussian|exponential] [--sigma-ms S] [--max-pairs N]\n"
    "                [--hist-bins N] [--seed N]  (per population, bins of --bin-ms, default "
    "10)\n"
    "    spectrum:   [--electrode NAME [--array lfp_uv] [--channel I|LABEL]] [--segment-ms S]\n"
    "                [--overlap-ms O] [--fit-low-hz F] [--fit-high-hz F] [--slope-low-hz F]\n"
    "                [--slope-high-hz F] [--knee] [--max-peaks N] [--peak-threshold SD]\n"
    "      (Welch spectrum of the population rate in bins of --bin-ms, default 1, or of an\n"
    "      electrode's recording; aperiodic exponent by a 30-50 Hz line and by an aperiodic +\n"
    "      peaks model, with the alpha peak)\n"
    "    Populations default to every recorded population that is not a stimulus; the window\n"
    "    defaults to the whole run.\n";

const std::set<std::string> kCommon = {"--population", "--bin-ms", "--from-ms",
                                       "--to-ms",      "--out",    "--csv"};

/// The options of one analysis: its own plus the common ones.
CommandOptions parse(const std::vector<std::string>& args, std::set<std::string> values,
                     const std::set<std::string>& flags) {
    values.insert(kCommon.begin(), kCommon.end());
    return CommandOptions(args, values, flags);
}

json num(double v) {
    return std::isfinite(v) ? json(v) : json(nullptr);
}

/// The run archive, the chosen spike recordings and the analysed window.
struct Input {
    std::string path;
    core::RunRecord record;
    std::vector<an::SpikeTimes> populations;
    double fromMs = 0.0;
    double toMs = 0.0;

    json describe() const {
        json names = json::array();
        for (const auto& p : populations)
            names.push_back(p.name);
        return {{"file", path}, {"populations", names}, {"from_ms", fromMs}, {"to_ms", toMs}};
    }
    /// All chosen spikes inside the window as one train of one unit (for pooled counts).
    an::SpikeTimes pooled() const {
        an::SpikeTimes s;
        s.name = "pooled";
        s.size = 1;
        for (const auto& p : populations)
            for (const double t : p.timesMs)
                if (t >= fromMs && t < toMs) {
                    s.timesMs.push_back(t);
                    s.neurons.push_back(0);
                }
        return s;
    }
    std::size_t neurons() const {
        std::size_t n = 0;
        for (const auto& p : populations)
            n += p.size;
        return n;
    }
    /// Pooled spike counts in bins of `binMs` over the window.
    std::vector<double> counts(double binMs) const {
        an::ActivityOptions o;
        o.binMs = binMs;
        const auto m = an::ActivityBuilder::epoch({pooled()}, {"all", fromMs, toMs}, o).values;
        return std::vector<double>(m.data(), m.data() + m.size());
    }
};

Input load(const CommandOptions& options, bool needSpikes) {
    if (options.positional().size() != 1)
        throw Error("analyze: expected exactly one RUN.h5 (a run archive of plexus-cli run --h5)");
    Input in;
    in.path = options.positional()[0];
    if (!an::RecordedRun::isArchivePath(in.path))
        throw Error(in.path + ": expected a run archive (.h5) of plexus-cli run --h5");
    an::RecordedRun run = an::RecordedRun::load(in.path);
    in.record = std::move(*run.record);
    if (options.has("--population"))
        in.populations = PopulationOption::choose(run.spikes, options.text("--population"));
    else
        in.populations = run.network();
    if (needSpikes && in.populations.empty())
        throw Error(in.path + ": no spike recordings to analyse (/populations/<name>/spikes)");
    in.fromMs = options.number("--from-ms", 0.0);
    in.toMs = options.number("--to-ms", in.record.durationMs);
    if (!(in.toMs > in.fromMs))
        throw Error("--to-ms: the window [" + std::to_string(in.fromMs) + ", " +
                    std::to_string(in.toMs) + ") ms of " + in.path + " is empty");
    return in;
}

/// Writes the JSON to --out and prints it.
int finish(const CommandOptions& options, json& out) {
    if (options.has("--out")) {
        const std::string path = options.text("--out");
        std::ofstream f(path);
        f << out.dump(2) << "\n";
        if (!f)
            throw Error("--out: " + path + ": cannot be written");
    }
    std::cout << out.dump() << std::endl;
    return 0;
}

/// A CSV file for --csv (throws naming it when it cannot be opened).
class Csv {
public:
    explicit Csv(const CommandOptions& options) {
        if (!options.has("--csv"))
            return;
        m_path = options.text("--csv");
        m_file.open(m_path);
        if (!m_file)
            throw Error("--csv: " + m_path + ": cannot be written");
        m_file.precision(17);
    }
    bool enabled() const { return m_file.is_open(); }
    std::ofstream& stream() { return m_file; }
    void close(json& out) {
        if (!enabled())
            return;
        m_file.close();
        if (!m_file)
            throw Error("--csv: " + m_path + ": cannot be written");
        out["csv"] = m_path;
    }

private:
    std::string m_path;
    std::ofstream m_file;
};

json fitJson(const an::PowerLawResult& r) {
    return {{"alpha", num(r.alpha)},
            {"alpha_error", num(r.alphaError)},
            {"xmin", r.xmin},
            {"ks", num(r.ks)},
            {"tail", r.tail},
            {"samples", r.samples},
            {"log_likelihood", num(r.logLikelihood)},
            {"draws", r.draws},
            {"p_value", r.draws > 0 ? num(r.pValue) : json(nullptr)}};
}

json distributionJson(const an::SampleDistribution& d) {
    return {{"n", d.values.size()},
            {"mean", d.values.empty() ? json(nullptr) : num(d.mean)},
            {"sd", d.values.size() > 1 ? num(d.sd) : json(nullptr)},
            {"edges", d.edges},
            {"counts", d.counts}};
}

int runAvalanches(const CommandOptions& options) {
    const Input in = load(options, true);
    const an::SpikeTimes events = in.pooled();
    an::AvalancheOptions a;
    a.binMs = options.has("--bin-ms") ? options.positive("--bin-ms", 1.0) : 0.0;
    a.timeStepMs = in.record.dtMs;
    a.fromMs = in.fromMs;
    a.toMs = in.toMs;
    const auto r = an::Avalanches::detect(events.timesMs, a);
    an::PowerLawOptions fit;
    fit.xminMax = static_cast<std::int64_t>(options.integer("--xmin-max", 0, 0, 1u << 30));
    fit.minTail = options.integer("--min-tail", 10, 2, 1u << 30);
    fit.bootstrap = options.integer("--bootstrap", 0, 0, 100000);
    fit.seed = options.integer("--seed", 1, 0, 1u << 31);

    json out = {{"analysis", "avalanches"}};
    out.update(in.describe());
    out["bin_ms"] = r.binMs;
    out["bins"] = r.bins;
    out["events"] = r.events;
    out["avalanches"] = r.sizes.size();
    out["incomplete"] = r.incomplete;
    double meanSize = 0.0, meanDuration = 0.0;
    for (std::size_t i = 0; i < r.sizes.size(); ++i) {
        meanSize += static_cast<double>(r.sizes[i]);
        meanDuration += static_cast<double>(r.durations[i]);
    }
    const double n = static_cast<double>(r.sizes.size());
    out["mean_size"] = r.sizes.empty() ? json(nullptr) : num(meanSize / n);
    out["mean_duration_bins"] = r.sizes.empty() ? json(nullptr) : num(meanDuration / n);
    out["size"] = nullptr;
    out["duration"] = nullptr;
    out["crackling"] = nullptr;
    try {
        const auto c = an::Avalanches::crackling(r, fit);
        out["size"] = fitJson(c.sizes);
        out["duration"] = fitJson(c.durations);
        out["crackling"] = {{"predicted_exponent", num(c.predictedExponent)},
                            {"fitted_exponent", num(c.fittedExponent)},
                            {"fitted_intercept", num(c.fittedIntercept)},
                            {"durations_fitted", c.durationsUsed}};
    } catch (const Error& e) {
        out["fit_error"] = e.what();
    }
    Csv csv(options);
    if (csv.enabled()) {
        csv.stream() << "start_ms,size,duration_bins\n";
        for (std::size_t i = 0; i < r.sizes.size(); ++i)
            csv.stream() << in.fromMs + static_cast<double>(r.startBins[i]) * r.binMs << ','
                         << r.sizes[i] << ',' << r.durations[i] << '\n';
    }
    csv.close(out);
    return finish(options, out);
}

int runBranching(const CommandOptions& options) {
    const Input in = load(options, true);
    const double binMs = options.positive("--bin-ms", 4.0);
    const std::size_t kmax = options.integer("--kmax", 40, 2, 100000);
    const auto activity = in.counts(binMs);
    const auto r = an::BranchingRatio::estimate(activity, kmax);
    double mean = 0.0;
    for (const double a : activity)
        mean += a;
    json out = {{"analysis", "branching"}};
    out.update(in.describe());
    out["bin_ms"] = binMs;
    out["steps"] = activity.size();
    out["mean_activity"] = num(mean / static_cast<double>(activity.size()));
    out["m"] = num(r.m);
    out["b"] = num(r.b);
    out["tau_steps"] = num(r.tauSteps);
    out["tau_ms"] = num(r.tauSteps * binMs);
    out["conventional"] = num(r.conventional);
    out["kmax"] = r.kmax;
    out["converged"] = r.converged;
    json rk = json::array();
    for (const double v : r.rk)
        rk.push_back(num(v));
    out["rk"] = rk;
    Csv csv(options);
    if (csv.enabled()) {
        csv.stream() << "k,r_k,fit\n";
        for (std::size_t k = 1; k <= r.kmax; ++k)
            csv.stream() << k << ',' << r.rk[k - 1] << ','
                         << r.b * std::pow(r.m, static_cast<double>(k)) << '\n';
    }
    csv.close(out);
    return finish(options, out);
}

int runSynchrony(const CommandOptions& options) {
    const Input in = load(options, true);
    an::SynchronyOptions s;
    s.binMs = options.positive("--bin-ms", 10.0);
    s.fromMs = in.fromMs;
    s.toMs = in.toMs;
    s.kernel = an::ActivityOptions::parseKernel(options.text("--kernel", "none"));
    s.sigmaMs = options.positive("--sigma-ms", 20.0);
    s.maxPairs = options.integer("--max-pairs", 5000, 1, 100000000);
    s.histogramBins = options.integer("--hist-bins", 20, 1, 100000);
    s.seed = options.integer("--seed", 1, 0, 1u << 31);
    json out = {{"analysis", "synchrony"}};
    out.update(in.describe());
    out["bin_ms"] = s.binMs;
    out["kernel"] = an::ActivityOptions::kernelName(s.kernel);
    if (s.kernel != an::SmoothingKernel::None)
        out["sigma_ms"] = s.sigmaMs;
    json results = json::array();
    Csv csv(options);
    if (csv.enabled())
        csv.stream() << "population,measure,value\n";
    for (const auto& p : in.populations) {
        const auto r = an::Synchrony::analyse(p, s);
        json c = distributionJson(r.correlations);
        c["pairs_possible"] = r.pairsPossible;
        c["sampled"] = r.pairsSampled;
        results.push_back({{"population", p.name},
                           {"neurons", r.neurons},
                           {"bins", r.bins},
                           {"chi", num(r.chi)},
                           {"chi_squared", num(r.chiSquared)},
                           {"silent_neurons", r.silentNeurons},
                           {"correlations", c},
                           {"fano", distributionJson(r.fano)}});
        if (csv.enabled()) {
            for (const double v : r.correlations.values)
                csv.stream() << p.name << ",correlation," << v << '\n';
            for (const double v : r.fano.values)
                csv.stream() << p.name << ",fano," << v << '\n';
        }
    }
    out["results"] = results;
    csv.close(out);
    return finish(options, out);
}

json peakJson(const an::SpectralPeak& p) {
    return {{"frequency_hz", num(p.frequencyHz)},
            {"power", num(p.power)},
            {"bandwidth_hz", num(p.bandwidthHz)}};
}

int runSpectrum(const CommandOptions& options) {
    const bool electrode = options.has("--electrode");
    const Input in = load(options, !electrode);
    std::vector<double> signal;
    double dtMs = 0.0;
    json source;
    if (electrode) {
        const std::string name = options.text("--electrode");
        const auto it = std::find_if(in.record.electrodes.begin(), in.record.electrodes.end(),
                                     [&](const auto& e) { return e.name == name; });
        if (it == in.record.electrodes.end()) {
            std::string known;
            for (const auto& e : in.record.electrodes)
                known += (known.empty() ? "" : ", ") + e.name;
            throw Error("--electrode: " + in.path + " has no electrode \"" + name + "\" (" +
                        (known.empty() ? "none" : known) + ")");
        }
        const std::string arrayName = options.text("--array", "lfp_uv");
        const core::NamedArray* array = nullptr;
        const core::NamedArray* time = nullptr;
        for (const auto& a : it->arrays) {
            if (a.name == arrayName)
                array = &a;
            if (a.name == "t_ms")
                time = &a;
        }
        if (!array)
            throw Error("--array: electrode \"" + name + "\" of " + in.path + " has no array \"" +
                        arrayName + "\"");
        if (!time || time->values.size() < 2 || time->values.size() != array->rows)
            throw Error(in.path + ": electrode \"" + name +
                        "\" has no t_ms with one time per sample of " + arrayName);
        dtMs = time->values[1] - time->values[0];
        if (!(dtMs > 0.0))
            throw Error(in.path + ": electrode \"" + name + "\": t_ms is not increasing");
        std::size_t channel = 0;
        const std::string c = options.text("--channel", "0");
        const auto label = std::find(array->columnLabels.begin(), array->columnLabels.end(), c);
        if (label != array->columnLabels.end())
            channel = static_cast<std::size_t>(label - array->columnLabels.begin());
        else
            channel = options.integer("--channel", 0, 0, array->cols == 0 ? 0 : array->cols - 1);
        for (std::size_t r = 0; r < array->rows; ++r) {
            const double t = time->values[r];
            if (t >= in.fromMs && t < in.toMs)
                signal.push_back(array->at(r, channel));
        }
        source = {
            {"electrode", name}, {"array", arrayName}, {"channel", channel}, {"unit", array->unit}};
        if (channel < array->columnLabels.size())
            source["channel_label"] = array->columnLabels[channel];
    } else {
        dtMs = options.positive("--bin-ms", 1.0);
        const double perNeuron =
            1000.0 / (dtMs * static_cast<double>(std::max<std::size_t>(in.neurons(), 1)));
        for (const double c : in.counts(dtMs))
            signal.push_back(c * perNeuron);
        source = {{"signal", "population rate"}, {"unit", "Hz"}};
    }
    if (signal.size() < 8)
        throw Error(in.path + ": " + std::to_string(signal.size()) +
                    " samples in the window are too few for a spectrum");
    const double rate = 1000.0 / dtMs;
    an::WelchOptions w;
    w.sampleRateHz = rate;
    const double segmentMs = options.positive("--segment-ms", 1000.0);
    w.segmentLength =
        std::max<std::size_t>(2, static_cast<std::size_t>(std::lround(segmentMs / dtMs)));
    if (options.has("--overlap-ms")) {
        const double overlapMs = options.number("--overlap-ms", 0.0);
        if (overlapMs < 0.0)
            throw Error("--overlap-ms: must not be negative");
        w.overlap = std::lround(overlapMs / dtMs);
        if (static_cast<std::size_t>(w.overlap) >= std::min(w.segmentLength, signal.size()))
            throw Error("--overlap-ms: " + options.text("--overlap-ms") +
                        " ms must be shorter than a segment (--segment-ms, at most the window)");
    }
    const auto spectrum = an::PowerSpectrum::welch(signal, w);
    const double nyquist = rate / 2.0;

    json out = {{"analysis", "spectrum"}};
    out.update(in.describe());
    out["source"] = source;
    out["sample_rate_hz"] = rate;
    out["samples"] = signal.size();
    out["segment_samples"] = spectrum.segmentLength;
    out["overlap_samples"] = spectrum.overlap;
    out["segments"] = spectrum.segments;
    out["resolution_hz"] = rate / static_cast<double>(spectrum.segmentLength);

    const double slopeLow = options.number("--slope-low-hz", 30.0);
    const double slopeHigh = options.number("--slope-high-hz", std::min(50.0, nyquist));
    try {
        const auto s = an::AperiodicFit::slope(spectrum, slopeLow, slopeHigh);
        out["slope"] = {{"exponent", num(s.exponent)},  {"offset", num(s.offset)},
                        {"r_squared", num(s.rSquared)}, {"points", s.points},
                        {"low_hz", slopeLow},           {"high_hz", slopeHigh}};
    } catch (const Error& e) {
        out["slope"] = nullptr;
        out["slope_error"] = e.what();
    }
    an::AperiodicOptions a;
    a.lowHz = options.number("--fit-low-hz", 1.0);
    a.highHz = options.number("--fit-high-hz", std::min(50.0, 0.8 * nyquist));
    a.knee = options.flag("--knee");
    a.maxPeaks = options.integer("--max-peaks", 6, 0, 100);
    a.peakThreshold = options.number("--peak-threshold", 2.0);
    std::optional<an::AperiodicResult> model;
    try {
        model = an::AperiodicFit::fit(spectrum, a);
        json peaks = json::array();
        for (const auto& p : model->peaks)
            peaks.push_back(peakJson(p));
        out["aperiodic"] = {{"exponent", num(model->exponent)},
                            {"offset", num(model->offset)},
                            {"knee", a.knee ? num(model->knee) : json(nullptr)},
                            {"r_squared", num(model->rSquared)},
                            {"mean_absolute_error", num(model->meanAbsoluteError)},
                            {"points", model->points},
                            {"low_hz", a.lowHz},
                            {"high_hz", a.highHz},
                            {"peaks", peaks},
                            {"alpha", model->hasAlpha ? peakJson(model->alpha) : json(nullptr)}};
    } catch (const Error& e) {
        out["aperiodic"] = nullptr;
        out["aperiodic_error"] = e.what();
    }
    Csv csv(options);
    if (csv.enabled()) {
        csv.stream() << "frequency_hz,power\n";
        for (std::size_t i = 0; i < spectrum.power.size(); ++i)
            csv.stream() << spectrum.frequenciesHz[i] << ',' << spectrum.power[i] << '\n';
    }
    csv.close(out);
    return finish(options, out);
}

} // namespace

const char* AnalyzeDynamicsCommand::usage() {
    return kUsage;
}

bool AnalyzeDynamicsCommand::handles(const std::string& analysis) {
    return analysis == "avalanches" || analysis == "branching" || analysis == "synchrony" ||
           analysis == "spectrum";
}

int AnalyzeDynamicsCommand::run(const std::string& analysis, const std::vector<std::string>& args) {
    if (analysis == "avalanches")
        return runAvalanches(
            parse(args, {"--xmin-max", "--min-tail", "--bootstrap", "--seed"}, {}));
    if (analysis == "branching")
        return runBranching(parse(args, {"--kmax"}, {}));
    if (analysis == "synchrony")
        return runSynchrony(
            parse(args, {"--kernel", "--sigma-ms", "--max-pairs", "--hist-bins", "--seed"}, {}));
    if (analysis == "spectrum")
        return runSpectrum(parse(args,
                                 {"--electrode", "--array", "--channel", "--segment-ms",
                                  "--overlap-ms", "--fit-low-hz", "--fit-high-hz", "--slope-low-hz",
                                  "--slope-high-hz", "--max-peaks", "--peak-threshold"},
                                 {"--knee"}));
    throw Error("analyze: unknown analysis \"" + analysis + "\"");
}

} // namespace plexus::app
