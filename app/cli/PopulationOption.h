#pragma once

#include "plexus/analysis/SpikeTimes.h"

#include <string>
#include <vector>

namespace plexus::app {

/// `--population P,...` of the analyze commands: the spike recordings a comma-separated list
/// names, by population name or by recording name (`spikes_<population>`).
class PopulationOption {
public:
    /// The recordings of @p spikes that @p list names, in the list's order. Throws core::Error
    /// naming the option and the known recordings for a name that is not there, and when the
    /// list names none.
    static std::vector<analysis::SpikeTimes> choose(const std::vector<analysis::SpikeTimes>& spikes,
                                                    const std::string& list);
};

} // namespace plexus::app
