#include "SweepCommand.h"

#include "ForkServer.h"
#include "OutputPath.h"
#include "RunSummary.h"
#include "plexus/analysis/SweepMetrics.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/project/ProjectIo.h"
#include "plexus/core/project/SimulationSpec.h"
#include "plexus/core/project/SweepSpec.h"
#include "plexus/core/record/SweepArchive.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <malloc.h>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <sys/mman.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace plexus::app {

namespace {

namespace fs = std::filesystem;
using core::Error;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kUsage =
    "  plexus-cli sweep PROJECT.json --param PATH=SPEC [--param ...] [--repeat R] [--seed S]\n"
    "             [--metrics KIND:POP,...] [--workers K] [--duration S] [--keep-runs]\n"
    "             --out SWEEP.h5 [--json] [--no-plugins] [--origin FILE]\n"
    "    PATH: populations.E.params.tau_m, projections.E->E.weight, simulation.seed, ... or a\n"
    "    JSON pointer (/populations/0/params/tau_m); SPEC: START:STOP:N, log:START:STOP:N,\n"
    "    rand:LOW:HIGH:N or a,b,c. Metrics: rate, cv_isi, fano, chi, correlation, branching,\n"
    "    avalanche_alpha, avalanche_beta, spectral_exponent, alpha_peak_hz, accuracy (of the\n"
    "    protocol's trials), memory_capacity and narma_nrmse (of the first time_series\n"
    "    stimulus) of a population or all (default rate and cv_isi of every population).\n"
    "    Runs K processes at a time (default: cores); the same command again resumes an\n"
    "    interrupted sweep (docs/experiments.md).\n"
    "    --origin: relative file names of the project resolve beside FILE (a copy of a\n"
    "    project saved elsewhere).\n";

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

volatile std::sig_atomic_t g_stopSignal = 0;

extern "C" void onStopSignal(int signal) {
    g_stopSignal = signal;
}

/// Installs the SIGINT/SIGTERM handler (no restart: a waiting waitpid() returns) while it lives.
class StopSignals {
public:
    StopSignals() {
        g_stopSignal = 0;
        struct sigaction action {};
        action.sa_handler = onStopSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = 0;
        sigaction(SIGINT, &action, &m_oldInt);
        sigaction(SIGTERM, &action, &m_oldTerm);
    }
    ~StopSignals() {
        sigaction(SIGINT, &m_oldInt, nullptr);
        sigaction(SIGTERM, &m_oldTerm, nullptr);
    }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

private:
    struct sigaction m_oldInt {};
    struct sigaction m_oldTerm {};
};

struct Options {
    std::string project;
    std::vector<std::string> params;
    std::map<std::string, std::string> values;
    bool keepRuns = false;
    bool json = false;
    bool noPlugins = false;
};

Options parse(const std::vector<std::string>& args) {
    static const std::vector<std::string> valueOptions = {
        "--repeat", "--seed", "--metrics", "--workers", "--duration", "--out", "--origin"};
    Options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool hasValue = a == "--param" || std::find(valueOptions.begin(), valueOptions.end(),
                                                          a) != valueOptions.end();
        if (hasValue && i + 1 >= args.size())
            throw Error(a + ": missing value");
        if (a == "--param")
            o.params.push_back(args[++i]);
        else if (hasValue)
            o.values[a] = args[++i];
        else if (a == "--keep-runs")
            o.keepRuns = true;
        else if (a == "--json")
            o.json = true;
        else if (a == "--no-plugins")
            o.noPlugins = true;
        else if (a.rfind("--", 0) == 0)
            throw Error("sweep: " + a + ": unknown option");
        else if (o.project.empty())
            o.project = a;
        else
            throw Error("sweep: expected exactly one PROJECT.json (got " + o.project + " and " + a +
                        ")");
    }
    if (o.project.empty())
        throw Error("sweep: expected a PROJECT.json");
    if (o.params.empty())
        throw Error("sweep: expected at least one --param PATH=SPEC");
    if (!o.values.count("--out"))
        throw Error("sweep: expected --out SWEEP.h5");
    return o;
}

double number(const std::string& option, const std::string& text) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(v))
        throw Error(option + ": \"" + text + "\" is not a number");
    return v;
}

