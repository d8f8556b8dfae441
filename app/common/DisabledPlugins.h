#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace plexus::app {

/**
 * @brief The plugin files the user switched off, shared by `plexus` and `plexus-cli`.
 *
 * The list is a plain text file, `$XDG_CONFIG_HOME/plexus/disabled-plugins` (by default
 * `~/.config/plexus/disabled-plugins`), holding one canonical plugin path per line (as
 * PluginLoader::canonicalPath() spells it); blank
 * lines and lines starting with `#` are ignored. PluginLoader::loadDefault() skips the files
 * it lists and reports them as disabled. Changes take effect at the next start of a program.
 */
class DisabledPlugins {
public:
    /// The list file; empty when neither XDG_CONFIG_HOME (absolute) nor HOME is set.
    static std::filesystem::path listFile();

    /**
     * @brief The paths in the list file, in file order; empty when it does not exist.
     * @throws core::Error naming the file when it exists but cannot be read.
     */
    static std::vector<std::string> read();

    /// True when @p plugin (any spelling of its path) is in @p list.
    static bool contains(const std::vector<std::string>& list, const std::filesystem::path& plugin);

    /**
     * @brief Adds @p plugin to the list (creating the file and its folder when needed).
     * @return false when it was already listed.
     * @throws core::Error naming the plugin when it does not exist, or the list file when it
     *         cannot be written (the old list is kept).
     */
    static bool disable(const std::filesystem::path& plugin);

    /**
     * @brief Removes @p plugin from the list.
     * @return false when it was not listed.
     * @throws core::Error naming the list file when it cannot be written.
     */
    static bool enable(const std::filesystem::path& plugin);
};

} // namespace plexus::app
