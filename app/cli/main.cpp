// plexus-cli: headless runs, benchmarks and model listings.

#include "AnalyzeCommand.h"
#include "BenchLive.h"
#include "BenchRsa.h"
#include "ExamplesCommand.h"
#include "FigureCommand.h"
#include "GeometryInfoCommand.h"
#include "OutputPath.h"
#include "PluginLoader.h"
#include "PluginsCommand.h"
#include "RunOutput.h"
#include "RunSummary.h"
#include "SweepCommand.h"
#include "plexus/analysis/SweepMetrics.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/build/BuildInfo.h"
#include "plexus/core/build/NetworkBuilder.h"
#include "plexus/core/build/ProjectAdvice.h"
#include "plexus/core/engine/Simulator.h"
#include "plexus/core/plugin/ModelRegistry.h"
#include "plexus/core/project/ProjectIo.h"
#include "plexus/core/project/SimulationSpec.h"
#include "plexus/core/project/StandardNetworks.h"
#include "plexus/core/project/TrialSchedule.h"
#include "plexus/core/record/RunArchive.h"
#include "plexus/core/record/RunRecord.h"
#include "plexus/core/record/RunRecordCsv.h"
#include "plexus/geometry/placement/ElectrodeRecording.h"
#include "plexus/geometry/placement/ProjectGeometry.h"
#include "plexus/geometry/probes/VirtualRecorder.h"
#include "plexus/plugins/BuiltinModels.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

using plexus::core::Error;

constexpr const char* kUsage =
    "usage:\n"
    "  plexus-cli run PROJECT.json [--duration S] [--seed N] [--threads T] [--out DIR]\n"
    "                   [--h5 FILE.h5] [--metrics KIND:POP,...] [--origin FILE]\n"
    "  plexus-cli bench cuba|coba [--n N] [--duration S] [--seed N] [--threads T]\n"
    "                   [--plasticity none|stdp] [--h5 FILE.h5]\n"
    "  plexus-cli bench rsa [--conditions K] [--units P] [--metric M] [--seed N]\n"
    "  plexus-cli bench live [--n N] [--duration S] [--threads T] [--size WxH] [--no-plugins]\n"
    "  plexus-cli analyze trajectory|rsa|readout INPUT [options]   (plexus-cli analyze --help)\n"
    "  plexus-cli analyze avalanches|branching|synchrony|spectrum RUN.h5 [options]\n"
    "  plexus-cli sweep PROJECT.json --param PATH=SPEC [...] --out SWEEP.h5 [options]\n"
    "             (runs every point of a parameter sweep; plexus-cli sweep --help)\n"
    "  plexus-cli figure PROJECT --view raster|membrane|rate|cortex|trajectory|rdm|...[,...]\n"
    "             --out FILE.png|svg|pdf [--format F] [--duration S] [--size-mm WxH] [--dpi N]\n"
    "             [--font-pt P] [--columns N]   (runs the project and exports the views)\n"
    "  plexus-cli models [--json]\n"
    "  plexus-cli examples [--json]   (the example projects of File > Examples, with their files)\n"
    "  plexus-cli plugins [list [--json] | disable FILE | enable FILE]\n"
    "  plexus-cli surface info FILE   (FreeSurfer, GIfTI, OBJ, PLY, STL, VTK, VTP: counts and\n"
    "                                 bounds)\n"
    "  plexus-cli montage info FILE   (.elc, .sfp, .txt, .csd: channels and bounds)\n"
    "  plexus-cli --version   (Plexus, plugin API and library versions)\n"
    "--out DIR writes CSV recordings and summary.json; --h5 FILE writes the run archive (HDF5,\n"
    "layout in docs/file-formats.md) that `plexus-cli analyze` reads without re-simulating;\n"
    "--metrics adds the per-run measures of sweeps to the summary (\"metrics\"); --origin FILE\n"
    "resolves the project's relative file names beside FILE and names FILE in errors (as sweep\n"
    "does for the changed copy of a project it runs).\n"
    "A project's electrodes record LFP and MUA on its cortex as in the window (/electrodes in\n"
    "the archive, electrode_<name>_<array>.csv in --out).\n"
    "run, bench and models load model plugins (*.so) from the folders of PLEXUS_PLUGIN_PATH,\n"
    "from ~/.local/share/plexus/plugins and from the installation's <prefix>/lib/plexus/plugins;\n"
    "--no-plugins skips them (figure and bench live pass it on to the GUI). `plexus-cli plugins`\n"
    "lists them and disables or enables one.\n"
    "A run takes at least one time step and at most 1000000000 (--duration S at the project's\n"
    "dt: 100000 s at dt = 0.1 ms).\n";

