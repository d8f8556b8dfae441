# Fails when a test source under PLEXUS_CHECK_DIR names an absolute path in /tmp or /var/tmp.
#
#   cmake -DPLEXUS_CHECK_DIR=<dir> -P CheckTestsUseTemporaryFolders.cmake
#
# Tests run on fresh machines: a folder such as /tmp/name that exists where a test was written
# is missing on the next machine, and two runs at once would share it. Every test writes inside
# its own QTemporaryDir (or through TestArtifacts.h). Checked: C++ sources and headers, Python,
# shell and CMake files (this script excepted), fixtures that hold paths.
cmake_minimum_required(VERSION 3.25)

if(NOT PLEXUS_CHECK_DIR)
    message(FATAL_ERROR "PLEXUS_CHECK_DIR is not set")
endif()
if(NOT IS_DIRECTORY "${PLEXUS_CHECK_DIR}")
    message(FATAL_ERROR "${PLEXUS_CHECK_DIR} is not a directory")
endif()

file(GLOB_RECURSE files LIST_DIRECTORIES false
    "${PLEXUS_CHECK_DIR}/*.cpp" "${PLEXUS_CHECK_DIR}/*.h" "${PLEXUS_CHECK_DIR}/*.py"
    "${PLEXUS_CHECK_DIR}/*.sh" "${PLEXUS_CHECK_DIR}/*.cmake" "${PLEXUS_CHECK_DIR}/*.json"
    "${PLEXUS_CHECK_DIR}/CMakeLists.txt")
list(LENGTH files file_count)

# "/tmp" or "/var/tmp" right after a quote, a space, '=' or a line start, followed by '/' or
# the end of the string: an absolute path, not a word such as "tmp" in a name. Also the system's
# shared temporary folder itself (QDir::temp(), QDir::tempPath(), temp_directory_path()): a file
# put there under a fixed name is shared by every run on the machine.
set(fixed_path "((^|[\"' =(])(/var)?/tmp(/|[\"' )]|$))|QDir::temp(Path)?\\(\\)|temp_directory_path\\(\\)")

set(violations "")
foreach(file IN LISTS files)
    if(file STREQUAL CMAKE_CURRENT_LIST_FILE)
        continue()
    endif()
    # One list entry per line: characters that CMake lists treat specially are masked first.
    file(READ "${file}" text)
    string(REPLACE ";" "<semicolon>" text "${text}")
    string(REPLACE "[" "<bracket>" text "${text}")
    string(REPLACE "]" "</bracket>" text "${text}")
    string(REPLACE "\\" "<backslash>" text "${text}")
    string(REPLACE "\n" ";" lines "${text}")
    set(line_number 0)
    foreach(line IN LISTS lines)
        math(EXPR line_number "${line_number} + 1")
        if(line MATCHES "${fixed_path}")
            file(RELATIVE_PATH relative "${PLEXUS_CHECK_DIR}" "${file}")
            string(STRIP "${line}" line)
            string(REPLACE "<semicolon>" ";" line "${line}")
            string(REPLACE "<bracket>" "[" line "${line}")
            string(REPLACE "</bracket>" "]" line "${line}")
            string(REPLACE "<backslash>" "\\" line "${line}")
            string(APPEND violations "  ${relative}:${line_number}: ${line}\n")
        endif()
    endforeach()
endforeach()

if(violations)
    message(FATAL_ERROR
        "tests must write only inside a QTemporaryDir (or TestArtifacts.h), but these lines "
        "name a fixed path under /tmp:\n${violations}")
endif()
message(STATUS "tests_use_temporary_folders: ${file_count} files checked, no fixed /tmp paths")
