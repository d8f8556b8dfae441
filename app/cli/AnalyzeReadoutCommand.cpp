#include "AnalyzeReadoutCommand.h"

#include "CommandOptions.h"
#include "PopulationOption.h"
#include "plexus/analysis/ConditionEpochCsv.h"
#include "plexus/analysis/InputSignal.h"
#include "plexus/analysis/OnlineReadoutScore.h"
#include "plexus/analysis/ReadoutStates.h"
#include "plexus/analysis/ReadoutTasks.h"
#include "plexus/analysis/RecordedRun.h"
#include "plexus/analysis/RidgeReadout.h"
#include "plexus/analysis/RunReadout.h"
#include "plexus/analysis/StimulusSignal.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/project/ProjectIo.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
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
    "  plexus-cli analyze readout RUN --task memory|narma|classify|regress\n"
    "                   [--population NAME,...] [--tau-ms T | --bin-ms B]\n"
    "                   [--input FILE.csv | --signal STIMULUS] [--labels FILE.csv] [--delays K]\n"
    "                   [--folds F] [--lambda L|auto] [--test-fraction F] [--blocks N]\n"
    "                   [--washout N] [--out FILE.json]\n"
    "    Ridge readouts of the states of a run archive (.h5) or run folder: spike trains\n"
    "    filtered with exp(-t/T) (--tau-ms, default 30) or counted in (t - B, t] (--bin-ms).\n"
    "    memory, narma, regress: --input time_ms,value with an even step, or --signal NAME: the\n"
    "    u(t) of the run's own time_series stimulus NAME; the states are taken\n"
    "    at each input time (before that input acts); memory reproduces u(n-k), k = 1..K\n"
    "    (--delays, default 50), narma the NARMA-10 target of u (u in [0, 0.5]), regress the\n"
    "    values themselves. The samples form --blocks (default 10) contiguous groups.\n"
    "    classify: --labels start_ms,end_ms,label, one trial (group) per row, state at its end;\n"
    "    without --labels the trials of the run's protocol (/trials), labelled by condition.\n"
    "    lambda is chosen from 1e-6..1e6 by --folds (default 5) cross-validation across groups\n"
    "    unless --lambda L; --test-fraction (default 0.2) of the groups are held out.\n"
    "    --out FILE.json writes the JSON and FILE.csv the curve (memory function, test\n"
    "    predictions or confusion matrix).\n"
    "  plexus-cli analyze readout RUN.h5 --task classify --online POP,...|LABEL=POP,...\n"
    "                   [--test-conditions NAME,...] [--from-ms T] [--population NAME,...]\n"
    "    A readout that learned in the run (e.g. by three_factor plasticity) against the\n"
    "    ridge readout of the reservoir, on the same test trials. Class of a trial = its\n"
    "    condition's label (A_train and A_test both labelled A), classes in the order the\n"
    "    conditions first give them. --online: one readout population per class (in class\n"
    "    order, or LABEL=POP), or one population split into equal groups, group k = class k;\n"
    "    the answer is the group with most spikes in the trial (a tie: no answer, wrong).\n"
    "    Test trials: conditions in --test-conditions (default: names ending in _test)\n"
    "    starting at or after --from-ms (default 0); the ridge readout of --population\n"
    "    (default: the network without the --online populations) trains on the trials of\n"
    "    every other condition. FILE.csv: one row per test trial.\n";

const std::set<std::string> kValues = {
    "--task",    "--population", "--tau-ms", "--bin-ms",          "--input",         "--labels",
    "--delays",  "--signal",     "--folds",  "--lambda",          "--test-fraction", "--blocks",
    "--washout", "--out",        "--online", "--test-conditions", "--from-ms"};

json num(double v) {
    return std::isfinite(v) ? json(v) : json(nullptr);
}

/// The u(t) the time_series stimulus `name` of the run's own project played (archives keep the
/// project). A relative signal_file is looked up beside the archive.
an::InputSignal projectSignal(const an::RecordedRun& run, const std::string& name,
                              const fs::path& archive) {
    if (!run.record || run.record->projectJson.empty())
        throw Error("--signal: " + run.path +
                    " holds no project (use a run archive of plexus-cli run --h5)");
    const auto project =
        core::ProjectIo::parse(run.record->projectJson, run.path + ": /meta/project_json");
    const auto* stimulus = project.findStimulus(name);
    if (!stimulus) {
        std::string known;
        for (const auto& s : project.stimuli)
            known += (known.empty() ? "" : ", ") + s.name;
        throw Error("--signal: the project of " + run.path + " has no stimulus \"" + name + "\" (" +
                    (known.empty() ? "none" : known) + ")");
    }
    return an::StimulusSignal::overRun(*stimulus, run.durationMs, archive);
}

