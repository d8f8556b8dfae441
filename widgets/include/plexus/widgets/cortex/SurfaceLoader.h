#pragma once

#include "plexus/geometry/surface/SurfaceMesh.h"

#include <QString>
#include <QStringList>
#include <filesystem>
#include <string>
#include <vector>

namespace plexus::widgets {

/**
 * @brief Loads a surface file of any supported format: FreeSurfer, GIfTI, OBJ, PLY and STL
 * through the core readers (geometry::SurfaceFile), legacy VTK (.vtk) and VTK XML PolyData
 * (.vtp) through VTK's readers.
 *
 * Polygons are triangulated; VTK point-data arrays with one component become scalars; the
 * standard scalars "curv" and "sulc" are computed when the file has none.
 */
class SurfaceLoader {
public:
    /// Reads @p path; throws core::Error naming the file when it cannot be used. Problems that
    /// do not prevent loading (an unusable companion file) are appended to @p warnings.
    static geometry::SurfaceMesh load(const QString& path, QStringList* warnings = nullptr);

    /// load() in the form of a geometry::ProjectGeometry::Reader (the window's reader of a
    /// project's cortex files).
    static geometry::SurfaceMesh read(const std::filesystem::path& path,
                                      std::vector<std::string>* warnings);

    /// Reads a .vtk or .vtp file through VTK; throws core::Error naming the file.
    static geometry::SurfaceMesh loadVtk(const QString& path);

    /// File-dialog filter for every readable format.
    static QString fileDialogFilter();
};

} // namespace plexus::widgets
