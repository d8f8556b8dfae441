#include "ForkServer.h"

#include "plexus/core/base/Error.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <map>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace plexus::app {

namespace {

using core::Error;

constexpr char kRun = 'R';
constexpr char kStop = 'S';
/// The largest request: the arguments of one run (a few hundred bytes in practice).
constexpr std::size_t kMaxRequest = 64 * 1024;
/// Received files are moved to this number or above, clear of 0-3 that a run's files take.
constexpr int kFirstHighFd = 10;

/// What the server sends back for every run that ended.
struct Report {
    std::uint64_t id;
    int status;
};

[[noreturn]] void fail(const std::string& what) {
    throw Error("sweep: " + what + " (" + std::strerror(errno) + ")");
}

/// Sends one message, with `fds` attached when not empty.
bool sendMessage(int socket, const std::string& data, const std::vector<int>& fds) {
    iovec io{const_cast<char*>(data.data()), data.size()};
    msghdr message{};
    message.msg_iov = &io;
    message.msg_iovlen = 1;
    std::vector<char> control(CMSG_SPACE(sizeof(int) * fds.size()));
    if (!fds.empty()) {
        message.msg_control = control.data();
        message.msg_controllen = control.size();
        cmsghdr* header = CMSG_FIRSTHDR(&message);
        header->cmsg_level = SOL_SOCKET;
        header->cmsg_type = SCM_RIGHTS;
        header->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
        std::memcpy(CMSG_DATA(header), fds.data(), sizeof(int) * fds.size());
    }
    for (;;) {
        if (sendmsg(socket, &message, MSG_NOSIGNAL) == static_cast<ssize_t>(data.size()))
            return true;
        if (errno != EINTR)
            return false;
    }
}

/// Receives one request and the files that came with it (moved to kFirstHighFd or above).
/// Returns false at the end of the stream or on an error.
bool receiveRequest(int socket, std::string& data, std::vector<int>& fds) {
    data.assign(kMaxRequest, '\0');
    iovec io{data.data(), data.size()};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 3)];
    msghdr message{};
    message.msg_iov = &io;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    ssize_t n;
    while ((n = recvmsg(socket, &message, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR) {
    }
    if (n <= 0)
        return false;
    data.resize(static_cast<std::size_t>(n));
    fds.clear();
    for (cmsghdr* h = CMSG_FIRSTHDR(&message); h; h = CMSG_NXTHDR(&message, h)) {
        if (h->cmsg_level != SOL_SOCKET || h->cmsg_type != SCM_RIGHTS)
            continue;
        const std::size_t count = (h->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (std::size_t i = 0; i < count; ++i) {
            int fd;
            std::memcpy(&fd, CMSG_DATA(h) + i * sizeof(int), sizeof fd);
            const int high = fcntl(fd, F_DUPFD_CLOEXEC, kFirstHighFd);
            close(fd);
            fds.push_back(high);
        }
    }
    return true;
}

/// In a run's process: redirects fds 1, 2 and 3, calls the entry point and exits with its code.
[[noreturn]] void runChild(ForkServer::Entry entry, const std::vector<std::string>& args,
                           const std::vector<int>& fds) {
    if (dup2(fds[0], STDOUT_FILENO) < 0 || dup2(fds[1], STDERR_FILENO) < 0 || dup2(fds[2], 3) < 0)
        _exit(126);
    for (const int fd : fds)
        close(fd);
    int code = 1;
    try {
        code = entry(args);
    } catch (...) {
        code = 1;
    }
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    _exit(code);
}

} // namespace

ForkServer::ForkServer(Entry entry) {
    int sockets[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sockets) < 0)
        fail("cannot make the socket of the run server");
    // Nothing buffered may be written twice.
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid < 0) {
        close(sockets[0]);
        close(sockets[1]);
        fail("cannot start the run server");
    }
    if (pid == 0) {
        close(sockets[0]);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(0);
        prctl(PR_SET_NAME, "plexus-server");
        serve(sockets[1], entry);
    }
    close(sockets[1]);
    m_socket = sockets[0];
    m_pid = pid;
}