json crossValidationJson(const an::RidgeReadout::CrossValidation& cv) {
    json out = json::object();
    if (cv.lambdas.empty())
        return out;
    out["lambdas"] = cv.lambdas;
    json errors = json::array();
    for (const double e : cv.errors)
        errors.push_back(num(e));
    out["errors"] = errors;
    return out;
}

std::vector<std::string> splitList(const std::string& list) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= list.size()) {
        const auto comma = list.find(',', pos);
        const std::string item =
            list.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        pos = comma == std::string::npos ? list.size() + 1 : comma + 1;
        if (!item.empty())
            out.push_back(item);
    }
    return out;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? "none" : out;
}

json confusionJson(const Eigen::MatrixXi& m) {
    json rows = json::array();
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        json row = json::array();
        for (Eigen::Index k = 0; k < m.cols(); ++k)
            row.push_back(m(r, k));
        rows.push_back(row);
    }
    return rows;
}

/// The populations `--online` names, one group of readout neurons per class (in class order).
std::vector<an::SpikeTimes> onlineGroups(const std::string& list,
                                         const std::vector<an::SpikeTimes>& spikes,
                                         const std::vector<std::string>& classes,
                                         std::vector<std::string>& populations) {
    const auto items = splitList(list);
    if (items.empty())
        throw Error("--online: no population named");
    const bool paired = std::any_of(items.begin(), items.end(),
                                    [](const auto& i) { return i.find('=') != std::string::npos; });
    std::vector<an::SpikeTimes> groups;
    if (paired) {
        std::vector<std::string> byClass(classes.size());
        for (const auto& item : items) {
            const auto eq = item.find('=');
            if (eq == std::string::npos)
                throw Error("--online: \"" + item + "\" is not LABEL=POP (give every class as " +
                            "LABEL=POP or none)");
            const std::string label = item.substr(0, eq);
            const auto it = std::find(classes.begin(), classes.end(), label);
            if (it == classes.end())
                throw Error("--online: no class \"" + label + "\" (" + joined(classes) + ")");
            byClass[static_cast<std::size_t>(it - classes.begin())] = item.substr(eq + 1);
        }
        for (std::size_t k = 0; k < classes.size(); ++k) {
            if (byClass[k].empty())
                throw Error("--online: class \"" + classes[k] + "\" has no readout population");
            groups.push_back(PopulationOption::choose(spikes, byClass[k], "--online").front());
            populations.push_back(groups.back().name);
        }
        return groups;
    }
    const auto chosen = PopulationOption::choose(spikes, list, "--online");
    for (const auto& c : chosen)
        populations.push_back(c.name);
    if (chosen.size() == 1)
        return an::OnlineReadoutScore::splitGroups(chosen.front(), classes.size());
    if (chosen.size() != classes.size())
        throw Error("--online: " + std::to_string(chosen.size()) + " populations for " +
                    std::to_string(classes.size()) + " classes (" + joined(classes) +
                    "): name one per class, LABEL=POP pairs, or one population to split");
    return chosen;
}