/// @p message on one line (line breaks become spaces), as every line on standard error is.
std::string oneLine(std::string message) {
    for (char& c : message)
        if (c == '\n' || c == '\r')
            c = ' ';
    return message;
}

/// One error line on standard error: `plexus-cli: error: <message>`.
void printError(const std::string& message) {
    std::cerr << "plexus-cli: error: " << oneLine(message) << std::endl;
}

/// Options after the subcommand: positional arguments and --key value pairs.
struct Arguments {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
    std::vector<std::string> flags;
};

Arguments parseArguments(int argc, char** argv, int first,
                         const std::vector<std::string>& valueOptions,
                         const std::vector<std::string>& flagOptions) {
    Arguments args;
    for (int i = first; i < argc; ++i) {
        const std::string a = argv[i];
        if (a.rfind("--", 0) == 0) {
            bool known = false;
            for (const auto& o : valueOptions)
                if (a == o) {
                    if (i + 1 >= argc)
                        throw Error(a + ": missing value");
                    args.options[a] = argv[++i];
                    known = true;
                }
            for (const auto& o : flagOptions)
                if (a == o) {
                    args.flags.push_back(a);
                    known = true;
                }
            if (!known)
                throw Error(a + ": unknown option");
        } else {
            args.positional.push_back(a);
        }
    }
    return args;
}

bool hasFlag(const Arguments& args, const std::string& flag) {
    return std::find(args.flags.begin(), args.flags.end(), flag) != args.flags.end();
}

/// Built-in models plus the plugins found (unless --no-plugins). A refused plugin is reported
/// on standard error and skipped; the paths of disabled plugins go to @p disabled when given.
plexus::core::ModelRegistry makeRegistry(const Arguments& args,
                                         std::vector<std::string>* disabled = nullptr) {
    plexus::core::ModelRegistry registry;
    plexus::plugins::registerBuiltinModels(registry);
    if (hasFlag(args, "--no-plugins"))
        return registry;
    for (const auto& result : plexus::app::PluginLoader::loadDefault(registry)) {
        if (result.refused())
            std::cerr << "plexus-cli: warning: " << result.message() << "\n";
        else if (result.disabled && disabled)
            disabled->push_back(result.path);
    }
    return registry;
}

double parseNumber(const std::string& option, const std::string& text) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(v))
        throw Error(option + ": \"" + text + "\" is not a number");
    return v;
}

std::int64_t parseInteger(const std::string& option, const std::string& text, std::int64_t min,
                          std::int64_t max) {
    const double v = parseNumber(option, text);
    if (v != std::floor(v) || v < static_cast<double>(min) || v > static_cast<double>(max))
        throw Error(option + ": must be an integer in [" + std::to_string(min) + ", " +
                    std::to_string(max) + "] (got " + text + ")");
    return static_cast<std::int64_t>(v);
}

/// The run length in seconds: --duration, or the project's; refused (naming where it came
/// from) when it gives no step or more than SimulationSpec::maxSteps at the project's dt.
double parseDuration(const Arguments& args, const plexus::core::ProjectSpec& project,
                     const std::string& origin) {
    const auto it = args.options.find("--duration");
    if (it == args.options.end()) {
        // A protocol runs its whole schedule.
        const double length = plexus::core::TrialSchedule::runLengthS(project);
        plexus::core::SimulationSpec::checkedStepCount(
            length, project.simulation.dtMs,
            (origin.empty() ? std::string() : origin + ": ") +
                (project.protocol ? "protocol" : "simulation.duration_s"));
        return length;
    }
    const double d = parseNumber("--duration", it->second);
    if (d <= 0)
        throw Error("--duration: must be > 0 seconds (got " + it->second + ")");
    plexus::core::SimulationSpec::checkedStepCount(d, project.simulation.dtMs, "--duration");
    return d;
}