ForkServer::~ForkServer() {
    if (m_pid < 0)
        return;
    // The end of the stream tells the server to end (it terminates what still runs).
    close(m_socket);
    int status = 0;
    while (waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
}

void ForkServer::start(std::uint64_t id, const std::vector<std::string>& args, int out, int err,
                       int project) {
    std::string data(1, kRun);
    data.append(reinterpret_cast<const char*>(&id), sizeof id);
    for (const auto& a : args) {
        data += a;
        data += '\0';
    }
    if (data.size() > kMaxRequest)
        throw Error("sweep: the arguments of a run are too long (" + std::to_string(data.size()) +
                    " bytes)");
    if (m_pid < 0 || !sendMessage(m_socket, data, {out, err, project}))
        fail("the run server is gone");
}

std::optional<ForkServer::Finished> ForkServer::wait() {
    Report report{};
    const ssize_t n = recv(m_socket, &report, sizeof report, 0);
    if (n < 0 && errno == EINTR)
        return std::nullopt;
    if (n != static_cast<ssize_t>(sizeof report))
        throw Error("sweep: the run server ended unexpectedly");
    return Finished{report.id, report.status};
}

void ForkServer::stop() {
    if (m_pid < 0)
        return;
    sendMessage(m_socket, std::string(1, kStop), {});
    // The server reports the runs it terminated, then closes its end when it exits.
    Report report{};
    for (;;) {
        const ssize_t n = recv(m_socket, &report, sizeof report, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
    }
    close(m_socket);
    int status = 0;
    while (waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_pid = -1;
    m_socket = -1;
}

void ForkServer::serve(int socket, Entry entry) {
    // Ended runs (SIGCHLD) and a terminate request (SIGTERM) arrive through a signalfd; an
    // interrupt from the terminal is for the sweep to handle.
    sigset_t mask, original;
    sigemptyset(&mask);
    sigaddset(&mask, SIGCHLD);
    sigaddset(&mask, SIGTERM);
    sigprocmask(SIG_BLOCK, &mask, &original);
    signal(SIGINT, SIG_IGN);
    const int signals = signalfd(-1, &mask, SFD_CLOEXEC);
    if (signals < 0)
        _exit(1);
    const pid_t self = getpid();
    std::map<pid_t, std::uint64_t> running;
    bool stopping = false;
    bool connected = true;
    const auto terminate = [&] {
        for (const auto& [pid, id] : running)
            kill(pid, SIGTERM);
        stopping = true;
    };
    std::string data;
    std::vector<int> fds;
    for (;;) {
        if (stopping && running.empty())
            _exit(0);
        pollfd polled[2] = {{connected ? socket : -1, POLLIN, 0}, {signals, POLLIN, 0}};
        if (poll(polled, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            _exit(1);
        }
        if (polled[1].revents & POLLIN) {
            signalfd_siginfo info{};
            if (read(signals, &info, sizeof info) == sizeof info && info.ssi_signo == SIGTERM)
                terminate();
            int status = 0;
            pid_t pid;
            while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
                const auto it = running.find(pid);
                if (it == running.end())
                    continue;
                const Report report{it->second, status};
                running.erase(it);
                if (connected)
                    send(socket, &report, sizeof report, MSG_NOSIGNAL);
            }
        }
        if (!connected || !(polled[0].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
        if (!receiveRequest(socket, data, fds)) {
            // The sweep is gone: nobody reads the runs' results any more.
            connected = false;
            terminate();
            continue;
        }
        if (data[0] == kStop) {
            terminate();
            continue;
        }
        if (data[0] != kRun || fds.size() != 3 || data.size() < 1 + sizeof(std::uint64_t) ||
            stopping) {
            for (const int fd : fds)
                close(fd);
            continue;
        }
        std::uint64_t id;
        std::memcpy(&id, data.data() + 1, sizeof id);
        std::vector<std::string> args;
        for (std::size_t at = 1 + sizeof id; at < data.size();) {
            const std::size_t end = data.find('\0', at);
            args.push_back(data.substr(at, end - at));
            at = end == std::string::npos ? data.size() : end + 1;
        }
        const pid_t pid = fork();
        if (pid == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != self)
                _exit(127);
            prctl(PR_SET_NAME, "plexus-run");
            signal(SIGINT, SIG_DFL);
            signal(SIGTERM, SIG_DFL);
            sigprocmask(SIG_SETMASK, &original, nullptr);
            close(socket);
            close(signals);
            runChild(entry, args, fds);
        }
        if (pid < 0) {
            const std::string message = std::string("plexus-cli: error: cannot start the run (") +
                                        std::strerror(errno) + ")\n";
            (void)!write(fds[1], message.data(), message.size());
            const Report report{id, W_EXITCODE(1, 0)};
            send(socket, &report, sizeof report, MSG_NOSIGNAL);
        } else {
            running[pid] = id;
        }
        for (const int fd : fds)
            close(fd);
    }
}

} // namespace plexus::app
