# Fails when a folder inside core/ includes a folder it must not: the folders are layers.
#
#   cmake -DPLEXUS_CORE_DIR=<repository>/core -P CheckCoreLayers.cmake
#
# Modules: plexus/core at the root; plexus/analysis and plexus/geometry each build on plexus/core
# only, never on each other. Inside each module the rooms are layered too; a room may include
# itself and the rooms listed after it (sources: src/<module>/<room>, headers:
# include/plexus/<module>/<room>):
#   core/base          (nothing)
#   core/model         base
#   core/engine        base model
#   core/plugin        base model engine
#   core/record        base model engine
#   core/connectivity  base model engine
#   core/project       base model engine connectivity
#   core/build         every core room
#   geometry/io        core
#   geometry/surface   core io
#   geometry/probes    core io surface
#   geometry/vessels   core io surface probes
#   geometry/placement core and every geometry room
#   analysis           core
# Commented-out includes (// #include ...) are ignored.
cmake_minimum_required(VERSION 3.25)

if(NOT PLEXUS_CORE_DIR OR NOT IS_DIRECTORY "${PLEXUS_CORE_DIR}/src")
    message(FATAL_ERROR "PLEXUS_CORE_DIR must name the core/ folder (got \"${PLEXUS_CORE_DIR}\")")
endif()

set(core_rooms base model engine plugin record connectivity project build)
set(geometry_rooms io surface probes vessels placement)
set(allowed_core_base "")
set(allowed_core_model base)
set(allowed_core_engine base model)
set(allowed_core_plugin base model engine)
set(allowed_core_record base model engine)
set(allowed_core_connectivity base model engine)
set(allowed_core_project base model engine connectivity)
set(allowed_core_build ${core_rooms})
set(allowed_geometry_io "")
set(allowed_geometry_surface io)
set(allowed_geometry_probes io surface)
set(allowed_geometry_vessels io surface probes)
set(allowed_geometry_placement ${geometry_rooms})

set(include_line "^[ \t]*#[ \t]*include[ \t]*[<\"]")
set(violations "")
set(file_count 0)

# check_files(MODULE ROOM ALLOWED_MODULES ALLOWED_ROOMS FILES...): every include of
# plexus/<module>/<room>/ (and, for private headers, "<module>/<room>/" spelled from src/) must
# name an allowed module and, inside the file's own module, an allowed room.
function(check_files module room allowed_modules allowed_rooms)
    list(LENGTH ARGN checked)
    math(EXPR total "${file_count} + ${checked}")
    set(file_count ${total} PARENT_SCOPE)
    foreach(file IN LISTS ARGN)
        file(STRINGS "${file}" lines REGEX "${include_line}")
        foreach(line IN LISTS lines)
            set(target_module "")
            set(target_room "")
            if(line MATCHES "${include_line}plexus/([a-z]+)/([a-z]+)/")
                set(target_module "${CMAKE_MATCH_1}")
                set(target_room "${CMAKE_MATCH_2}")
            elseif(line MATCHES "${include_line}plexus/([a-z]+)/")
                set(target_module "${CMAKE_MATCH_1}")
            elseif(line MATCHES "${include_line}geometry/([a-z]+)/")
                set(target_module geometry)
                set(target_room "${CMAKE_MATCH_1}")
            endif()
            if(target_module STREQUAL "")
                continue()
            endif()
            set(reason "")
            if(NOT target_module STREQUAL module AND NOT target_module IN_LIST allowed_modules)
                set(reason "${module} must not include plexus/${target_module}/")
            elseif(target_module STREQUAL module AND NOT room STREQUAL ""
                   AND NOT target_room STREQUAL room AND NOT target_room IN_LIST allowed_rooms)
                set(reason "${module}/${room} must not include ${module}/${target_room}/")
            endif()
            if(reason)
                file(RELATIVE_PATH relative "${PLEXUS_CORE_DIR}" "${file}")
                string(STRIP "${line}" line)
                string(APPEND violations "  ${relative}: ${line} (${reason})\n")
            endif()
        endforeach()
    endforeach()
    set(violations "${violations}" PARENT_SCOPE)
endfunction()

# Every source and header must sit in a room: a file directly under a module folder is reported.
file(GLOB strays LIST_DIRECTORIES false
    "${PLEXUS_CORE_DIR}/src/*" "${PLEXUS_CORE_DIR}/src/geometry/*"
    "${PLEXUS_CORE_DIR}/include/plexus/core/*" "${PLEXUS_CORE_DIR}/include/plexus/geometry/*")
foreach(stray IN LISTS strays)
    file(RELATIVE_PATH relative "${PLEXUS_CORE_DIR}" "${stray}")
    string(APPEND violations "  ${relative}: not inside a room folder\n")
endforeach()

foreach(room IN LISTS core_rooms)
    file(GLOB_RECURSE files LIST_DIRECTORIES false
        "${PLEXUS_CORE_DIR}/src/${room}/*" "${PLEXUS_CORE_DIR}/include/plexus/core/${room}/*")
    check_files(core ${room} "" "${allowed_core_${room}}" ${files})
endforeach()
foreach(room IN LISTS geometry_rooms)
    file(GLOB_RECURSE files LIST_DIRECTORIES false
        "${PLEXUS_CORE_DIR}/src/geometry/${room}/*"
        "${PLEXUS_CORE_DIR}/include/plexus/geometry/${room}/*")
    check_files(geometry ${room} core "${allowed_geometry_${room}}" ${files})
endforeach()
file(GLOB_RECURSE files LIST_DIRECTORIES false
    "${PLEXUS_CORE_DIR}/src/analysis/*" "${PLEXUS_CORE_DIR}/include/plexus/analysis/*")
check_files(analysis "" core "" ${files})

# Rooms this check does not know are reported, so a new folder gets its place in the order.
file(GLOB room_dirs LIST_DIRECTORIES true "${PLEXUS_CORE_DIR}/src/*" "${PLEXUS_CORE_DIR}/src/geometry/*")
foreach(dir IN LISTS room_dirs)
    if(NOT IS_DIRECTORY "${dir}")
        continue()
    endif()
    get_filename_component(name "${dir}" NAME)
    get_filename_component(parent "${dir}" DIRECTORY)
    get_filename_component(parent "${parent}" NAME)
    if(parent STREQUAL "geometry")
        set(known ${geometry_rooms})
    else()
        set(known ${core_rooms} analysis geometry)
    endif()
    if(NOT name IN_LIST known)
        file(RELATIVE_PATH relative "${PLEXUS_CORE_DIR}" "${dir}")
        string(APPEND violations "  ${relative}/: a room without a place in the layering\n")
    endif()
endforeach()

if(violations)
    message(FATAL_ERROR
        "core/ is layered (see tests/CheckCoreLayers.cmake for the order), "
        "but these files go against it:\n${violations}")
endif()
message(STATUS "core_layers_are_a_tree: ${file_count} files checked, no include against the layering")
