#pragma once

#include "plexus/core/engine/TrialWindow.h"

#include <string>
#include <vector>

namespace plexus::analysis {

/// A named time window [startMs, endMs) of a run that defines one condition (or one repeat of a
/// condition: epochs that share a name are repeated trials of the same condition).
struct ConditionEpoch {
    std::string name;
    double startMs = 0.0;
    double endMs = 0.0;

    /// Length of the window in ms.
    double durationMs() const { return endMs - startMs; }

    /// Throws core::Error starting with @p where when the name is empty or a bound is not
    /// finite or the end is not after the start.
    void check(const std::string& where) const;

    /// Parse a comma-separated list of `name:start-end` items (times in ms), e.g.
    /// "left:0-500,right:500-1000,left:1000-1500". Throws core::Error naming the item that is
    /// malformed, has a non-finite bound or an end not after its start.
    static std::vector<ConditionEpoch> parseList(const std::string& text);
    /// One epoch per protocol trial (e.g. RunRecord::trials), named after the trial's condition
    /// in `conditionNames` (its label when the index has no name), in the trials' order.
    static std::vector<ConditionEpoch> fromTrials(const std::vector<core::TrialWindow>& trials,
                                                  const std::vector<std::string>& conditionNames);
};

} // namespace plexus::analysis
