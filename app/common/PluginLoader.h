#pragma once

#include "PluginFolder.h"
#include "PluginLoadResult.h"

#include <filesystem>
#include <string>
#include <vector>

namespace plexus::core {
class ModelRegistry;
} // namespace plexus::core

namespace plexus::app {

/**
 * @brief Loads model plugins (shared libraries exporting `plexus_plugin_descriptor`, see
 * plexus/core/plugin/PluginApi.h) into a ModelRegistry.
 *
 * A plugin is refused, with a one-line message naming the file and never a crash, when it
 * is not a complete shared library for this computer (checked by PluginFileCheck before the
 * dynamic loader sees it: a truncated file, a folder named `*.so`, a broken symbolic link,
 * an empty or text file), cannot be opened, exports no descriptor, was built for another plugin API
 * version or C++ ABI, throws while registering its models, or names a model that is already
 * registered. Models are registered into a scratch registry first and merged all or nothing, so a
 * refused plugin leaves the target registry unchanged.
 *
 * A loaded library stays loaded for the rest of the process (its code backs the model
 * objects); refused libraries are closed again.
 */
class PluginLoader {
public:
    /// The per-user plugin folder: `$XDG_DATA_HOME/plexus/plugins`, by default
    /// `~/.local/share/plexus/plugins`. Empty when neither XDG_DATA_HOME nor HOME is set.
    static std::filesystem::path userPluginFolder();

    /// Folders listed in PLEXUS_PLUGIN_PATH (colon-separated), in order; empty entries skipped.
    static std::vector<std::filesystem::path> environmentPluginFolders();

    /// The installation's plugin folder (InstallLayout::systemPluginFolder()); empty in a build
    /// tree.
    static std::filesystem::path systemPluginFolder();

    /// The folders loadDefault() searches, in order: PLEXUS_PLUGIN_PATH, the user folder, the
    /// system folder (those that are known; they need not exist).
    static std::vector<PluginFolder> searchFolders();

    /**
     * @brief Loads every `*.so` of searchFolders(): the PLEXUS_PLUGIN_PATH folders, then
     *        userPluginFolder(), then systemPluginFolder().
     *
     * A PLEXUS_PLUGIN_PATH entry that is not a folder gives a failed result; a missing user or
     * system folder is silently skipped. A model name taken by an earlier folder refuses the
     * later plugin, so a user's build of a plugin wins over the installed one. Files in the user's
     * DisabledPlugins list are not opened at all: each gives a result marked `disabled`. A list
     * file that cannot be read gives a failed result naming it and disables nothing.
     */
    static std::vector<PluginLoadResult> loadDefault(core::ModelRegistry& registry);

    /**
     * @brief Loads every `*.so` file of @p folders (each folder in name order) into
     *        @p registry. A file reached twice (same canonical path) is loaded once.
     * @param reportMissing when true, a folder that does not exist gives a failed result
     */
    static std::vector<PluginLoadResult>
    loadFolders(const std::vector<std::filesystem::path>& folders, core::ModelRegistry& registry,
                bool reportMissing = true);

    /// Loads the plugin file @p file into @p registry; see the class description.
    static PluginLoadResult loadFile(const std::filesystem::path& file,
                                     core::ModelRegistry& registry);

    /// Absolute form of @p path with symbolic links resolved as far as they exist: the
    /// spelling of plugin paths in results, messages and the DisabledPlugins list.
    static std::string canonicalPath(const std::filesystem::path& path);

    /// PLEXUS_PLUGIN_ABI_TAG of this Plexus.
    static std::string abiTag();

    /// PLEXUS_PLUGIN_API_VERSION of this Plexus.
    static unsigned apiVersion();
};

} // namespace plexus::app
