#pragma once

#include "plexus/core/engine/StepContext.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace plexus::core {

/// A population instance of a neuron model or spike source: structure-of-arrays state updated
/// a slice at a time. One virtual call per slice and step, never per neuron.
class NeuronGroup {
public:
    virtual ~NeuronGroup() = default;

    /// Number of neurons.
    virtual std::size_t size() const = 0;

    /// Advance neurons [begin, end) by one step.
    ///
    /// `inputs[r][i]` holds what arrived at receptor r of neuron i for this step (synaptic
    /// jumps, or injected current); the group may read and modify those entries in the slice.
    /// Indices of neurons that spike are appended to `spikes` in ascending order.
    virtual void update(const StepContext& ctx, float* const* inputs, std::size_t begin,
                        std::size_t end, std::vector<std::int32_t>& spikes) = 0;

    /// True when update() sets the inputs it consumed in [begin, end) back to zero, which
    /// saves the engine a pass over the input arrays.
    virtual bool clearsInputs() const { return false; }

    /// State array that absorbs weights arriving at receptor `receptor` (a pure jump of a state
    /// variable), or nullptr. For projections with a one-step delay the engine then adds
    /// arrivals straight into it during the step, and `inputs[receptor]` is nullptr in update()
    /// unless other projections or stimuli still feed that receptor.
    virtual float* directInput(std::size_t receptor) {
        (void)receptor;
        return nullptr;
    }

    /// Per-neuron array of state variable `index` (ModelInfo::stateVariables order), or nullptr.
    virtual float* state(std::size_t index) = 0;
    /// Copy dynamic state that is not a declared state variable (e.g. refractory countdowns)
    /// from `previous`, a group of the same model, when a running network is rebuilt after an
    /// edit (NetworkStateTransfer). Declared state variables are copied by the caller.
    virtual void carryHiddenState(const NeuronGroup& previous) { (void)previous; }
};

} // namespace plexus::core
