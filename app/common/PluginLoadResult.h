#pragma once

#include <string>
#include <vector>

namespace plexus::app {

/// Outcome of loading one plugin file (or of looking at one plugin folder).
struct PluginLoadResult {
    std::string path;                ///< the plugin file (canonical) or folder
    std::string name;                ///< plugin name from its descriptor (empty if unknown)
    std::string version;             ///< plugin version from its descriptor (empty if unknown)
    std::vector<std::string> models; ///< names of the models it added (empty when refused)
    std::string error;               ///< why it was refused; empty when loaded or disabled
    bool disabled = false;           ///< skipped because the user disabled it (DisabledPlugins)
    /// Plugin API version the descriptor says the plugin was built for; 0 when unknown (no
    /// descriptor was read: not a plugin, not loadable, disabled, or a folder).
    unsigned apiVersion = 0;
    /// C++ ABI tag the descriptor says the plugin was built with, e.g.
    /// "gcc-12/libstdc++-cxx11"; empty when unknown (also when the API version differs: the
    /// rest of such a descriptor is not read).
    std::string abiTag;

    /// True when the plugin was loaded and its models were added.
    bool ok() const { return error.empty() && !disabled; }
    /// True when the plugin could not be used (see error).
    bool refused() const { return !error.empty(); }

    /// One line for the user: "<path>: <error>" when refused, "<path>: disabled" when
    /// disabled, else "<path>: <name> <version> (<models>)".
    std::string message() const;

    /// What the plugin was built for: "API 1, gcc-12/libstdc++-cxx11", "API 2" (ABI tag
    /// unknown), or "unknown" (apiVersion 0).
    std::string builtFor() const;
};

} // namespace plexus::app
