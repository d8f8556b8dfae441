#include "PluginsCommand.h"

#include "DisabledPlugins.h"
#include "PluginLoader.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/plugin/ModelRegistry.h"
#include "plexus/plugins/BuiltinModels.h"

#include <iostream>
#include <nlohmann/json.hpp>

namespace plexus::app {

namespace {

using core::Error;

constexpr const char* kUsage = "plugins [list [--json] | disable FILE | enable FILE]";

/// The status word of a result: loaded, refused or disabled.
std::string statusOf(const PluginLoadResult& result) {
    return result.disabled ? "disabled" : result.refused() ? "refused" : "loaded";
}

int list(bool json) {
    core::ModelRegistry registry;
    plugins::registerBuiltinModels(registry);
    const std::vector<PluginLoadResult> results = PluginLoader::loadDefault(registry);
    // Entries of the list that match no plugin file found in the folders.
    std::vector<std::string> stale;
    try {
        for (const std::string& entry : DisabledPlugins::read()) {
            bool found = false;
            for (const PluginLoadResult& result : results)
                found =
                    found || (result.disabled && DisabledPlugins::contains({entry}, result.path));
            if (!found)
                stale.push_back(entry);
        }
    } catch (const Error&) {
        // Reported among the results already.
    }

    if (json) {
        nlohmann::json folders = nlohmann::json::array();
        for (const PluginFolder& folder : PluginLoader::searchFolders())
            folders.push_back({{"path", folder.path.string()}, {"source", folder.source}});
        nlohmann::json plugins = nlohmann::json::array();
        for (const PluginLoadResult& result : results) {
            nlohmann::json item = {{"path", result.path}, {"status", statusOf(result)}};
            if (!result.name.empty())
                item["name"] = result.name;
            if (!result.version.empty())
                item["version"] = result.version;
            // What the descriptor says the plugin was built for (null: not known).
            item["api_version"] = result.apiVersion == 0 ? nlohmann::json(nullptr)
                                                         : nlohmann::json(result.apiVersion);
            item["abi_tag"] =
                result.abiTag.empty() ? nlohmann::json(nullptr) : nlohmann::json(result.abiTag);
            if (result.ok())
                item["models"] = result.models;
            if (result.refused())
                item["reason"] = result.error;
            plugins.push_back(std::move(item));
        }
        for (const std::string& entry : stale)
            plugins.push_back({{"path", entry}, {"status", "disabled"}, {"found", false}});
        std::cout << nlohmann::json{{"folders", folders},
                                    {"disabled_list", DisabledPlugins::listFile().string()},
                                    {"plugins", plugins}}
                         .dump(2)
                  << std::endl;
        return 0;
    }

    std::cout << "Plugin folders:\n";
    for (const PluginFolder& folder : PluginLoader::searchFolders())
        std::cout << "  " << folder.describe() << "\n";
    std::cout << "Disabled plugins are listed in " << DisabledPlugins::listFile().string()
              << "\n\n";
    if (results.empty() && stale.empty())
        std::cout << "No plugin files found.\n";
    for (const PluginLoadResult& result : results) {
        const std::string status = statusOf(result);
        std::cout << status << std::string(10 - status.size(), ' ');
        if (result.disabled)
            std::cout << result.path << "  (plexus-cli plugins enable FILE loads it again)\n";
        else
            std::cout << result.message() << "\n";
    }
    for (const std::string& entry : stale)
        std::cout << "disabled  " << entry << "  (not found in the plugin folders)\n";
    return 0;
}

} // namespace

int PluginsCommand::run(const std::vector<std::string>& args) {
    const std::string action = args.empty() ? "list" : args[0];
    if (action == "list") {
        bool json = false;
        for (std::size_t i = 1; i < args.size(); ++i) {
            if (args[i] != "--json")
                throw Error("plugins list: unknown argument \"" + args[i] + "\" (usage: " + kUsage +
                            ")");
            json = true;
        }
        return list(json);
    }
    if (action != "disable" && action != "enable")
        throw Error("plugins: unknown action \"" + action + "\" (usage: " + kUsage + ")");
    if (args.size() != 2)
        throw Error("plugins " + action + ": expected one plugin file (usage: " + kUsage + ")");
    const std::string path = PluginLoader::canonicalPath(args[1]);
    const std::string listFile = DisabledPlugins::listFile().string();
    if (action == "disable") {
        if (DisabledPlugins::disable(args[1]))
            std::cout << "Disabled " << path << ": plexus and plexus-cli skip it from their next "
                      << "start (listed in " << listFile << ").\n";
        else
            std::cout << path << " is already disabled (listed in " << listFile << ").\n";
        return 0;
    }
    if (!DisabledPlugins::enable(args[1]))
        throw Error(path + ": not in the list of disabled plugins (" + listFile + ")");
    std::cout << "Enabled " << path << ": plexus and plexus-cli load it from their next start.\n";
    return 0;
}

} // namespace plexus::app
