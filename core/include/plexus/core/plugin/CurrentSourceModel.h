#pragma once

#include "plexus/core/engine/CurrentSource.h"
#include "plexus/core/model/ModelInfo.h"
#include "plexus/core/plugin/GroupSetup.h"

#include <memory>

namespace plexus::core {

/// A current stimulus model (DC, step, ...): describes itself and creates instances.
class CurrentSourceModel {
public:
    virtual ~CurrentSourceModel() = default;
    /// Self-description.
    virtual const ModelInfo& info() const = 0;
    /// A new instance; `setup.size` is the number of targeted neurons.
    virtual std::unique_ptr<CurrentSource> createSource(const GroupSetup& setup) const = 0;
};

} // namespace plexus::core
