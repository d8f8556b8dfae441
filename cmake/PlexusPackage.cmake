# The Debian package (scripts/package.sh runs `cpack -G DEB` in the build folder). Depends is
# computed by dpkg-shlibdeps from the libraries the programs link, never typed by hand.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "plexus")
set(CPACK_PACKAGE_VENDOR "The Plexus developers")
set(CPACK_PACKAGE_CONTACT "The Plexus developers <plexus@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "interactive desktop neural-dynamics workbench")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "plexus")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

# The plugin API version (cmake/PlexusSdk.cmake reads it from PluginApi.h) and the compiler part
# of the ABI tag, spelt as Debian package names allow.
set(PLEXUS_PLUGIN_API_VERSION "${Plexus_PLUGIN_API_VERSION}")
string(REGEX MATCH "^[0-9]+" plexus_compiler_major "${CMAKE_CXX_COMPILER_VERSION}")
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    set(PLEXUS_PLUGIN_ABI "gcc-${plexus_compiler_major}-libstdcxx")
elseif(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    set(PLEXUS_PLUGIN_ABI "clang-${plexus_compiler_major}")
else()
    set(PLEXUS_PLUGIN_ABI "${CMAKE_CXX_COMPILER_ID}-${plexus_compiler_major}")
endif()
string(TOLOWER "${PLEXUS_PLUGIN_ABI}" PLEXUS_PLUGIN_ABI)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# Plugins ask for the API they were written against: `Depends: plexus-plugin-api-1`, and for
# compiled plugins also the ABI (`plexus-plugin-abi-gcc-12-libstdcxx`).
set(CPACK_DEBIAN_PACKAGE_PROVIDES
    "plexus-plugin-api-${PLEXUS_PLUGIN_API_VERSION}, plexus-plugin-abi-${PLEXUS_PLUGIN_ABI}")
# The long description (CPack puts the summary above it and indents each line).
string(JOIN "\n" CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Plexus builds spiking and rate neural circuits in a graph editor, simulates"
    "them live (raster, membrane and rate plots), shows them on 3-D cortical"
    "geometry with electrodes, analyses trajectory geometry and representational"
    "similarity, and exports publication figures. plexus-cli runs, benchmarks"
    "and analyses the same projects without a window."
    "."
    "The package also holds the plugin SDK (headers and the CMake package"
    "Plexus) for model plugins: plugin API ${PLEXUS_PLUGIN_API_VERSION},"
    "ABI ${PLEXUS_PLUGIN_ABI}.")

include(CPack)
