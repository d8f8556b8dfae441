#pragma once

#include <map>
#include <string>

namespace plexus::core {

/// Connectivity rule of a projection: `all_to_all`, `one_to_one`, `fixed_probability` (param `p`),
/// `fixed_indegree` (param `k`), `fixed_outdegree` (param `k`).
struct ConnectivitySpec {
    std::string rule = "all_to_all";
    std::map<std::string, double> params;
    bool autapses = true; ///< allow i -> i when source and target are the same population

    bool operator==(const ConnectivitySpec&) const = default;
};

} // namespace plexus::core
