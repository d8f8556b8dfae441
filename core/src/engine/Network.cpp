#include "plexus/core/engine/Network.h"

namespace plexus::core {

std::optional<std::size_t> Network::populationIndex(const std::string& name) const {
    for (std::size_t i = 0; i < populations.size(); ++i)
        if (populations[i].name == name)
            return i;
    return std::nullopt;
}

std::uint64_t Network::synapseCount() const {
    std::uint64_t n = 0;
    for (const auto& p : projections)
        n += p.matrix.numSynapses();
    return n;
}

std::uint64_t Network::neuronCount() const {
    std::uint64_t n = 0;
    for (const auto& p : populations)
        if (!p.isStimulus)
            n += p.size;
    return n;
}

} // namespace plexus::core
