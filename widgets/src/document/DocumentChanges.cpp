#include "plexus/widgets/document/DocumentChanges.h"

#include "plexus/widgets/document/ProjectLayout.h"

#include <QHash>
#include <map>
#include <optional>

namespace plexus::widgets {

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

/// Per-node comparison data: its kind and spec, compared as JSON-free structs.
struct NodeState {
    NodeKind kind = NodeKind::Population;
    const core::PopulationSpec* population = nullptr;
    const core::StimulusSpec* stimulus = nullptr;
    const core::RecorderSpec* recorder = nullptr;
    std::optional<ElectrodeSpec> electrode;

    bool sameSpec(const NodeState& other) const {
        if (kind != other.kind) {
            return false;
        }
        switch (kind) {
        case NodeKind::Population:
            return *population == *other.population;
        case NodeKind::Stimulus:
            return *stimulus == *other.stimulus;
        case NodeKind::Recorder:
            return *recorder == *other.recorder;
        case NodeKind::Electrode:
            return electrode == other.electrode;
        }
        return false;
    }
};

std::map<QString, NodeState> nodeStates(const core::ProjectSpec& project) {
    std::map<QString, NodeState> out;
    for (const auto& population : project.populations) {
        NodeState state;
        state.kind = NodeKind::Population;
        state.population = &population;
        out.emplace(qs(population.name), state);
    }
    for (const auto& stimulus : project.stimuli) {
        NodeState state;
        state.kind = NodeKind::Stimulus;
        state.stimulus = &stimulus;
        out.emplace(qs(stimulus.name), state);
    }
    for (const auto& recorder : project.recorders) {
        NodeState state;
        state.kind = NodeKind::Recorder;
        state.recorder = &recorder;
        out.emplace(qs(recorder.name), state);
    }
    for (auto& electrode : project.electrodes) {
        NodeState state;
        state.kind = NodeKind::Electrode;
        const QString name = qs(electrode.name);
        state.electrode = std::move(electrode);
        out.emplace(name, std::move(state));
    }
    return out;
}

std::map<QString, const core::ProjectionSpec*> projectionStates(const core::ProjectSpec& project) {
    std::map<QString, const core::ProjectionSpec*> out;
    for (const auto& projection : project.projections) {
        out.emplace(qs(projection.name), &projection);
    }
    return out;
}

/// Whether the project-level information (name, description, run settings, unknown members)
/// is the same, for "project info changed" checks.
bool sameInfo(const core::ProjectSpec& a, const core::ProjectSpec& b) {
    return a.name == b.name && a.description == b.description && a.simulation == b.simulation &&
           a.extra == b.extra;
}

} // namespace

DocumentChanges DocumentChanges::compare(const core::ProjectSpec& before,
                                         const core::ProjectSpec& after,
                                         const std::vector<ElementRename>& renames) {
    DocumentChanges changes;
    auto oldNodes = nodeStates(before);
    auto newNodes = nodeStates(after);
    auto oldProjections = projectionStates(before);
    auto newProjections = projectionStates(after);

    // Renames first: views re-key their items, then compare under the new names.
    for (const ElementRename& rename : renames) {
        if (rename.projection) {
            auto from = oldProjections.find(rename.from);
            if (from != oldProjections.end() && newProjections.count(rename.to) &&
                !newProjections.count(rename.from) && !oldProjections.count(rename.to)) {
                const core::ProjectionSpec* spec = from->second;
                oldProjections.erase(from);
                oldProjections.emplace(rename.to, spec);
                changes.projectionRenames.emplace_back(rename.from, rename.to);
            }
        } else {
            auto from = oldNodes.find(rename.from);
            auto to = newNodes.find(rename.to);
            if (from != oldNodes.end() && to != newNodes.end() && !newNodes.count(rename.from) &&
                !oldNodes.count(rename.to) && from->second.kind == to->second.kind) {
                NodeState node = std::move(from->second);
                oldNodes.erase(from);
                oldNodes.emplace(rename.to, std::move(node));
                changes.nodeRenames.emplace_back(rename.from, rename.to);
            }
        }
    }

    for (const auto& [name, spec] : oldProjections) {
        if (!newProjections.count(name)) {
            changes.removedProjections << name;
        }
    }
    for (const auto& [name, node] : oldNodes) {
        const auto it = newNodes.find(name);
        if (it == newNodes.end() || it->second.kind != node.kind) {
            changes.removedNodes << name;
        }
    }
    for (const auto& [name, node] : newNodes) {
        const auto it = oldNodes.find(name);
        if (it == oldNodes.end() || it->second.kind != node.kind) {
            changes.addedNodes << name;
            continue;
        }
        if (!node.sameSpec(it->second)) {
            changes.changedNodes << name;
        }
    }
    // Positions: compare under the old name for renamed nodes.
    QHash<QString, QString> oldNameOf;
    for (const auto& [from, to] : changes.nodeRenames) {
        oldNameOf.insert(to, from);
    }
    for (const auto& [name, node] : newNodes) {
        if (changes.addedNodes.contains(name)) {
            continue;
        }
        const auto was = ProjectLayout::position(before, oldNameOf.value(name, name));
        const auto now = ProjectLayout::position(after, name);
        if (was != now) {
            changes.movedNodes << name;
        }
    }
    for (const auto& [name, spec] : newProjections) {
        const auto it = oldProjections.find(name);
        if (it == oldProjections.end()) {
            changes.addedProjections << name;
        } else if (!(*it->second == *spec)) {
            changes.changedProjections << name;
        }
    }

    changes.infoChanged = !sameInfo(before, after);
    return changes;
}

} // namespace plexus::widgets
