#pragma once

#include <string>

namespace plexus::core {

/// One library (or the compiler) and the version this Plexus runs with, e.g. {"HDF5", "1.10.8"}.
struct LibraryVersion {
    std::string name;    ///< e.g. "HDF5", "Eigen", "nlohmann-json", "GCC"
    std::string version; ///< e.g. "1.10.8"

    /// "<name> <version>", e.g. "HDF5 1.10.8".
    std::string line() const { return name + " " + version; }
};

} // namespace plexus::core
