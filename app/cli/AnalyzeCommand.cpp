#include "AnalyzeCommand.h"

#include "AnalyzeDynamicsCommand.h"
#include "AnalyzeReadoutCommand.h"
#include "CommandOptions.h"
#include "PopulationOption.h"
#include "plexus/analysis/ActivityBuilder.h"
#include "plexus/analysis/ActivityIo.h"
#include "plexus/analysis/GeoTopology.h"
#include "plexus/analysis/Mds.h"
#include "plexus/analysis/RdmCalculator.h"
#include "plexus/analysis/RdmComparison.h"
#include "plexus/analysis/RecordedRun.h"
#include "plexus/analysis/TrajectoryAnalysis.h"
#include "plexus/analysis/TrajectoryMetrics.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/record/RunArchive.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

namespace plexus::app {

namespace {

namespace an = plexus::analysis;
namespace fs = std::filesystem;
using core::Error;
using nlohmann::json;

constexpr const char* kUsage =
    "  plexus-cli analyze trajectory INPUT [--conditions NAME:START-END,...] [--out DIR]\n"
    "                   [--bin-ms B] [--kernel none|gaussian|exponential] [--sigma-ms S]\n"
    "                   [--units neuron|population] [--population NAME,...]\n"
    "                   [--space ambient|pca] [--components K] [--centre]\n"
    "                   [--shuffles N] [--seed N] [--edge-points N]\n"
    "  plexus-cli analyze rsa INPUT [--conditions ...] [--out DIR]\n"
    "                   [--metric correlation|euclidean|cosine|crossnobis]\n"
    "                   [--noise ledoit-wolf|diagonal|identity|none] [--shrinkage L] "
    "[--normalise]\n"
    "                   [--bin-ms B] [--kernel ...] [--sigma-ms S] [--units ...] [--population "
    "...]\n"
    "                   [--model RDM.csv|RDM.npy] [--compare spearman|kendall|cosine|pearson]\n"
    "                   [--bootstrap N] [--confidence C] [--seed N] [--mds-dims D]\n"
    "                   [--gt-lower L] [--gt-upper U] [--gt-values]\n"
    "    INPUT is an activity matrix (.csv with a header of unit names, optional time_ms,\n"
    "    condition and partition columns; .npy samples x units or conditions x samples x units)\n"
    "    or a run folder of `plexus-cli run --out` (spikes_<name>.csv) or a run archive of\n"
    "    `plexus-cli run --h5` (.h5). Condition epochs that share a name are repeats; without\n"
    "    --conditions the trials of a run's protocol (/trials) are the epochs.\n"
    "    --bin-ms, --kernel, --sigma-ms, --units and --population apply to run folders and\n"
    "    archives: trajectories default to a Gaussian kernel (--sigma-ms 20)\n"
    "    sampled every --bin-ms 10; rsa uses the mean rate of each epoch. For .csv/.npy input,\n"
    "    epoch bounds select rows by time_ms (or by row index without a time_ms column).\n"
    "    --out DIR writes the matrices as CSV plus metrics.json; --out FILE.h5 writes them as\n"
    "    /analysis/<name> datasets into a run archive (added to it when it exists).\n";

json num(double v) {
    return std::isfinite(v) ? json(v) : json(nullptr);
}

json vec(const Eigen::VectorXd& v) {
    json out = json::array();
    for (Eigen::Index i = 0; i < v.size(); ++i)
        out.push_back(num(v(i)));
    return out;
}

std::string safeName(const std::string& name) {
    std::string out = name;
    for (char& c : out)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
            c = '_';
    return out.empty() ? "_" : out;
}

std::string formatTime(double t) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6g", t);
    return buffer;
}

const std::set<std::string> kCommonValues = {"--conditions", "--out",   "--bin-ms",     "--kernel",
                                             "--sigma-ms",   "--units", "--population", "--seed"};

/// The activity to analyse and where it came from.
struct Input {
    an::ActivityMatrix activity;
    std::string kind; ///< "csv", "npy", "run" or "archive"
    /// Where the condition epochs came from: "--conditions", "trials" (the run's protocol) or
    /// "none".
    std::string conditionsFrom = "none";
};

enum class Purpose { Trajectory, Rsa };

/// True when --out names an HDF5 file rather than a folder.
bool isArchiveOut(const std::string& out) {
    const std::string ext = fs::path(out).extension().string();
    return ext == ".h5" || ext == ".hdf5";
}

/// Where the matrices of an analysis go: CSV files in a folder (--out DIR) or /analysis
/// datasets of an HDF5 file (--out FILE.h5).
class MatrixOutput {
public:
    explicit MatrixOutput(const CommandOptions& args) {
        if (!args.has("--out"))
            return;
        const std::string out = args.text("--out");
        if (out.empty())
            throw Error("--out: expected a folder or a .h5 file");
        if (isArchiveOut(out)) {
            m_archive = out;
            return;
        }
        m_dir = out;
        std::error_code ec;
        fs::create_directories(*m_dir, ec);
        if (ec)
            throw Error(m_dir->string() + ": cannot create folder (" + ec.message() + ")");
    }
    bool enabled() const { return m_dir || m_archive; }

