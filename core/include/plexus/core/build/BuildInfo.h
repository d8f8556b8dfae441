#pragma once

#include "plexus/core/build/LibraryVersion.h"

#include <string>
#include <vector>

namespace plexus::core {

/**
 * @brief What this Plexus is: its version, the plugin API and C++ ABI it offers plugins, and
 *        the versions of the libraries the core runs with.
 *
 * The one source of the version report of `plexus-cli --version`, `plexus --version` and
 * Help ▸ About (which add their own libraries, e.g. Qt, through versionLines()).
 */
class BuildInfo {
public:
    /// The Plexus version, e.g. "0.1.0".
    static std::string plexusVersion();

    /// PLEXUS_PLUGIN_API_VERSION: the plugin API version plugins must be built for.
    static unsigned pluginApiVersion();

    /// PLEXUS_PLUGIN_ABI_TAG: the C++ ABI plugins must be built with, e.g.
    /// "gcc-12/libstdc++-cxx11".
    static std::string pluginAbiTag();

    /// "plugin API 1, ABI gcc-12/libstdc++-cxx11".
    static std::string pluginLine();

    /// The compiler Plexus was built with, e.g. {"GCC", "12.2.0"}.
    static LibraryVersion compiler();

    /// The HDF5 library loaded at run time (H5get_libversion), e.g. {"HDF5", "1.10.8"}.
    static LibraryVersion hdf5();

    /**
     * @brief The core's libraries, in this order: HDF5 (the version loaded at run time),
     *        Eigen and nlohmann-json (header-only: the versions compiled in), then the compiler.
     */
    static std::vector<LibraryVersion> libraries();

    /**
     * @brief The version report, one entry per line: "<program> <version>", pluginLine(), then
     *        one "<name> <version>" line for each of @p extra followed by libraries().
     * @param program  the executable's name, e.g. "plexus-cli"
     * @param extra    libraries of the executable itself (e.g. Qt), listed first
     */
    static std::vector<std::string> versionLines(const std::string& program,
                                                 const std::vector<LibraryVersion>& extra = {});
};

} // namespace plexus::core
