#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace plexus::core {

/// A change the engine applies to a running network: stimulus gates, optogenetic-style
/// perturbations of neurons, and one-time edits of a projection's synapses. Held by Network;
/// Simulator::advance applies it to each thread slice, so results stay bit-identical for any
/// number of threads. A network without interventions pays nothing for them.
struct Intervention {
    enum class Action {
        /// The population's spikes are kept only inside the windows (or, with `injection`,
        /// the current injection only injects inside them): stimuli that belong to conditions.
        Gate,
        /// Spikes of the subset are dropped inside the windows: neither delivered nor recorded.
        Silence,
        /// State `variable` of the subset is set to `value` after each update inside the windows.
        Clamp,
        /// `value` is added to input `receptor` of the subset at each step inside the windows.
        Drive,
        /// Every weight of `projection` is multiplied by `value` at step `atStep`.
        ScaleWeights,
        /// A fraction `value` of the synapses of `projection`, chosen by a hash of (seed,
        /// source, target, synapse number within the pair), get weight 0 at step `atStep`.
        Lesion,
    };
    /// Steps [begin, end) in which a windowed action acts.
    struct Window {
        std::int64_t begin = 0;
        std::int64_t end = 0;
    };

    std::string name; ///< shown in messages, e.g. "protocol.perturbations[0]"
    Action action = Action::Gate;
    std::size_t population = 0; ///< population index (all but ScaleWeights and Lesion)
    int injection = -1;         ///< Gate: index of the current injection gated instead, or -1
    /// Per thread slice: the neuron indices of the subset in that slice, ascending. Empty
    /// when `wholePopulation`.
    std::vector<std::vector<std::int32_t>> targets;
    bool wholePopulation = true;
    std::vector<Window> windows; ///< ascending, not overlapping
    std::size_t variable = 0;    ///< Clamp: state index
    std::size_t receptor = 0;    ///< Drive: receptor index
    float value = 0.0f;          ///< Clamp: value; Drive: amplitude; ScaleWeights: factor;
                                 ///< Lesion: fraction
    std::size_t projection = 0;  ///< ScaleWeights, Lesion: projection index
    std::int64_t atStep = 0;     ///< ScaleWeights, Lesion: the step they happen at
    std::uint64_t seed = 0;      ///< Lesion: hash seed

    /// True for the actions that happen once (ScaleWeights, Lesion).
    bool isOneTime() const { return action == Action::ScaleWeights || action == Action::Lesion; }
    /// Whether `step` falls in one of the windows.
    bool activeAt(std::int64_t step) const;
    /// Whether a Lesion removes the synapse number `pairIndex` from `source` to `target`.
    bool lesions(std::int64_t source, std::int64_t target, std::uint32_t pairIndex) const;
};

} // namespace plexus::core
