# The installed plugin SDK, end to end: installs only the `sdk` component of a Plexus build into a
# fresh prefix, checks that the package names neither the source nor the build tree, moves the
# prefix, builds a copy of resources/plugin-template against the moved prefix alone and loads the
# result with plexus-cli. Then the refusals: a prefix without the SDK, and a plugin compiler that
# is not the one Plexus was built with. Everything happens inside a temporary folder made here and
# removed at the end, also when a check fails.
#
#   cmake -DPLEXUS_SOURCE_DIR=... -DPLEXUS_BUILD_DIR=... -DPLEXUS_CLI=<plexus-cli>
#         -DPLEXUS_GENERATOR=... [-DPLEXUS_MAKE_PROGRAM=...]
#         -DPLEXUS_CXX_COMPILER=... [-DPLEXUS_CXX_COMPILER_LAUNCHER=...]
#         -DPLEXUS_CXX_COMPILER_ID=... -DPLEXUS_CXX_COMPILER_VERSION=...
#         -DPLEXUS_INSTALL_INCLUDEDIR=... -DPLEXUS_INSTALL_CMAKEDIR=...
#         -DPLEXUS_INSTALL_PLUGINDIR=... -P CheckPluginSdk.cmake
cmake_minimum_required(VERSION 3.25)

foreach(variable IN ITEMS PLEXUS_SOURCE_DIR PLEXUS_BUILD_DIR PLEXUS_CLI PLEXUS_GENERATOR
                          PLEXUS_CXX_COMPILER PLEXUS_CXX_COMPILER_ID PLEXUS_CXX_COMPILER_VERSION
                          PLEXUS_INSTALL_INCLUDEDIR PLEXUS_INSTALL_CMAKEDIR
                          PLEXUS_INSTALL_PLUGINDIR)
    if(NOT DEFINED ${variable} OR "${${variable}}" STREQUAL "")
        message(FATAL_ERROR "CheckPluginSdk.cmake: ${variable} is not set")
    endif()
endforeach()
if(NOT EXISTS "${PLEXUS_CLI}")
    message(FATAL_ERROR "plexus-cli is not built: ${PLEXUS_CLI}")
endif()

execute_process(COMMAND mktemp -d OUTPUT_VARIABLE work RESULT_VARIABLE status
                OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT status EQUAL 0 OR NOT IS_DIRECTORY "${work}")
    message(FATAL_ERROR "cannot make a temporary folder (mktemp -d: ${status})")
endif()
file(REAL_PATH "${work}" work)

# Removes the temporary folder, then stops with `message`.
function(fail message)
    file(REMOVE_RECURSE "${work}")
    message(FATAL_ERROR "${message}")
endfunction()

# Runs a command; its exit status and its output and error output (together, with each run of
# white space as one space: CMake wraps its messages) go to <prefix>_status and <prefix>_output.
function(run prefix)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE output
                    ERROR_VARIABLE output)
    string(REGEX REPLACE "[ \t\r\n]+" " " flat "${output}")
    set(${prefix}_status "${status}" PARENT_SCOPE)
    set(${prefix}_output "${output}" PARENT_SCOPE)
    set(${prefix}_flat "${flat}" PARENT_SCOPE)
endfunction()

# Runs a command that must succeed.
function(run_ok prefix what)
    run(step ${ARGN})
    if(NOT step_status EQUAL 0)
        fail("${what} failed (${step_status}):\n${step_output}")
    endif()
    set(${prefix}_output "${step_output}" PARENT_SCOPE)
    set(${prefix}_flat "${step_flat}" PARENT_SCOPE)
endfunction()

# The known answer: the plugin API version written in the source tree's PluginApi.h.
file(STRINGS "${PLEXUS_SOURCE_DIR}/core/include/plexus/core/plugin/PluginApi.h" api_define
     REGEX "^#define PLEXUS_PLUGIN_API_VERSION [0-9]+$")
string(REGEX REPLACE "^#define PLEXUS_PLUGIN_API_VERSION " "" api_version "${api_define}")
string(REGEX MATCH "^[0-9]+" compiler_major "${PLEXUS_CXX_COMPILER_VERSION}")
set(plexus_compiler "${PLEXUS_CXX_COMPILER_ID} ${compiler_major}")

# Only the prefix given below may provide Plexus: no system folders, environment or registry.
set(find_only_prefix
    -DCMAKE_FIND_USE_CMAKE_SYSTEM_PATH=OFF -DCMAKE_FIND_USE_SYSTEM_ENVIRONMENT_PATH=OFF
    -DCMAKE_FIND_USE_CMAKE_ENVIRONMENT_PATH=OFF -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)
# The build tool and compiler of the Plexus build (found there; the options above hide PATH).
set(compiler_options -DCMAKE_CXX_COMPILER=${PLEXUS_CXX_COMPILER})
if(PLEXUS_MAKE_PROGRAM)
    list(APPEND compiler_options -DCMAKE_MAKE_PROGRAM=${PLEXUS_MAKE_PROGRAM})
