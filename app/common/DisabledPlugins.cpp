#include "DisabledPlugins.h"

#include "PluginLoader.h"
#include "plexus/core/Error.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <system_error>

namespace plexus::app {

namespace {

namespace fs = std::filesystem;
using core::Error;

/// Writes @p list to the list file through a temporary file renamed into place.
void writeList(const std::vector<std::string>& list) {
    const fs::path file = DisabledPlugins::listFile();
    if (file.empty())
        throw Error("the disabled-plugins list has no place: neither XDG_CONFIG_HOME nor HOME "
                    "is set");
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec)
        throw Error(file.parent_path().string() + ": cannot create the folder: " + ec.message());
    fs::path temporary = file;
    temporary += ".part";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << "# Plugin files that plexus and plexus-cli do not load, one per line.\n";
        for (const std::string& path : list)
            out << path << '\n';
        out.flush();
        if (!out) {
            fs::remove(temporary, ec);
            throw Error(file.string() + ": cannot be written");
        }
    }
    fs::rename(temporary, file, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw Error(file.string() + ": cannot be written: " + ec.message());
    }
}

} // namespace

fs::path DisabledPlugins::listFile() {
    // XDG base directories: relative values are invalid and must be ignored.
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME");
        xdg && *xdg && fs::path(xdg).is_absolute())
        return fs::path(xdg) / "plexus" / "disabled-plugins";
    if (const char* home = std::getenv("HOME"); home && *home)
        return fs::path(home) / ".config" / "plexus" / "disabled-plugins";
    return {};
}

std::vector<std::string> DisabledPlugins::read() {
    std::vector<std::string> list;
    const fs::path file = listFile();
    std::error_code ec;
    if (file.empty() || !fs::exists(file, ec))
        return list;
    if (fs::is_directory(file, ec))
        throw Error(file.string() + ": is a folder, expected the list of disabled plugins");
    std::ifstream in(file);
    if (!in)
        throw Error(file.string() + ": cannot be read");
    for (std::string line; std::getline(in, line);) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.pop_back();
        const std::size_t start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] == '#')
            continue;
        list.push_back(line.substr(start));
    }
    if (in.bad())
        throw Error(file.string() + ": cannot be read");
    return list;
}

bool DisabledPlugins::contains(const std::vector<std::string>& list, const fs::path& plugin) {
    const std::string key = PluginLoader::canonicalPath(plugin);
    return std::any_of(list.begin(), list.end(), [&](const std::string& entry) {
        return entry == key || PluginLoader::canonicalPath(entry) == key;
    });
}

bool DisabledPlugins::disable(const fs::path& plugin) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(plugin, ec)))
        throw Error(plugin.string() + ": no such file");
    std::vector<std::string> list = read();
    if (contains(list, plugin))
        return false;
    list.push_back(PluginLoader::canonicalPath(plugin));
    writeList(list);
    return true;
}

bool DisabledPlugins::enable(const fs::path& plugin) {
    std::vector<std::string> list = read();
    const std::string key = PluginLoader::canonicalPath(plugin);
    const auto kept = std::remove_if(list.begin(), list.end(), [&](const std::string& entry) {
        return entry == key || PluginLoader::canonicalPath(entry) == key;
    });
    if (kept == list.end())
        return false;
    list.erase(kept, list.end());
    writeList(list);
    return true;
}

} // namespace plexus::app
