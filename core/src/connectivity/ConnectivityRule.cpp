#include "plexus/core/connectivity/ConnectivityRule.h"

#include "ConnectivityRuleBuilders.h"
#include "plexus/core/base/Error.h"

#include <cstdio>
#include <filesystem>
#include <limits>

namespace plexus::core {

namespace {

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

ConnectivityParameter probability(const char* key, const char* label, const char* doc,
                                  double defaultValue) {
    return {.key = key,
            .label = label,
            .unit = "",
            .doc = doc,
            .kind = ConnectivityParameter::Kind::Probability,
            .defaultValue = defaultValue,
            .minValue = 0.0,
            .maxValue = 1.0};
}

ConnectivityParameter length(const char* key, const char* label, const char* doc,
                             double defaultValue) {
    return {.key = key,
            .label = label,
            .unit = "\u00b5m",
            .doc = doc,
            .kind = ConnectivityParameter::Kind::Length,
            .defaultValue = defaultValue,
            .minValue = 0.0,
            .maxValue = kUnbounded};
}

ConnectivityParameter count(const char* key, const char* label, const char* doc,
                            double defaultValue, double minValue = 0.0) {
    return {.key = key,
            .label = label,
            .unit = "",
            .doc = doc,
            .kind = ConnectivityParameter::Kind::Count,
            .defaultValue = defaultValue,
            .minValue = minValue,
            .maxValue = kUnbounded};
}

/// What a rule needs besides its parameters.
enum class Needs { Nothing, Positions, EdgeFile };

ConnectivityRule rule(const char* name, const char* label, const char* summaryFormat,
                      ConnectivityRule::BuildFunction build,
                      std::vector<ConnectivityParameter> parameters = {},
                      Needs needs = Needs::Nothing) {
    ConnectivityRule r;
    r.name = name;
    r.label = label;
    r.summaryFormat = summaryFormat;
    r.build = build;
    r.parameters = std::move(parameters);
    r.needsPositions = needs == Needs::Positions;
    r.readsFile = needs == Needs::EdgeFile;
    return r;
}

/// The table: one entry per rule.
std::vector<ConnectivityRule> makeTable() {
    const ConnectivityParameter peak =
        probability("p0", "Peak probability p\u2080",
                    "Connection probability of two neurons at the same place.", 0.5);
    ConnectivityParameter ringNeighbours =
        count("k", "Ring neighbours k",
              "Each neuron projects to its k nearest neighbours on a ring (k/2 on each side) "
              "before rewiring; k is even.",
              10.0);
    ringNeighbours.even = true;
    ringNeighbours.evenReason = "k/2 ring neighbours on each side";

    const std::vector<ConnectivityRule> table{
        rule("all_to_all", "All to all", "all-to-all", rules::allToAll),
        rule("one_to_one", "One to one", "one-to-one", rules::oneToOne),
        rule("fixed_probability", "Fixed probability", "p = {p}", rules::fixedProbability,
             {probability("p", "Connection probability",
                          "Each source-target pair is connected independently with this "
                          "probability.",
                          0.1)}),
        rule("fixed_indegree", "Fixed in-degree", "k_in = {k}", rules::fixedIndegree,
             {count("k", "In-degree",
                    "Every target neuron receives exactly k synapses from distinct sources.",
                    10.0)}),
        rule("fixed_outdegree", "Fixed out-degree", "k_out = {k}", rules::fixedOutdegree,
             {count("k", "Out-degree",
                    "Every source neuron makes exactly k synapses onto distinct targets.", 10.0)}),
        rule("distance_gaussian", "Gaussian in distance", "\u03c3 = {sigma_um} \u00b5m",
             rules::distanceGaussian,
             {peak, length("sigma_um", "Width \u03c3",
                           "p(d) = p\u2080 exp(-d\u00b2 / (2 \u03c3\u00b2)) for neurons d apart.",
                           150.0)},
             Needs::Positions),
        rule("distance_exponential", "Exponential in distance", "\u03bb = {lambda_um} \u00b5m",
             rules::distanceExponential,
             {peak, length("lambda_um", "Length constant \u03bb",
                           "p(d) = p\u2080 exp(-d / \u03bb) for neurons d apart.", 100.0)},
             Needs::Positions),
        rule("small_world", "Small world (Watts-Strogatz)", "small-world k={k} \u03b2={beta}",
             rules::smallWorld,
             {ringNeighbours,
              probability("beta", "Rewiring probability \u03b2",
                          "Each ring synapse is moved to a random target with this probability "
                          "(0: ring lattice, 1: random graph).",
                          0.1)}),
        rule("block", "Stochastic blocks", "blocks {n_blocks}", rules::block,
             {count("n_blocks", "Blocks",
                    "Source and target are cut into this many contiguous blocks of equal size.",
                    4.0, 1.0),
              probability("p_in", "Probability within a block",
                          "Connection probability of neurons in blocks with the same number.", 0.3),
              probability("p_out", "Probability between blocks",
                          "Connection probability of neurons in different blocks.", 0.01)}),
        rule("csv_edges", "Edge list (CSV file)", "edges", rules::csvEdges, {}, Needs::EdgeFile),
    };
    return table;
}

/// "%.4g", as edge labels show numbers.
std::string shortNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

} // namespace

double ConnectivityRule::Request::param(const char* key) const {
    const auto it = spec.params.find(key);
    if (it == spec.params.end())
        throw Error(where + ": rule \"" + spec.rule + "\" needs parameter \"" + key + "\"");
    return it->second;
}

const std::vector<ConnectivityRule>& ConnectivityRule::all() {
    static const std::vector<ConnectivityRule> table = makeTable();
    return table;
}

const ConnectivityRule* ConnectivityRule::find(const std::string& name) {
    for (const ConnectivityRule& rule : all())
        if (rule.name == name)
            return &rule;
    return nullptr;
}

const ConnectivityParameter* ConnectivityRule::parameter(const std::string& key) const {
    for (const ConnectivityParameter& p : parameters)
        if (p.key == key)
            return &p;
    return nullptr;
}

const ConnectivityRule& ConnectivityRule::check(const ConnectivitySpec& spec,
                                                const std::string& where) {
    const ConnectivityRule* rule = find(spec.rule);
    if ((rule == nullptr || !rule->readsFile) && !spec.file.empty()) {
        std::string readers;
        for (const ConnectivityRule& r : all())
            if (r.readsFile)
                readers += (readers.empty() ? "" : ", ") + r.name;
        throw Error(where + ".file: rule \"" + spec.rule + "\" reads no file (only " + readers +
                    " does)");
    }
    if (rule == nullptr) {
        std::string known;
        for (const ConnectivityRule& r : all())
            known += (known.empty() ? "" : ", ") + r.name;
        throw Error(where + ".rule: unknown connectivity rule \"" + spec.rule + "\" (" + known +
                    ")");
    }
    for (const auto& [key, value] : spec.params)
        if (rule->parameter(key) == nullptr)
            throw Error(where + "." + key + ": rule \"" + spec.rule + "\" has no parameter \"" +
                        key + "\"");
    for (const ConnectivityParameter& p : rule->parameters) {
        const auto it = spec.params.find(p.key);
        if (it == spec.params.end())
            throw Error(where + ": rule \"" + spec.rule + "\" needs parameter \"" + p.key + "\"");
        if (const std::string why = p.refusal(it->second); !why.empty())
            throw Error(where + "." + p.key + ": " + why);
    }
    return *rule;
}

std::string ConnectivityRule::summary(const ConnectivitySpec& spec) {
    const ConnectivityRule* rule = find(spec.rule);
    if (rule == nullptr)
        return spec.rule;
    if (rule->readsFile)
        return spec.file.empty() ? "no edge file"
                                 : std::filesystem::path(spec.file).filename().string();
    std::string out;
    const std::string& format = rule->summaryFormat;
    for (std::size_t i = 0; i < format.size(); ++i) {
        const std::size_t close = format[i] == '{' ? format.find('}', i) : std::string::npos;
        if (close == std::string::npos) {
            out += format[i];
            continue;
        }
        const auto it = spec.params.find(format.substr(i + 1, close - i - 1));
        out += it == spec.params.end() ? "?" : shortNumber(it->second);
        i = close;
    }
    return out;
}

} // namespace plexus::core
