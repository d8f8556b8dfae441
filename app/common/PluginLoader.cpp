#include "PluginLoader.h"

#include "DisabledPlugins.h"
#include "InstallLayout.h"
#include "PluginFileCheck.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/plugin/ModelRegistry.h"
#include "plexus/core/plugin/PluginApi.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <exception>
#include <set>
#include <system_error>

namespace plexus::app {

namespace {

namespace fs = std::filesystem;

/// dlerror() without the file name it usually starts with (the message names the file anyway).
std::string lastDlError(const std::string& path) {
    const char* raw = ::dlerror();
    std::string text = raw ? raw : "unknown error";
    const std::string prefix = path + ": ";
    if (text.rfind(prefix, 0) == 0)
        text.erase(0, prefix.size());
    return text;
}

/// Closes a refused library and fills in why it was refused.
PluginLoadResult refuse(PluginLoadResult result, void* handle, const std::string& error) {
    if (handle)
        ::dlclose(handle);
    result.models.clear();
    result.error = error;
    return result;
}

/// Every entry named `*.so` directly in `folder`, sorted by name: files, and also folders,
/// broken links and others, which loadFile() refuses with the reason.
std::vector<fs::path> pluginFilesIn(const fs::path& folder) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".so")
            files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// `disabled` lists the canonical paths to skip (DisabledPlugins); they are reported disabled.
void loadFolderInto(const fs::path& folder, core::ModelRegistry& registry, bool reportMissing,
                    const std::vector<std::string>& disabled, std::set<fs::path>& seen,
                    std::vector<PluginLoadResult>& results) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        if (reportMissing) {
            PluginLoadResult missing;
            missing.path = folder.string();
            missing.error = fs::exists(folder, ec) ? "plugin path entry is not a folder"
                                                   : "plugin folder does not exist";
            results.push_back(std::move(missing));
        }
        return;
    }
    for (const fs::path& file : pluginFilesIn(folder)) {
        const std::string path = PluginLoader::canonicalPath(file);
        if (!seen.insert(path).second)
            continue;
        if (DisabledPlugins::contains(disabled, path)) {
            PluginLoadResult skipped;
            skipped.path = path;
            skipped.disabled = true;
            results.push_back(std::move(skipped));
            continue;
        }
        results.push_back(PluginLoader::loadFile(file, registry));
    }
}

} // namespace

fs::path PluginLoader::userPluginFolder() {
    // XDG base directories: relative values are invalid and must be ignored.
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg && fs::path(xdg).is_absolute())
        return fs::path(xdg) / "plexus" / "plugins";
    if (const char* home = std::getenv("HOME"); home && *home)
        return fs::path(home) / ".local" / "share" / "plexus" / "plugins";
    return {};
}

std::vector<fs::path> PluginLoader::environmentPluginFolders() {
    std::vector<fs::path> folders;
    const char* value = std::getenv("PLEXUS_PLUGIN_PATH");
    if (!value)
        return folders;
    const std::string text = value;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t colon = std::min(text.find(':', start), text.size());
        if (colon > start)
            folders.emplace_back(text.substr(start, colon - start));
        start = colon + 1;
    }
    return folders;
}

fs::path PluginLoader::systemPluginFolder() {
    return InstallLayout::systemPluginFolder();
}

std::vector<PluginFolder> PluginLoader::searchFolders() {
    std::vector<PluginFolder> folders;
    for (const fs::path& folder : environmentPluginFolders())
        folders.push_back({folder, "PLEXUS_PLUGIN_PATH"});
    if (fs::path user = userPluginFolder(); !user.empty())
        folders.push_back({std::move(user), "user"});
    if (fs::path system = systemPluginFolder(); !system.empty())
        folders.push_back({std::move(system), "system"});
    return folders;
}

std::vector<PluginLoadResult> PluginLoader::loadDefault(core::ModelRegistry& registry) {
    std::vector<PluginLoadResult> results;
    std::vector<std::string> disabled;
    try {
        disabled = DisabledPlugins::read();
    } catch (const core::Error&) {
        // An unreadable list disables nothing; it is reported like a plugin that cannot be read.
        PluginLoadResult unreadable;
        unreadable.path = DisabledPlugins::listFile().string();
        unreadable.error = "cannot be read as the list of disabled plugins (a folder, or no "
                           "read permission): no plugin is disabled";
        results.push_back(std::move(unreadable));
    }
    std::set<fs::path> seen;
    for (const PluginFolder& folder : searchFolders())
        loadFolderInto(folder.path, registry, folder.source == "PLEXUS_PLUGIN_PATH", disabled, seen,
                       results);
    return results;
}

