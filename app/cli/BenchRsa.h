#pragma once

#include <string>
#include <vector>

namespace plexus::app {

/// `plexus-cli bench rsa [--conditions K] [--units P] [--metric M] [--seed N]`: times one RDM of
/// K random patterns of P units on one thread and prints JSON with the seconds it took.
class BenchRsa {
public:
    /// Usage lines for the CLI help.
    static const char* usage();
    /// Run with the arguments that follow "bench rsa". Returns the exit code; throws
    /// core::Error for invalid arguments.
    static int run(const std::vector<std::string>& args);
};

} // namespace plexus::app
