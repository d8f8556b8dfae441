#pragma once

#include <string>
#include <vector>

namespace plexus::app {

/**
 * @brief `plexus-cli bench live [--n N] [--duration S] [--threads T] [--size WxH]
 *        [--no-plugins]`.
 *
 * Writes the CUBA benchmark network (N = 40000 by default) to a temporary project and runs
 * the GUI's live benchmark on it (`plexus --bench-live`, a real window; under Xvfb through
 * xvfb-run when there is no display), passing its JSON through. The GUI executable is found
 * next to plexus-cli, in the build tree, or from PLEXUS_GUI. `--no-plugins` is passed on.
 */
class BenchLive {
public:
    /// Runs the benchmark with the arguments after `bench live`; returns the exit code.
    static int run(const std::vector<std::string>& args);
};

} // namespace plexus::app
