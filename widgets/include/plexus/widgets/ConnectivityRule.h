#pragma once

#include <QString>
#include <vector>

namespace plexus::core {
struct ConnectivitySpec;
} // namespace plexus::core

namespace plexus::widgets {

/// One parameter of a connectivity rule, described like a model parameter.
struct RuleParameter {
    QString key;   ///< e.g. "p"
    QString label; ///< e.g. "Connection probability"
    QString doc;
    QString unit; ///< e.g. "µm", empty for pure numbers
    double defaultValue = 0.0;
    double minValue = 0.0;
    double maxValue = 1.0;
    bool integer = false; ///< only whole numbers are allowed
    bool even = false;    ///< only even whole numbers are allowed
};

/**
 * @brief A connectivity rule the core's ConnectivityBuilder understands, with its parameters.
 *
 * The inspector builds the rule form from this table and validates edits against it, so the
 * messages match the core's (which checks the same constraints when the network is built).
 */
struct ConnectivityRule {
    QString key;        ///< rule name in project files, e.g. "fixed_probability"
    QString label;      ///< e.g. "Fixed probability"
    QString shortLabel; ///< compact edge label, e.g. "p"
    std::vector<RuleParameter> parameters;
    bool readsFile = false; ///< the rule takes its synapses from a file (ConnectivitySpec::file)
    bool needsPositions = false; ///< the rule needs populations with a spatial layout

    /// Every rule: all_to_all, one_to_one, fixed_probability, fixed_indegree, fixed_outdegree,
    /// distance_gaussian, distance_exponential, small_world, block, csv_edges.
    static const std::vector<ConnectivityRule>& all();
    /// Rule by key, or nullptr.
    static const ConnectivityRule* find(const QString& key);
    /// Compact description for an edge label, e.g. "p = 0.02", "all-to-all", "k_in = 10",
    /// "σ = 150 µm", "small-world k=10 β=0.1", "blocks 4", "edges.csv".
    static QString summary(const core::ConnectivitySpec& spec);
    /**
     * @brief Checks a connectivity spec: a known rule, its parameters present, in range and
     *        whole (or even) where needed, no unknown parameters, a file only for rules that
     *        read one. A file rule without a file yet is accepted (building reports it).
     * @return an empty string when it is valid, else a message naming the parameter.
     */
    static QString check(const core::ConnectivitySpec& spec);
};

} // namespace plexus::widgets
