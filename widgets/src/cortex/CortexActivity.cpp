#include "plexus/widgets/cortex/CortexActivity.h"

#include "plexus/geometry/placement/CortexPlacement.h"
#include "plexus/widgets/live/LiveRecording.h"

#include <algorithm>
#include <cmath>

namespace plexus::widgets {

std::vector<float> CortexActivity::spikeCounts(const geometry::CortexPlacement& placement,
                                               const LiveRecording& recording, double windowMs) {
    using Population = geometry::CortexPlacement::Population;
    const std::vector<Population>& populations = placement.populations();
    std::vector<float> counts(placement.neuronCount(), 0.0f);
    const std::int64_t now = recording.currentStep();
    const auto windowSteps =
        static_cast<std::int64_t>(std::ceil(windowMs / std::max(recording.dtMs(), 1e-9)));
    const std::int64_t from = now - windowSteps;
    for (std::size_t p = 0; p < recording.populationCount(); ++p) {
        const auto& name = recording.population(p).name;
        const auto match = std::find_if(populations.begin(), populations.end(),
                                        [&](const Population& pop) { return pop.name == name; });
        if (match == populations.end()) {
            continue;
        }
        const auto& steps = recording.spikeSteps(p);
        const auto& neurons = recording.spikeNeurons(p);
        const auto begin = std::upper_bound(steps.begin(), steps.end(), from);
        for (auto it = begin; it != steps.end() && *it <= now; ++it) {
            const auto neuron = neurons[static_cast<std::size_t>(it - steps.begin())];
            if (neuron >= 0 && static_cast<std::size_t>(neuron) < match->count) {
                counts[match->first + static_cast<std::size_t>(neuron)] += 1.0f;
            }
        }
    }
    return counts;
}

} // namespace plexus::widgets
