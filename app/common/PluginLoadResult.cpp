#include "PluginLoadResult.h"

namespace plexus::app {

std::string PluginLoadResult::message() const {
    if (refused())
        return path + ": " + error;
    if (disabled)
        return path + ": disabled";
    std::string text = path + ": " + (name.empty() ? std::string("plugin") : name);
    if (!version.empty())
        text += " " + version;
    text += " (";
    for (std::size_t i = 0; i < models.size(); ++i)
        text += (i ? ", " : "") + models[i];
    text += models.empty() ? "no models)" : ")";
    return text;
}

std::string PluginLoadResult::builtFor() const {
    if (apiVersion == 0)
        return "unknown";
    std::string text = "API " + std::to_string(apiVersion);
    if (!abiTag.empty())
        text += ", " + abiTag;
    return text;
}

} // namespace plexus::app
