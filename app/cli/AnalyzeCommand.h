#pragma once

#include <string>
#include <vector>

namespace plexus::app {

/// `plexus-cli analyze trajectory|rsa INPUT [options]`: population analyses of an activity
/// matrix (.csv or .npy), of a run folder written by `plexus-cli run --out DIR` or of a run
/// archive written by `plexus-cli run --h5 FILE` (no re-simulation). Prints one JSON object of
/// metrics on standard output; with --out DIR it writes the matrices as CSV files and the JSON
/// as metrics.json, with --out FILE.h5 the matrices as /analysis/<name> datasets of an archive.
/// `analyze readout` is passed on to AnalyzeReadoutCommand.
class AnalyzeCommand {
public:
    /// Usage lines for the CLI help.
    static const char* usage();
    /// Run with the arguments that follow "analyze". Returns the exit code; throws core::Error
    /// for invalid arguments or input.
    static int run(const std::vector<std::string>& args);
};

} // namespace plexus::app
