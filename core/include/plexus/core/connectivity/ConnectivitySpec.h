#pragma once

#include "plexus/core/connectivity/EdgeList.h"

#include <map>
#include <string>

namespace plexus::core {

/// Connectivity rule of a projection and its parameters (ConnectivityRule::all() is the table):
/// `all_to_all`, `one_to_one`, `fixed_probability` (`p`), `fixed_indegree` (`k`),
/// `fixed_outdegree` (`k`), `distance_gaussian` (`p0`, `sigma_um`), `distance_exponential`
/// (`p0`, `lambda_um`), `small_world` (`k`, `beta`), `block` (`n_blocks`, `p_in`, `p_out`) and
/// `csv_edges` (`file`).
struct ConnectivitySpec {
    std::string rule = "all_to_all";
    std::map<std::string, double> params;
    bool autapses = true; ///< allow i -> i when source and target are the same population
    /// `csv_edges`: the edge file as written in the project (relative to the project file).
    std::string file = {};
    /// `csv_edges`: the edges read from `file` when the project was loaded (not saved inline).
    EdgeList edges = {};

    bool operator==(const ConnectivitySpec&) const = default;
};

} // namespace plexus::core
