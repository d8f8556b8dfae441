#pragma once

#include <filesystem>
#include <string>

namespace plexus::app {

/// One folder Plexus searches for model plugins, and why it is searched.
struct PluginFolder {
    std::filesystem::path path; ///< the folder (it may not exist)
    /// Where it comes from: "PLEXUS_PLUGIN_PATH", "user" (per-user folder) or "system" (the
    /// installation's own plugin folder).
    std::string source;

    /// "<path>" for the user folder, "<path> (<source>)" otherwise: one line of a folder list.
    std::string describe() const {
        return source == "user" ? path.string() : path.string() + " (" + source + ")";
    }
};

} // namespace plexus::app
