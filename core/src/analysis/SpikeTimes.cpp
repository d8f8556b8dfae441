#include "plexus/analysis/SpikeTimes.h"

namespace plexus::analysis {

SpikeTimes SpikeTimes::fromRecorder(const core::SpikeRecorder& recorder, std::size_t size,
                                    double dtMs) {
    SpikeTimes s;
    s.name = recorder.name;
    s.size = size;
    s.timesMs.reserve(recorder.steps.size());
    for (const auto step : recorder.steps)
        s.timesMs.push_back(static_cast<double>(step) * dtMs);
    s.neurons = recorder.neurons;
    return s;
}

std::vector<SpikeTimes> SpikeTimes::fromNetwork(const core::Network& network) {
    std::vector<SpikeTimes> out;
    for (const auto& rec : network.spikeRecorders)
        out.push_back(fromRecorder(rec, network.populations.at(rec.population).size, network.dtMs));
    return out;
}

} // namespace plexus::analysis
