#pragma once

#include <string>
#include <vector>

namespace plexus::app {

/// `plexus-cli analyze avalanches|branching|synchrony|spectrum RUN.h5 [options]`: dynamics
/// measures of a run archive written by `plexus-cli run --h5` (spikes read with
/// analysis::ArchiveSpikes, electrode recordings from core::RunArchive). Prints one JSON object
/// on standard output; --out FILE.json writes it to a file as well and --csv FILE.csv the
/// distribution behind it (avalanches, r_k, correlations and Fano factors, the spectrum).
class AnalyzeDynamicsCommand {
public:
    /// Usage lines for `plexus-cli analyze --help`.
    static const char* usage();
    /// True for the analyses this command runs.
    static bool handles(const std::string& analysis);
    /// Run `analysis` with the arguments that follow it. Returns the exit code; throws
    /// core::Error (one line naming the file or option) for invalid arguments or input.
    static int run(const std::string& analysis, const std::vector<std::string>& args);
};

} // namespace plexus::app