std::uint64_t integer(const std::string& option, const std::string& text, double min, double max) {
    const double v = number(option, text);
    if (v != std::floor(v) || v < min || v > max)
        throw Error(option + ": must be a whole number in [" + json(min).dump() + ", " +
                    json(max).dump() + "] (got " + text + ")");
    return static_cast<std::uint64_t>(v);
}

/// "m:ss" or "h:mm:ss".
std::string clock(double seconds) {
    const long s = std::lround(std::max(0.0, seconds));
    char text[32];
    if (s >= 3600)
        std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    else
        std::snprintf(text, sizeof text, "%ld:%02ld", s / 60, s % 60);
    return text;
}

/// The last non-empty line of a text file ("" when there is none).
/// The last non-empty line of `text`.
std::string lastLine(const std::string& text) {
    std::istringstream in(text);
    std::string line, last;
    while (std::getline(in, line))
        if (!line.empty())
            last = line;
    return last;
}

/// Everything written to the file `fd`, from its start.
std::string readAll(int fd) {
    std::string out;
    char buffer[65536];
    off_t offset = 0;
    ssize_t n = 0;
    while ((n = pread(fd, buffer, sizeof buffer, offset)) > 0) {
        out.append(buffer, static_cast<std::size_t>(n));
        offset += n;
    }
    return out;
}

/// An anonymous file in memory holding `text` (closed on exec unless duplicated), or -1.
int memoryFile(const char* name, const std::string& text = {}) {
    const int fd = memfd_create(name, MFD_CLOEXEC);
    for (std::size_t done = 0; fd >= 0 && done < text.size();) {
        const ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n <= 0) {
            close(fd);
            return -1;
        }
        done += static_cast<std::size_t>(n);
    }
    return fd;
}

std::string signalName(int signal) {
    const char* name = strsignal(signal);
    return "signal " + std::to_string(signal) + (name ? std::string(" (") + name + ")" : "");
}

/// A run in progress. Its project, standard output and standard error are files in memory
/// (memfd): a point touches the disk only when its run archive is kept.
struct Worker {
    std::size_t row = 0;
    Clock::time_point start;
    int project = -1; ///< the point's project (the run reads it as /proc/self/fd/3)
    int out = -1;     ///< the run's standard output
    int err = -1;     ///< the run's standard error
    /// Closes the files.
    void close() const {
        for (const int fd : {project, out, err})
            if (fd >= 0)
                ::close(fd);
    }
};

class Sweep {
public:
    Sweep(const Options& options, ForkServer::Entry entry)
        : m_options(options)
        , m_entry(entry) {}

    int run() {
        prepare();
        return execute();
    }

private:
    fs::path file(std::size_t row, const char* suffix) const {
        return m_work / (std::to_string(row) + suffix);
    }

