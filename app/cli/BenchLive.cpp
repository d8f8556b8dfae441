#include "BenchLive.h"

#include "GuiProcess.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/project/ProjectIo.h"
#include "plexus/core/project/SimulationSpec.h"
#include "plexus/core/project/StandardNetworks.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace plexus::app {

namespace fs = std::filesystem;
using core::Error;

namespace {

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
    bool noPlugins = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--no-plugins") {
            noPlugins = true;
            continue;
        }
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
            if (v.empty() || *end != '\0' || !(duration > 0.0))
                throw Error("--duration: expected seconds > 0, got \"" + v + "\"");
        } else
            throw Error("bench live: unknown option \"" + a +
                        "\" (--n, --duration, --threads, "
                        "--size, --no-plugins)");
    }
    core::ProjectSpec project = core::StandardNetworks::cuba(static_cast<std::size_t>(n));
    core::SimulationSpec::checkedStepCount(duration, project.simulation.dtMs, "--duration");
    project.simulation.threads = static_cast<int>(threads);
    project.simulation.durationS = duration;
    const fs::path dir =
        fs::temp_directory_path() / ("plexus-bench-live-" + std::to_string(getpid()));
    fs::create_directories(dir);
    const fs::path file = dir / "cuba.json";
    core::ProjectIo::save(project, file);

    std::vector<std::string> gui = {"--bench-live", std::to_string(duration), "--size", size,
                                    file.string()};
    if (noPlugins)
        gui.push_back("--no-plugins");
    int status = 1;
    try {
        status = GuiProcess::run(gui, GuiProcess::Display::Window, "bench live");
    } catch (...) {
        fs::remove_all(dir);
        throw;
    }
    fs::remove_all(dir);
    if (status != 0) {
        std::cerr << "plexus-cli: error: bench live: the GUI benchmark failed\n";
        return 1;
    }
    return 0;
}

} // namespace plexus::app
