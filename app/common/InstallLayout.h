#pragma once

#include <filesystem>

namespace plexus::app {

/**
 * @brief Where a Plexus installation keeps its data and its system plugin folder, found from
 *        the running executable.
 *
 * `cmake --install` puts the programs in `<prefix>/bin`, the examples in
 * `<prefix>/share/plexus/examples` and system-wide plugins in `<prefix>/lib/.../plexus/plugins`.
 * The programs know only these folders relative to their own (compiled in from
 * cmake/PlexusInstall.cmake), so an installation can be moved to another prefix and no path of
 * the build tree is baked into them. A build tree mirrors the data folder in
 * `<build>/share/plexus`, two levels above `app/cli/plexus-cli` and `app/gui/plexus`.
 */
class InstallLayout {
public:
    /// The running executable (resolved through /proc/self/exe); empty when that fails.
    static std::filesystem::path executable();

    /// `<prefix>/share/plexus` of this installation, or `<build>/share/plexus` when running from
    /// a build tree; empty when neither exists.
    static std::filesystem::path dataFolder();

    /// The example projects: `dataFolder()/examples`; empty when there is no data folder.
    static std::filesystem::path examplesFolder();

    /// The system plugin folder `<prefix>/lib/.../plexus/plugins` of this installation (it may
    /// not exist; a build tree has none, so the result is empty there).
    static std::filesystem::path systemPluginFolder();

    /// The documentation of this installation (`<prefix>/share/doc/plexus`: README, LICENSE,
    /// docs); empty in a build tree.
    static std::filesystem::path documentationFolder();

    /// True when the executable runs from an installation (its bin folder holds it and the data
    /// folder is where the install rules put it), false in a build tree.
    static bool installed();
};

} // namespace plexus::app
