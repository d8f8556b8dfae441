# Fails when the layers inside core/ include each other against their order.
#
#   cmake -DPLEXUS_CORE_DIR=<repository>/core -P CheckCoreLayers.cmake
#
# The layering is a tree with plexus::core at its root:
#   - core      (core/src/*.cpp|h, core/include/plexus/core)     includes only plexus/core/;
#   - analysis  (core/src/analysis, core/include/plexus/analysis) may include plexus/core/,
#               never plexus/geometry/;
#   - geometry  (core/src/geometry, core/include/plexus/geometry) may include plexus/core/,
#               never plexus/analysis/.
# So core never includes plexus/analysis/ or plexus/geometry/, and the two branches never include
# each other. Commented-out includes (// #include ...) are ignored.
cmake_minimum_required(VERSION 3.25)

if(NOT PLEXUS_CORE_DIR OR NOT IS_DIRECTORY "${PLEXUS_CORE_DIR}/src")
    message(FATAL_ERROR "PLEXUS_CORE_DIR must name the core/ folder (got \"${PLEXUS_CORE_DIR}\")")
endif()

set(include_line "^[ \t]*#[ \t]*include[ \t]*[<\"]")
set(violations "")
set(file_count 0)

# check_layer(NAME FORBIDDEN_REGEX FILES...)
function(check_layer name forbidden)
    list(LENGTH ARGN checked)
    math(EXPR total "${file_count} + ${checked}")
    set(file_count ${total} PARENT_SCOPE)
    foreach(file IN LISTS ARGN)
        file(STRINGS "${file}" lines REGEX "${include_line}")
        foreach(line IN LISTS lines)
            if(line MATCHES "${include_line}plexus/(${forbidden})/")
                file(RELATIVE_PATH relative "${PLEXUS_CORE_DIR}" "${file}")
                string(STRIP "${line}" line)
                string(APPEND violations
                    "  ${relative}: ${line} (${name} must not include plexus/${CMAKE_MATCH_1}/)\n")
            endif()
        endforeach()
    endforeach()
    set(violations "${violations}" PARENT_SCOPE)
endfunction()

file(GLOB core_files LIST_DIRECTORIES false
    "${PLEXUS_CORE_DIR}/src/*.cpp" "${PLEXUS_CORE_DIR}/src/*.h")
file(GLOB_RECURSE core_headers LIST_DIRECTORIES false "${PLEXUS_CORE_DIR}/include/plexus/core/*")
file(GLOB_RECURSE analysis_files LIST_DIRECTORIES false
    "${PLEXUS_CORE_DIR}/src/analysis/*" "${PLEXUS_CORE_DIR}/include/plexus/analysis/*")
file(GLOB_RECURSE geometry_files LIST_DIRECTORIES false
    "${PLEXUS_CORE_DIR}/src/geometry/*" "${PLEXUS_CORE_DIR}/include/plexus/geometry/*")

check_layer(core "analysis|geometry" ${core_files} ${core_headers})
check_layer(analysis "geometry" ${analysis_files})
check_layer(geometry "analysis" ${geometry_files})

if(violations)
    message(FATAL_ERROR
        "core/ is layered as a tree (core at the root; analysis and geometry each on core only), "
        "but these includes go against it:\n${violations}")
endif()
message(STATUS "core_layers_are_a_tree: ${file_count} files checked, no include against the layering")
