#pragma once

#include <string>

namespace plexus::core {

/// One trial of a run's protocol: the window [startMs, endMs), its condition and its number
/// among that condition's trials.
struct TrialWindow {
    double startMs = 0.0;
    double endMs = 0.0;
    int condition = 0; ///< index into the protocol's conditions
    int trial = 0;     ///< 0-based number among the trials of its condition
    std::string label; ///< the condition's label (or name)

    bool operator==(const TrialWindow&) const = default;
};

} // namespace plexus::core
