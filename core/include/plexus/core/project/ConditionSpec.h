#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace plexus::core {

/// One condition of a protocol: the stimuli that are on during its trials, with optional
/// parameter overrides for this condition (saved in "protocol.conditions").
struct ConditionSpec {
    std::string name;
    std::string label; ///< shown for its trials; empty: the name
    /// Names of the project's stimuli that are on during this condition's trials.
    std::vector<std::string> stimuli;
    /// Per stimulus name (one of `stimuli`): parameter overrides for this condition (saved as
    /// "stimulus_params"). A stimulus with overrides gets its own instance `stim@condition`.
    std::map<std::string, std::map<std::string, double>> stimulusParams;
    /// Unknown JSON members, kept as loaded and written back on save. Null when there are none.
    nlohmann::json extra = nullptr;

    /// The label of its trials: `label`, or the name when there is none.
    const std::string& trialLabel() const { return label.empty() ? name : label; }

    bool operator==(const ConditionSpec&) const = default;
};

} // namespace plexus::core
