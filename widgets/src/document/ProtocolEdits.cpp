#include "plexus/widgets/document/ProtocolEdits.h"

#include "plexus/widgets/document/Document.h"

#include <QObject>
#include <exception>
#include <nlohmann/json.hpp>
#include <plexus/core/project/ProjectIo.h>

namespace plexus::widgets {

namespace {

/// Origin of the messages of the check; stripped from what the user sees.
const std::string kOrigin = "protocol-check";

} // namespace

QString ProtocolEdits::check(const core::ProjectSpec& project, const core::ProtocolSpec& protocol) {
    // The rules of the project file are the rules of the editor: the protocol goes through
    // the reader (alone with the run settings, for the schedule's length) and the reference
    // check against the whole project.
    try {
        core::ProjectSpec probe;
        probe.simulation = project.simulation;
        probe.protocol = protocol;
        core::ProjectIo::fromJson(core::ProjectIo::toJson(probe), kOrigin);
        core::ProjectSpec full = project;
        full.protocol = protocol;
        core::ProjectIo::checkReferences(full, kOrigin);
    } catch (const std::exception& e) {
        std::string message = e.what();
        if (message.rfind(kOrigin + ": ", 0) == 0) {
            message.erase(0, kOrigin.size() + 2);
        }
        return QString::fromStdString(message);
    }
    return {};
}

bool ProtocolEdits::setProtocol(Document& document,
                                const std::optional<core::ProtocolSpec>& protocol,
                                const QString& text, QString* error) {
    if (protocol.has_value()) {
        const QString problem = check(document.project(), *protocol);
        if (!problem.isEmpty()) {
            if (error != nullptr) {
                *error = problem;
            }
            return false;
        }
    }
    core::ProjectSpec after = document.project();
    after.protocol = protocol;
    const QString label = !text.isEmpty()        ? text
                          : protocol.has_value() ? QObject::tr("Edit protocol")
                                                 : QObject::tr("Remove protocol");
    return document.applyEdit(after, label);
}

core::ProtocolSpec ProtocolEdits::defaultProtocol(const core::ProjectSpec& project) {
    core::ProtocolSpec protocol;
    core::ConditionSpec condition;
    condition.name = "A";
    protocol.conditions.push_back(condition);
    protocol.trials = 1;
    protocol.trialMs =
        project.simulation.durationS > 0 ? project.simulation.durationS * 1000.0 : 1000.0;
    protocol.itiMs = 0.0;
    return protocol;
}

void ProtocolEdits::renameCondition(core::ProtocolSpec& protocol, const std::string& from,
                                    const std::string& to) {
    for (core::ConditionSpec& condition : protocol.conditions) {
        if (condition.name == from) {
            condition.name = to;
        }
    }
    for (core::PerturbationSpec& perturbation : protocol.perturbations) {
        if (perturbation.condition == from) {
            perturbation.condition = to;
        }
    }
}

std::string ProtocolEdits::uniqueConditionName(const core::ProtocolSpec& protocol,
                                               const std::string& base) {
    if (protocol.conditionIndex(base) < 0) {
        return base;
    }
    for (int k = 2;; ++k) {
        std::string name = base + " " + std::to_string(k);
        if (protocol.conditionIndex(name) < 0) {
            return name;
        }
    }
}

} // namespace plexus::widgets
