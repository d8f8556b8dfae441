#pragma once

#include <string>
#include <vector>

namespace plexus::core {

/// One trial of a run's protocol: the window [startMs, endMs), its condition and its number
/// among that condition's trials.
struct TrialWindow {
    double startMs = 0.0;
    double endMs = 0.0;
    int condition = 0; ///< index into the protocol's conditions
    int trial = 0;     ///< 0-based number among the trials of its condition
    std::string label; ///< the condition's label (or name)

    /// The trials of `trials` that a run of `durationMs` completed (ended by then).
    static std::vector<TrialWindow> completed(const std::vector<TrialWindow>& trials,
                                              double durationMs) {
        std::vector<TrialWindow> out;
        for (const TrialWindow& t : trials)
            if (t.endMs <= durationMs * (1 + 1e-12))
                out.push_back(t);
        return out;
    }

    bool operator==(const TrialWindow&) const = default;
};

} // namespace plexus::core