    /// Write (or queue) one matrix: `stem`.csv in the folder or /analysis/`stem`.
    void matrix(const Eigen::MatrixXd& m, const std::vector<std::string>& columns,
                const std::string& stem, const std::vector<std::string>& rowNames = {},
                const std::string& firstHeader = "") {
        if (m_dir) {
            an::ActivityIo::writeMatrixCsv(m, columns, *m_dir / (stem + ".csv"), rowNames,
                                           firstHeader);
            m_files.push_back(stem + ".csv");
            return;
        }
        auto a = core::NamedArray::fromMatrix(stem, m);
        if (columns.size() == a.cols)
            a.columnLabels = columns;
        if (rowNames.size() == a.rows)
            a.rowLabels = rowNames;
        m_arrays.push_back(std::move(a));
        m_files.push_back("/analysis/" + stem);
    }

    /// Finish: metrics.json in the folder, or all queued arrays into the archive.
    void finish(json& out, std::chrono::steady_clock::time_point t0) {
        if (m_archive) {
            core::RunArchive::writeAnalysis(m_arrays, *m_archive);
            out["archive"] = m_archive->string();
        }
        if (m_dir)
            m_files.push_back("metrics.json");
        out["files"] = m_files;
        out["seconds"] =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (m_dir) {
            std::ofstream f(*m_dir / "metrics.json");
            f << out.dump(2) << "\n";
            if (!f)
                throw Error((*m_dir / "metrics.json").string() + ": cannot be written");
        }
    }

private:
    std::optional<fs::path> m_dir;
    std::optional<fs::path> m_archive;
    std::vector<core::NamedArray> m_arrays;
    std::vector<std::string> m_files;
};

Input loadInput(const std::string& path, const CommandOptions& args, Purpose purpose) {
    Input in;
    std::optional<std::vector<an::ConditionEpoch>> epochs;
    if (args.has("--conditions")) {
        epochs = an::ConditionEpoch::parseList(args.text("--conditions"));
        in.conditionsFrom = "--conditions";
    }

    std::error_code ec;
    if (an::RecordedRun::isArchivePath(path) || fs::is_directory(path, ec)) {
        const an::RecordedRun run = an::RecordedRun::load(path);
        in.kind = run.kind;
        const auto spikes = PopulationOption::choose(
            run, args.has("--population") ? std::optional(args.text("--population")) : std::nullopt,
            PopulationOption::Fallback::Everything);
        an::ActivityOptions o;
        o.binMs = args.number("--bin-ms", 10.0);
        o.kernel = an::ActivityOptions::parseKernel(
            args.text("--kernel", purpose == Purpose::Trajectory ? "gaussian" : "none"));
        o.sigmaMs = args.number("--sigma-ms", 20.0);
        o.ratesHz = true;
        o.resolution = an::ActivityOptions::parseResolution(args.text("--units", "neuron"));
        if (run.durationRecorded) {
            o.recordedFromMs = 0.0;
            o.recordedToMs = run.durationMs;
        }
        o.validate();
        if (!epochs && run.hasTrials()) {
            // A run of a protocol: its trials are the conditions.
            epochs = run.trialEpochs();
            in.conditionsFrom = "trials";
        }
        if (!epochs) {
            double end = run.durationRecorded ? run.durationMs : 0.0;
            if (end <= 0.0)
                for (const auto& s : spikes)
                    for (const double t : s.timesMs)
                        end = std::max(end, t + o.binMs);
            epochs = std::vector<an::ConditionEpoch>{{"all", 0.0, end}};
        }
        const bool conditions = args.has("--conditions") || in.conditionsFrom == "trials";
        if (purpose == Purpose::Rsa && conditions) {
            in.activity = an::ActivityBuilder::epochMeans(spikes, *epochs, o);
        } else {
            in.activity = an::ActivityBuilder::epochs(spikes, *epochs, o);
        }
        if (purpose == Purpose::Rsa && !conditions) {
            // Without epochs every time bin is a condition.
            in.activity.partitions.clear();
            for (std::size_t r = 0; r < in.activity.samples(); ++r)
                in.activity.conditions[r] = formatTime(in.activity.timesMs[r]);
        }
        return in;
    }
    if (!fs::exists(path, ec))
        throw Error(path + ": no such file or folder");
    in.activity = an::ActivityIo::read(path);
    in.kind = fs::path(path).extension() == ".npy" ? "npy" : "csv";
    if (epochs)
        in.activity = in.activity.selectEpochs(*epochs);
    if (purpose == Purpose::Rsa && in.activity.conditions.empty()) {
        // Without condition labels every row is a condition.
        for (std::size_t r = 0; r < in.activity.samples(); ++r)
            in.activity.conditions.push_back(in.activity.timesMs.empty()
                                                 ? std::to_string(r)
                                                 : formatTime(in.activity.timesMs[r]));
    }
    return in;
}

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

json controlJson(const an::ControlSummary& c) {
    return {{"mean", num(c.mean)}, {"sd", num(c.sd)}, {"n", c.count}};
}

int runTrajectory(const CommandOptions& args) {
    if (args.positional().size() != 1)
        throw Error("analyze trajectory: expected exactly one INPUT");
    const auto t0 = std::chrono::steady_clock::now();
    const std::string path = args.positional()[0];
    const Input input = loadInput(path, args, Purpose::Trajectory);
    const auto& activity = input.activity;

    an::TrajectoryOptions o;
    o.components = args.integer("--components", 3, 1, 1000);
    const std::string space = args.text("--space", "ambient");
    if (space == "pca")
        o.space = an::MetricSpace::Pca;
    else if (space != "ambient")
        throw Error("--space: unknown space \"" + space + "\" (ambient, pca)");
    o.centre = args.flag("--centre");
    o.shuffles = args.integer("--shuffles", 20, 0, 100000);
    o.seed = args.integer("--seed", 1, 0, std::size_t{1} << 53);
    o.edgePoints = args.integer("--edge-points", 1, 1, 1000000);
    const auto result = an::TrajectoryAnalysis::run(activity, o);

    json out;
    out["command"] = "trajectory";
    out["input"] = path;
    out["input_kind"] = input.kind;
    out["conditions_from"] = input.conditionsFrom;
    out["samples"] = activity.samples();
    out["units"] = activity.units();
    json names = json::array();
    for (const auto& c : result.conditions)
        names.push_back(c.name);
    out["conditions"] = names;
    out["space"] = space;
    out["centre"] = o.centre;
    out["pca"] = {{"method", result.pca.methodName()},
                  {"components", result.pca.components().cols()},
                  {"explained_variance", vec(result.pca.explainedVariance())},
                  {"explained_variance_ratio", vec(result.pca.explainedVarianceRatio())},
                  {"total_variance", num(result.pca.totalVariance())}};
    json timeShuffle = json::object(), unitShuffle = json::object();
    for (const auto& m : result.summary) {
        out[m.name] = num(m.value);
        timeShuffle[m.name] = controlJson(m.timeShuffle);
        unitShuffle[m.name] = controlJson(m.unitShuffle);
    }
    if (!out.contains("convergence_index"))
        out["convergence_index"] = nullptr;
    out["controls"] = {{"shuffles", o.shuffles},
                       {"seed", o.seed},
                       {"time_shuffle", timeShuffle},
                       {"unit_shuffle", unitShuffle}};
    json perCondition = json::array();
    for (const auto& c : result.conditions)
        perCondition.push_back({{"name", c.name},
                                {"samples", c.projection.rows()},
                                {"path_length", num(c.pathLength)},
                                {"mean_curvature_rad", num(c.meanCurvature)},
                                {"mean_cosine_similarity", num(c.meanCosineSimilarity)},
                                {"stability", num(c.stability)},
                                {"participation_ratio", num(c.participationRatio)}});
    out["per_condition"] = perCondition;

    MatrixOutput output(args);
    if (output.enabled()) {
        const Eigen::Index k = result.pca.components().cols();
        Eigen::MatrixXd variance(k, 2);
        variance.col(0) = result.pca.explainedVariance();
        variance.col(1) = result.pca.explainedVarianceRatio();
        std::vector<std::string> pcNames;
        for (Eigen::Index i = 0; i < k; ++i)
            pcNames.push_back("pc" + std::to_string(i + 1));
        output.matrix(variance, {"variance", "ratio"}, "explained_variance", pcNames, "component");
        std::vector<std::string> unitNames = activity.unitNames;
        if (unitNames.empty())
            for (std::size_t u = 0; u < activity.units(); ++u)
                unitNames.push_back("u" + std::to_string(u));
        output.matrix(result.pca.components(), pcNames, "components", unitNames, "unit");
        for (const auto& c : result.conditions) {
            const std::string tag = safeName(c.name);
            std::vector<std::string> rows;
            for (Eigen::Index t = 0; t < c.projection.rows(); ++t)
                rows.push_back(static_cast<std::size_t>(t) < c.timesMs.size()
                                   ? formatTime(c.timesMs[static_cast<std::size_t>(t)])
                                   : std::to_string(t));
            const std::string rowHeader = c.timesMs.empty() ? "sample" : "time_ms";
            output.matrix(c.projection, pcNames, "projection_" + tag, rows, rowHeader);
            const std::vector<std::string> interior =
                rows.size() >= 2 ? std::vector<std::string>(rows.begin() + 1, rows.end() - 1)
                                 : std::vector<std::string>();
            output.matrix(c.curvature, {"curvature_rad"}, "curvature_" + tag, interior, rowHeader);
            output.matrix(c.cosine, rows, "cosine_" + tag, rows, rowHeader);
        }
        if (result.conditionDistance.size() > 0) {
            const auto& first = result.conditions.front();
            std::vector<std::string> rows;
            for (Eigen::Index t = 0; t < result.conditionDistance.size(); ++t)
                rows.push_back(static_cast<std::size_t>(t) < first.timesMs.size()
                                   ? formatTime(first.timesMs[static_cast<std::size_t>(t)])
                                   : std::to_string(t));
            output.matrix(result.conditionDistance, {"distance"}, "condition_distance", rows,
                          first.timesMs.empty() ? "sample" : "time_ms");
        }
        output.finish(out, t0);
    }
    out["seconds"] = secondsSince(t0);
    std::cout << out.dump() << std::endl;
    return 0;
}

json comparisonJson(const an::ComparisonResult& r, an::ComparisonMethod method) {
    return {{"method", an::RdmComparison::methodName(method)},
            {"value", num(r.value)},
            {"ci_low", num(r.ciLow)},
            {"ci_high", num(r.ciHigh)},
            {"sd", num(r.sd)},
            {"bootstraps", r.bootstraps},
            {"confidence", r.confidence}};
}

int runRsa(const CommandOptions& args) {
    if (args.positional().size() != 1)
        throw Error("analyze rsa: expected exactly one INPUT");
    const auto t0 = std::chrono::steady_clock::now();
    const std::string path = args.positional()[0];
    const Input input = loadInput(path, args, Purpose::Rsa);
    const auto& activity = input.activity;
    activity.validate(path);

    const auto metric = an::parseDistanceMetric(args.text("--metric", "correlation"));
    an::CrossnobisOptions co;
    co.noise = an::NoiseCovariance::parseMethod(args.text("--noise", "ledoit-wolf"));
    if (args.has("--shrinkage"))
        co.shrinkage = args.number("--shrinkage", 0.0);
    co.normaliseByUnits = args.flag("--normalise");
    const auto names = activity.conditionNames();
    if (names.size() < 2)
        throw Error("analyze rsa: needs at least 2 conditions (got " +
                    std::to_string(names.size()) + ")");

    const auto t1 = std::chrono::steady_clock::now();
    double shrinkage = 0.0;
    an::Rdm rdm;
    std::size_t partitions = 0;
    if (metric == an::DistanceMetric::Crossnobis) {
        const auto parts = activity.repeatPartitions();
        partitions = std::set<int>(parts.begin(), parts.end()).size();
        rdm = an::RdmCalculator::crossnobis(activity.values, activity.conditionIndices(), parts, co,
                                            names, &shrinkage);
    } else {
        rdm = an::RdmCalculator::compute(activity.conditionPatterns(), metric, names);
    }
    const double rdmSeconds = secondsSince(t1);

    const Eigen::VectorXd entries = rdm.upperTriangle();
    std::vector<double> sorted(entries.data(), entries.data() + entries.size());
    std::sort(sorted.begin(), sorted.end());
    const double mean = entries.mean();
    const double sd = entries.size() > 1 ? std::sqrt((entries.array() - mean).square().sum() /
                                                     static_cast<double>(entries.size() - 1))
                                         : 0.0;
    const double median = sorted.size() % 2 == 1
                              ? sorted[sorted.size() / 2]
                              : 0.5 * (sorted[sorted.size() / 2 - 1] + sorted[sorted.size() / 2]);

    json out;
    out["command"] = "rsa";
    out["input"] = path;
    out["input_kind"] = input.kind;
    out["conditions_from"] = input.conditionsFrom;
    out["samples"] = activity.samples();
    out["units"] = activity.units();
    out["metric"] = an::distanceMetricName(metric);
    out["rdm_size"] = rdm.size();
    out["conditions"] = names;
    out["rdm"] = {{"mean", num(mean)},          {"sd", num(sd)},
                  {"min", num(sorted.front())}, {"max", num(sorted.back())},
                  {"median", num(median)},      {"entries", entries.size()}};
    out["rdm_seconds"] = rdmSeconds;
    if (metric == an::DistanceMetric::Crossnobis)
        out["crossnobis"] = {{"noise", an::NoiseCovariance::methodName(co.noise)},
                             {"shrinkage", num(shrinkage)},
                             {"partitions", partitions},
                             {"normalised_by_units", co.normaliseByUnits}};

    // MDS of the distances (crossnobis estimates squared distances: embed their square roots).
    const std::size_t dims = args.integer("--mds-dims", 2, 1, 100);
    Eigen::MatrixXd forMds = rdm.matrix();
    if (metric == an::DistanceMetric::Crossnobis)
        forMds = forMds.cwiseMax(0.0).cwiseSqrt();
    const auto mds = an::Mds::classical(forMds, dims);
    const Eigen::Index shown = std::min<Eigen::Index>(mds.eigenvalues.size(), 10);
    out["mds"] = {
        {"dims", mds.coordinates.cols()},
        {"eigenvalues", vec(mds.eigenvalues.head(shown))},
        {"of", metric == an::DistanceMetric::Crossnobis ? "sqrt(max(crossnobis, 0))" : "rdm"}};

    const auto method = an::RdmComparison::parseMethod(args.text("--compare", "spearman"));
    const std::size_t bootstraps = args.integer("--bootstrap", 1000, 0, 1000000);
    const double confidence = args.number("--confidence", 0.95);
    const std::uint64_t seed = args.integer("--seed", 1, 0, std::size_t{1} << 53);
    std::optional<an::Rdm> model;
    if (args.has("--model")) {
        const std::string modelPath = args.text("--model");
        const Eigen::MatrixXd m = an::ActivityIo::readSquareMatrix(modelPath);
        if (static_cast<std::size_t>(m.rows()) != rdm.size())
            throw Error(modelPath + ": model RDM has " + std::to_string(m.rows()) +
                        " conditions, the data " + std::to_string(rdm.size()));
        model = an::Rdm(m, names);
        json all = json::object();
        for (const auto mm : {an::ComparisonMethod::Spearman, an::ComparisonMethod::KendallTauA,
                              an::ComparisonMethod::Cosine, an::ComparisonMethod::Pearson})
            all[an::RdmComparison::methodName(mm)] =
                num(an::RdmComparison::compare(rdm, *model, mm));
        out["model"] = {{"file", modelPath},
                        {"comparison",
                         comparisonJson(an::RdmComparison::bootstrap(rdm, *model, method,
                                                                     bootstraps, confidence, seed),
                                        method)},
                        {"all_methods", all}};
    }
    std::optional<an::Rdm> transformed;
    if (args.has("--gt-lower") || args.has("--gt-upper")) {
        an::GeoTopologicalThresholds t;
        t.quantiles = !args.flag("--gt-values");
        t.lower = args.number("--gt-lower", 0.0);
        t.upper = args.number("--gt-upper", t.quantiles ? 1.0 : sorted.back());
        const auto [l, u] = an::GeoTopology::thresholdValues(rdm, t);
        transformed = an::GeoTopology::transform(rdm, t);
        json gt = {{"lower", t.lower},         {"upper", t.upper},
                   {"quantiles", t.quantiles}, {"lower_value", num(l)},
                   {"upper_value", num(u)},    {"mean", num(transformed->upperTriangle().mean())}};
        if (model)
            gt["comparison"] = comparisonJson(
                an::GeoTopology::bootstrap(rdm, *model, t, method, bootstraps, confidence, seed),
                method);
        out["geo_topological"] = gt;
    }

    MatrixOutput output(args);
    if (output.enabled()) {
        output.matrix(rdm.matrix(), names, "rdm", names, "condition");
        std::vector<std::string> dimNames;
        for (Eigen::Index i = 0; i < mds.coordinates.cols(); ++i)
            dimNames.push_back("dim" + std::to_string(i + 1));
        output.matrix(mds.coordinates, dimNames, "mds", names, "condition");
        if (transformed)
            output.matrix(transformed->matrix(), names, "rdm_geotopological", names, "condition");
        output.finish(out, t0);
    }
    out["seconds"] = secondsSince(t0);
    std::cout << out.dump() << std::endl;
    return 0;
}

} // namespace

