#pragma once

#include "plexus/core/build/NetworkBuilder.h"
#include "plexus/core/engine/Simulator.h"
#include "plexus/core/plugin/ModelRegistry.h"
#include "plexus/plugins/BuiltinModels.h"

#include <cmath>
#include <memory>

namespace plexus::tests {

/// A registry with the built-in models.
inline const core::ModelRegistry& builtinRegistry() {
    static const core::ModelRegistry registry = [] {
        core::ModelRegistry r;
        plugins::registerBuiltinModels(r);
        return r;
    }();
    return registry;
}

/// A built network together with its simulator.
struct Run {
    std::unique_ptr<core::Network> network;
    std::unique_ptr<core::Simulator> simulator;
};

/// Build `project` and run it for `durationMs`.
inline Run runProject(const core::ProjectSpec& project, double durationMs,
                      const core::BuildOptions& options = {}) {
    Run run;
    run.network = core::NetworkBuilder::build(project, builtinRegistry(), options);
    run.simulator = std::make_unique<core::Simulator>(*run.network);
    run.simulator->run(std::llround(durationMs / run.network->dtMs));
    run.simulator->finish();
    return run;
}

} // namespace plexus::tests
