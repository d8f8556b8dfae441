#pragma once

#include <string>
#include <vector>

namespace plexus::app {

/**
 * @brief Runs the GUI executable (`plexus`) for a command-line task and waits for it.
 *
 * The executable is found next to plexus-cli, in the build tree or from PLEXUS_GUI. Tasks
 * that draw with OpenGL (a real window) get the X display, or `xvfb-run` when there is none;
 * the others use Qt's offscreen platform and need no display at all. What the GUI writes to
 * its standard error reaches plexus-cli's, each line starting `plexus-cli: <context>: `.
 */
class GuiProcess {
public:
    /// Whether the task needs an OpenGL-capable window.
    enum class Display { Offscreen, Window };

    /**
     * @brief Runs `plexus ARGS...` and returns its exit code.
     * @param context names the command in errors ("bench live").
     * @param reported when given, set to whether the GUI wrote any line to its standard error.
     * @throws core::Error when the executable or xvfb-run cannot be found or started.
     */
    static int run(const std::vector<std::string>& args, Display display,
                   const std::string& context, bool* reported = nullptr);
};

} // namespace plexus::app
