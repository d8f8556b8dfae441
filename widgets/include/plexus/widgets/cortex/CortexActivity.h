#pragma once

#include <vector>

namespace plexus::geometry {
class CortexPlacement;
} // namespace plexus::geometry

namespace plexus::widgets {

class LiveRecording;

/// Live activity of the neurons placed on the cortex (geometry::CortexPlacement).
class CortexActivity {
public:
    /**
     * @brief Spikes per placed neuron of @p placement in the last @p windowMs before the
     * recording's current step (populations matched by name; binary search on the ascending
     * spike steps).
     */
    static std::vector<float> spikeCounts(const geometry::CortexPlacement& placement,
                                          const LiveRecording& recording, double windowMs = 50.0);
};

} // namespace plexus::widgets
