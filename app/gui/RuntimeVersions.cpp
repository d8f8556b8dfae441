#include "RuntimeVersions.h"

#include "plexus/core/build/BuildInfo.h"
#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <vtkVersion.h>

namespace plexus::app {

std::vector<core::LibraryVersion> RuntimeVersions::guiLibraries() {
    return {{"Qt", qVersion()},
            {"VTK", vtkVersion::GetVTKVersion()},
            {"QCustomPlot", QCUSTOMPLOT_VERSION_STR}};
}

std::vector<core::LibraryVersion> RuntimeVersions::allLibraries() {
    std::vector<core::LibraryVersion> libraries = guiLibraries();
    for (core::LibraryVersion& library : core::BuildInfo::libraries())
        libraries.push_back(std::move(library));
    return libraries;
}

QString RuntimeVersions::versionText() {
    QString text;
    for (const std::string& line : core::BuildInfo::versionLines("plexus", guiLibraries()))
        text += QString::fromStdString(line) + QLatin1Char('\n');
    return text;
}

} // namespace plexus::app
