#include "GuiProcess.h"

#include "InstallLayout.h"
#include "plexus/core/base/Error.h"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
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

fs::path guiExecutable(const std::string& context) {
    if (const char* env = std::getenv("PLEXUS_GUI"); env && *env)
        return env;
    if (const fs::path self = InstallLayout::executable(); !self.empty()) {
        for (const fs::path& candidate :
             {self.parent_path() / "plexus", self.parent_path().parent_path() / "gui" / "plexus"})
            if (fs::exists(candidate))
                return candidate;
    }
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

/// Copies what the GUI writes to its standard error (read from @p fd until it closes) to ours,
/// one line at a time, each starting `plexus-cli: <context>: ` like every line of plexus-cli.
/// Returns whether any line came.
bool relayErrors(int fd, const std::string& context) {
    bool any = false;
    const std::string prefix = "plexus-cli: " + context + ": ";
    std::string pending;
    auto emit = [&](std::string line) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.rfind("plexus: ", 0) == 0)
            line.erase(0, 8); // the GUI's own prefix
        if (!line.empty()) {
            std::cerr << prefix << line << "\n";
            any = true;
        }
    };
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        pending.append(buffer, static_cast<std::size_t>(n));
        for (std::size_t end = pending.find('\n'); end != std::string::npos;
             end = pending.find('\n')) {
            emit(pending.substr(0, end));
            pending.erase(0, end + 1);
        }
    }
    emit(pending);
    std::cerr.flush();
    return any;
}

} // namespace

int GuiProcess::run(const std::vector<std::string>& args, Display display,
                    const std::string& context, bool* reported) {
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
    // The GUI's standard error comes through a pipe, so that its lines carry our prefix.
    int errors[2] = {-1, -1};
    if (::pipe2(errors, O_CLOEXEC) != 0)
        throw Error(context + ": could not start " + command.front() + " (no pipe)");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, errors[1], STDERR_FILENO);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(errors[1]);
    if (spawned != 0) {
        ::close(errors[0]);
        throw Error(context + ": could not start " + command.front());
    }
    const bool any = relayErrors(errors[0], context);
    if (reported != nullptr)
        *reported = any;
    ::close(errors[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status))
        return 1;
    return WEXITSTATUS(status);
}

} // namespace plexus::app
