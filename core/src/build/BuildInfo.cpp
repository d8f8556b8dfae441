#include "plexus/core/build/BuildInfo.h"

#include "plexus/Version.h"
#include "plexus/core/plugin/PluginApi.h"
#include "plexus/core/record/RunArchive.h"

#include <Eigen/Core>
#include <nlohmann/json.hpp>

namespace plexus::core {

std::string BuildInfo::plexusVersion() {
    return PLEXUS_VERSION;
}

unsigned BuildInfo::pluginApiVersion() {
    return PLEXUS_PLUGIN_API_VERSION;
}

std::string BuildInfo::pluginAbiTag() {
    return PLEXUS_PLUGIN_ABI_TAG;
}

std::string BuildInfo::pluginLine() {
    return "plugin API " + std::to_string(pluginApiVersion()) + ", ABI " + pluginAbiTag();
}

LibraryVersion BuildInfo::compiler() {
#if defined(__clang__)
    return {"Clang", PLEXUS_PLUGIN_STRINGIFY(__clang_major__) "." PLEXUS_PLUGIN_STRINGIFY(
                         __clang_minor__) "." PLEXUS_PLUGIN_STRINGIFY(__clang_patchlevel__)};
#elif defined(__GNUC__)
    return {"GCC", PLEXUS_PLUGIN_STRINGIFY(__GNUC__) "." PLEXUS_PLUGIN_STRINGIFY(
                       __GNUC_MINOR__) "." PLEXUS_PLUGIN_STRINGIFY(__GNUC_PATCHLEVEL__)};
#elif defined(_MSC_VER)
    return {"MSVC", PLEXUS_PLUGIN_STRINGIFY(_MSC_FULL_VER)};
#else
    return {"compiler", "unknown"};
#endif
}

LibraryVersion BuildInfo::hdf5() {
    return {"HDF5", RunArchive::libraryVersion()};
}

std::vector<LibraryVersion> BuildInfo::libraries() {
    return {
        hdf5(),
        {"Eigen", PLEXUS_PLUGIN_STRINGIFY(EIGEN_WORLD_VERSION) "." PLEXUS_PLUGIN_STRINGIFY(
                      EIGEN_MAJOR_VERSION) "." PLEXUS_PLUGIN_STRINGIFY(EIGEN_MINOR_VERSION)},
        {"nlohmann-json",
         PLEXUS_PLUGIN_STRINGIFY(NLOHMANN_JSON_VERSION_MAJOR) "." PLEXUS_PLUGIN_STRINGIFY(
             NLOHMANN_JSON_VERSION_MINOR) "." PLEXUS_PLUGIN_STRINGIFY(NLOHMANN_JSON_VERSION_PATCH)},
        compiler()};
}

std::vector<std::string> BuildInfo::versionLines(const std::string& program,
                                                 const std::vector<LibraryVersion>& extra) {
    std::vector<std::string> lines{program + " " + plexusVersion(), pluginLine()};
    for (const LibraryVersion& library : extra)
        lines.push_back(library.line());
    for (const LibraryVersion& library : libraries())
        lines.push_back(library.line());
    return lines;
}

} // namespace plexus::core