/// --online: the readout that learned in the run against the ridge readout of `reservoir` on
/// the same test trials. Fills `curve` with one CSV row per test trial.
json onlineVersusRidge(const CommandOptions& args, const an::RecordedRun& run,
                       const std::vector<an::SpikeTimes>& all,
                       const std::vector<an::SpikeTimes>& reservoir,
                       const an::ReadoutStates::Options& so, const an::RidgeReadout::Options& ro,
                       std::string& curve) {
    if (args.has("--labels"))
        throw Error("--online: scores the run's protocol trials; --labels does not apply");
    if (!run.hasTrials())
        throw Error("--online: " + run.path +
                    " has no protocol trials (/trials): use a run archive of a project with a "
                    "protocol (plexus-cli run --h5)");
    const auto& trials = run.record->trials;
    const auto& names = run.record->conditionNames;
    // Class of a condition: the label its trials carry (its name when unlabelled).
    std::vector<std::string> labelOf(names.size());
    for (const auto& t : trials)
        if (t.condition >= 0 && static_cast<std::size_t>(t.condition) < names.size())
            labelOf[static_cast<std::size_t>(t.condition)] = t.label;
    std::vector<std::string> classes;
    for (const auto& label : labelOf)
        if (!label.empty() && std::find(classes.begin(), classes.end(), label) == classes.end())
            classes.push_back(label);
    if (classes.size() < 2)
        throw Error("--online: the run's conditions give " + std::to_string(classes.size()) +
                    " class (labels: " + joined(classes) + "); classification needs 2 or more");

    std::set<std::string> tests;
    if (args.has("--test-conditions")) {
        for (const auto& name : splitList(args.text("--test-conditions"))) {
            if (std::find(names.begin(), names.end(), name) == names.end())
                throw Error("--test-conditions: no condition \"" + name + "\" (" + joined(names) +
                            ")");
            tests.insert(name);
        }
    } else {
        for (const auto& name : names)
            if (name.size() > 5 && name.compare(name.size() - 5, 5, "_test") == 0)
                tests.insert(name);
    }
    if (tests.empty())
        throw Error("--test-conditions: no test condition (default: the conditions whose name "
                    "ends in _test; conditions: " +
                    joined(names) + ")");
    const double fromMs = args.number("--from-ms", 0.0);
    if (fromMs < 0.0)
        throw Error("--from-ms: must be >= 0");

    std::vector<std::string> populations;
    const auto groups = onlineGroups(args.text("--online"), all, classes, populations);

    // Training trials (every condition that is not a test condition) first, then the scored
    // test trials, in time order.
    std::vector<const core::TrialWindow*> train, scored;
    for (const auto& t : trials) {
        if (t.condition < 0 || static_cast<std::size_t>(t.condition) >= names.size())
            throw Error(run.path + ": /trials: condition " + std::to_string(t.condition) +
                        " outside the " + std::to_string(names.size()) + " conditions");
        const std::string& name = names[static_cast<std::size_t>(t.condition)];
        if (!tests.count(name))
            train.push_back(&t);
        else if (t.startMs >= fromMs - 1e-9)
            scored.push_back(&t);
    }
    if (scored.empty())
        throw Error("--from-ms: no trial of the test conditions (" +
                    joined(std::vector<std::string>(tests.begin(), tests.end())) +
                    ") starts at or after " + std::to_string(fromMs) + " ms");
    if (train.empty())
        throw Error("--test-conditions: every condition is a test condition; the ridge readout "
                    "needs the trials of the others to train on");
    const auto classOf = [&](const core::TrialWindow& t) {
        return static_cast<int>(std::find(classes.begin(), classes.end(), t.label) -
                                classes.begin());
    };

    std::vector<an::OnlineReadoutScore::Trial> onlineTrials;
    for (const auto* t : scored)
        onlineTrials.push_back({t->startMs, t->endMs, classOf(*t)});
    const auto online = an::OnlineReadoutScore::score(groups, onlineTrials);

    std::vector<double> times;
    std::vector<int> labels, ids;
    an::RidgeReadout::Split split;
    for (const auto* side : {&train, &scored})
        for (const auto* t : *side) {
            const auto row = static_cast<Eigen::Index>(times.size());
            (side == &train ? split.trainRows : split.testRows).push_back(row);
            (side == &train ? split.trainGroups : split.testGroups)
                .push_back(static_cast<int>(row));
            times.push_back(t->endMs);
            labels.push_back(classOf(*t));
            ids.push_back(static_cast<int>(row));
        }
    const auto states = an::ReadoutStates::sample(reservoir, times, ids, so);
    const auto ridge =
        an::ReadoutTasks::classify(states.states, labels, classes.size(), ids, split, ro);

    json j;
    j["classes"] = classes;
    j["test_conditions"] = std::vector<std::string>(tests.begin(), tests.end());
    j["from_ms"] = fromMs;
    j["test_trials"] = scored.size();
    j["train_trials"] = train.size();
    j["chance"] = online.chance;
    json o;
    o["populations"] = populations;
    o["groups"] = json::array();
    for (const auto& g : groups)
        o["groups"].push_back(g.name);
    o["accuracy"] = online.accuracy;
    o["confusion"] = confusionJson(online.confusion);
    o["no_answer"] = json::array();
    for (Eigen::Index k = 0; k < online.noAnswer.size(); ++k)
        o["no_answer"].push_back(online.noAnswer(k));
    o["rule"] = "class of the group with most spikes in [start, end) of the trial; a tie is no "
                "answer and counts as wrong";
    j["online"] = o;
    json r;
    r["populations"] = json::array();
    for (const auto& s : reservoir)
        r["populations"].push_back(s.name);
    r["features"] = states.states.cols();
    r["test_accuracy"] = ridge.testAccuracy;
    r["train_accuracy"] = ridge.trainAccuracy;
    r["confusion"] = confusionJson(ridge.confusion);
    r["lambda"] = ridge.lambda;
    r["train_samples"] = ridge.trainSamples;
    r["test_samples"] = ridge.testSamples;
    r["cross_validation"] = crossValidationJson(ridge.crossValidation);
    j["ridge"] = r;

    curve = "start_ms,end_ms,condition,class,online,ridge";
    for (const auto& name : classes) {
        curve += ",spikes_";
        curve += name;
    }
    curve += "\n";
    for (std::size_t i = 0; i < scored.size(); ++i) {
        const auto& t = *scored[i];
        const int answer = online.answers[i];
        curve += std::to_string(t.startMs) + "," + std::to_string(t.endMs) + "," +
                 names.at(static_cast<std::size_t>(t.condition)) + "," + t.label + "," +
                 (answer < 0 ? std::string() : classes[static_cast<std::size_t>(answer)]) + "," +
                 classes[static_cast<std::size_t>(ridge.testPredictions[i])];
        for (const auto c : online.counts[i]) {
            curve += ',';
            curve += std::to_string(c);
        }
        curve += "\n";
    }
    return j;
}

