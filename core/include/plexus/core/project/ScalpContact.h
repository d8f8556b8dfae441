#pragma once

#include <string>

namespace plexus::core {

/// One EEG contact of a montage: its label and position in the montage's head frame (mm,
/// origin at the head's centre).
struct ScalpContact {
    std::string label;
    double xMm = 0.0;
    double yMm = 0.0;
    double zMm = 0.0;

    bool operator==(const ScalpContact&) const = default;
};

} // namespace plexus::core
