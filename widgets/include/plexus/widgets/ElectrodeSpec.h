#pragma once

#include <QStringList>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace plexus::core {
struct ProjectSpec;
} // namespace plexus::core

namespace plexus::widgets {

/**
 * @brief A virtual electrode placed in the circuit: a point contact, a laminar probe, a
 *        Utah-style array or an EEG montage, recording from one population.
 *
 * The core has no electrode element yet, so electrodes live in the project's document-level
 * "electrodes" array (an unknown member for the core, kept in core::ProjectSpec::extra and
 * written back on save). Members this version does not know are kept in `extra`.
 */
struct ElectrodeSpec {
    std::string name;               ///< unique among the project's node names
    std::string type = "point";     ///< one of types()
    std::string target;             ///< population recorded from (empty: not connected)
    int contacts = 1;               ///< number of recording contacts (>= 1)
    double spacingUm = 100.0;       ///< contact spacing in micrometres (> 0)
    nlohmann::json extra = nullptr; ///< unknown members, written back unchanged

    /// Electrode types offered by the editor: point, laminar, utah, eeg.
    static QStringList types();
    /// Human-readable label of a type, e.g. "Laminar probe".
    static QString typeLabel(const QString& type);
    /// Default number of contacts of a type (1, 16, 96, 32).
    static int defaultContacts(const QString& type);

    /// The JSON object of this electrode.
    nlohmann::json toJson() const;
    /// Reads an electrode leniently: missing members keep their defaults, wrong types are
    /// ignored. Returns false when @p value is not an object with a non-empty "name".
    static bool fromJson(const nlohmann::json& value, ElectrodeSpec& out);

    /// Electrodes of a project (from ProjectSpec::extra["electrodes"]).
    static std::vector<ElectrodeSpec> readAll(const core::ProjectSpec& project);
    /// Replaces the electrodes of a project; an empty list removes the member.
    static void writeAll(core::ProjectSpec& project, const std::vector<ElectrodeSpec>& electrodes);

    bool operator==(const ElectrodeSpec&) const = default;
};

} // namespace plexus::widgets
