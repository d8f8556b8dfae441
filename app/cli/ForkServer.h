#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace plexus::app {

/**
 * @brief A small process, forked once, that starts each run of a sweep as a fork of itself.
 *
 * Starting every run as a new `plexus-cli` process costs the dynamic linking of the program and
 * its libraries each time (about a third of a short run). The server is forked from the sweep
 * before it has grown, and stays idle between requests: each run is a fork of it that calls the
 * command-line entry point in-process with the run's arguments, with its standard output, standard
 * error and the point's project (fd 3) redirected to the files the sweep gave. A run that crashes
 * takes down only its own process.
 *
 * The sweep and the server talk over a Unix socket: start() sends the arguments and the three
 * files, wait() returns the next run that ended with its wait status. Every run dies with the
 * server, and the server with the sweep (PR_SET_PDEATHSIG).
 */
class ForkServer {
public:
    /// The in-process entry point of a run: the command-line arguments after the program name
    /// ("run", PROJECT, options...); returns the exit code.
    using Entry = int (*)(const std::vector<std::string>& args);

    /// A run that ended: the id given to start() and its wait status (as from waitpid()).
    struct Finished {
        std::uint64_t id = 0;
        int status = 0;
    };

    /// Forks the server. Throws core::Error when the socket or the process cannot be made.
    explicit ForkServer(Entry entry);
    /// Ends the server after its running children (stop() when runs are still going).
    ~ForkServer();
    ForkServer(const ForkServer&) = delete;
    ForkServer& operator=(const ForkServer&) = delete;

    /// Starts a run with the arguments `args`; its fds 1, 2 and 3 become `out`, `err` and
    /// `project` (the caller keeps its own copies). Throws core::Error when the server is gone.
    void start(std::uint64_t id, const std::vector<std::string>& args, int out, int err,
               int project);

    /// Waits for the next run to end. Returns std::nullopt when a signal interrupted the wait;
    /// throws core::Error when the server ended unexpectedly.
    std::optional<Finished> wait();

    /// Terminates every running run (SIGTERM), waits until they and the server have exited.
    void stop();

private:
    [[noreturn]] static void serve(int socket, Entry entry);

    int m_socket = -1;
    pid_t m_pid = -1;
};

} // namespace plexus::app