std::vector<PluginLoadResult> PluginLoader::loadFolders(const std::vector<fs::path>& folders,
                                                        core::ModelRegistry& registry,
                                                        bool reportMissing) {
    std::vector<PluginLoadResult> results;
    std::set<fs::path> seen;
    for (const fs::path& folder : folders)
        loadFolderInto(folder, registry, reportMissing, {}, seen, results);
    return results;
}

PluginLoadResult PluginLoader::loadFile(const fs::path& file, core::ModelRegistry& registry) {
    PluginLoadResult result;
    result.path = canonicalPath(file);

    // dlopen maps what the program headers name: a truncated file would die of SIGBUS in it.
    if (const std::string problem = PluginFileCheck::problem(file); !problem.empty())
        return refuse(result, nullptr, problem);

    // A path with a slash: dlopen takes the file itself and never searches library folders.
    ::dlerror();
    void* handle = ::dlopen(result.path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle)
        return refuse(result, nullptr, "cannot be loaded: " + lastDlError(result.path));

    void* symbol = ::dlsym(handle, PLEXUS_PLUGIN_DESCRIPTOR_SYMBOL);
    if (!symbol)
        return refuse(result, handle,
                      "not a Plexus plugin: it exports no " PLEXUS_PLUGIN_DESCRIPTOR_SYMBOL
                      "() function (define one with PLEXUS_DEFINE_PLUGIN)");
    const auto describe = reinterpret_cast<PlexusPluginDescriptorFunction>(symbol);
    const PlexusPluginDescriptor* descriptor = describe();
    if (!descriptor)
        return refuse(result, handle,
                      "not a Plexus plugin: " PLEXUS_PLUGIN_DESCRIPTOR_SYMBOL "() returned null");

    // apiVersion is the one field whose place never changes: check it before reading the rest.
    result.apiVersion = descriptor->apiVersion;
    if (descriptor->apiVersion != PLEXUS_PLUGIN_API_VERSION)
        return refuse(result, handle,
                      "built for plugin API version " + std::to_string(descriptor->apiVersion) +
                          ", but this Plexus provides version " +
                          std::to_string(PLEXUS_PLUGIN_API_VERSION) +
                          " (rebuild the plugin against this Plexus)");
    if (descriptor->name)
        result.name = descriptor->name;
    if (descriptor->version)
        result.version = descriptor->version;
    if (descriptor->abiTag)
        result.abiTag = descriptor->abiTag;
    const std::string pluginAbi = descriptor->abiTag ? descriptor->abiTag : "(none)";
    if (pluginAbi != PLEXUS_PLUGIN_ABI_TAG)
        return refuse(result, handle,
                      "built for C++ ABI \"" + pluginAbi + "\", but this Plexus provides \"" +
                          PLEXUS_PLUGIN_ABI_TAG +
                          "\" (rebuild the plugin with the compiler Plexus was built with)");
    if (!descriptor->registerModels)
        return refuse(result, handle, "the plugin descriptor has no registerModels function");

    // Register into a scratch registry, then merge all or nothing. The scratch registry (and
    // with it every model object the plugin created) is gone before a refused library closes.
    std::string failure;
    {
        core::ModelRegistry scratch;
        try {
            descriptor->registerModels(&scratch);
        } catch (const std::exception& e) {
            failure = std::string("registering its models failed: ") + e.what();
        } catch (...) {
            failure = "registering its models failed with an unknown exception";
        }
        if (failure.empty()) {
            for (const core::ModelInfo* info : scratch.all())
                result.models.push_back(info->name);
            try {
                registry.merge(std::move(scratch), result.path);
            } catch (const std::exception& e) {
                failure = std::string("refused: ") + e.what();
            }
        }
    }
    if (!failure.empty())
        return refuse(result, handle, failure);
    // Success: the library stays loaded for the rest of the process (never dlclose'd).
    return result;
}

std::string PluginLoader::canonicalPath(const fs::path& path) {
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec);
    if (ec)
        absolute = path;
    fs::path result = fs::weakly_canonical(absolute, ec);
    if (ec || result.empty())
        result = absolute.lexically_normal();
    return result.string();
}

std::string PluginLoader::abiTag() {
    return PLEXUS_PLUGIN_ABI_TAG;
}

unsigned PluginLoader::apiVersion() {
    return PLEXUS_PLUGIN_API_VERSION;
}

} // namespace plexus::app
