# Fails when a C++ source or header of the tree differs from what clang-format makes of it
# (the repository's .clang-format). Run by ctest as `sources_are_formatted`.
#   cmake -DPLEXUS_SOURCE_DIR=<repository> -DPLEXUS_CLANG_FORMAT=<clang-format> -P CheckSourcesFormatted.cmake
if(NOT PLEXUS_SOURCE_DIR OR NOT PLEXUS_CLANG_FORMAT)
    message(FATAL_ERROR "set PLEXUS_SOURCE_DIR and PLEXUS_CLANG_FORMAT")
endif()
set(files)
foreach(folder app core plugins widgets tests resources)
    file(GLOB_RECURSE found LIST_DIRECTORIES false
        "${PLEXUS_SOURCE_DIR}/${folder}/*.cpp" "${PLEXUS_SOURCE_DIR}/${folder}/*.h")
    list(APPEND files ${found})
endforeach()
list(LENGTH files count)
if(count EQUAL 0)
    message(FATAL_ERROR "no C++ files found under ${PLEXUS_SOURCE_DIR}")
endif()
set(unformatted)
foreach(file IN LISTS files)
    execute_process(COMMAND "${PLEXUS_CLANG_FORMAT}" --dry-run --Werror "${file}"
        RESULT_VARIABLE result OUTPUT_QUIET ERROR_QUIET)
    if(NOT result EQUAL 0)
        file(RELATIVE_PATH relative "${PLEXUS_SOURCE_DIR}" "${file}")
        list(APPEND unformatted "${relative}")
    endif()
endforeach()
if(unformatted)
    list(LENGTH unformatted bad)
    list(JOIN unformatted "\n  " listed)
    message(FATAL_ERROR "${bad} of ${count} files are not clang-formatted "
        "(clang-format -i FILE):\n  ${listed}")
endif()
message(STATUS "${count} files clang-formatted")
