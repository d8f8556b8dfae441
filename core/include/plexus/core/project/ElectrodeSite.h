#pragma once

#include <cstdint>

namespace plexus::core {

/// One planned insertion of a thread electrode: a pial vertex and the depth of its tip.
struct ElectrodeSite {
    std::int64_t vertex = 0; ///< pial vertex the thread enters at (>= 0)
    double depthUm = 1000.0; ///< depth of the contact at the thread's tip in micrometres (>= 0)

    bool operator==(const ElectrodeSite&) const = default;
};

} // namespace plexus::core
