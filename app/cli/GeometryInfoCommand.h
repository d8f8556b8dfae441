#pragma once

#include <string>
#include <vector>

namespace plexus::app {

/**
 * @brief `plexus-cli surface info FILE` and `plexus-cli montage info FILE`.
 *
 * Reads the file with the core's readers (geometry::SurfaceFile: FreeSurfer, GIfTI, OBJ, PLY,
 * STL; geometry::MontageReader: .elc, .sfp, .txt, .csd) and prints one JSON object on standard
 * output: the format, the counts (vertices and triangles, or channels and their labels) and the
 * bounds (min and max x, y, z, in the unit given). A file that cannot be read is refused with
 * core::Error, one line naming the file.
 */
class GeometryInfoCommand {
public:
    /// Runs `surface` with the arguments after it; returns the exit code.
    static int runSurface(const std::vector<std::string>& args);
    /// Runs `montage` with the arguments after it; returns the exit code.
    static int runMontage(const std::vector<std::string>& args);
};

} // namespace plexus::app
