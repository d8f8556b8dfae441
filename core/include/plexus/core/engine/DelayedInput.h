#pragma once

#include "plexus/core/engine/InputRing.h"

#include <cstddef>
#include <cstdint>

namespace plexus::core {

/// Where a spike emitted in one step lands after a given delay: the target population's input
/// for receptor `receptor` at step spikeStep + delay.
class DelayedInput {
public:
    DelayedInput(InputRing& ring, std::size_t receptor, std::int64_t spikeStep)
        : m_ring(ring)
        , m_receptor(receptor)
        , m_spikeStep(spikeStep) {}
    /// Input array (one float per target neuron) for arrival after `delaySteps` (>= 1 and at
    /// most the projection's maximum delay).
    float* after(int delaySteps) { return m_ring.at(m_spikeStep + delaySteps, m_receptor); }

private:
    InputRing& m_ring;
    std::size_t m_receptor;
    std::int64_t m_spikeStep;
};

} // namespace plexus::core
