#pragma once

#include <string>
#include <vector>

namespace plexus::app {

/**
 * @brief `plexus-cli examples [--json]`: the example projects of this installation (the ones
 *        File > Examples opens in the window), with their titles and files.
 *
 * The examples live in InstallLayout::examplesFolder() (`<prefix>/share/plexus/examples`, or
 * `<build>/share/plexus/examples` in a build tree). Each line gives the file stem, the project's
 * name and its file, so `plexus-cli run <file>` runs it. An example that cannot be read is listed
 * with the reason and makes the exit code 1; a missing folder is one error line.
 */
class ExamplesCommand {
public:
    /// Runs the command with the arguments after `examples`; returns the exit code.
    static int run(const std::vector<std::string>& args);
};

} // namespace plexus::app