plexus::core::BuildOptions buildOptions(const Arguments& args) {
    plexus::core::BuildOptions o;
    o.recordAllSpikes = true;
    if (auto it = args.options.find("--seed"); it != args.options.end())
        o.seed = static_cast<std::uint64_t>(
            parseInteger("--seed", it->second, 0, std::int64_t{1} << 53));
    if (auto it = args.options.find("--threads"); it != args.options.end())
        o.threads = static_cast<int>(parseInteger("--threads", it->second, 1, 256));
    return o;
}

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// Build, run and summarise a project; optionally write recordings (CSV folder --out DIR,
/// HDF5 run archive --h5 FILE). @p origin (the project file) starts the messages of errors
/// found in the project.
int runProject(const plexus::core::ProjectSpec& project, const Arguments& args,
               const std::string& origin) {
    std::optional<std::string> outDir;
    if (auto it = args.options.find("--out"); it != args.options.end())
        outDir = it->second;
    std::optional<std::string> archive;
    if (auto it = args.options.find("--h5"); it != args.options.end())
        archive = it->second;
    // Fail before a long run rather than after it.
    if (outDir)
        plexus::app::OutputPath::checkFolder(*outDir, "--out");
    if (archive)
        plexus::app::OutputPath::checkFile(*archive, "--h5");
    std::vector<std::string> metrics;
    if (auto it = args.options.find("--metrics"); it != args.options.end()) {
        std::vector<std::string> populations;
        for (const auto& p : project.populations)
            populations.push_back(p.name);
        metrics = plexus::analysis::SweepMetrics::parseList(it->second, populations);
    }
    const double duration = parseDuration(args, project, origin);
    auto options = buildOptions(args);
    options.origin = origin;
    const plexus::core::ModelRegistry registry = makeRegistry(args);

    const auto t0 = std::chrono::steady_clock::now();
    auto network = plexus::core::NetworkBuilder::build(project, registry, options);
    // The project's electrodes record LFP and MUA on its cortex, as in the window.
    std::unique_ptr<plexus::geometry::ElectrodeRecording> electrodes;
    if (!project.electrodes.empty()) {
        try {
            const std::filesystem::path folder = std::filesystem::path(origin).parent_path();
            electrodes = plexus::geometry::ElectrodeRecording::create(
                *network, project, plexus::geometry::ProjectGeometry::load(project.cortex, folder));
        } catch (const std::exception& e) {
            throw Error((origin.empty() ? std::string() : origin + ": ") +
                        "electrodes: " + e.what());
        }
    }
    plexus::core::Simulator sim(*network);
    sim.prepare();
    const double buildS = secondsSince(t0);

    const std::int64_t steps = plexus::core::SimulationSpec::stepCount(duration, network->dtMs);
    // Shorter chunks while recording electrodes keep their sample buffers small.
    const std::int64_t chunk = electrodes ? 1000 : 10000;
    const auto t1 = std::chrono::steady_clock::now();
    for (std::int64_t done = 0; done < steps;) {
        done += sim.run(std::min(chunk, steps - done));
        if (electrodes)
            electrodes->collect(*network, sim.currentStep());
    }
    sim.finish();
    const double simS = secondsSince(t1);
    // The electrodes' own engine recorders are not recordings of the run.
    const auto owned = [](const auto& recorder) {
        return plexus::geometry::VirtualRecorder::ownsRecorder(recorder.name);
    };
    std::erase_if(network->stateRecorders, owned);
    std::erase_if(network->spikeRecorders, owned);
    std::vector<plexus::core::RunRecord::ElectrodeData> electrodeData;
    if (electrodes)
        electrodeData = electrodes->electrodes(network->dtMs);

    const auto spikes = plexus::core::ProjectAdvice::spikeCounts(*network, sim);
    for (const auto& advice : plexus::core::ProjectAdvice::check(project, &spikes))
        std::cerr << "plexus-cli: note: " << advice.message << "\n";
    auto summary =
        plexus::app::RunSummary::make(project.name, *network, sim, {buildS, simS, duration});
    std::optional<plexus::core::RunRecord> record;
    if (archive || !metrics.empty()) {
        record = plexus::core::RunRecord::fromNetwork(
            *network, sim.timeMs(), project.name, plexus::core::ProjectIo::toJson(project).dump());
        record->electrodes = electrodeData;
    }
    if (!metrics.empty()) {
        // The measures of a sweep row (analysis::SweepMetrics), NaN written as null.
        const auto values = plexus::analysis::SweepMetrics::compute(*record, metrics, origin);
        nlohmann::json m = nlohmann::json::object();
        for (std::size_t i = 0; i < metrics.size(); ++i)
            m[metrics[i]] = std::isfinite(values[i]) ? nlohmann::json(values[i]) : nullptr;
        summary["metrics"] = m;
    }
    if (project.protocol)
        summary["trials"] =
            plexus::core::TrialWindow::completed(network->trials, sim.timeMs()).size();
    if (outDir) {
        plexus::app::RunOutput::write(*network, *outDir);
        if (!electrodeData.empty()) {
            plexus::core::RunRecord electrodeRecord;
            electrodeRecord.electrodes = electrodeData;
            plexus::core::RunRecordCsv::write(electrodeRecord, *outDir);
        }
        std::ofstream(*outDir + "/summary.json") << summary.dump(2) << "\n";
    }
    if (archive)
        plexus::core::RunArchive::write(*record, *archive);
    std::cout << summary.dump() << std::endl;
    return 0;
}

