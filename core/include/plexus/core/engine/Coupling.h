#pragma once

namespace plexus::core {

/// How a projection transmits.
enum class Coupling {
    Spike, ///< spikes delivered through weights (with optional SynapseDynamics)
    Rate,  ///< every step, target input += w * r_source (the source's "r" at the previous step)
    Gap,   ///< every step, target current += g * (v_source - v_target) (electrical synapse)
};

} // namespace plexus::core
