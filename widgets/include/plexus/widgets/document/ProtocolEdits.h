#pragma once

#include <QString>
#include <optional>
#include <plexus/core/project/ProjectSpec.h>
#include <plexus/core/project/ProtocolSpec.h>
#include <string>

namespace plexus::widgets {

class Document;

/**
 * @brief Undoable document edits of the project's protocol (conditions, trials, order and
 * perturbations; saved as "protocol"). Each call checks the new protocol with the rules the
 * project file obeys (core::ProjectIo: ranges, unique condition names, perturbation fields,
 * names of stimuli, populations and projections) and either refuses it, changing nothing, or
 * pushes one Document undo command.
 */
class ProtocolEdits {
public:
    /**
     * @brief Sets the project's protocol to @p protocol (nullopt: a plain run of the
     * simulation's duration). False when refused (with @p error: the JSON path and the
     * problem, e.g. `protocol.perturbations[0].fraction: must be in [0, 1]`) or when nothing
     * changed (@p error left empty).
     */
    static bool setProtocol(Document& document, const std::optional<core::ProtocolSpec>& protocol,
                            const QString& text = {}, QString* error = nullptr);
    /// The problem of @p protocol in @p project as `JSON path: problem`, empty when it is valid.
    static QString check(const core::ProjectSpec& project, const core::ProtocolSpec& protocol);
    /// A protocol to start from: one condition "A" with no gated stimuli, one trial of the
    /// simulation's duration.
    static core::ProtocolSpec defaultProtocol(const core::ProjectSpec& project);
    /// Renames condition @p from to @p to in @p protocol, with the perturbations bound to it.
    static void renameCondition(core::ProtocolSpec& protocol, const std::string& from,
                                const std::string& to);
    /// @p base when no condition of @p protocol has that name, else "base 2", "base 3", ...
    static std::string uniqueConditionName(const core::ProtocolSpec& protocol,
                                           const std::string& base);
};

} // namespace plexus::widgets
