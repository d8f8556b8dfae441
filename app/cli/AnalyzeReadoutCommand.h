#pragma once

#include <string>
#include <vector>

namespace plexus::app {

/// `plexus-cli analyze readout RUN --task memory|narma|classify|regress [options]`: trains
/// ridge readouts on the network states of a run archive (`plexus-cli run --h5`) or run folder
/// (`plexus-cli run --out`) and prints the task's scores as one JSON object on standard output
/// (plexus::analysis::ReadoutStates, RidgeReadout, ReadoutTasks).
class AnalyzeReadoutCommand {
public:
    /// Usage lines for `plexus-cli analyze --help`.
    static const char* usage();
    /// Run with the arguments that follow "analyze readout". Returns the exit code; throws
    /// core::Error (one line naming the file or option) for invalid arguments or input.
    static int run(const std::vector<std::string>& args);
};

} // namespace plexus::app
