#include "plexus/core/project/ProjectEdits.h"

#include <algorithm>
#include <map>
#include <set>

namespace plexus::core {

namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

template <typename Specs>
void appendNames(const Specs& specs, std::vector<std::string>& out) {
    for (const auto& spec : specs) {
        out.push_back(spec.name);
    }
}

/// Renames the references to node @p from (not the node itself) and its layout position.
void renameReferences(ProjectSpec& project, const std::string& from, const std::string& to,
                      std::vector<ProjectEdits::NameChange>& changes) {
    for (auto& projection : project.projections) {
        const std::string autoName =
            ProjectEdits::defaultProjectionName(projection.source, projection.target);
        bool touched = false;
        if (projection.source == from) {
            projection.source = to;
            touched = true;
        }
        if (projection.target == from) {
            projection.target = to;
            touched = true;
        }
        if (projection.modulator == from) {
            projection.modulator = to;
        }
        // Default names ("E->I") follow their endpoints.
        if (touched && projection.name == autoName) {
            const std::string renamed =
                ProjectEdits::defaultProjectionName(projection.source, projection.target);
            if (!ProjectEdits::hasProjection(project, renamed)) {
                changes.push_back({true, projection.name, renamed});
                if (project.protocol)
                    project.protocol->renameProjection(projection.name, renamed);
                projection.name = renamed;
            }
        }
    }
    for (auto& stimulus : project.stimuli) {
        if (stimulus.target == from) {
            stimulus.target = to;
        }
    }
    if (project.protocol) {
        project.protocol->renameNode(from, to);
    }
    for (auto& recorder : project.recorders) {
        if (recorder.target == from) {
            recorder.target = to;
        }
    }
    for (auto& electrode : project.electrodes) {
        if (electrode.target == from) {
            electrode.target = to;
        }
    }
    const auto position = project.layout.find(from);
    if (position != project.layout.end()) {
        const NodePosition where = position->second;
        project.layout.erase(position);
        project.layout[to] = where;
    }
}

} // namespace

std::vector<std::string> ProjectEdits::nodeNames(const ProjectSpec& project) {
    std::vector<std::string> names;
    appendNames(project.populations, names);
    appendNames(project.stimuli, names);
    appendNames(project.recorders, names);
    appendNames(project.electrodes, names);
    return names;
}

std::vector<std::string> ProjectEdits::projectionNames(const ProjectSpec& project) {
    std::vector<std::string> names;
    appendNames(project.projections, names);
    return names;
}

bool ProjectEdits::hasNode(const ProjectSpec& project, const std::string& name) {
    return contains(nodeNames(project), name);
}

bool ProjectEdits::hasProjection(const ProjectSpec& project, const std::string& name) {
    return std::any_of(project.projections.begin(), project.projections.end(),
                       [&](const ProjectionSpec& projection) { return projection.name == name; });
}

std::string ProjectEdits::uniqueName(const std::vector<std::string>& taken,
                                     const std::string& base) {
    if (!base.empty() && !contains(taken, base)) {
        return base;
    }
    for (int i = 2;; ++i) {
        std::string name = base + " " + std::to_string(i);
        if (!contains(taken, name)) {
            return name;
        }
    }
}

std::string ProjectEdits::uniqueNodeName(const ProjectSpec& project, const std::string& base) {
    return uniqueName(nodeNames(project), base);
}

std::string ProjectEdits::uniqueProjectionName(const ProjectSpec& project,
                                               const std::string& base) {
    return uniqueName(projectionNames(project), base);
}

std::string ProjectEdits::numberedNodeName(const ProjectSpec& project, const std::string& prefix) {
    const std::vector<std::string> taken = nodeNames(project);
    for (int i = 1;; ++i) {
        std::string name = prefix + std::to_string(i);
        if (!contains(taken, name)) {
            return name;
        }
    }
}

std::string ProjectEdits::nodeNameProblem(const ProjectSpec& project, const std::string& name,
                                          const std::string& current) {
    const auto first = name.find_first_not_of(" \t\n\r\f\v");
    if (first == std::string::npos) {
        return "name: must not be empty";
    }
    const auto last = name.find_last_not_of(" \t\n\r\f\v");
    if (first != 0 || last != name.size() - 1) {
        return "name: must not start or end with spaces";
    }
    if (name != current && hasNode(project, name)) {
        return "name: \"" + name + "\" is already used by another node";
    }
    return {};
}

