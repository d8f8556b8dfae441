#include "DisabledPlugins.h"

#include "PluginLoader.h"
#include "plexus/core/base/Error.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <system_error>

namespace plexus::app {

namespace {

namespace fs = std::filesystem;
using core::Error;

/// The path a line of the list names, or an empty string for a blank or comment line.
std::string entryOf(std::string line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
        line.pop_back();
    const std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#')
        return {};
    return line.substr(start);
}

/// Every line of the list file (comments included); empty when it does not exist.
std::vector<std::string> readLines() {
    std::vector<std::string> lines;
    const fs::path file = DisabledPlugins::listFile();
    std::error_code ec;
    if (file.empty() || !fs::exists(file, ec))
        return lines;
    if (fs::is_directory(file, ec))
        throw Error(file.string() + ": is a folder, expected the list of disabled plugins");
    std::ifstream in(file);
    if (!in)
        throw Error(file.string() + ": cannot be read");
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    if (in.bad())
        throw Error(file.string() + ": cannot be read");
    return lines;
}

/// True when the list entry @p entry names @p key (a canonical path).
bool names(const std::string& entry, const std::string& key) {
    return !entry.empty() && (entry == key || PluginLoader::canonicalPath(entry) == key);
}

/// Writes @p lines to the list file through a temporary file renamed into place; the user's
/// other lines and comments are kept as they were.
void writeLines(const std::vector<std::string>& lines) {
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
        for (const std::string& line : lines)
            out << line << '\n';
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
    for (const std::string& line : readLines())
        if (std::string entry = entryOf(line); !entry.empty())
            list.push_back(std::move(entry));
    return list;
}

bool DisabledPlugins::contains(const std::vector<std::string>& list, const fs::path& plugin) {
    const std::string key = PluginLoader::canonicalPath(plugin);
    return std::any_of(list.begin(), list.end(),
                       [&](const std::string& entry) { return names(entry, key); });
}

bool DisabledPlugins::disable(const fs::path& plugin) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(plugin, ec)))
        throw Error(plugin.string() + ": no such file");
    std::vector<std::string> lines = readLines();
    const std::string key = PluginLoader::canonicalPath(plugin);
    if (std::any_of(lines.begin(), lines.end(),
                    [&](const std::string& line) { return names(entryOf(line), key); }))
        return false;
    if (lines.empty())
        lines.push_back("# Plugin files that plexus and plexus-cli do not load, one per line.");
    lines.push_back(key);
    writeLines(lines);
    return true;
}

bool DisabledPlugins::enable(const fs::path& plugin) {
    std::vector<std::string> lines = readLines();
    const std::string key = PluginLoader::canonicalPath(plugin);
    const auto kept = std::remove_if(lines.begin(), lines.end(), [&](const std::string& line) {
        return names(entryOf(line), key);
    });
    if (kept == lines.end())
        return false;
    lines.erase(kept, lines.end());
    writeLines(lines);
    return true;
}

} // namespace plexus::app