int listModels(const Arguments& args) {
    std::vector<std::string> disabled;
    const plexus::core::ModelRegistry registry = makeRegistry(args, &disabled);
    const bool json = hasFlag(args, "--json");
    // The JSON list holds models only: disabled plugins are a note on standard error there.
    for (const std::string& path : disabled)
        (json ? std::cerr << "plexus-cli: note: " : std::cout << "disabled plugin: ")
            << path << " (its models are not loaded; plexus-cli plugins enable FILE)\n";
    nlohmann::json out = nlohmann::json::array();
    for (const auto* info : registry.all()) {
        if (!json) {
            std::cout << info->name << "  (" << plexus::core::modelKindName(info->kind) << ")  "
                      << info->label << "  [" << registry.origin(info->name) << "]\n";
            for (const auto& p : info->parameters)
                std::cout << "    " << p.key << " = " << p.defaultValue << " " << p.unit << "  ["
                          << p.minValue << ", " << p.maxValue << "]  " << p.label << "\n";
            for (const auto& s : info->stateVariables)
                std::cout << "    state " << s.key << " (" << s.unit << ")  " << s.label << "\n";
            continue;
        }
        nlohmann::json params = nlohmann::json::array();
        for (const auto& p : info->parameters)
            params.push_back({{"key", p.key},
                              {"label", p.label},
                              {"unit", p.unit},
                              {"default", p.defaultValue},
                              {"min", std::isfinite(p.minValue) ? nlohmann::json(p.minValue)
                                                                : nlohmann::json(nullptr)},
                              {"max", std::isfinite(p.maxValue) ? nlohmann::json(p.maxValue)
                                                                : nlohmann::json(nullptr)},
                              {"doc", p.doc}});
        nlohmann::json state = nlohmann::json::array();
        for (const auto& s : info->stateVariables)
            state.push_back({{"key", s.key}, {"label", s.label}, {"unit", s.unit}});
        nlohmann::json receptors = nlohmann::json::array();
        for (const auto& r : info->receptors)
            receptors.push_back({{"key", r.key}, {"unit", r.unit}});
        out.push_back({{"name", info->name},
                       {"label", info->label},
                       {"kind", plexus::core::modelKindName(info->kind)},
                       {"category", info->category},
                       {"version", info->version},
                       {"origin", registry.origin(info->name)},
                       {"parameters", params},
                       {"state", state},
                       {"receptors", receptors},
                       {"tags", info->tags},
                       {"equations", info->equations},
                       {"references", info->references},
                       {"doc", info->doc}});
        if (const auto* neuron = registry.neuronModel(info->name)) {
            // Derived values at the default parameters and the default step.
            const auto defaults = plexus::core::ParameterSet::resolve(*info, {}, info->name);
            nlohmann::json derived = nlohmann::json::array();
            for (const auto& d : neuron->derivedValues(defaults, 0.1))
                derived.push_back(
                    {{"key", d.key}, {"label", d.label}, {"unit", d.unit}, {"value", d.value}});
            out.back()["derived"] = derived;
        }
    }
    if (json)
        std::cout << out.dump(2) << std::endl;
    return 0;
}

} // namespace

static int runInProcess(const std::vector<std::string>& args);

