#pragma once

#include "plexus/core/engine/TrialWindow.h"
#include "plexus/core/project/ProjectSpec.h"
#include "plexus/core/project/ProtocolSpec.h"

#include <string>
#include <vector>

namespace plexus::core {

/// A protocol expanded into its trials in time order. Every trial is followed by the
/// inter-trial interval; trial k starts at k x (trialMs + itiMs).
class TrialSchedule {
public:
    /// Expand `protocol`: blocked (all trials of condition 0, then 1, ...), interleaved
    /// (0, 1, 2, 0, 1, 2, ...) or random (a shuffle seeded by protocol.seed: same seed, same
    /// order). Throws Error for an unknown order.
    static TrialSchedule expand(const ProtocolSpec& protocol);

    /// The trials in time order.
    const std::vector<TrialWindow>& trials() const { return m_trials; }
    /// Names of the conditions (index = TrialWindow::condition).
    const std::vector<std::string>& conditionNames() const { return m_conditionNames; }
    /// Length of the whole schedule in ms (the last ITI included).
    double totalMs() const { return m_totalMs; }

    /// Run length of a project in seconds: its protocol's schedule when it has one, else
    /// simulation.duration_s.
    static double runLengthS(const ProjectSpec& project);

private:
    std::vector<TrialWindow> m_trials;
    std::vector<std::string> m_conditionNames;
    double m_totalMs = 0.0;
};

} // namespace plexus::core