void writeText(const fs::path& path, const std::string& text) {
    std::ofstream f(path);
    f << text;
    f.flush();
    if (!f)
        throw Error(path.string() + ": cannot be written");
}

} // namespace

const char* AnalyzeReadoutCommand::usage() {
    return kUsage;
}

int AnalyzeReadoutCommand::run(const std::vector<std::string>& argv) {
    const CommandOptions args(argv, kValues, {}, "analyze readout");
    if (args.positional().size() != 1)
        throw Error("analyze readout: expected exactly one RUN (.h5 archive or run folder)");
    const std::string task = args.text("--task");
    if (task != "memory" && task != "narma" && task != "classify" && task != "regress")
        throw Error("--task: expected memory, narma, classify or regress (got \"" + task + "\")");
    const bool online = args.has("--online");
    if (!online)
        for (const char* key : {"--test-conditions", "--from-ms"})
            if (args.has(key))
                throw Error(std::string(key) + ": only with --online");
    if (online && task != "classify")
        throw Error("--online: needs --task classify (got \"" + task + "\")");
    if (args.has("--tau-ms") && args.has("--bin-ms"))
        throw Error("--tau-ms and --bin-ms exclude each other (exponential filter or counts)");
    const bool needsInput = task != "classify";
    if (needsInput && args.has("--input") == args.has("--signal"))
        throw Error("--task " + task +
                    ": needs --input FILE.csv (time_ms,value) or --signal STIMULUS (a time_series "
                    "stimulus of the run's project), one of them");
    std::optional<fs::path> out;
    if (args.has("--out")) {
        out = args.text("--out");
        if (out->extension() != ".json")
            throw Error("--out: expected FILE.json (got \"" + out->string() + "\")");
    }

    an::ReadoutStates::Options so;
    if (args.has("--bin-ms")) {
        so.filter = an::ReadoutStates::Filter::Count;
        so.binMs = args.number("--bin-ms", so.binMs);
        if (!(so.binMs > 0.0))
            throw Error("--bin-ms: must be > 0");
    } else {
        so.tauMs = args.number("--tau-ms", so.tauMs);
        if (!(so.tauMs > 0.0))
            throw Error("--tau-ms: must be > 0");
    }
    an::RidgeReadout::Options ro;
    ro.folds = args.integer("--folds", 5, 2, 1000);
    ro.testFraction = args.number("--test-fraction", 0.2);
    if (!(ro.testFraction > 0.0 && ro.testFraction < 1.0))
        throw Error("--test-fraction: must lie in (0, 1)");
    const std::string lambda = args.text("--lambda", "auto");
    if (lambda != "auto") {
        const double l = args.number("--lambda", 0.0);
        if (l < 0.0)
            throw Error("--lambda: must be >= 0 or auto");
        ro.lambdas = {l};
    }

    const std::string path = args.positional()[0];
    an::RecordedRun run = an::RecordedRun::load(path);
    const std::vector<an::SpikeTimes> allSpikes = run.spikes;
    // The states of the network: spike sources (stimuli) only when named.
    std::vector<std::string> excluded;
    if (!args.has("--population"))
        for (const auto& s : run.spikes)
            if (run.stimuli.count(s.name))
                excluded.push_back(s.name);
    run.spikes = PopulationOption::choose(
        run, args.has("--population") ? std::optional(args.text("--population")) : std::nullopt,
        PopulationOption::Fallback::Network);
    if (online && !args.has("--population")) {
        // The reservoir: the network without the readout populations.
        std::vector<std::string> readouts;
        for (const auto& item : splitList(args.text("--online"))) {
            const auto eq = item.find('=');
            readouts.push_back(eq == std::string::npos ? item : item.substr(eq + 1));
        }
        std::erase_if(run.spikes, [&](const an::SpikeTimes& s) {
            return std::any_of(readouts.begin(), readouts.end(), [&](const std::string& r) {
                return s.name == r || s.name == "spikes_" + r;
            });
        });
        if (run.spikes.empty())
            throw Error("--online: no reservoir left besides the readout populations; name "
                        "it with --population");
    }

    json j;
    j["command"] = "readout";
    j["task"] = task;
    j["input"] = path;
    j["input_kind"] = run.kind;
    j["duration_ms"] = run.durationMs;
    j["populations"] = json::array();
    for (const auto& s : run.spikes)
        j["populations"].push_back(s.name);
    j["excluded_stimuli"] = excluded;
    j["filter"] = so.filter == an::ReadoutStates::Filter::Exponential
                      ? json{{"kind", "exponential"}, {"tau_ms", so.tauMs}}
                      : json{{"kind", "count"}, {"bin_ms", so.binMs}};
    j["folds"] = ro.folds;
    j["test_fraction"] = ro.testFraction;
    std::string curve;

    if (needsInput) {
        const std::string inputPath = args.has("--input") ? args.text("--input") : path;
        const an::InputSignal signal =
            args.has("--input") ? an::InputSignal::readCsv(inputPath)
                                : projectSignal(run, args.text("--signal"), fs::path(path));
        if (args.has("--signal"))
            j["signal"] = args.text("--signal");
        // Samples inside the run only, in --blocks groups.
        const std::size_t blocks = args.integer("--blocks", 10, 2, 1000000);
        const auto input = an::RunReadout::signal(signal, run.durationMs, blocks, inputPath);
        const std::vector<double>& times = input.timesMs;
        const std::vector<int>& groups = input.groups;
        const Eigen::VectorXd& u = input.values;
        const auto states = an::ReadoutStates::sample(run.spikes, times, groups, so);
        j["input_file"] = args.has("--input") ? json(inputPath) : json(nullptr);
        j["input_step_ms"] = signal.stepMs;
        j["samples"] = times.size();
        j["samples_outside_run"] = input.outside;
        j["features"] = states.states.cols();
        j["blocks"] = blocks;
        if (task == "memory") {
            const std::size_t delays = args.integer("--delays", 50, 1, 100000);
            const auto mc = an::ReadoutTasks::memoryCapacity(states.states, u, groups, delays, ro);
            j["delays"] = delays;
            j["memory_capacity"] = num(mc.total);
            json c = json::array();
            for (const double m : mc.curve)
                c.push_back(num(m));
            j["memory_curve"] = c;
            j["lambda"] = mc.lambda;
            j["train_samples"] = mc.trainSamples;
            j["test_samples"] = mc.testSamples;
            j["cross_validation"] = crossValidationJson(mc.crossValidation);
            curve = "delay,m\n";
            for (std::size_t k = 0; k < mc.curve.size(); ++k)
                curve += std::to_string(k + 1) + "," + std::to_string(mc.curve[k]) + "\n";
        } else {
            if (task == "narma" && (u.minCoeff() < 0.0 || u.maxCoeff() > 0.5))
                throw Error(inputPath + ": NARMA-10 needs inputs in [0, 0.5] (values span " +
                            std::to_string(u.minCoeff()) + ".." + std::to_string(u.maxCoeff()) +
                            ")");
            const std::size_t washout =
                args.integer("--washout", task == "narma" ? 100 : 0, 0, times.size() - 2);
            const auto r =
                task == "narma"
                    ? an::ReadoutTasks::narma10(states.states, u, groups, washout, ro)
                    : an::ReadoutTasks::regress(
                          states.states.bottomRows(states.states.rows() -
                                                   static_cast<Eigen::Index>(washout)),
                          u.tail(u.size() - static_cast<Eigen::Index>(washout)),
                          std::vector<int>(groups.begin() + static_cast<std::ptrdiff_t>(washout),
                                           groups.end()),
                          ro);
            const std::size_t shift = task == "narma" ? 0 : washout;
            j["washout"] = washout;
            j["train_r2"] = num(r.trainR2);
            j["test_r2"] = num(r.testR2);
            j["train_nrmse"] = num(r.trainNrmse);
            j["test_nrmse"] = num(r.testNrmse);
            j["lambda"] = r.lambda;
            j["train_samples"] = r.trainSamples;
            j["test_samples"] = r.testSamples;
            j["cross_validation"] = crossValidationJson(r.crossValidation);
            curve = "time_ms,target,prediction\n";
            for (std::size_t i = 0; i < r.testRows.size(); ++i) {
                const auto row = static_cast<std::size_t>(r.testRows[i]) + shift;
                curve += std::to_string(times[row]) + "," +
                         std::to_string(r.testTarget(static_cast<Eigen::Index>(i))) + "," +
                         std::to_string(r.testPrediction(static_cast<Eigen::Index>(i))) + "\n";
            }
        }
    } else if (online) {
        const json o = onlineVersusRidge(args, run, allSpikes, run.spikes, so, ro, curve);
        j.update(o);
        j.erase("test_fraction"); // the test trials are the protocol's
    } else {
        // The trials: a labels file, or the run's own protocol trials.
        if (!args.has("--labels") && !run.hasTrials())
            throw Error("--task classify: needs --labels FILE.csv (start_ms,end_ms,label) or a "
                        "run archive of a project with a protocol (/trials)");
        const std::string labelsPath = args.has("--labels") ? args.text("--labels") : path;
        const auto epochs =
            args.has("--labels") ? an::ConditionEpochCsv::read(labelsPath) : run.trialEpochs();
        const auto trials = an::RunReadout::trials(epochs, run.durationMs, labelsPath);
        const std::vector<std::string>& classes = trials.classes;
        const std::vector<double>& times = trials.timesMs;
        const auto states = an::ReadoutStates::sample(run.spikes, times, trials.groups, so);
        const auto c = an::ReadoutTasks::classify(states.states, trials.labels, classes.size(),
                                                  trials.groups, ro);
        j["labels_file"] = args.has("--labels") ? json(labelsPath) : json(nullptr);
        j["labels_from"] = args.has("--labels") ? "--labels" : "trials";
        j["samples"] = times.size();
        j["features"] = states.states.cols();
        j["classes"] = classes;
        j["train_accuracy"] = c.trainAccuracy;
        j["test_accuracy"] = c.testAccuracy;
        j["chance"] = c.chance;
        json confusion = json::array();
        for (Eigen::Index r = 0; r < c.confusion.rows(); ++r) {
            json row = json::array();
            for (Eigen::Index k = 0; k < c.confusion.cols(); ++k)
                row.push_back(c.confusion(r, k));
            confusion.push_back(row);
        }
        j["confusion"] = confusion;
        j["lambda"] = c.lambda;
        j["train_samples"] = c.trainSamples;
        j["test_samples"] = c.testSamples;
        j["cross_validation"] = crossValidationJson(c.crossValidation);
        curve = "true\\predicted";
        for (const auto& name : classes) {
            curve += ',';
            curve += name;
        }
        curve += "\n";
        for (Eigen::Index r = 0; r < c.confusion.rows(); ++r) {
            curve += classes[static_cast<std::size_t>(r)];
            for (Eigen::Index k = 0; k < c.confusion.cols(); ++k) {
                curve += ',';
                curve += std::to_string(c.confusion(r, k));
            }
            curve += "\n";
        }
    }

    if (out) {
        fs::path csv = *out;
        csv.replace_extension(".csv");
        j["files"] = {out->string(), csv.string()};
        writeText(*out, j.dump(2) + "\n");
        writeText(csv, curve);
    }
    std::cout << j.dump() << std::endl;
    return 0;
}

} // namespace plexus::app
