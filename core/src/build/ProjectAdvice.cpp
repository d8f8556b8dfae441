#include "plexus/core/build/ProjectAdvice.h"

#include "plexus/core/engine/Network.h"
#include "plexus/core/engine/Simulator.h"

#include <algorithm>
#include <set>

namespace plexus::core {

namespace {

/// "A", "A and B", "A, B and C".
std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            out += i + 1 == names.size() ? " and " : ", ";
        }
        out += names[i];
    }
    return out;
}

} // namespace

std::vector<ProjectAdvice::Item> ProjectAdvice::check(const ProjectSpec& project,
                                                      const SpikeCounts* spikes) {
    if (project.populations.empty()) {
        return {{Kind::EmptyProject,
                 {},
                 "The project has no populations, so there is nothing to simulate: add a "
                 "population and a stimulus that drives it, or start from an example."}};
    }
    std::set<std::string> stimuli;
    for (const StimulusSpec& stimulus : project.stimuli) {
        stimuli.insert(stimulus.name);
    }
    // Populations a stimulus drives directly: a current source targets it, or a spike source
    // projects into it.
    std::set<std::string> driven;
    for (const StimulusSpec& stimulus : project.stimuli) {
        if (!stimulus.target.empty()) {
            driven.insert(stimulus.target);
        }
    }
    for (const ProjectionSpec& projection : project.projections) {
        if (stimuli.count(projection.source) != 0) {
            driven.insert(projection.target);
        }
    }
    auto spiked = [spikes](const std::string& name) {
        if (spikes == nullptr) {
            return false;
        }
        const auto it = spikes->find(name);
        return it != spikes->end() && it->second > 0;
    };
    // Active populations: those that spiked in the run, or (before any run) those that input
    // from a stimulus reaches through any chain of projections.
    std::set<std::string> active;
    if (spikes != nullptr) {
        for (const PopulationSpec& population : project.populations) {
            if (spiked(population.name)) {
                active.insert(population.name);
            }
        }
    } else {
        active = driven;
        for (bool grew = true; grew;) {
            grew = false;
            for (const ProjectionSpec& projection : project.projections) {
                if (active.count(projection.source) != 0 &&
                    active.insert(projection.target).second) {
                    grew = true;
                }
            }
        }
    }

    std::vector<Item> items;
    for (const PopulationSpec& population : project.populations) {
        const std::string& name = population.name;
        if (spiked(name) || driven.count(name) != 0) {
            continue;
        }
        std::vector<std::string> sources;
        bool activeSource = false;
        for (const ProjectionSpec& projection : project.projections) {
            if (projection.target != name || projection.source == name ||
                stimuli.count(projection.source) != 0) {
                continue;
            }
            activeSource = activeSource || active.count(projection.source) != 0;
            if (std::find(sources.begin(), sources.end(), projection.source) == sources.end()) {
                sources.push_back(projection.source);
            }
        }
        if (activeSource) {
            continue;
        }
        if (sources.empty()) {
            items.push_back({Kind::NoInput, name,
                             "Population " + name +
                                 " has no input: connect a stimulus (e.g. a Poisson source) or "
                                 "a projection from an active population to it."});
            continue;
        }
        const bool one = sources.size() == 1;
        const std::string why =
            spikes != nullptr
                ? (one ? "which stayed silent" : "which all stayed silent")
                : (one ? "which has no input itself" : "which have no input themselves");
        items.push_back({Kind::OnlySilentInputs, name,
                         "Population " + name + " gets input only from " + joinNames(sources) +
                             ", " + why + ": connect a stimulus to " + (one ? "it" : "them") +
                             " first."});
    }
    return items;
}

ProjectAdvice::SpikeCounts ProjectAdvice::spikeCounts(const Network& network,
                                                      const Simulator& simulator) {
    SpikeCounts counts;
    const std::vector<std::uint64_t>& spikes = simulator.spikeCounts();
    for (std::size_t p = 0; p < network.populations.size(); ++p) {
        counts[network.populations[p].name] = p < spikes.size() ? spikes[p] : 0;
    }
    return counts;
}

} // namespace plexus::core
