#pragma once

#include "plexus/core/build/BuildOptions.h"
#include "plexus/core/engine/Network.h"
#include "plexus/core/plugin/ModelRegistry.h"
#include "plexus/core/project/ProjectSpec.h"

#include <memory>

namespace plexus::core {

/// Turns a project into a runnable Network using the models of a registry.
/// Every problem (unknown model, bad parameter, dangling reference) throws Error naming the
/// place in the project, e.g. `populations[1].params.tau_m: ...`, after BuildOptions::origin
/// (the project file) when that is set.
class NetworkBuilder {
public:
    /// Build the network. Deterministic for a given project, seed and registry.
    static std::unique_ptr<Network> build(const ProjectSpec& project, const ModelRegistry& registry,
                                          const BuildOptions& options = {});
};

} // namespace plexus::core
