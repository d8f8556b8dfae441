# The plugin SDK: what a model plugin is compiled against, in this tree and once installed.
#
# In the build tree: the INTERFACE target Plexus::PluginApi (core/include and the generated
# include folder, C++20), the variables Plexus_PLUGIN_API_VERSION, Plexus_PLUGIN_ABI_COMPILER and
# Plexus_PLUGIN_DIR, and plexus_add_plugin() (cmake/PlexusAddPlugin.cmake). The plugins the tests
# build (resources/plugin-template, tests/common/fixtures) use exactly these.
#
# Installed (`cmake --install <build> --component sdk`): the core headers and plexus/Version.h
# under ${CMAKE_INSTALL_INCLUDEDIR}/plexus, and the CMake package Plexus in
# ${PLEXUS_INSTALL_CMAKEDIR}, so that `find_package(Plexus 0.1 CONFIG)` gives the same target,
# variables and function. Every path of the package is computed from the place of its files:
# the installed tree can be moved and names neither the source nor the build tree.
include(CMakePackageConfigHelpers)

# The plugin API version is written once, in PluginApi.h; a change there reconfigures.
set(plexus_plugin_api_header "${PROJECT_SOURCE_DIR}/core/include/plexus/core/plugin/PluginApi.h")
set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             "${plexus_plugin_api_header}")
file(STRINGS "${plexus_plugin_api_header}" plexus_plugin_api_define
     REGEX "^#define PLEXUS_PLUGIN_API_VERSION [0-9]+$")
if(NOT plexus_plugin_api_define MATCHES "^#define PLEXUS_PLUGIN_API_VERSION ([0-9]+)$")
    message(FATAL_ERROR "${plexus_plugin_api_header}: no line \"#define PLEXUS_PLUGIN_API_VERSION <number>\"")
endif()
set(Plexus_PLUGIN_API_VERSION "${CMAKE_MATCH_1}")

# The part of PLEXUS_PLUGIN_ABI_TAG that CMake can see: compiler id and major version (a plugin
# built with another one is refused by the loader).
string(REGEX MATCH "^[0-9]+" plexus_compiler_major "${CMAKE_CXX_COMPILER_VERSION}")
set(Plexus_PLUGIN_ABI_COMPILER "${CMAKE_CXX_COMPILER_ID} ${plexus_compiler_major}")

if(IS_ABSOLUTE "${PLEXUS_INSTALL_PLUGINDIR}")
    set(Plexus_PLUGIN_DIR "${PLEXUS_INSTALL_PLUGINDIR}")
else()
    set(Plexus_PLUGIN_DIR "${CMAKE_INSTALL_PREFIX}/${PLEXUS_INSTALL_PLUGINDIR}")
endif()

# Plexus::PluginApi: headers only; a plugin links nothing of Plexus (the host exports the core).
add_library(plexus_plugin_api INTERFACE)
add_library(Plexus::PluginApi ALIAS plexus_plugin_api)
target_include_directories(plexus_plugin_api INTERFACE
    "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/core/include>"
    "$<BUILD_INTERFACE:${PLEXUS_GENERATED_INCLUDE_DIR}>"
    "$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>")
target_compile_features(plexus_plugin_api INTERFACE cxx_std_20)
# plexus_add_plugin() reads the compiler from the target, wherever find_package() was called.
set_target_properties(plexus_plugin_api PROPERTIES
    EXPORT_NAME PluginApi
    PLEXUS_PLUGIN_API_VERSION "${Plexus_PLUGIN_API_VERSION}"
    PLEXUS_PLUGIN_ABI_COMPILER "${Plexus_PLUGIN_ABI_COMPILER}"
    EXPORT_PROPERTIES "PLEXUS_PLUGIN_API_VERSION;PLEXUS_PLUGIN_ABI_COMPILER")

include("${CMAKE_CURRENT_LIST_DIR}/PlexusAddPlugin.cmake")

# ---------------------------------------------------------------------------
# Install rules (component `sdk`)
# ---------------------------------------------------------------------------
# Every core header: the closure of plexus/core/plugin/PluginApi.h and what a model may use
# besides (base/Error.h, base/AlignedVector.h, ...). They need no third-party header.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/core/include/plexus/core"
    DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/plexus"
    COMPONENT sdk
    FILES_MATCHING PATTERN "*.h")
install(FILES "${PLEXUS_GENERATED_INCLUDE_DIR}/plexus/Version.h"
    DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/plexus"
    COMPONENT sdk)

install(TARGETS plexus_plugin_api EXPORT PlexusTargets COMPONENT sdk)
install(EXPORT PlexusTargets
    NAMESPACE Plexus::
    FILE PlexusTargets.cmake
    DESTINATION "${PLEXUS_INSTALL_CMAKEDIR}"
    COMPONENT sdk)

set(plexus_package_dir "${PROJECT_BINARY_DIR}/generated/cmake")
configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/PlexusConfig.cmake.in"
    "${plexus_package_dir}/PlexusConfig.cmake"
    INSTALL_DESTINATION "${PLEXUS_INSTALL_CMAKEDIR}"
    PATH_VARS PLEXUS_INSTALL_PLUGINDIR
    NO_SET_AND_CHECK_MACRO)
# Plexus is 0.y: while the major version is 0 every minor release may change the plugin API,
# so a request for 0.1 accepts 0.1.z only (SameMinorVersion). Once Plexus is 1.0, SameMajorVersion
# is the rule. The package is not architecture-independent: a 64-bit Plexus loads only 64-bit
# plugins, and the version file checks that.
write_basic_package_version_file("${plexus_package_dir}/PlexusConfigVersion.cmake"
    VERSION "${PROJECT_VERSION}"
    COMPATIBILITY SameMinorVersion)
install(FILES
    "${plexus_package_dir}/PlexusConfig.cmake"
    "${plexus_package_dir}/PlexusConfigVersion.cmake"
    "${CMAKE_CURRENT_LIST_DIR}/PlexusAddPlugin.cmake"
    DESTINATION "${PLEXUS_INSTALL_CMAKEDIR}"
    COMPONENT sdk)