std::string ProjectEdits::projectionNameProblem(const ProjectSpec& project, const std::string& name,
                                                const std::string& current) {
    if (name.find_first_not_of(" \t\n\r\f\v") == std::string::npos) {
        return "name: must not be empty";
    }
    if (name != current && hasProjection(project, name)) {
        return "name: \"" + name + "\" is already used by another projection";
    }
    return {};
}

std::string ProjectEdits::renameNode(ProjectSpec& project, const std::string& from,
                                     const std::string& to, std::vector<NameChange>* changes) {
    if (!hasNode(project, from)) {
        return "No node named \"" + from + "\".";
    }
    if (to == from) {
        return {};
    }
    if (std::string problem = nodeNameProblem(project, to, from); !problem.empty()) {
        return problem;
    }
    auto renameIn = [&](auto& specs) {
        for (auto& spec : specs) {
            if (spec.name == from) {
                spec.name = to;
            }
        }
    };
    renameIn(project.populations);
    renameIn(project.stimuli);
    renameIn(project.recorders);
    renameIn(project.electrodes);
    std::vector<NameChange> local;
    local.push_back({false, from, to});
    renameReferences(project, from, to, local);
    if (changes != nullptr) {
        changes->insert(changes->end(), local.begin(), local.end());
    }
    return {};
}

ProjectEdits::Removal ProjectEdits::remove(ProjectSpec& project,
                                           const std::vector<std::string>& nodes,
                                           const std::vector<std::string>& projections) {
    Removal removal;
    std::set<std::string> gone;
    for (const std::string& name : nodeNames(project)) {
        if (contains(nodes, name) && gone.insert(name).second) {
            removal.nodes.push_back(name);
        }
    }
    auto isGone = [&](const std::string& name) { return gone.count(name) > 0; };
    for (const auto& projection : project.projections) {
        if (contains(projections, projection.name) || isGone(projection.source) ||
            isGone(projection.target)) {
            removal.projections.push_back(projection.name);
        }
    }
    if (removal.empty()) {
        return removal;
    }
    std::erase_if(project.populations, [&](const auto& p) { return isGone(p.name); });
    std::erase_if(project.stimuli, [&](const auto& s) { return isGone(s.name); });
    std::erase_if(project.recorders, [&](const auto& r) { return isGone(r.name); });
    std::erase_if(project.electrodes, [&](const auto& e) { return isGone(e.name); });
    std::erase_if(project.projections, [&](const ProjectionSpec& p) {
        return contains(projections, p.name) || isGone(p.source) || isGone(p.target);
    });
    for (auto& stimulus : project.stimuli) {
        if (isGone(stimulus.target)) {
            stimulus.target.clear();
            stimulus.neurons.clear();
            removal.disconnected.push_back(stimulus.name);
        }
    }
    for (auto& recorder : project.recorders) {
        if (isGone(recorder.target)) {
            recorder.target.clear();
            removal.disconnected.push_back(recorder.name);
        }
    }
    for (auto& electrode : project.electrodes) {
        if (isGone(electrode.target)) {
            electrode.target.clear();
            removal.disconnected.push_back(electrode.name);
        }
    }
    for (auto& projection : project.projections) {
        if (isGone(projection.modulator)) {
            projection.modulator.clear();
            removal.disconnected.push_back(projection.name);
        }
    }
    for (const std::string& name : removal.nodes) {
        project.layout.erase(name);
    }
    if (project.protocol) {
        project.protocol->forget(removal.nodes, removal.projections);
    }
    return removal;
}

ProjectSpec ProjectEdits::fragment(const ProjectSpec& project,
                                   const std::vector<std::string>& nodes) {
    ProjectSpec out;
    out.name = "fragment";
    auto chosen = [&](const std::string& name) { return contains(nodes, name); };
    auto copyChosen = [&](const auto& from, auto& to) {
        for (const auto& spec : from) {
            if (chosen(spec.name)) {
                to.push_back(spec);
                const auto position = project.layout.find(spec.name);
                out.layout[spec.name] =
                    position != project.layout.end() ? position->second : NodePosition{};
            }
        }
    };
    copyChosen(project.populations, out.populations);
    copyChosen(project.stimuli, out.stimuli);
    copyChosen(project.recorders, out.recorders);
    copyChosen(project.electrodes, out.electrodes);
    for (const auto& projection : project.projections) {
        if (chosen(projection.source) && chosen(projection.target)) {
            out.projections.push_back(projection);
        }
    }
    return out;
}

