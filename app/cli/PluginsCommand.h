#pragma once

#include <string>
#include <vector>

namespace plexus::app {

/**
 * @brief `plexus-cli plugins [list [--json] | disable FILE | enable FILE]`.
 *
 * `list` (the default) loads the plugins as `plexus-cli run` would and shows the plugin
 * folders, the list of disabled plugins and every plugin file found: loaded (with its models),
 * refused (with the reason) or disabled. `disable FILE` and `enable FILE` edit the user's
 * DisabledPlugins list, which both `plexus` and `plexus-cli` read when they start.
 */
class PluginsCommand {
public:
    /// Runs with the arguments after `plugins`; returns the exit code.
    static int run(const std::vector<std::string>& args);
};

} // namespace plexus::app
