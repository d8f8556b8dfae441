#pragma once

#include <limits>
#include <string>

namespace plexus::core {

/// Describes one user-set model parameter. The GUI builds forms, validation, tooltips and file
/// I/O from this descriptor alone.
struct ParameterDescriptor {
    std::string key;   ///< identifier used in project files, e.g. "tau_m"
    std::string label; ///< human-readable name, e.g. "Membrane time constant"
    std::string unit;  ///< e.g. "ms", "mV", "nS", "Hz", "" for dimensionless
    double defaultValue = 0.0;
    double minValue = -std::numeric_limits<double>::infinity();
    double maxValue = std::numeric_limits<double>::infinity();
    std::string doc; ///< one or two sentences shown as help
};

} // namespace plexus::core
