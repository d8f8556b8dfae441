#[[
plexus_add_plugin(<target> SOURCES <src>...)

Makes <target> a Plexus model plugin: a MODULE library named <target>.so (no "lib" prefix),
compiled as C++20 against Plexus::PluginApi, with hidden visibility so that it exports only
plexus_plugin_descriptor (PLEXUS_DEFINE_PLUGIN). It links nothing of Plexus: the program that
loads it provides the core's functions.

The Plexus loader accepts a plugin only when its ABI tag (PLEXUS_PLUGIN_ABI_TAG: compiler family
and major version, standard library) equals its own, so configuring a plugin with another
compiler id or major version than Plexus was built with stops here, naming both.

Part of the Plexus CMake package (find_package(Plexus CONFIG)) and of the Plexus build tree.
#]]
function(plexus_add_plugin target)
    cmake_parse_arguments(PARSE_ARGV 1 ARG "" "" "SOURCES")
    if(NOT ARG_SOURCES)
        message(FATAL_ERROR "plexus_add_plugin(${target}): SOURCES is required")
    endif()
    if(ARG_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR
            "plexus_add_plugin(${target}): unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT TARGET Plexus::PluginApi)
        message(FATAL_ERROR "plexus_add_plugin(${target}): call find_package(Plexus CONFIG) first")
    endif()

    get_target_property(plexus_compiler Plexus::PluginApi PLEXUS_PLUGIN_ABI_COMPILER)
    string(REGEX MATCH "^[0-9]+" plugin_compiler_major "${CMAKE_CXX_COMPILER_VERSION}")
    set(plugin_compiler "${CMAKE_CXX_COMPILER_ID} ${plugin_compiler_major}")
    if(NOT plugin_compiler STREQUAL plexus_compiler)
        message(FATAL_ERROR
            "plexus_add_plugin(${target}): this plugin would be compiled with "
            "${plugin_compiler} (${CMAKE_CXX_COMPILER}), but Plexus was built with "
            "${plexus_compiler}: Plexus would refuse to load it (ABI tag); configure with "
            "-DCMAKE_CXX_COMPILER=<the ${plexus_compiler} compiler> in a fresh build folder")
    endif()

    add_library(${target} MODULE ${ARG_SOURCES})
    target_link_libraries(${target} PRIVATE Plexus::PluginApi)
    target_compile_features(${target} PRIVATE cxx_std_20)
    set_target_properties(${target} PROPERTIES
        PREFIX ""                        # <target>.so
        CXX_EXTENSIONS OFF
        CXX_VISIBILITY_PRESET hidden     # export only plexus_plugin_descriptor
        VISIBILITY_INLINES_HIDDEN ON)
endfunction()
