#include "plexus/widgets/ConnectivityRule.h"

#include <cmath>
#include <plexus/core/ConnectivitySpec.h>

namespace plexus::widgets {

const std::vector<ConnectivityRule>& ConnectivityRule::all() {
    static const std::vector<ConnectivityRule> rules = [] {
        const RuleParameter probability{
            QStringLiteral("p"),
            QStringLiteral("Connection probability"),
            QStringLiteral("Each source-target pair is connected independently with this "
                           "probability."),
            0.1,
            0.0,
            1.0,
            false};
        const RuleParameter inDegree{QStringLiteral("k"),
                                     QStringLiteral("In-degree"),
                                     QStringLiteral("Every target neuron receives exactly k "
                                                    "synapses from distinct sources."),
                                     10.0,
                                     0.0,
                                     1e9,
                                     true};
        const RuleParameter outDegree{QStringLiteral("k"),
                                      QStringLiteral("Out-degree"),
                                      QStringLiteral("Every source neuron makes exactly k "
                                                     "synapses onto distinct targets."),
                                      10.0,
                                      0.0,
                                      1e9,
                                      true};
        return std::vector<ConnectivityRule>{
            {QStringLiteral("all_to_all"),
             QStringLiteral("All to all"),
             QStringLiteral("all-to-all"),
             {}},
            {QStringLiteral("one_to_one"),
             QStringLiteral("One to one"),
             QStringLiteral("one-to-one"),
             {}},
            {QStringLiteral("fixed_probability"),
             QStringLiteral("Fixed probability"),
             QStringLiteral("p"),
             {probability}},
            {QStringLiteral("fixed_indegree"),
             QStringLiteral("Fixed in-degree"),
             QStringLiteral("k_in"),
             {inDegree}},
            {QStringLiteral("fixed_outdegree"),
             QStringLiteral("Fixed out-degree"),
             QStringLiteral("k_out"),
             {outDegree}},
        };
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
    if (rule->parameters.empty()) {
        return rule->shortLabel;
    }
    const auto it = spec.params.find(rule->parameters.front().key.toStdString());
    const QString value =
        it == spec.params.end() ? QStringLiteral("?") : QString::number(it->second, 'g', 4);
    return QStringLiteral("%1 = %2").arg(rule->shortLabel, value);
}

QString ConnectivityRule::check(const core::ConnectivitySpec& spec) {
    const QString key = QString::fromStdString(spec.rule);
    const ConnectivityRule* rule = find(key);
    if (rule == nullptr) {
        return QStringLiteral("unknown connectivity rule \"%1\"").arg(key);
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
            return QStringLiteral("%1: %2 is outside the allowed range [%3, %4]")
                .arg(parameter.key, QString::number(value, 'g', 10),
                     QString::number(parameter.minValue, 'g', 10),
                     QString::number(parameter.maxValue, 'g', 10));
        }
        if (parameter.integer && value != std::floor(value)) {
            return QStringLiteral("%1: must be a whole number (got %2)")
                .arg(parameter.key, QString::number(value, 'g', 10));
        }
    }
    return {};
}

} // namespace plexus::widgets
