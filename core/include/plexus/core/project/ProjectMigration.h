#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace plexus::core {

/**
 * @brief Upgrades project documents from older format versions, one version step at a time.
 *
 * Each step turns a document of version `from` into one of version `from + 1` and sets its
 * `formatVersion`; upgrade() applies the steps in order until the document has
 * ProjectSpec::currentFormatVersion. A new format version adds one step to steps(). Steps work
 * on the parsed JSON before ProjectIo reads it, never on the file: loading never writes.
 */
class ProjectMigration {
public:
    /// One version step.
    struct Step {
        int from;                ///< version the step reads; it writes `from + 1`
        const char* description; ///< what changes, named in errors
        /// Rewrites `doc` in place. Throws Error with the JSON path of a problem.
        void (*apply)(nlohmann::json& doc);
    };

    /// Every step, ascending: steps()[i].from == i + 1.
    static const std::vector<Step>& steps();

    /**
     * @brief Upgrades `doc` (whose `formatVersion` is already validated to be in
     *        [1, ProjectSpec::currentFormatVersion]) to the current version.
     * @throws Error "origin: formatVersion 1 -> 2 (description): path: problem" when a step
     *         fails.
     */
    static void upgrade(nlohmann::json& doc, const std::string& origin);

    /// Version 1 -> 2: a population's `"spatial": {"shape": s}` gains the size of its layout
    /// (`extent_um` or, for rings, `radius_um`, at the shape's default); `mixed` is dropped.
    static void spatialUnits(nlohmann::json& doc);

    /// Version 2 -> 3: "electrodes" and "layout" become typed, validated members. Electrodes
    /// read as version 2 read them: entries without a name are dropped, a missing or mistyped
    /// type, contacts or spacing_um takes its version-2 default (point, 1, 100 um), a target
    /// that names no population is cleared, and mistyped optional members (depth_um,
    /// anchor_vertex, anchor_mm, montage_file, site depths, EEG contact fields) are dropped or
    /// defaulted. Layout entries with "x" or "y" that are not numeric positions are
    /// dropped, and members other than "x" and "y" of a position are dropped.
    static void typedElectrodes(nlohmann::json& doc);
};

} // namespace plexus::core