/// The commands, as from the program's arguments.
static int dispatch(int argc, char** argv) {
    if (argc < 2) {
        printError("no command given (plexus-cli --help lists the commands)");
        return 2;
    }
    const std::string command = argv[1];
    try {
        if (command == "--version") {
            for (const std::string& line : plexus::core::BuildInfo::versionLines("plexus-cli"))
                std::cout << line << "\n";
            return 0;
        }
        if (command == "--help" || command == "help") {
            std::cout << kUsage;
            return 0;
        }
        if (command == "run") {
            const auto args = parseArguments(
                argc, argv, 2,
                {"--duration", "--seed", "--threads", "--out", "--h5", "--metrics", "--origin"},
                {"--no-plugins"});
            if (args.positional.size() != 1)
                throw Error("run: expected exactly one PROJECT.json");
            // --origin: relative file names resolve beside that file, and errors name it
            // (a sweep runs a changed copy of the project from its own folder).
            const auto origin = args.options.find("--origin");
            const std::string name =
                origin == args.options.end() ? args.positional[0] : origin->second;
            return runProject(plexus::core::ProjectIo::load(args.positional[0], name), args, name);
        }
        if (command == "bench" && argc > 2 && std::string(argv[2]) == "live")
            return plexus::app::BenchLive::run({argv + 3, argv + argc});
        if (command == "bench" && argc > 2 && std::string(argv[2]) == "rsa")
            return plexus::app::BenchRsa::run({argv + 3, argv + argc});
        if (command == "analyze")
            return plexus::app::AnalyzeCommand::run({argv + 2, argv + argc});
        if (command == "sweep")
            return plexus::app::SweepCommand::run({argv + 2, argv + argc}, runInProcess);
        if (command == "figure")
            return plexus::app::FigureCommand::run({argv + 2, argv + argc});
        if (command == "plugins")
            return plexus::app::PluginsCommand::run({argv + 2, argv + argc});
        if (command == "examples")
            return plexus::app::ExamplesCommand::run({argv + 2, argv + argc});
        if (command == "surface")
            return plexus::app::GeometryInfoCommand::runSurface({argv + 2, argv + argc});
        if (command == "montage")
            return plexus::app::GeometryInfoCommand::runMontage({argv + 2, argv + argc});
        if (command == "bench") {
            const auto args = parseArguments(
                argc, argv, 2, {"--n", "--duration", "--seed", "--threads", "--plasticity", "--h5"},
                {"--no-plugins"});
            if (args.positional.size() != 1)
                throw Error("bench: expected a network name (cuba or coba)");
            std::size_t n = 4000;
            if (auto it = args.options.find("--n"); it != args.options.end())
                n = static_cast<std::size_t>(parseInteger("--n", it->second, 1, 10'000'000));
            const std::string which = args.positional[0];
            plexus::core::ProjectSpec project;
            if (which == "cuba")
                project = plexus::core::StandardNetworks::cuba(n);
            else if (which == "coba")
                project = plexus::core::StandardNetworks::coba(n);
            else
                throw Error("bench: unknown network \"" + which + "\" (cuba, coba)");
            if (auto it = args.options.find("--plasticity"); it != args.options.end()) {
                if (it->second == "stdp")
                    plexus::core::StandardNetworks::addStdp(project);
                else if (it->second != "none")
                    throw Error("--plasticity: unknown rule \"" + it->second + "\" (none, stdp)");
            }
            return runProject(project, args, {});
        }
        if (command == "models")
            return listModels(parseArguments(argc, argv, 2, {}, {"--json", "--no-plugins"}));
        printError("unknown command \"" + command + "\" (plexus-cli --help lists the commands)");
        return 2;
    } catch (const Error& e) {
        printError(e.what());
        return 1;
    } catch (const std::bad_alloc&) {
        printError("out of memory");
        return 1;
    } catch (const std::exception& e) {
        // A last resort: whatever went wrong is still one line, never an abort.
        printError(std::string("unexpected failure: ") + e.what());
        return 1;
    } catch (...) {
        printError("unexpected failure");
        return 1;
    }
}

/// A sweep's run in a process of its own: the arguments after the program name.
static int runInProcess(const std::vector<std::string>& args) {
    std::vector<std::string> words = {"plexus-cli"};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);
    return dispatch(static_cast<int>(words.size()), argv.data());
}

int main(int argc, char** argv) {
    return dispatch(argc, argv);
}