const char* AnalyzeCommand::usage() {
    return kUsage;
}

int AnalyzeCommand::run(const std::vector<std::string>& args) {
    if (args.empty())
        throw Error("analyze: expected trajectory, rsa, avalanches, branching, synchrony, "
                    "spectrum or readout");
    const std::string what = args[0];
    if (what == "--help" || what == "help") {
        std::cout << "usage:\n"
                  << kUsage << AnalyzeDynamicsCommand::usage() << AnalyzeReadoutCommand::usage();
        return 0;
    }
    if (what == "trajectory") {
        std::set<std::string> values = kCommonValues;
        values.insert({"--space", "--components", "--shuffles", "--edge-points"});
        return runTrajectory(CommandOptions({args.begin() + 1, args.end()}, values, {"--centre"}));
    }
    if (what == "rsa") {
        std::set<std::string> values = kCommonValues;
        values.insert({"--metric", "--noise", "--shrinkage", "--model", "--compare", "--bootstrap",
                       "--confidence", "--mds-dims", "--gt-lower", "--gt-upper"});
        return runRsa(
            CommandOptions({args.begin() + 1, args.end()}, values, {"--normalise", "--gt-values"}));
    }
    if (AnalyzeDynamicsCommand::handles(what))
        return AnalyzeDynamicsCommand::run(what, {args.begin() + 1, args.end()});
    if (what == "readout")
        return AnalyzeReadoutCommand::run({args.begin() + 1, args.end()});
    throw Error("analyze: unknown analysis \"" + what +
                "\" (trajectory, rsa, avalanches, branching, synchrony, spectrum, readout)");
}

} // namespace plexus::app