endif()
if(PLEXUS_CXX_COMPILER_LAUNCHER)
    list(APPEND compiler_options -DCMAKE_CXX_COMPILER_LAUNCHER=${PLEXUS_CXX_COMPILER_LAUNCHER})
endif()

# --- 1. Install the sdk component alone ------------------------------------------------------
set(stage "${work}/stage")
run_ok(install "cmake --install --component sdk"
       "${CMAKE_COMMAND}" --install "${PLEXUS_BUILD_DIR}" --prefix "${stage}" --component sdk)

set(include_dir "${stage}/${PLEXUS_INSTALL_INCLUDEDIR}")
set(package_dir "${stage}/${PLEXUS_INSTALL_CMAKEDIR}")
foreach(expected IN ITEMS "${include_dir}/plexus/core/plugin/PluginApi.h"
                          "${include_dir}/plexus/Version.h"
                          "${package_dir}/PlexusConfig.cmake"
                          "${package_dir}/PlexusConfigVersion.cmake")
    if(NOT EXISTS "${expected}")
        fail("the sdk component did not install ${expected}")
    endif()
endforeach()

# Every Plexus header an installed header includes is installed too.
file(GLOB_RECURSE headers "${include_dir}/plexus/*.h")
set(missing "")
foreach(header IN LISTS headers)
    file(STRINGS "${header}" includes REGEX "^#include [<\"]plexus/")
    foreach(line IN LISTS includes)
        string(REGEX REPLACE "^#include [<\"]([^>\"]+)[>\"].*" "\\1" included "${line}")
        if(NOT EXISTS "${include_dir}/${included}")
            file(RELATIVE_PATH relative "${include_dir}" "${header}")
            string(APPEND missing "  ${relative} includes ${included}\n")
        endif()
    endforeach()
endforeach()
if(missing)
    fail("installed headers include Plexus headers that are not installed:\n${missing}")
endif()

# No installed file names the source or the build tree.
file(GLOB_RECURSE installed LIST_DIRECTORIES false "${stage}/*")
list(LENGTH installed installed_count)
set(naming "")
foreach(file IN LISTS installed)
    file(READ "${file}" text)
    foreach(tree IN ITEMS "${PLEXUS_SOURCE_DIR}" "${PLEXUS_BUILD_DIR}")
        string(FIND "${text}" "${tree}" at)
        if(at GREATER_EQUAL 0)
            file(RELATIVE_PATH relative "${stage}" "${file}")
            string(APPEND naming "  ${relative} names ${tree}\n")
        endif()
    endforeach()
endforeach()
if(naming)
    fail("the installed SDK is not relocatable:\n${naming}")
endif()

# The package finds everything relative to its own place: move it before use.
set(prefix "${work}/moved")
file(RENAME "${stage}" "${prefix}")

# --- 2. Build a copy of the template against the moved prefix alone ----------------------------
set(template "${work}/template")
file(COPY "${PLEXUS_SOURCE_DIR}/resources/plugin-template/" DESTINATION "${template}"
     PATTERN "build" EXCLUDE)
set(plugin_build "${work}/template-build")
run_ok(configure "configuring the template against the installed SDK"
       "${CMAKE_COMMAND}" -E env "XDG_DATA_HOME=${work}/data" "HOME=${work}/home"
       "${CMAKE_COMMAND}" -S "${template}" -B "${plugin_build}" -G "${PLEXUS_GENERATOR}"
       -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON ${compiler_options}
       "-DCMAKE_PREFIX_PATH=${prefix}" ${find_only_prefix})
set(expected_line "plugin API ${api_version}, built with ${plexus_compiler}, system plugin folder ${prefix}/${PLEXUS_INSTALL_PLUGINDIR}")
string(FIND "${configure_flat}" "${expected_line}" at)
if(at LESS 0)
    fail("the template's configure does not say \"${expected_line}\":\n${configure_output}")
endif()
file(STRINGS "${plugin_build}/CMakeCache.txt" plexus_dir REGEX "^Plexus_DIR:")
if(NOT plexus_dir STREQUAL "Plexus_DIR:PATH=${prefix}/${PLEXUS_INSTALL_CMAKEDIR}")
    fail("the template found Plexus elsewhere than in ${prefix}: ${plexus_dir}")
endif()
file(READ "${plugin_build}/compile_commands.json" commands)
string(FIND "${commands}" "${prefix}/${PLEXUS_INSTALL_INCLUDEDIR}" at)
if(at LESS 0)
    fail("the template is not compiled with the installed headers:\n${commands}")
endif()
string(FIND "${commands}" "${PLEXUS_SOURCE_DIR}" at)
if(at GREATER_EQUAL 0)
    fail("the template's compile commands name the Plexus source tree:\n${commands}")
endif()

run_ok(build "building the template" "${CMAKE_COMMAND}" --build "${plugin_build}")
set(plugin "${plugin_build}/qif_example.so")
if(NOT EXISTS "${plugin}")
    fail("building the template made no ${plugin}:\n${build_output}")
endif()

