#pragma once

#include "plexus/core/project/ProjectSpec.h"

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace plexus::core {

/// Reads and writes versioned project files (`"format": "plexus-project"`).
///
/// Loading validates structure and values (types, negative sizes, NaN) and throws Error with a
/// message naming the file and the JSON location. Fields this version does not know (for
/// example those of models from plugins that are not installed) are kept in the specs' `extra`
/// members and written back on save. Saving is atomic: the file is written next to the target
/// and renamed over it. Files of older format versions are upgraded in memory by
/// ProjectMigration (the file is never rewritten by a load); newer versions are refused.
class ProjectIo {
public:
    /// Load a project file and check the files it names (checkFiles()). Throws Error on any
    /// problem; never modifies the file.
    static ProjectSpec load(const std::filesystem::path& path);
    /// Load `path` as if it were the project file `origin`: relative file names resolve
    /// beside `origin` and errors name it (a changed copy of a project run from elsewhere, as
    /// the points of a sweep).
    static ProjectSpec load(const std::filesystem::path& path, const std::string& origin);
    /**
     * @brief Throws Error naming `origin` (the project file) and the JSON path when a file the
     * project names does not exist, e.g. `p.json: cortex.surface: file 'lh.pial' not found`;
     * relative names are resolved against the folder of `origin`.
     */
    static void checkFiles(const ProjectSpec& project, const std::string& origin);
    /// Parse a project from JSON text (read through JsonInput: limited nesting, numbers kept as
    /// written) and check its references (checkReferences()); `origin` names the source in
    /// error messages.
    static ProjectSpec parse(const std::string& text, const std::string& origin);
    /// Throws Error naming `origin` and the JSON path when a name refers to nothing: an
    /// electrode recording from a population the project does not have.
    static void checkReferences(const ProjectSpec& project, const std::string& origin);
    /// Convert a parsed JSON document (any supported format version) to a project. Checks
    /// each element on its own, not the references between them (a copied fragment may name
    /// populations outside it): see checkReferences().
    static ProjectSpec fromJson(const nlohmann::json& doc, const std::string& origin);
    /// The JSON document of a project, in the current format version.
    static nlohmann::json toJson(const ProjectSpec& project);
    /// Save atomically (temporary file + rename). Throws Error when the file cannot be written.
    static void save(const ProjectSpec& project, const std::filesystem::path& path);
};

} // namespace plexus::core
