#pragma once

#include "plexus/analysis/RecordedRun.h"
#include "plexus/analysis/SpikeTimes.h"

#include <optional>
#include <string>
#include <vector>

namespace plexus::app {

/// `--population P,...` of the analyze commands: the spike recordings a comma-separated list
/// names, by population name or by recording name (`spikes_<population>`).
class PopulationOption {
public:
    /// What an analysis uses when no list is given.
    enum class Fallback {
        Everything, ///< every recording, stimuli included
        Network     ///< the recordings that are not stimuli
    };

    /// The recordings of @p spikes that @p list names, in the list's order. Throws core::Error
    /// naming the option (@p option, e.g. "--online") and the known recordings for a name that
    /// is not there, and when the list names none.
    static std::vector<analysis::SpikeTimes> choose(const std::vector<analysis::SpikeTimes>& spikes,
                                                    const std::string& list,
                                                    const std::string& option = "--population");
    /// The recordings of @p run that @p list names, or without a list those @p fallback gives.
    /// Throws core::Error naming the run when the fallback leaves nothing to analyse.
    static std::vector<analysis::SpikeTimes> choose(const analysis::RecordedRun& run,
                                                    const std::optional<std::string>& list,
                                                    Fallback fallback);
};

} // namespace plexus::app
