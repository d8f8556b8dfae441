#include "GuiProcess.h"

#include "plexus/core/Error.h"

#include <cstdlib>
#include <filesystem>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace plexus::app {

namespace fs = std::filesystem;
using core::Error;

namespace {

fs::path guiExecutable(const std::string& context) {
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
    throw Error(context + ": the GUI executable \"plexus\" was not found next to plexus-cli; "
                          "set PLEXUS_GUI to its path");
}

bool onPath(const std::string& program) {
    const char* path = std::getenv("PATH");
    if (!path)
        return false;
    const std::string dirs = path;
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

} // namespace

int GuiProcess::run(const std::vector<std::string>& args, Display display,
                    const std::string& context) {
    std::vector<std::string> command;
    if (display == Display::Window) {
        const bool hasDisplay = std::getenv("DISPLAY") && *std::getenv("DISPLAY");
        if (!hasDisplay) {
            if (!onPath("xvfb-run"))
                throw Error(context + ": no display and no xvfb-run (apt-get install xvfb xauth)");
            command = {"xvfb-run", "-a", "-s", "-screen 0 1920x1200x24"};
        }
        setenv("QT_QPA_PLATFORM", "xcb", 1);
    } else {
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    }
    command.push_back(guiExecutable(context).string());
    command.insert(command.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& part : command)
        argv.push_back(part.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
        throw Error(context + ": could not start " + command.front());
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status))
        return 1;
    return WEXITSTATUS(status);
}

} // namespace plexus::app
