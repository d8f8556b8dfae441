#include "plexus/core/project/ProtocolSpec.h"

#include <algorithm>

namespace plexus::core {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

} // namespace

void ProtocolSpec::renameNode(const std::string& from, const std::string& to) {
    for (ConditionSpec& c : conditions) {
        std::replace(c.stimuli.begin(), c.stimuli.end(), from, to);
        if (const auto it = c.stimulusParams.find(from); it != c.stimulusParams.end()) {
            auto params = std::move(it->second);
            c.stimulusParams.erase(it);
            c.stimulusParams[to] = std::move(params);
        }
    }
    for (PerturbationSpec& p : perturbations)
        if (p.actsOnNeurons() && p.target == from)
            p.target = to;
}

void ProtocolSpec::renameProjection(const std::string& from, const std::string& to) {
    for (PerturbationSpec& p : perturbations)
        if (!p.actsOnNeurons() && p.target == from)
            p.target = to;
}

void ProtocolSpec::forget(const std::vector<std::string>& nodes,
                          const std::vector<std::string>& projections) {
    for (ConditionSpec& c : conditions) {
        std::erase_if(c.stimuli, [&](const std::string& s) { return contains(nodes, s); });
        std::erase_if(c.stimulusParams, [&](const auto& e) { return contains(nodes, e.first); });
    }
    std::erase_if(perturbations, [&](const PerturbationSpec& p) {
        return contains(p.actsOnNeurons() ? nodes : projections, p.target);
    });
}

} // namespace plexus::core
