#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace plexus::core {

/// A scheduled perturbation of a protocol (saved in "protocol.perturbations").
///
/// Neuron perturbations ("silence", "clamp", "drive") act on a population, or on a subset of it
/// (`neurons`, or a seeded random `fraction`), from `startMs` to `endMs`; with a `condition`
/// they act during every trial of that condition, `startMs`/`endMs` then counting from the
/// trial's start. Projection perturbations ("scale_weights", "lesion") change a projection once,
/// at `startMs`.
struct PerturbationSpec {
    std::string kind;   ///< silence, clamp, drive, scale_weights or lesion
    std::string target; ///< population (silence, clamp, drive) or projection name
    /// Neuron perturbations: fraction of the target's neurons chosen at random (seeded by the
    /// project seed). Lesion: fraction of the projection's synapses removed.
    std::optional<double> fraction;
    std::vector<std::int64_t> neurons; ///< neuron perturbations: subset by index (empty: all)
    double startMs = 0.0;
    /// End of the window (exclusive); none: the end of the run (or of the trial).
    std::optional<double> endMs;
    std::string condition;  ///< act during this condition's trials (empty: absolute window)
    std::string variable;   ///< clamp: state variable
    double value = 0.0;     ///< clamp: value the variable is held at
    double amplitude = 0.0; ///< drive: added to the target's "current" input
    double factor = 1.0;    ///< scale_weights: weight multiplier
    /// Unknown JSON members, kept as loaded and written back on save. Null when there are none.
    nlohmann::json extra = nullptr;

    /// True for kinds that act on neurons (silence, clamp, drive).
    bool actsOnNeurons() const { return kind == "silence" || kind == "clamp" || kind == "drive"; }

    bool operator==(const PerturbationSpec&) const = default;
};

} // namespace plexus::core
