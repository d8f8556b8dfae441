#include "plexus/widgets/document/DocumentChecks.h"

#include <cmath>
#include <map>
#include <plexus/core/base/Error.h>
#include <plexus/core/connectivity/ConnectivityRule.h>
#include <plexus/core/model/ParameterSet.h>
#include <plexus/core/plugin/ModelRegistry.h>
#include <string>

namespace plexus::widgets {

namespace {

constexpr std::int64_t kMaxSize = 100'000'000;

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

/// Checks parameter overrides against a model; the message names the key, without prefix.
QString checkParams(const core::ModelInfo& info, const std::map<std::string, double>& params) {
    try {
        core::ParameterSet::resolve(info, params, "params");
    } catch (const core::Error& e) {
        QString message = QString::fromStdString(e.what());
        if (message.startsWith(QLatin1String("params."))) {
            message.remove(0, 7);
        }
        return message;
    }
    return {};
}

QString checkValue(const core::ValueSpec& value, const QString& what, bool nonNegative) {
    if (!std::isfinite(value.a) || !std::isfinite(value.b)) {
        return QStringLiteral("%1: must be a finite number").arg(what);
    }
    switch (value.kind) {
    case core::ValueSpec::Kind::Constant:
        if (nonNegative && value.a < 0.0) {
            return QStringLiteral("%1: must be >= 0 (got %2)")
                .arg(what, QString::number(value.a, 'g', 10));
        }
        break;
    case core::ValueSpec::Kind::Uniform:
        if (value.b < value.a) {
            return QStringLiteral("%1: the high bound must not be below the low bound").arg(what);
        }
        if (nonNegative && value.a < 0.0) {
            return QStringLiteral("%1: the low bound must be >= 0").arg(what);
        }
        break;
    case core::ValueSpec::Kind::Normal:
        if (value.b < 0.0) {
            return QStringLiteral("%1: the standard deviation must be >= 0").arg(what);
        }
        if (nonNegative && value.a < 0.0) {
            return QStringLiteral("%1: the mean must be >= 0").arg(what);
        }
        break;
    }
    return {};
}

} // namespace

QString DocumentChecks::checkPopulation(const core::PopulationSpec& spec) const {
    if (const std::string problem = core::PopulationSpec::sizeProblem(spec.size);
        !problem.empty()) {
        return tr("size: %1").arg(qs(problem));
    }
    const core::ModelInfo* info = m_registry ? m_registry->info(spec.model) : nullptr;
    if (info == nullptr) {
        return {}; // a placeholder: its parameters cannot be checked
    }
    if (info->kind != core::ModelKind::Neuron) {
        return tr("model: \"%1\" is not a neuron model").arg(qs(spec.model));
    }
    if (QString message = checkParams(*info, spec.params); !message.isEmpty()) {
        return message;
    }
    for (const auto& [key, value] : spec.initial) {
        if (!info->stateIndex(key)) {
            return tr("initial.%1: model \"%2\" has no state variable \"%1\"")
                .arg(qs(key), qs(spec.model));
        }
        if (QString message = checkValue(value, QStringLiteral("initial.") + qs(key), false);
            !message.isEmpty()) {
            return message;
        }
    }
    return {};
}

QString DocumentChecks::checkStimulus(const core::StimulusSpec& spec,
                                      const core::ProjectSpec& project) const {
    if (spec.size < 0 || spec.size > kMaxSize) {
        return tr("size: must be between 0 and %1 (got %2)").arg(kMaxSize).arg(spec.size);
    }
    const core::ModelInfo* info = m_registry ? m_registry->info(spec.model) : nullptr;
    if (info == nullptr) {
        return {};
    }
    if (info->kind == core::ModelKind::SpikeSource && spec.size < 1) {
        return tr("size: a spike source needs at least one channel");
    }
    if (info->kind == core::ModelKind::CurrentSource && !spec.target.empty()) {
        const core::PopulationSpec* target = project.findPopulation(spec.target);
        if (target == nullptr) {
            return tr("target: no population named \"%1\"").arg(qs(spec.target));
        }
        for (std::int64_t n : spec.neurons) {
            if (n < 0 || n >= target->size) {
                return tr("neurons: %1 is outside [0, %2)").arg(n).arg(target->size);
            }
        }
    }
    if (info->kind != core::ModelKind::SpikeSource &&
        info->kind != core::ModelKind::CurrentSource) {
        return tr("model: \"%1\" is not a stimulus model").arg(qs(spec.model));
    }
    for (double t : spec.times) {
        if (!std::isfinite(t) || t < 0.0) {
            return tr("times: spike times must be >= 0 ms");
        }
    }
    if (!spec.indices.empty() && spec.indices.size() != spec.times.size()) {
        return tr("indices: must have as many entries as times (%1 vs %2)")
            .arg(spec.indices.size())
            .arg(spec.times.size());
    }
    for (std::int64_t index : spec.indices) {
        if (index < 0 || index >= spec.size) {
            return tr("indices: %1 is outside [0, %2)").arg(index).arg(spec.size);
        }
    }
    return checkParams(*info, spec.params);
}

QString DocumentChecks::checkRecorder(const core::RecorderSpec& spec,
                                      const core::ProjectSpec& project) const {
    if (spec.type != "spikes" && spec.type != "rate" && spec.type != "state") {
        return tr("type: unknown recorder type \"%1\" (spikes, rate, state)").arg(qs(spec.type));
    }
    if (!(spec.intervalMs > 0.0) || !std::isfinite(spec.intervalMs)) {
        return tr("interval_ms: must be > 0");
    }
    if (!(spec.binMs > 0.0) || !std::isfinite(spec.binMs)) {
        return tr("bin_ms: must be > 0");
    }
    if (spec.type == "state" && !spec.target.empty()) {
        const core::PopulationSpec* target = project.findPopulation(spec.target);
        if (target == nullptr) {
            return tr("target: a state recorder records a population");
        }
        const core::ModelInfo* info = m_registry ? m_registry->info(target->model) : nullptr;
        for (const std::string& variable : spec.variables) {
            if (info != nullptr && !info->stateIndex(variable)) {
                return tr("variables: model \"%1\" has no state variable \"%2\"")
                    .arg(qs(target->model), qs(variable));
            }
        }
        for (std::int64_t n : spec.neurons) {
            if (n < 0 || n >= target->size) {
                return tr("neurons: %1 is outside [0, %2)").arg(n).arg(target->size);
            }
        }
    }
    return {};
}

QString DocumentChecks::checkProjection(const core::ProjectionSpec& spec,
                                        const core::ProjectSpec& project) const {
    if (spec.name.empty()) {
        return tr("name: must not be empty");
    }
    if (project.findPopulation(spec.source) == nullptr &&
        project.findStimulus(spec.source) == nullptr) {
        return tr("source: no population or stimulus named \"%1\"").arg(qs(spec.source));
    }
    const core::PopulationSpec* target = project.findPopulation(spec.target);
    if (target == nullptr) {
        return tr("target: no population named \"%1\"").arg(qs(spec.target));
    }
    if (const core::ModelInfo* info = m_registry ? m_registry->info(target->model) : nullptr) {
        if (!info->receptorIndex(spec.receptor)) {
            QStringList known;
            for (const auto& receptor : info->receptors) {
                known << qs(receptor.key);
            }
            return tr("receptor: model \"%1\" has no input \"%2\" (inputs: %3)")
                .arg(qs(target->model), qs(spec.receptor), known.join(QStringLiteral(", ")));
        }
    }
    try {
        core::ConnectivityRule::check(spec.connectivity, "connectivity");
    } catch (const core::Error& e) {
        return QString::fromStdString(e.what());
    }
    if (QString message = checkValue(spec.weight, QStringLiteral("weight"), false);
        !message.isEmpty()) {
        return message;
    }
    if (QString message = checkValue(spec.delayMs, QStringLiteral("delay_ms"), true);
        !message.isEmpty()) {
        return message;
    }
    if (spec.synapse == "static") {
        if (!spec.synapseParams.empty()) {
            return tr("synapse: the static synapse has no parameters");
        }
        if (!spec.modulator.empty()) {
            return tr("modulator: only plastic synapses take a modulator");
        }
    } else if (m_registry != nullptr) {
        const core::ModelInfo* info = m_registry->info(spec.synapse);
        if (info != nullptr) {
            if (info->kind != core::ModelKind::Synapse) {
                return tr("synapse: \"%1\" is not a synapse model").arg(qs(spec.synapse));
            }
            if (QString message = checkParams(*info, spec.synapseParams); !message.isEmpty()) {
                return message;
            }
            if (!spec.delayMs.isConstant()) {
                return tr("delay_ms: synapse model \"%1\" needs one delay for the whole "
                          "projection")
                    .arg(qs(spec.synapse));
            }
        }
    }
    if (!spec.modulator.empty() && project.findPopulation(spec.modulator) == nullptr &&
        project.findStimulus(spec.modulator) == nullptr) {
        return tr("modulator: no population or stimulus named \"%1\"").arg(qs(spec.modulator));
    }
    return {};
}

} // namespace plexus::widgets
