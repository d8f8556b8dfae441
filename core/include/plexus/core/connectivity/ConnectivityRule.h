#pragma once

#include "plexus/core/connectivity/ConnectivityParameter.h"
#include "plexus/core/connectivity/ConnectivitySpec.h"
#include "plexus/core/connectivity/NeuronPositions.h"
#include "plexus/core/engine/ConnectionRows.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace plexus::core {

/**
 * @brief A connectivity rule: its JSON name, how it is shown, its parameters and the function
 *        that draws its synapses.
 *
 * all() is the one table of rules. ConnectivityBuilder validates a projection's parameters from
 * it and calls the rule's build function; the inspector builds its rule chooser and parameter
 * fields from it; the circuit editor labels edges with summary(). Adding a rule is one entry in
 * the table (core/src/connectivity/ConnectivityRule.cpp) and its build function
 * (core/src/connectivity/ConnectivityBuilder.cpp, declared in
 * core/src/connectivity/ConnectivityRuleBuilders.h); see docs/connectivity.md.
 */
struct ConnectivityRule {
    /// What a build function is given; parameters are already checked against the table.
    struct Request {
        const ConnectivitySpec& spec;
        std::size_t numSources;
        std::size_t numTargets;
        bool noAutapses; ///< same population and autapses off: never connect i -> i
        std::uint64_t seed;
        const std::string& where; ///< JSON path for errors, e.g. "projections[2].connectivity"
        const NeuronPositions* sourcePositions;
        const NeuronPositions* targetPositions;

        /// The value of parameter @p key (present: checked before the build function runs).
        double param(const char* key) const;
    };
    /// Fills `rows` (rowStart already sized numSources + 1, zeroed); throws Error naming
    /// `where` for what depends on the population sizes.
    using BuildFunction = void (*)(const Request& request, ConnectionRows& rows);

    std::string name;          ///< JSON id, e.g. "fixed_probability"
    std::string label;         ///< display name, e.g. "Fixed probability"
    std::string summaryFormat; ///< edge label; `{key}` stands for a parameter, e.g. "p = {p}"
    std::vector<ConnectivityParameter> parameters;
    bool needsPositions = false; ///< needs the positions of source and target neurons
    bool readsFile = false;      ///< takes its synapses from ConnectivitySpec::file
    BuildFunction build = nullptr;

    /// Every rule, in the order the inspector offers them.
    static const std::vector<ConnectivityRule>& all();
    /// The rule named @p name, or nullptr.
    static const ConnectivityRule* find(const std::string& name);
    /// The parameter @p key of this rule, or nullptr.
    const ConnectivityParameter* parameter(const std::string& key) const;

    /**
     * @brief Checks @p spec against the table: a known rule, a file only for a rule that reads
     *        one, no unknown parameters, every parameter present and allowed.
     *
     * Throws Error naming `where` and the parameter, e.g.
     * `projections[2].connectivity.p: must be in [0, 1]`. What depends on the population sizes
     * (a degree larger than a population, equal sizes) and a missing edge file are checked when
     * the synapses are built.
     */
    static const ConnectivityRule& check(const ConnectivitySpec& spec, const std::string& where);

    /// Compact description for an edge label, e.g. "p = 0.02", "all-to-all", "σ = 150 µm",
    /// "small-world k=10 β=0.1", the edge file's name; the rule name when it is unknown.
    static std::string summary(const ConnectivitySpec& spec);
};

} // namespace plexus::core