# `cmake --install` copies it into the per-user plugin folder ($XDG_DATA_HOME/plexus/plugins).
run_ok(plugin_install "installing the template" "${CMAKE_COMMAND}" --install "${plugin_build}")
if(NOT EXISTS "${work}/data/plexus/plugins/qif_example.so")
    fail("cmake --install did not copy the plugin to \$XDG_DATA_HOME/plexus/plugins:\n${plugin_install_output}")
endif()

# --- 3. The plugin loader takes it -------------------------------------------------------------
run_ok(models "plexus-cli models --json"
       "${CMAKE_COMMAND}" -E env "PLEXUS_PLUGIN_PATH=${plugin_build}"
       "XDG_DATA_HOME=${work}/cli/data" "XDG_CONFIG_HOME=${work}/cli/config"
       "HOME=${work}/cli/home" "${PLEXUS_CLI}" models --json)
file(REAL_PATH "${plugin}" plugin_canonical)
string(JSON model_count ERROR_VARIABLE json_error LENGTH "${models_output}")
if(json_error)
    fail("plexus-cli models --json did not print a JSON list (${json_error}):\n${models_output}")
endif()
set(origin "")
math(EXPR last "${model_count} - 1")
foreach(index RANGE ${last})
    string(JSON name GET "${models_output}" ${index} name)
    if(name STREQUAL "qif_example")
        string(JSON origin GET "${models_output}" ${index} origin)
    endif()
endforeach()
if(NOT origin STREQUAL plugin_canonical)
    fail("plexus-cli models --json lists qif_example with origin \"${origin}\", not "
         "\"${plugin_canonical}\":\n${models_output}")
endif()

# --- 4. A prefix without the SDK: CMake's message and the template's line ----------------------
file(MAKE_DIRECTORY "${work}/empty")
run(missing "${CMAKE_COMMAND}" -S "${template}" -B "${work}/missing-build"
    -G "${PLEXUS_GENERATOR}" ${compiler_options} "-DCMAKE_PREFIX_PATH=${work}/empty"
    ${find_only_prefix})
if(missing_status EQUAL 0)
    fail("configuring the template without an SDK succeeded:\n${missing_output}")
endif()
foreach(expected IN ITEMS
        "Plexus plugin SDK not found: install Plexus (at least its `sdk` component) and pass -DCMAKE_PREFIX_PATH=<the Plexus install prefix>"
        "PlexusConfig.cmake")
    string(FIND "${missing_flat}" "${expected}" at)
    if(at LESS 0)
        fail("configuring the template without an SDK does not say \"${expected}\":\n${missing_output}")
    endif()
endforeach()

# --- 5. Another compiler than Plexus's: configure stops naming both ----------------------------
# A compiler of another major version, as CMake reports it to plexus_add_plugin().
set(probe "${work}/abi-probe")
file(WRITE "${probe}/probe.cpp" "#include <plexus/core/plugin/PluginApi.h>\n")
file(WRITE "${probe}/CMakeLists.txt" "cmake_minimum_required(VERSION 3.19)
project(abi_probe LANGUAGES CXX)
find_package(Plexus 0.1 CONFIG REQUIRED)
set(CMAKE_CXX_COMPILER_VERSION 999.1)
plexus_add_plugin(abi_probe SOURCES probe.cpp)
")
run(abi "${CMAKE_COMMAND}" -S "${probe}" -B "${work}/abi-probe-build" -G "${PLEXUS_GENERATOR}"
    ${compiler_options} "-DCMAKE_PREFIX_PATH=${prefix}" ${find_only_prefix})
set(expected "would be compiled with ${PLEXUS_CXX_COMPILER_ID} 999 (${PLEXUS_CXX_COMPILER}), but Plexus was built with ${plexus_compiler}")
string(FIND "${abi_flat}" "${expected}" at)
if(abi_status EQUAL 0 OR at LESS 0)
    fail("a plugin compiler of another major version is not refused with \"${expected}\" "
         "(status ${abi_status}):\n${abi_output}")
endif()
# A compiler of another family, when the machine has one.
if(PLEXUS_CXX_COMPILER_ID STREQUAL "GNU")
    find_program(other_compiler NAMES clang++)
else()
    find_program(other_compiler NAMES g++)
endif()
set(other_checked "")
if(other_compiler)
    set(other_options ${compiler_options})
    list(FILTER other_options EXCLUDE REGEX "^-DCMAKE_CXX_COMPILER")
    run(other "${CMAKE_COMMAND}" -S "${template}" -B "${work}/other-build" -G "${PLEXUS_GENERATOR}"
        ${other_options} "-DCMAKE_CXX_COMPILER=${other_compiler}" "-DCMAKE_PREFIX_PATH=${prefix}" ${find_only_prefix})
    string(FIND "${other_flat}" "but Plexus was built with ${plexus_compiler}: Plexus would refuse to load it" at)
    if(other_status EQUAL 0 OR at LESS 0)
        fail("a plugin configured with ${other_compiler} is not refused (status ${other_status}):\n${other_output}")
    endif()
    set(other_checked ", ${other_compiler} refused")
endif()

file(REMOVE_RECURSE "${work}")
message(STATUS "plugin SDK: ${installed_count} files installed, relocatable; qif_example built "
               "against them and loaded; missing SDK and another compiler major version refused${other_checked}")
