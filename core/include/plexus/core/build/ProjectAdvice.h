#pragma once

#include "plexus/core/project/ProjectSpec.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace plexus::core {

class Network;
class Simulator;

/**
 * @brief Explains why a project does nothing when it runs: no populations at all, or
 *        populations that nothing drives and that stay silent.
 *
 * Both front ends ask it: the window after a run has started (status bar and log) and
 * `plexus-cli run` after the run (`plexus-cli: note: ...` lines), so the advice reads the
 * same everywhere.
 *
 * A population has input when a stimulus drives it (a spike source projects into it, or a
 * current source targets it) or when a projection reaches it from an active population. Without
 * spike counts, a population is active when input reaches it from a stimulus, through any chain
 * of projections. With the spike counts of a run, a population that spiked is active, whatever
 * drives it (a bias current, intrinsic activity), and is never reported.
 */
class ProjectAdvice {
public:
    /// What an item of advice is about.
    enum class Kind {
        EmptyProject,     ///< the project has no populations
        NoInput,          ///< nothing drives the population (at most itself)
        OnlySilentInputs, ///< only populations that have no input themselves drive it
    };

    /// One problem and what to do about it.
    struct Item {
        Kind kind = Kind::EmptyProject;
        std::string element; ///< the population concerned (empty for the whole project)
        std::string message; ///< one sentence: what is wrong and what to do
    };

    /// Spike counts of a run by population (or stimulus) name.
    using SpikeCounts = std::map<std::string, std::uint64_t>;

    /**
     * @brief The problems of @p project, in the order of its populations.
     * @param spikes spike counts of a run of the project; nullptr before any run (then
     *        activity is judged from the wiring alone).
     */
    static std::vector<Item> check(const ProjectSpec& project, const SpikeCounts* spikes = nullptr);

    /// The spike counts of @p simulator's run of @p network, by population name.
    static SpikeCounts spikeCounts(const Network& network, const Simulator& simulator);
};

} // namespace plexus::core
