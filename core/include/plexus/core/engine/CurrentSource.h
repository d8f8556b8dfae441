#pragma once

#include "plexus/core/engine/StepContext.h"

#include <cstddef>
#include <cstdint>

namespace plexus::core {

/// A running current stimulus: adds its current for one step to the targets' input.
class CurrentSource {
public:
    virtual ~CurrentSource() = default;
    /// Add this step's current to `input[targets[k]]` for k < count. Called once per step for
    /// every thread slice of the target population, concurrently for different slices: state
    /// kept per target neuron (indexed by neuron) needs no locking.
    virtual void inject(const StepContext& ctx, float* input, const std::int32_t* targets,
                        std::size_t count) = 0;
};

} // namespace plexus::core