    void prepare() {
        const auto& o = m_options;
        m_out = o.values.at("--out");
        // The points run changed copies from the work folder: relative file names of the
        // project still resolve beside it (or beside --origin).
        m_origin = fs::absolute(o.values.count("--origin") ? o.values.at("--origin") : o.project)
                       .lexically_normal()
                       .string();
        const core::ProjectSpec project = core::ProjectIo::load(o.project, m_origin);
        m_projectJson = core::ProjectIo::toJson(project);
        std::vector<std::string> populations;
        for (const auto& p : project.populations)
            populations.push_back(p.name);

        m_spec.seed = project.simulation.seed;
        if (o.values.count("--seed"))
            m_spec.seed = integer("--seed", o.values.at("--seed"), 0, 9007199254740992.0);
        if (o.values.count("--repeat"))
            m_spec.repeats = integer("--repeat", o.values.at("--repeat"), 1, 1e6);
        for (std::size_t a = 0; a < o.params.size(); ++a)
            m_spec.axes.push_back(core::SweepSpec::parseAxis(o.params[a], m_spec.seed, a));
        m_spec.validate(m_projectJson);
        m_spec.metrics =
            o.values.count("--metrics")
                ? analysis::SweepMetrics::parseList(o.values.at("--metrics"), populations)
                : analysis::SweepMetrics::defaults(populations);
        if (o.values.count("--duration")) {
            m_spec.durationS = number("--duration", o.values.at("--duration"));
            if (!(m_spec.durationS > 0))
                throw Error("--duration: must be > 0 seconds (got " + o.values.at("--duration") +
                            ")");
            core::SimulationSpec::checkedStepCount(m_spec.durationS, project.simulation.dtMs,
                                                   "--duration");
        }
        m_workers = std::max(1u, std::thread::hardware_concurrency());
        if (o.values.count("--workers"))
            m_workers =
                static_cast<unsigned>(integer("--workers", o.values.at("--workers"), 1, 256));
        if (m_spec.pointCount() > 10'000'000)
            throw Error("sweep: " + std::to_string(m_spec.pointCount()) +
                        " points are too many (at most 10000000)");

        // The archive: a new one, or the same sweep to resume.
        m_archive.definition = m_spec.definition().dump();
        m_archive.project = m_projectJson.dump();
        m_archive.hash = core::SweepArchive::hashOf(m_archive.definition, m_archive.project);
        for (const auto& axis : m_spec.axes)
            m_archive.parameters.push_back(axis.path.text());
        m_archive.metrics = m_spec.metrics;
        const auto points = m_spec.points();
        m_points = points;
        std::optional<core::SweepArchive> previous;
        if (fs::exists(m_out)) {
            try {
                previous = core::SweepArchive::read(m_out);
            } catch (const Error& e) {
                throw Error("--out: " + std::string(e.what()) + "; it is left untouched");
            }
            if (previous->hash != m_archive.hash || previous->points.size() != points.size())
                throw Error("--out: " + m_out.string() +
                            " holds a different sweep (its definition or project differ); it is "
                            "left untouched: choose another --out or remove it");
        } else {
            OutputPath::checkFile(m_out, "--out");
        }
        for (const auto& p : points) {
            core::SweepArchive::Point row;
            row.index = static_cast<std::int64_t>(p.index);
            row.repeat = static_cast<std::int64_t>(p.repeat);
            row.seed = p.seed;
            row.values = p.values;
            row.status = "pending";
            row.wallS = kNaN;
            row.metrics.assign(m_spec.metrics.size(), kNaN);
            if (previous && previous->points[p.index].status == "ok") {
                row = previous->points[p.index];
                ++m_skipped;
            } else {
                m_queue.push_back(p.index);
            }
            m_archive.points.push_back(std::move(row));
        }
        m_work = m_out;
        m_work += ".work";
        m_runs = m_out;
        m_runs += ".runs";
        std::error_code ec;
        fs::remove_all(m_work, ec);
        fs::create_directories(m_work, ec);
        if (ec)
            throw Error("--out: cannot create the work folder " + m_work.string() + " (" +
                        ec.message() + ")");
        if (o.keepRuns) {
            fs::create_directories(m_runs, ec);
            if (ec)
                throw Error("--keep-runs: cannot create " + m_runs.string() + " (" + ec.message() +
                            ")");
        }
        m_archive.write(m_out);
    }

    void launch(std::size_t row) {
        const auto& point = m_points[row];
        Worker worker{row, Clock::now(),
                      memoryFile("point.json", m_spec.apply(m_projectJson, point).dump() + "\n"),
                      memoryFile("point.out"), memoryFile("point.err")};
        if (worker.project < 0 || worker.out < 0 || worker.err < 0) {
            worker.close();
            throw Error(std::string("sweep: cannot make the files of point ") +
                        std::to_string(row) + " (" + std::strerror(errno) + ")");
        }
        std::string metrics;
        for (const auto& m : m_spec.metrics)
            metrics += (metrics.empty() ? "" : ",") + m;
        // The run computes the metrics itself: no archive is written unless it is kept.
        std::vector<std::string> args = {
            "run",       "/proc/self/fd/3", "--seed",   std::to_string(point.seed),
            "--metrics", metrics,           "--origin", m_origin};
        if (m_options.keepRuns) {
            args.push_back("--h5");
            args.push_back(file(row, ".h5").string());
        }
        if (m_spec.durationS > 0) {
            std::ostringstream d;
            d.precision(17);
            d << m_spec.durationS;
            args.push_back("--duration");
            args.push_back(d.str());
        }
        if (m_options.noPlugins)
            args.push_back("--no-plugins");
        try {
            m_server->start(row, args, worker.out, worker.err, worker.project);
        } catch (...) {
            worker.close();
            throw;
        }
        m_running.push_back(worker);
    }

