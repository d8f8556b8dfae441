#pragma once

#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/DerivedValue.h"
#include "plexus/core/model/ModelInfo.h"
#include "plexus/core/plugin/GroupSetup.h"

#include <memory>
#include <vector>

namespace plexus::core {

/// A neuron model or spike source: describes itself and creates population instances.
class NeuronModel {
public:
    virtual ~NeuronModel() = default;
    /// Self-description (parameters, state, receptors, documentation).
    virtual const ModelInfo& info() const = 0;
    /// Values derived from `params` at step `dtMs` (default: none).
    virtual std::vector<DerivedValue> derivedValues(const ParameterSet& params, double dtMs) const {
        (void)params;
        (void)dtMs;
        return {};
    }
    /// A new population instance with default initial state. May throw Error for invalid setup.
    virtual std::unique_ptr<NeuronGroup> createGroup(const GroupSetup& setup) const = 0;
};

} // namespace plexus::core
