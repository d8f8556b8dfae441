#include "BenchLive.h"

#include "plexus/core/Error.h"
#include "plexus/core/ProjectIo.h"
#include "plexus/core/StandardNetworks.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace plexus::app {

namespace fs = std::filesystem;
using core::Error;

namespace {

fs::path guiExecutable() {
    if (const char* env = std::getenv("PLEXUS_GUI"); env && *env)
        return env;
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (const fs::path& candidate :
             {self.parent_path() / "plexus", self.parent_path().parent_path() / "gui" / "plexus"})
            if (fs::exists(candidate))
                return candidate;
    }
#ifdef PLEXUS_GUI_BUILD_PATH
    if (fs::exists(PLEXUS_GUI_BUILD_PATH))
        return PLEXUS_GUI_BUILD_PATH;
#endif
    throw Error("bench live: the GUI executable \"plexus\" was not found next to plexus-cli; "
                "set PLEXUS_GUI to its path");
}

bool onPath(const std::string& program) {
    const char* path = std::getenv("PATH");
    if (!path)
        return false;
    std::string dirs = path;
    std::size_t start = 0;
    while (start <= dirs.size()) {
        const std::size_t end = dirs.find(':', start);
        const fs::path dir = dirs.substr(start, end == std::string::npos ? end : end - start);
        if (!dir.empty() && access((dir / program).c_str(), X_OK) == 0)
            return true;
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return false;
}

long parseNumber(const std::string& option, const std::string& text, long low, long high) {
    char* end = nullptr;
    const long v = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || v < low || v > high)
        throw Error(option + ": expected an integer in [" + std::to_string(low) + ", " +
                    std::to_string(high) + "], got \"" + text + "\"");
    return v;
}

} // namespace

int BenchLive::run(const std::vector<std::string>& args) {
    long n = 40000;
    double duration = 10.0;
    long threads = 1;
    std::string size = "1280x800";
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (i + 1 >= args.size())
            throw Error("bench live: " + a + " needs a value (or is unknown)");
        const std::string& v = args[++i];
        if (a == "--n")
            n = parseNumber(a, v, 2, 10'000'000);
        else if (a == "--threads")
            threads = parseNumber(a, v, 1, 256);
        else if (a == "--size")
            size = v;
        else if (a == "--duration") {
            char* end = nullptr;
            duration = std::strtod(v.c_str(), &end);
            if (v.empty() || *end != '\0' || !(duration > 0.0) || duration > 1e5)
                throw Error("--duration: expected seconds > 0, got \"" + v + "\"");
        } else
            throw Error("bench live: unknown option \"" + a +
                        "\" (--n, --duration, --threads, "
                        "--size)");
    }
    core::ProjectSpec project = core::StandardNetworks::cuba(static_cast<std::size_t>(n));
    project.simulation.threads = static_cast<int>(threads);
    project.simulation.durationS = duration;
    const fs::path dir =
        fs::temp_directory_path() / ("plexus-bench-live-" + std::to_string(getpid()));
    fs::create_directories(dir);
    const fs::path file = dir / "cuba.json";
    core::ProjectIo::save(project, file);

    std::vector<std::string> command;
    const bool display = std::getenv("DISPLAY") && *std::getenv("DISPLAY");
    if (!display) {
        if (!onPath("xvfb-run"))
            throw Error("bench live: no display and no xvfb-run (apt-get install xvfb xauth)");
        command = {"xvfb-run", "-a", "-s", "-screen 0 1920x1200x24"};
    }
    const std::string durationText = std::to_string(duration);
    for (const std::string& part : {guiExecutable().string(), std::string("--bench-live"),
                                    durationText, std::string("--size"), size, file.string()})
        command.push_back(part);
    std::vector<char*> argv;
    for (auto& part : command)
        argv.push_back(part.data());
    argv.push_back(nullptr);
    setenv("QT_QPA_PLATFORM", "xcb", 1);
    pid_t pid = 0;
    if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
        fs::remove_all(dir);
        throw Error("bench live: could not start " + command.front());
    }
    int status = 0;
    waitpid(pid, &status, 0);
    fs::remove_all(dir);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::cerr << "plexus-cli: error: bench live: the GUI benchmark failed\n";
        return 1;
    }
    return 0;
}

} // namespace plexus::app
