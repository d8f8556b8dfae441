#pragma once

#include "plexus/core/build/LibraryVersion.h"

#include <QString>
#include <vector>

namespace plexus::app {

/**
 * @brief The versions the window runs with: its own libraries (Qt, VTK, QCustomPlot) on top of
 *        the core's (core::BuildInfo), for `plexus --version` and Help ▸ About.
 */
class RuntimeVersions {
public:
    /// Qt (qVersion(), the library loaded at run time), VTK (vtkVersion::GetVTKVersion()) and
    /// QCustomPlot (QCUSTOMPLOT_VERSION_STR, compiled in), in this order.
    static std::vector<core::LibraryVersion> guiLibraries();

    /// guiLibraries() followed by core::BuildInfo::libraries().
    static std::vector<core::LibraryVersion> allLibraries();

    /// The report of `plexus --version`: "plexus <version>", the plugin API line, then one line
    /// per library of allLibraries(); lines end with '\n'.
    static QString versionText();
};

} // namespace plexus::app
