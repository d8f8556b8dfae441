# Fails when any file under PLEXUS_CHECK_DIR includes a Qt, VTK or QCustomPlot header.
#
#   cmake -DPLEXUS_CHECK_DIR=<dir> -P CheckCoreIsQtFree.cmake
#
# Forbidden: <QString>, <QtCore/QString>, <QtCore>, <vtkActor.h>, <qcustomplot.h> and the same
# with quotes. Commented-out includes (// #include ...) are ignored.
cmake_minimum_required(VERSION 3.25)

if(NOT PLEXUS_CHECK_DIR)
    message(FATAL_ERROR "PLEXUS_CHECK_DIR is not set")
endif()
if(NOT IS_DIRECTORY "${PLEXUS_CHECK_DIR}")
    message(FATAL_ERROR "${PLEXUS_CHECK_DIR} is not a directory")
endif()

set(include_line "^[ \t]*#[ \t]*include[ \t]*[<\"]")
set(forbidden "${include_line}(Q[A-Za-z0-9_]+|Qt[A-Za-z0-9_]+/[^>\"]*|vtk[^>\"]*|qcustomplot\\.h)[>\"]")

file(GLOB_RECURSE files LIST_DIRECTORIES false "${PLEXUS_CHECK_DIR}/*")
list(LENGTH files file_count)

set(violations "")
foreach(file IN LISTS files)
    file(STRINGS "${file}" lines REGEX "${include_line}")
    foreach(line IN LISTS lines)
        if(line MATCHES "${forbidden}")
            file(RELATIVE_PATH relative "${PLEXUS_CHECK_DIR}" "${file}")
            string(STRIP "${line}" line)
            string(APPEND violations "  ${relative}: ${line}\n")
        endif()
    endforeach()
endforeach()

if(violations)
    message(FATAL_ERROR
        "core/ must not depend on Qt, VTK or QCustomPlot, but these files include them:\n"
        "${violations}")
endif()
message(STATUS "core_is_qt_free: ${file_count} files checked, no Qt/VTK/QCustomPlot includes")
