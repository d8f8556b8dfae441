#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace plexus::core {

/// Counts a population's spikes in bins of `binSteps` steps (population rate).
struct RateRecorder {
    std::string name;
    std::size_t population = 0;
    std::int64_t binSteps = 10;
    std::vector<std::uint32_t> counts; ///< counts[b] is bin binOffset + b
    /// Bins already handed on and removed from the front (a live view drains them).
    std::int64_t binOffset = 0;

    /// Rate of bin b in Hz, for a population of `size` neurons and step `dtMs`.
    double rateHz(std::size_t bin, std::size_t size, double dtMs) const {
        return size == 0 ? 0.0 : counts[bin] / (static_cast<double>(size) * binSteps * dtMs * 1e-3);
    }
};

} // namespace plexus::core
