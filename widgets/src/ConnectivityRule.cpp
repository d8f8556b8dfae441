#include "plexus/widgets/ConnectivityRule.h"

#include <QFileInfo>
#include <cmath>
#include <plexus/core/ConnectivitySpec.h>

namespace plexus::widgets {

namespace {

/// A probability parameter.
RuleParameter probability(const char* key, const QString& label, const QString& doc,
                          double defaultValue) {
    return {.key = QString::fromLatin1(key),
            .label = label,
            .doc = doc,
            .defaultValue = defaultValue,
            .minValue = 0.0,
            .maxValue = 1.0};
}

/// A length scale in µm.
RuleParameter length(const char* key, const QString& label, const QString& doc,
                     double defaultValue) {
    return {.key = QString::fromLatin1(key),
            .label = label,
            .doc = doc,
            .unit = QStringLiteral("\u00b5m"),
            .defaultValue = defaultValue,
            .minValue = 1e-3,
            .maxValue = 1e7};
}

QString number(const core::ConnectivitySpec& spec, const char* key) {
    const auto it = spec.params.find(key);
    return it == spec.params.end() ? QStringLiteral("?") : QString::number(it->second, 'g', 4);
}

} // namespace

const std::vector<ConnectivityRule>& ConnectivityRule::all() {
    static const std::vector<ConnectivityRule> rules = [] {
        const RuleParameter connection =
            probability("p", QStringLiteral("Connection probability"),
                        QStringLiteral("Each source-target pair is connected independently with "
                                       "this probability."),
                        0.1);
        const RuleParameter inDegree{.key = QStringLiteral("k"),
                                     .label = QStringLiteral("In-degree"),
                                     .doc = QStringLiteral("Every target neuron receives exactly "
                                                           "k synapses from distinct sources."),
                                     .defaultValue = 10.0,
                                     .minValue = 0.0,
                                     .maxValue = 1e9,
                                     .integer = true};
        const RuleParameter outDegree{.key = QStringLiteral("k"),
                                      .label = QStringLiteral("Out-degree"),
                                      .doc = QStringLiteral("Every source neuron makes exactly k "
                                                            "synapses onto distinct targets."),
                                      .defaultValue = 10.0,
                                      .minValue = 0.0,
                                      .maxValue = 1e9,
                                      .integer = true};
        const RuleParameter peak = probability(
            "p0", QStringLiteral("Peak probability p\u2080"),
            QStringLiteral("Connection probability of two neurons at the same place."), 0.5);
        const RuleParameter sigma =
            length("sigma_um", QStringLiteral("Width \u03c3"),
                   QStringLiteral("p(d) = p\u2080 exp(-d\u00b2 / (2 \u03c3\u00b2)) for neurons d "
                                  "apart."),
                   150.0);
        const RuleParameter lambda =
            length("lambda_um", QStringLiteral("Length constant \u03bb"),
                   QStringLiteral("p(d) = p\u2080 exp(-d / \u03bb) for neurons d apart."), 100.0);
        const RuleParameter neighbours{
            .key = QStringLiteral("k"),
            .label = QStringLiteral("Ring neighbours k"),
            .doc = QStringLiteral("Each neuron projects to its k nearest neighbours on a ring "
                                  "(k/2 on each side) before rewiring; k is even."),
            .defaultValue = 10.0,
            .minValue = 0.0,
            .maxValue = 1e9,
            .integer = true,
            .even = true};
        const RuleParameter beta = probability(
            "beta", QStringLiteral("Rewiring probability \u03b2"),
            QStringLiteral("Each ring synapse is moved to a random target with this probability "
                           "(0: ring lattice, 1: random graph)."),
            0.1);
        const RuleParameter blocks{
            .key = QStringLiteral("n_blocks"),
            .label = QStringLiteral("Blocks"),
            .doc = QStringLiteral("Source and target are cut into this many contiguous blocks of "
                                  "equal size."),
            .defaultValue = 4.0,
            .minValue = 1.0,
            .maxValue = 1e6,
            .integer = true};
        const RuleParameter pIn = probability(
            "p_in", QStringLiteral("Probability within a block"),
            QStringLiteral("Connection probability of neurons in blocks with the same number."),
            0.3);
        const RuleParameter pOut = probability(
            "p_out", QStringLiteral("Probability between blocks"),
            QStringLiteral("Connection probability of neurons in different blocks."), 0.01);
        auto rule = [](const char* key, const QString& label, const QString& shortLabel,
                       std::vector<RuleParameter> parameters) {
            ConnectivityRule r;
            r.key = QString::fromLatin1(key);
            r.label = label;
            r.shortLabel = shortLabel;
            r.parameters = std::move(parameters);
            return r;
        };
        std::vector<ConnectivityRule> all{
            rule("all_to_all", QStringLiteral("All to all"), QStringLiteral("all-to-all"), {}),
            rule("one_to_one", QStringLiteral("One to one"), QStringLiteral("one-to-one"), {}),
            rule("fixed_probability", QStringLiteral("Fixed probability"), QStringLiteral("p"),
                 {connection}),
            rule("fixed_indegree", QStringLiteral("Fixed in-degree"), QStringLiteral("k_in"),
                 {inDegree}),
            rule("fixed_outdegree", QStringLiteral("Fixed out-degree"), QStringLiteral("k_out"),
                 {outDegree}),
            rule("distance_gaussian", QStringLiteral("Gaussian in distance"),
                 QStringLiteral("\u03c3"), {peak, sigma}),
            rule("distance_exponential", QStringLiteral("Exponential in distance"),
                 QStringLiteral("\u03bb"), {peak, lambda}),
            rule("small_world", QStringLiteral("Small world (Watts-Strogatz)"),
                 QStringLiteral("small-world"), {neighbours, beta}),
            rule("block", QStringLiteral("Stochastic blocks"), QStringLiteral("blocks"),
                 {blocks, pIn, pOut}),
            rule("csv_edges", QStringLiteral("Edge list (CSV file)"), QStringLiteral("edges"), {}),
        };
        all[5].needsPositions = true;
        all[6].needsPositions = true;
        all[9].readsFile = true;
        return all;
    }();
    return rules;
}

const ConnectivityRule* ConnectivityRule::find(const QString& key) {
    for (const ConnectivityRule& rule : all()) {
        if (rule.key == key) {
            return &rule;
        }
    }
    return nullptr;
}

QString ConnectivityRule::summary(const core::ConnectivitySpec& spec) {
    const QString key = QString::fromStdString(spec.rule);
    const ConnectivityRule* rule = find(key);
    if (rule == nullptr) {
        return key;
    }
    if (rule->readsFile) {
        return spec.file.empty() ? QStringLiteral("no edge file")
                                 : QFileInfo(QString::fromStdString(spec.file)).fileName();
    }
    if (rule->key == QLatin1String("small_world")) {
        return QStringLiteral("small-world k=%1 \u03b2=%2")
            .arg(number(spec, "k"), number(spec, "beta"));
    }
    if (rule->key == QLatin1String("block")) {
        return QStringLiteral("blocks %1").arg(number(spec, "n_blocks"));
    }
    if (rule->needsPositions) {
        const RuleParameter& scale = rule->parameters.back();
        return QStringLiteral("%1 = %2 %3")
            .arg(rule->shortLabel, number(spec, scale.key.toLatin1().constData()), scale.unit);
    }
    if (rule->parameters.empty()) {
        return rule->shortLabel;
    }
    return QStringLiteral("%1 = %2").arg(
        rule->shortLabel, number(spec, rule->parameters.front().key.toLatin1().constData()));
}

QString ConnectivityRule::check(const core::ConnectivitySpec& spec) {
    const QString key = QString::fromStdString(spec.rule);
    const ConnectivityRule* rule = find(key);
    if (rule == nullptr) {
        return QStringLiteral("unknown connectivity rule \"%1\"").arg(key);
    }
    if (!rule->readsFile && !spec.file.empty()) {
        return QStringLiteral("file: rule \"%1\" reads no file").arg(key);
    }
    for (const auto& [name, value] : spec.params) {
        bool known = false;
        for (const RuleParameter& parameter : rule->parameters) {
            known = known || parameter.key.toStdString() == name;
        }
        if (!known) {
            return QStringLiteral("rule \"%1\" has no parameter \"%2\"")
                .arg(key, QString::fromStdString(name));
        }
    }
    for (const RuleParameter& parameter : rule->parameters) {
        const auto it = spec.params.find(parameter.key.toStdString());
        if (it == spec.params.end()) {
            return QStringLiteral("%1: rule \"%2\" needs it").arg(parameter.key, key);
        }
        const double value = it->second;
        if (!std::isfinite(value)) {
            return QStringLiteral("%1: must be a finite number").arg(parameter.key);
        }
        if (value < parameter.minValue || value > parameter.maxValue) {
            return QStringLiteral("%1: %2 is outside the allowed range [%3, %4]%5")
                .arg(parameter.key, QString::number(value, 'g', 10),
                     QString::number(parameter.minValue, 'g', 10),
                     QString::number(parameter.maxValue, 'g', 10),
                     parameter.unit.isEmpty() ? QString() : QStringLiteral(" ") + parameter.unit);
        }
        if ((parameter.integer || parameter.even) && value != std::floor(value)) {
            return QStringLiteral("%1: must be a whole number (got %2)")
                .arg(parameter.key, QString::number(value, 'g', 10));
        }
        if (parameter.even && std::fmod(value, 2.0) != 0.0) {
            return QStringLiteral("%1: must be even (got %2)")
                .arg(parameter.key, QString::number(value, 'g', 10));
        }
    }
    return {};
}

} // namespace plexus::widgets
