#pragma once

#include "plexus/core/build/BuildOptions.h"
#include "plexus/core/engine/Network.h"
#include "plexus/core/plugin/ModelRegistry.h"
#include "plexus/core/project/ProjectSpec.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

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
    /**
     * @brief The interventions that carry out `perturbation` on a built (possibly running)
     * network: what NetworkBuilder makes of a protocol's perturbations, and what a caller adds
     * to Network::interventions between chunks to perturb a run live.
     *
     * Times count from the start of the run; a `condition` names one of the network's
     * conditions (Network::trials). A projection perturbation also changes the projection's
     * `name@condition` copies (one intervention each). Subsets (`fraction`) and lesions are
     * seeded by the network's seed and `key` (the protocol uses the perturbation's index).
     * Throws Error naming `where` (e.g. "protocol.perturbations[2]") and the field.
     */
    static std::vector<Intervention> perturbation(const PerturbationSpec& perturbation,
                                                  const Network& network, std::uint64_t key,
                                                  const std::string& where);
};

} // namespace plexus::core
