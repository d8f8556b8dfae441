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
    double defaultValue = 0.0;
    double minValue = 0.0;
    double maxValue = 1.0;
    bool integer = false; ///< only whole numbers are allowed
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

    /// Every rule: all_to_all, one_to_one, fixed_probability, fixed_indegree, fixed_outdegree.
    static const std::vector<ConnectivityRule>& all();
    /// Rule by key, or nullptr.
    static const ConnectivityRule* find(const QString& key);
    /// Compact description for an edge label, e.g. "p = 0.02", "all-to-all", "k_in = 10".
    static QString summary(const core::ConnectivitySpec& spec);
    /**
     * @brief Checks a connectivity spec: a known rule, its parameters present, in range and
     *        whole where needed, no unknown parameters.
     * @return an empty string when it is valid, else a message naming the parameter.
     */
    static QString check(const core::ConnectivitySpec& spec);
};

} // namespace plexus::widgets
