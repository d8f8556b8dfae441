#include "InstallLayout.h"

#include <system_error>

// The install folders relative to the folder of the programs (cmake/PlexusInstall.cmake).
#ifndef PLEXUS_RELATIVE_DATADIR
#define PLEXUS_RELATIVE_DATADIR "../share/plexus"
#endif
#ifndef PLEXUS_RELATIVE_DOCDIR
#define PLEXUS_RELATIVE_DOCDIR "../share/doc/plexus"
#endif
#ifndef PLEXUS_RELATIVE_PLUGINDIR
#define PLEXUS_RELATIVE_PLUGINDIR "../lib/plexus/plugins"
#endif

namespace plexus::app {

namespace fs = std::filesystem;

namespace {

bool isFolder(const fs::path& path) {
    std::error_code ec;
    return !path.empty() && fs::is_directory(path, ec);
}

fs::path installedDataFolder() {
    const fs::path exe = InstallLayout::executable();
    if (exe.empty())
        return {};
    return (exe.parent_path() / PLEXUS_RELATIVE_DATADIR).lexically_normal();
}

} // namespace

fs::path InstallLayout::executable() {
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : self;
}

bool InstallLayout::installed() {
    return isFolder(installedDataFolder());
}

fs::path InstallLayout::dataFolder() {
    if (const fs::path installedData = installedDataFolder(); isFolder(installedData))
        return installedData;
    const fs::path exe = executable();
    if (exe.empty())
        return {};
    // A build tree: <build>/app/{cli,gui}/<program> and <build>/share/plexus.
    const fs::path build =
        (exe.parent_path() / ".." / ".." / "share" / "plexus").lexically_normal();
    return isFolder(build) ? build : fs::path();
}

fs::path InstallLayout::examplesFolder() {
    const fs::path data = dataFolder();
    return data.empty() ? fs::path() : data / "examples";
}

fs::path InstallLayout::systemPluginFolder() {
    if (!installed())
        return {};
    return (executable().parent_path() / PLEXUS_RELATIVE_PLUGINDIR).lexically_normal();
}

fs::path InstallLayout::documentationFolder() {
    if (!installed())
        return {};
    const fs::path docs = (executable().parent_path() / PLEXUS_RELATIVE_DOCDIR).lexically_normal();
    return isFolder(docs) ? docs : fs::path();
}

} // namespace plexus::app
