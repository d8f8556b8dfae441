#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace plexus::core {

/// A recorder: `spikes` (all spikes of a population), `state` (variables of chosen neurons at an
/// interval) or `rate` (population rate in bins).
struct RecorderSpec {
    std::string name;
    std::string type;                   ///< "spikes", "state" or "rate"
    std::string target;                 ///< population or spike-source name
    std::vector<std::string> variables; ///< state recorders
    std::vector<std::int64_t> neurons;  ///< state recorders
    double intervalMs = 0.1;            ///< state recorders: sampling interval
    double binMs = 1.0;                 ///< rate recorders: bin width
    /// Unknown JSON members of this object (plugin-specific or newer fields), kept as loaded
    /// and written back on save. Null when there are none.
    nlohmann::json extra = nullptr;

    bool operator==(const RecorderSpec&) const = default;
};

} // namespace plexus::core
