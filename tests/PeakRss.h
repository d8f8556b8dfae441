#pragma once

#include <cstdint>
#include <sys/resource.h>

namespace plexus::tests {

/// Peak resident memory of this process so far, in bytes (getrusage). It never decreases: a
/// test compares the value after a step with the value before it.
inline std::uint64_t peakRssBytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024; // ru_maxrss is in KiB on Linux
}

/// Growth of the peak resident memory that counts as "allocated what the file claimed": far
/// below every claim the tests make (gigabytes), far above what reading a tiny file needs.
constexpr std::uint64_t kClaimRssSlackBytes = std::uint64_t{64} << 20;

} // namespace plexus::tests
