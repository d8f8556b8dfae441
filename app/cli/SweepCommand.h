#pragma once

#include <string>
#include <vector>

namespace plexus::app {

/**
 * @brief `plexus-cli sweep PROJECT --param PATH=SPEC ... --out SWEEP.h5`: runs a project at
 * every point of a parameter sweep (core::SweepSpec) and writes one sweep archive
 * (core::SweepArchive) with a row of metrics (analysis::SweepMetrics) per run.
 *
 * Each run is a process of its own (`plexus-cli run POINT.json --seed N --metrics ...`, forked
 * by a ForkServer and run in-process through `entry`), at most --workers at a time; the archive is
 * rewritten after every finished run, so a killed sweep resumes where it stopped when the same
 * command is given again (finished rows are kept, pending and failed ones run again). A run that
 * fails is recorded with its error and the others go on; the command exits with 1 only when every
 * run failed. SIGINT and SIGTERM stop the workers and leave the archive readable.
 */
class SweepCommand {
public:
    /// Usage lines for the CLI help.
    static const char* usage();
    /// The command-line entry point a run calls in its own process: the arguments after the
    /// program name ("run", PROJECT, options...); returns the exit code.
    using RunEntry = int (*)(const std::vector<std::string>& args);

    /// Run with the arguments that follow "sweep"; each point runs through `entry`. Returns the
    /// exit code; throws core::Error for invalid arguments or input (before anything runs).
    static int run(const std::vector<std::string>& args, RunEntry entry);
};

} // namespace plexus::app