    void collect(const Worker& worker, int status, Clock::time_point end) {
        const std::string out = readAll(worker.out), err = readAll(worker.err);
        worker.close();
        auto& row = m_archive.points[worker.row];
        row.wallS = std::chrono::duration<double>(end - worker.start).count();
        row.metrics.assign(m_spec.metrics.size(), kNaN);
        row.summary.clear();
        row.error.clear();
        const fs::path archive = file(worker.row, ".h5");
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            try {
                const auto summary = json::parse(lastLine(out));
                const auto& values = summary.at("metrics");
                for (std::size_t m = 0; m < m_spec.metrics.size(); ++m) {
                    const auto& v = values.at(m_spec.metrics[m]);
                    row.metrics[m] = v.is_number() ? v.get<double>() : kNaN;
                }
                row.summary = summary.dump();
                row.status = "ok";
            } catch (const std::exception& e) {
                row.status = "failed";
                row.error = std::string("cannot read the run's results: ") + e.what();
            }
        } else {
            row.status = "failed";
            if (WIFSIGNALED(status)) {
                row.error = "the run crashed: " + signalName(WTERMSIG(status));
            } else {
                std::string message = lastLine(err);
                const std::string prefix = "plexus-cli: error: ";
                if (message.rfind(prefix, 0) == 0)
                    message.erase(0, prefix.size());
                // Errors in the point's project name the project: say "point N".
                const std::string projectFile = m_origin + ": ";
                if (message.rfind(projectFile, 0) == 0)
                    message = "point " + std::to_string(worker.row) + ": " +
                              message.substr(projectFile.size());
                row.error = message.empty()
                                ? "the run exited with code " + std::to_string(WEXITSTATUS(status))
                                : message;
            }
        }
        std::error_code ec;
        if (row.status == "ok" && m_options.keepRuns)
            fs::rename(archive, m_runs / (std::to_string(worker.row) + ".h5"), ec);
        fs::remove(archive, ec);
        if (row.status == "failed")
            ++m_failed;
        ++m_done;
        save(false);
    }

    /// Rewrite the archive: always when `force`, else unless the last rewrite is more recent
    /// than 200 times its own duration (rewriting then costs at most 0.5 % of the sweep's time
    /// however short the runs are; with runs longer than that every finished run is saved).
    void save(bool force) {
        const auto now = Clock::now();
        if (!force && m_saved && now - m_lastSave < 200 * m_saveCost) {
            m_unsaved = true;
            return;
        }
        m_archive.write(m_out);
        m_lastSave = Clock::now();
        m_saveCost = m_lastSave - now;
        m_saved = true;
        m_unsaved = false;
    }

    void progress(bool last) {
        const std::size_t total = m_archive.points.size();
        const std::size_t finished = m_skipped + m_done;
        const double elapsed = std::chrono::duration<double>(Clock::now() - m_start).count();
        std::string line = "sweep: " + std::to_string(finished) + "/" + std::to_string(total) +
                           " points, " + std::to_string(m_failed) + " failed";
        if (last)
            line += ", " + clock(elapsed);
        else if (m_done > 0)
            line += ", ETA " + clock(elapsed / static_cast<double>(m_done) *
                                     static_cast<double>(total - finished));
        if (m_tty)
            std::cerr << "\r" << line << "\033[K" << (last ? "\n" : "") << std::flush;
        else
            std::cerr << line << "\n" << std::flush;
    }

    /// Stop every run (SIGTERM, then wait for it); their rows stay pending.
    void stopWorkers() {
        m_server->stop();
        for (const auto& w : m_running)
            w.close();
        m_running.clear();
        // The runs finished since the last rewrite are kept.
        if (m_unsaved) {
            try {
                save(true);
            } catch (const Error& e) {
                std::cerr << "plexus-cli: error: " << e.what() << std::endl;
            }
        }
    }

    int execute() {
        // The runs are forks of a small server forked now, before the sweep grows.
        m_server = std::make_unique<ForkServer>(m_entry);
        const StopSignals signals;
        // Rewriting the archive after every point allocates and frees the same large HDF5
        // buffers each time: keep them in the heap instead of mapping fresh pages every time.
        mallopt(M_MMAP_THRESHOLD, 64 << 20);
        mallopt(M_TRIM_THRESHOLD, 128 << 20);
        m_tty = isatty(STDERR_FILENO) != 0;
        m_start = Clock::now();
        try {
            while ((!m_queue.empty() || !m_running.empty()) && g_stopSignal == 0) {
                while (m_running.size() < m_workers && !m_queue.empty() && g_stopSignal == 0) {
                    launch(m_queue.front());
                    m_queue.pop_front();
                }
                const auto finished = m_server->wait();
                const auto end = Clock::now();
                if (!finished)
                    continue;
                const auto it =
                    std::find_if(m_running.begin(), m_running.end(),
                                 [&](const Worker& w) { return w.row == finished->id; });
                if (it == m_running.end())
                    continue;
                const Worker worker = *it;
                m_running.erase(it);
                // The next run starts before this one's results are written.
                if (!m_queue.empty() && g_stopSignal == 0) {
                    launch(m_queue.front());
                    m_queue.pop_front();
                }
                collect(worker, finished->status, end);
                progress(false);
            }
        } catch (...) {
            stopWorkers();
            throw;
        }
        std::error_code ec;
        if (g_stopSignal != 0) {
            const int signal = g_stopSignal;
            stopWorkers();
            fs::remove_all(m_work, ec);
            if (m_tty)
                std::cerr << "\n";
            std::cerr << "plexus-cli: error: sweep interrupted by " << signalName(signal) << "; "
                      << m_skipped + m_done << " of " << m_archive.points.size()
                      << " points are in " << m_out.string() << " (the same command resumes it)"
                      << std::endl;
            return 128 + signal;
        }
        save(true);
        fs::remove_all(m_work, ec);
        progress(true);
        return report();
    }

    int report() {
        std::size_t ok = 0, failed = 0;
        std::string firstError;
        for (const auto& p : m_archive.points) {
            if (p.status == "ok")
                ++ok;
            else if (p.status == "failed") {
                ++failed;
                if (firstError.empty())
                    firstError = "row " + std::to_string(p.index) + ": " + p.error;
            }
        }
        const double wall = std::chrono::duration<double>(Clock::now() - m_start).count();
        json out = {{"sweep", m_out.string()},
                    {"points", m_archive.points.size()},
                    {"ok", ok},
                    {"failed", failed},
                    {"ran", m_done},
                    {"skipped", m_skipped},
                    {"workers", m_workers},
                    {"wall_s", wall},
                    {"peak_rss_mb", RunSummary::peakRssMb()},
                    {"parameters", m_archive.parameters},
                    {"metrics", m_archive.metrics},
                    {"runs", m_options.keepRuns ? json(m_runs.string()) : json(nullptr)},
                    {"first_error", firstError.empty() ? json(nullptr) : json(firstError)}};
        if (m_options.json)
            std::cout << out.dump() << std::endl;
        else
            std::cout << "sweep: " << ok << " ok, " << failed << " failed of "
                      << m_archive.points.size() << " points (" << m_done << " run now, "
                      << m_skipped << " kept) -> " << m_out.string() << std::endl;
        if (ok == 0 && !m_archive.points.empty()) {
            std::cerr << "plexus-cli: error: every point of the sweep failed (" << firstError << ")"
                      << std::endl;
            return 1;
        }
        return 0;
    }

    const Options& m_options;
    core::SweepSpec m_spec;
    nlohmann::json m_projectJson;
    std::string m_origin; ///< the project file, absolute
    std::vector<core::SweepSpec::Point> m_points;
    core::SweepArchive m_archive;
    fs::path m_out, m_work, m_runs;
    ForkServer::Entry m_entry;
    std::unique_ptr<ForkServer> m_server;
    unsigned m_workers = 1;
    std::deque<std::size_t> m_queue;
    std::vector<Worker> m_running;
    std::size_t m_skipped = 0, m_done = 0, m_failed = 0;
    bool m_tty = false;
    Clock::time_point m_start;
    Clock::time_point m_lastSave;
    Clock::duration m_saveCost{};
    bool m_saved = false;
    bool m_unsaved = false;
};

} // namespace

const char* SweepCommand::usage() {
    return kUsage;
}

int SweepCommand::run(const std::vector<std::string>& args, RunEntry entry) {
    if (args.size() == 1 && (args[0] == "--help" || args[0] == "help")) {
        std::cout << "usage:\n" << kUsage;
        return 0;
    }
    const Options options = parse(args);
    Sweep sweep(options, entry);
    return sweep.run();
}

} // namespace plexus::app
