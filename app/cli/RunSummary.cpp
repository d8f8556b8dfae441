#include "RunSummary.h"

#include "plexus/Version.h"
#include "plexus/core/record/SpikeStatistics.h"

#include <sys/resource.h>

namespace plexus::app {

double RunSummary::peakRssMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

nlohmann::json RunSummary::make(const std::string& name, const core::Network& net,
                                const core::Simulator& sim, const Timing& timing) {
    using nlohmann::json;
    json pops = json::array();
    const double simulatedS = sim.timeMs() * 1e-3;
    for (std::size_t p = 0; p < net.populations.size(); ++p) {
        const auto& pop = net.populations[p];
        const std::uint64_t spikes = sim.spikeCounts().empty() ? 0 : sim.spikeCounts()[p];
        json e = {{"name", pop.name},
                  {"model", pop.info->name},
                  {"n", pop.size},
                  {"spikes", spikes},
                  {"rate_hz", pop.size > 0 && simulatedS > 0
                                  ? static_cast<double>(spikes) / pop.size / simulatedS
                                  : 0.0}};
        json cv = nullptr;
        for (const auto& rec : net.spikeRecorders)
            if (rec.population == p) {
                cv = core::SpikeStatistics::meanCvIsi(rec, pop.size);
                break;
            }
        e["cv_isi"] = cv;
        if (pop.isStimulus)
            e["stimulus"] = true;
        pops.push_back(std::move(e));
    }
    return {{"name", name},
            {"plexus_version", PLEXUS_VERSION},
            {"populations", pops},
            {"neurons", net.neuronCount()},
            {"synapses", net.synapseCount()},
            {"syn_events", sim.synapticEvents()},
            {"dt_ms", net.dtMs},
            {"duration_s", simulatedS},
            {"seed", net.seed},
            {"threads", net.partitions},
            {"threads_requested", net.requestedThreads},
            {"build_s", timing.buildS},
            {"sim_s", timing.simS},
            {"rtf", simulatedS > 0 ? timing.simS / simulatedS : 0.0},
            {"peak_rss_mb", peakRssMb()}};
}

} // namespace plexus::app
