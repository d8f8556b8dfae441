#pragma once

#include "plexus/core/engine/Coupling.h"
#include "plexus/core/engine/SynapseDynamics.h"
#include "plexus/core/model/ModelInfo.h"
#include "plexus/core/plugin/SynapseSetup.h"

#include <memory>

namespace plexus::core {

/// A synapse or plasticity model (short-term plasticity, STDP, ...): describes itself and
/// creates the dynamics of a projection. The default "static" synapse needs no model.
class SynapseModel {
public:
    virtual ~SynapseModel() = default;
    /// Self-description (kind Synapse).
    virtual const ModelInfo& info() const = 0;
    /// How the projection transmits. Rate and gap couplings are computed by the engine every
    /// step from the sources' state; their create() may return nullptr.
    virtual Coupling coupling() const { return Coupling::Spike; }
    /// New dynamics for one projection. May throw Error for an invalid setup.
    virtual std::unique_ptr<SynapseDynamics> create(const SynapseSetup& setup) const = 0;
};

} // namespace plexus::core