ProjectEdits::Pasted ProjectEdits::paste(ProjectSpec& project, const ProjectSpec& fragment,
                                         double dx, double dy) {
    Pasted pasted;
    // New names for every fragment node, unique here and among each other.
    std::vector<std::string> taken = nodeNames(project);
    std::map<std::string, std::string> names;
    for (const std::string& name : nodeNames(fragment)) {
        std::string claimed = uniqueName(taken, name);
        if (name.empty() && !contains(taken, name)) {
            claimed = name;
        }
        taken.push_back(claimed);
        names[name] = claimed;
        if (claimed != name) {
            pasted.renamed.push_back({false, name, claimed});
        }
    }
    // References: fragment nodes map to their new names; others are kept if they exist here.
    const std::vector<std::string> existing = nodeNames(project);
    auto mapReference = [&](const std::string& name) -> std::string {
        if (name.empty()) {
            return name;
        }
        const auto it = names.find(name);
        if (it != names.end()) {
            return it->second;
        }
        return contains(existing, name) ? name : std::string();
    };
    auto place = [&](const std::string& oldName) {
        const std::string& newName = names[oldName];
        const auto position = fragment.layout.find(oldName);
        const NodePosition from =
            position != fragment.layout.end() ? position->second : NodePosition{};
        project.layout[newName] = {from.x + dx, from.y + dy};
        pasted.nodes.push_back(newName);
    };
    for (auto population : fragment.populations) {
        const std::string old = population.name;
        population.name = names[old];
        project.populations.push_back(population);
        place(old);
    }
    for (auto stimulus : fragment.stimuli) {
        const std::string old = stimulus.name;
        stimulus.name = names[old];
        stimulus.target = mapReference(stimulus.target);
        if (stimulus.target.empty()) {
            stimulus.neurons.clear();
        }
        project.stimuli.push_back(stimulus);
        place(old);
    }
    for (auto recorder : fragment.recorders) {
        const std::string old = recorder.name;
        recorder.name = names[old];
        recorder.target = mapReference(recorder.target);
        project.recorders.push_back(recorder);
        place(old);
    }
    for (auto electrode : fragment.electrodes) {
        const std::string old = electrode.name;
        electrode.name = names[old];
        electrode.target = mapReference(electrode.target);
        project.electrodes.push_back(electrode);
        place(old);
    }
    std::vector<std::string> projectionsTaken = projectionNames(project);
    for (auto projection : fragment.projections) {
        const std::string old = projection.name;
        const bool autoName = old == defaultProjectionName(projection.source, projection.target);
        projection.source = mapReference(projection.source);
        projection.target = mapReference(projection.target);
        projection.modulator = mapReference(projection.modulator);
        if (projection.source.empty() || projection.target.empty()) {
            continue;
        }
        const std::string base =
            autoName ? defaultProjectionName(projection.source, projection.target) : old;
        std::string name = uniqueName(projectionsTaken, base);
        if (base.empty() && !contains(projectionsTaken, base)) {
            name = base;
        }
        projectionsTaken.push_back(name);
        if (name != old) {
            pasted.renamed.push_back({true, old, name});
        }
        projection.name = name;
        project.projections.push_back(projection);
        pasted.projections.push_back(name);
    }
    return pasted;
}

std::vector<ProjectEdits::NameChange>
ProjectEdits::makeProjectionNamesUnique(ProjectSpec& project) {
    std::vector<NameChange> changes;
    std::vector<std::string> seen;
    for (auto& projection : project.projections) {
        std::string name = projection.name.empty()
                               ? defaultProjectionName(projection.source, projection.target)
                               : projection.name;
        if (contains(seen, name)) {
            const std::string unique = uniqueName(seen, name);
            changes.push_back({true, name, unique});
            name = unique;
        }
        seen.push_back(name);
        projection.name = name;
    }
    return changes;
}

std::string ProjectEdits::defaultProjectionName(const std::string& source,
                                                const std::string& target) {
    return source + "->" + target;
}

} // namespace plexus::core
