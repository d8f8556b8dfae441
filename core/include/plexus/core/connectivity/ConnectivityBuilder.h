#pragma once

#include "plexus/core/connectivity/ConnectivitySpec.h"
#include "plexus/core/connectivity/NeuronPositions.h"
#include "plexus/core/engine/ConnectionRows.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace plexus::core {

/**
 * @brief Draws the synapses of a projection from its connectivity rule.
 *
 * Every source row (or target column for in-degree rules) has its own random stream derived
 * from the seed, so results do not depend on thread count or build order. The rules, their
 * parameters and allowed values are the table ConnectivityRule::all(); build() checks a spec
 * against it and calls the rule's build function.
 *
 * Rules and parameters:
 * - `all_to_all`, `one_to_one` (equal sizes);
 * - `fixed_probability` (`p`): each pair independently with probability p;
 * - `fixed_indegree` / `fixed_outdegree` (`k`): exactly k distinct sources per target / targets
 *   per source;
 * - `distance_gaussian` (`p0`, `sigma_um`): each pair with p0 exp(-d^2 / (2 sigma^2)), d the
 *   distance between the neurons' positions;
 * - `distance_exponential` (`p0`, `lambda_um`): each pair with p0 exp(-d / lambda);
 * - `small_world` (`k`, `beta`): directed Watts-Strogatz graph on equal-sized populations.
 *   Neuron i projects to its k nearest ring neighbours (k/2 on each side, k even); each of
 *   these k synapses is independently rewired with probability beta to a uniformly chosen
 *   target that is neither i nor already a target of i. Every neuron has out-degree exactly k,
 *   so there are exactly N k synapses; beta = 0 gives the symmetric ring lattice, whose
 *   undirected clustering coefficient is 3 (k - 2) / (4 (k - 1)). Never makes autapses;
 * - `block` (`n_blocks`, `p_in`, `p_out`): stochastic block model; source and target are each
 *   cut into n_blocks contiguous blocks of equal size (+-1), neuron i in block
 *   floor(i n_blocks / n); pairs in blocks with the same number connect with p_in, others
 *   with p_out;
 * - `csv_edges` (`file`): exactly the edges of ConnectivitySpec::edges (read from the file when
 *   the project was loaded); weight and delay columns, when present, are returned in
 *   ConnectionRows::weights / delaysMs and replace the projection's weight and delay.
 */
class ConnectivityBuilder {
public:
    /**
     * @brief Build rows for `numSources` x `numTargets`.
     *
     * `samePopulation` enables the autapse rule. Distance rules need the positions of the
     * source and target neurons (sizes numSources and numTargets); other rules ignore them.
     * Throws Error naming `where` (e.g. `projections[2].connectivity.p`), or the edge file and
     * line, for unknown rules, invalid parameters or bad edges.
     */
    static ConnectionRows build(const ConnectivitySpec& spec, std::size_t numSources,
                                std::size_t numTargets, bool samePopulation, std::uint64_t seed,
                                const std::string& where,
                                const NeuronPositions* sourcePositions = nullptr,
                                const NeuronPositions* targetPositions = nullptr);

    /// Names of every rule, in the order of ConnectivityRule::all().
    static const std::vector<std::string>& rules();
    /// True for the rules that need neuron positions (ConnectivityRule::needsPositions).
    static bool needsPositions(const std::string& rule);
};

} // namespace plexus::core
