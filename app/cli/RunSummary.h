#pragma once

#include "plexus/core/engine/Network.h"
#include "plexus/core/engine/Simulator.h"

#include <nlohmann/json.hpp>
#include <string>

namespace plexus::app {

/// The JSON summary printed by `plexus-cli run` and `plexus-cli bench`.
class RunSummary {
public:
    /// Timing of a run, in seconds.
    struct Timing {
        double buildS = 0.0;
        double simS = 0.0;
        double durationS = 0.0;
    };

    /// Populations (name, n, spikes, rate_hz, cv_isi), synapses, syn_events, build_s, sim_s,
    /// rtf, peak_rss_mb and run settings.
    static nlohmann::json make(const std::string& name, const core::Network& network,
                               const core::Simulator& simulator, const Timing& timing);
    /// Peak resident memory of this process so far, in MB.
    static double peakRssMb();
};

} // namespace plexus::app
