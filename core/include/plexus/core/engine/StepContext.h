#pragma once

#include <cstdint>

namespace plexus::core {

/// Clock information handed to models for one integration step.
struct StepContext {
    std::int64_t step = 0; ///< index of the step being computed (time = step * dt)
    double dtMs = 0.1;     ///< step size
    /// Simulated time at the start of the step, in ms.
    double timeMs() const { return static_cast<double>(step) * dtMs; }
};

} // namespace plexus::core
