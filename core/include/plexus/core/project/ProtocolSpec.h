#pragma once

#include "plexus/core/project/ConditionSpec.h"
#include "plexus/core/project/PerturbationSpec.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace plexus::core {

/// An experiment protocol (saved as "protocol"): conditions repeated in trials, each followed by
/// an inter-trial interval, in blocked, interleaved or seeded random order, plus perturbations.
/// A run of a project with a protocol lasts the whole schedule (TrialSchedule).
struct ProtocolSpec {
    std::vector<ConditionSpec> conditions;
    int trials = 1;                ///< trials per condition (>= 1)
    double trialMs = 1000;         ///< length of a trial (> 0)
    double itiMs = 0;              ///< inter-trial interval after every trial (>= 0)
    std::string order = "blocked"; ///< blocked, interleaved or random
    std::uint64_t seed = 1;        ///< random order: same seed, same order
    std::vector<PerturbationSpec> perturbations;
    /// Unknown JSON members, kept as loaded and written back on save. Null when there are none.
    nlohmann::json extra = nullptr;

    /// Index of the condition called `name`, or -1.
    int conditionIndex(const std::string& name) const {
        for (std::size_t i = 0; i < conditions.size(); ++i)
            if (conditions[i].name == name)
                return static_cast<int>(i);
        return -1;
    }

    /// Follow the rename of a stimulus or population (conditions, overrides, perturbations).
    void renameNode(const std::string& from, const std::string& to);
    /// Follow the rename of a projection (perturbation targets).
    void renameProjection(const std::string& from, const std::string& to);
    /// Forget removed nodes and projections: they leave the conditions, and perturbations of
    /// them are dropped.
    void forget(const std::vector<std::string>& nodes, const std::vector<std::string>& projections);

    bool operator==(const ProtocolSpec&) const = default;
};

} // namespace plexus::core
