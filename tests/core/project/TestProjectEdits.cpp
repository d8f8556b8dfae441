// The rules of project edits (core::ProjectEdits) on hand-built projects, without Qt: unique
// names, renames that follow every reference, removals with their dependants, paste with
// renaming. A plain executable: it prints each failed check and exits non-zero.

#include <cstdio>
#include <plexus/core/project/ProjectEdits.h>
#include <string>
#include <vector>

using plexus::core::NodePosition;
using plexus::core::ProjectEdits;
using plexus::core::ProjectSpec;

namespace {

int g_failures = 0;

#define CHECK(condition)                                                                           \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition);     \
            ++g_failures;                                                                          \
        }                                                                                          \
    } while (false)

using Names = std::vector<std::string>;

/// E and I populations, a spike source "Input", a current source "Drive" into E, recorders
/// on E and I, an electrode on E; projections E->I, I->E (named "inhibition", modulated by
/// Input) and Input->E; every node has a layout position.
ProjectSpec circuit() {
    ProjectSpec project;
    project.name = "circuit";
    for (const char* name : {"E", "I"}) {
        plexus::core::PopulationSpec population;
        population.name = name;
        population.model = "lif";
        population.size = 10;
        project.populations.push_back(population);
    }
    plexus::core::StimulusSpec input;
    input.name = "Input";
    input.model = "poisson";
    input.size = 5;
    project.stimuli.push_back(input);
    plexus::core::StimulusSpec drive;
    drive.name = "Drive";
    drive.model = "dc";
    drive.target = "E";
    drive.neurons = {0, 1};
    project.stimuli.push_back(drive);
    plexus::core::RecorderSpec spikes;
    spikes.name = "spikes1";
    spikes.type = "spikes";
    spikes.target = "E";
    project.recorders.push_back(spikes);
    plexus::core::RecorderSpec rate;
    rate.name = "rate1";
    rate.type = "rate";
    rate.target = "I";
    project.recorders.push_back(rate);
    plexus::core::ElectrodeSpec electrode;
    electrode.name = "Electrode1";
    electrode.target = "E";
    project.electrodes.push_back(electrode);
    auto connect = [&](const std::string& name, const std::string& source,
                       const std::string& target, const std::string& modulator = {}) {
        plexus::core::ProjectionSpec projection;
        projection.name = name;
        projection.source = source;
        projection.target = target;
        projection.modulator = modulator;
        project.projections.push_back(projection);
    };
    connect("E->I", "E", "I");
    connect("inhibition", "I", "E", "Input");
    connect("Input->E", "Input", "E");
    double y = 0.0;
    for (const std::string& name : ProjectEdits::nodeNames(project)) {
        project.layout[name] = {10.0, y};
        y += 100.0;
    }
    return project;
}

const plexus::core::ProjectionSpec* projection(const ProjectSpec& project,
                                               const std::string& name) {
    for (const auto& p : project.projections) {
        if (p.name == name) {
            return &p;
        }
    }
    return nullptr;
}

const plexus::core::RecorderSpec* recorder(const ProjectSpec& project, const std::string& name) {
    for (const auto& r : project.recorders) {
        if (r.name == name) {
            return &r;
        }
    }
    return nullptr;
}

void uniqueNames() {
    const ProjectSpec project = circuit();
    CHECK(ProjectEdits::nodeNames(project) ==
          (Names{"E", "I", "Input", "Drive", "spikes1", "rate1", "Electrode1"}));
    CHECK(ProjectEdits::uniqueNodeName(project, "X") == "X");
    CHECK(ProjectEdits::uniqueNodeName(project, "E") == "E 2");
    CHECK(ProjectEdits::uniqueName({"A", "A 2", "A 3"}, "A") == "A 4");
    CHECK(ProjectEdits::uniqueName({}, "") == " 2");
    CHECK(ProjectEdits::numberedNodeName(project, "spikes") == "spikes2");
    CHECK(ProjectEdits::numberedNodeName(project, "P") == "P1");
    CHECK(ProjectEdits::uniqueProjectionName(project, "E->I") == "E->I 2");
    CHECK(ProjectEdits::uniqueProjectionName(project, "I->E") == "I->E");
    CHECK(ProjectEdits::nodeNameProblem(project, "") == "name: must not be empty");
    CHECK(ProjectEdits::nodeNameProblem(project, "  ") == "name: must not be empty");
    CHECK(ProjectEdits::nodeNameProblem(project, " E") ==
          "name: must not start or end with spaces");
    CHECK(ProjectEdits::nodeNameProblem(project, "I", "E") ==
          "name: \"I\" is already used by another node");
    CHECK(ProjectEdits::nodeNameProblem(project, "E", "E").empty());
    CHECK(ProjectEdits::nodeNameProblem(project, "Z").empty());
    CHECK(ProjectEdits::projectionNameProblem(project, "inhibition", "E->I") ==
          "name: \"inhibition\" is already used by another projection");
    CHECK(ProjectEdits::projectionNameProblem(project, "E->I", "E->I").empty());
}

void renameFollowsEveryReference() {
    ProjectSpec project = circuit();
    std::vector<ProjectEdits::NameChange> changes;
    CHECK(ProjectEdits::renameNode(project, "E", "Exc", &changes).empty());
    CHECK(project.populations[0].name == "Exc");
    // Projections: endpoints follow, default names follow, a chosen name stays.
    CHECK(projection(project, "Exc->I") != nullptr);
    CHECK(projection(project, "Exc->I")->source == "Exc");
    CHECK(projection(project, "inhibition") != nullptr);
    CHECK(projection(project, "inhibition")->target == "Exc");
    CHECK(projection(project, "Input->Exc") != nullptr);
    CHECK(projection(project, "E->I") == nullptr);
    // Current source, recorder and electrode targets.
    CHECK(project.stimuli[1].target == "Exc");
    CHECK(project.stimuli[1].neurons == (std::vector<std::int64_t>{0, 1}));
    CHECK(recorder(project, "spikes1")->target == "Exc");
    CHECK(recorder(project, "rate1")->target == "I");
    CHECK(project.electrodes[0].target == "Exc");
    // Layout position.
    CHECK(project.layout.count("E") == 0);
    CHECK(project.layout.count("Exc") == 1);
    CHECK(project.layout["Exc"] == (NodePosition{10.0, 0.0}));
    CHECK(changes.size() == 3);
    CHECK(changes.size() == 3 && changes[0] == (ProjectEdits::NameChange{false, "E", "Exc"}));
    CHECK(changes.size() == 3 && changes[1] == (ProjectEdits::NameChange{true, "E->I", "Exc->I"}));
    CHECK(changes.size() == 3 &&
          changes[2] == (ProjectEdits::NameChange{true, "Input->E", "Input->Exc"}));
    // Nothing still names "E".
    for (const auto& p : project.projections) {
        CHECK(p.source != "E" && p.target != "E" && p.modulator != "E");
    }
}

void renameModulatorAndStimulus() {
    ProjectSpec project = circuit();
    CHECK(ProjectEdits::renameNode(project, "Input", "Noise").empty());
    CHECK(project.stimuli[0].name == "Noise");
    CHECK(projection(project, "inhibition")->modulator == "Noise");
    CHECK(projection(project, "Noise->E") != nullptr);
    CHECK(project.layout.count("Noise") == 1 && project.layout.count("Input") == 0);
}

void renameKeepsATakenDefaultName() {
    ProjectSpec project = circuit();
    // A projection already called "E->X": the default name of E->I cannot follow to it.
    plexus::core::ProjectionSpec other;
    other.name = "E->X";
    other.source = "Input";
    other.target = "E";
    project.projections.push_back(other);
    std::vector<ProjectEdits::NameChange> changes;
    CHECK(ProjectEdits::renameNode(project, "I", "X", &changes).empty());
    CHECK(projection(project, "E->I") != nullptr);
    CHECK(projection(project, "E->I")->target == "X");
}

void renameRefusals() {
    const ProjectSpec before = circuit();
    ProjectSpec project = before;
    std::vector<ProjectEdits::NameChange> changes;
    // To an existing name: refused with one clear line, nothing changed.
    const std::string taken = ProjectEdits::renameNode(project, "E", "I", &changes);
    CHECK(taken == "name: \"I\" is already used by another node");
    CHECK(taken.find('\n') == std::string::npos);
    CHECK(project == before);
    CHECK(changes.empty());
    // A recorder name is taken too: nodes share one namespace.
    CHECK(!ProjectEdits::renameNode(project, "E", "rate1").empty());
    CHECK(project == before);
    // To itself: a no-op that succeeds.
    CHECK(ProjectEdits::renameNode(project, "E", "E", &changes).empty());
    CHECK(project == before);
    CHECK(changes.empty());
    // Unknown node, empty and padded names.
    CHECK(ProjectEdits::renameNode(project, "Nope", "X") == "No node named \"Nope\".");
    CHECK(ProjectEdits::renameNode(project, "E", "") == "name: must not be empty");
    CHECK(ProjectEdits::renameNode(project, "E", "X ") ==
          "name: must not start or end with spaces");
    CHECK(project == before);
}

void removePopulationWithDependants() {
    ProjectSpec project = circuit();
    // I is used by two projections (E->I as target, inhibition as source) and a recorder.
    const ProjectEdits::Removal removal = ProjectEdits::remove(project, {"I"}, {});
    CHECK(removal.nodes == Names{"I"});
    CHECK(removal.projections == (Names{"E->I", "inhibition"}));
    CHECK(removal.disconnected == Names{"rate1"});
    CHECK(project.populations.size() == 1 && project.populations[0].name == "E");
    CHECK(project.projections.size() == 1 && project.projections[0].name == "Input->E");
    CHECK(recorder(project, "rate1") != nullptr);
    CHECK(recorder(project, "rate1")->target.empty());
    CHECK(recorder(project, "spikes1")->target == "E");
    CHECK(project.layout.count("I") == 0);
    CHECK(project.layout.size() == 6);
}

void removeClearsTargetsAndModulators() {
    ProjectSpec project = circuit();
    const ProjectEdits::Removal removal = ProjectEdits::remove(project, {"E", "Input"}, {});
    CHECK(removal.nodes == (Names{"E", "Input"}));
    CHECK(removal.projections == (Names{"E->I", "inhibition", "Input->E"}));
    CHECK(removal.disconnected == (Names{"Drive", "spikes1", "Electrode1"}));
    CHECK(project.projections.empty());
    CHECK(project.stimuli.size() == 1 && project.stimuli[0].name == "Drive");
    CHECK(project.stimuli[0].target.empty());
    CHECK(project.stimuli[0].neurons.empty());
    CHECK(project.electrodes[0].target.empty());

    // A modulator that goes is cleared, its projection stays.
    project = circuit();
    const ProjectEdits::Removal modulator = ProjectEdits::remove(project, {"Input"}, {});
    CHECK(modulator.projections == Names{"Input->E"});
    CHECK(modulator.disconnected == Names{"inhibition"});
    CHECK(projection(project, "inhibition") != nullptr);
    CHECK(projection(project, "inhibition")->modulator.empty());
}

void removeProjectionsAndUnknownNames() {
    ProjectSpec project = circuit();
    const ProjectSpec before = project;
    const ProjectEdits::Removal nothing = ProjectEdits::remove(project, {"Nope"}, {"nope"});
    CHECK(nothing.empty());
    CHECK(project == before);
    const ProjectEdits::Removal one = ProjectEdits::remove(project, {}, {"inhibition"});
    CHECK(one.nodes.empty());
    CHECK(one.projections == Names{"inhibition"});
    CHECK(one.disconnected.empty());
    CHECK(project.projections.size() == 2);
    CHECK(project.populations.size() == 2);
}

void pasteRenamesClashes() {
    ProjectSpec project = circuit();
    const ProjectSpec fragment = ProjectEdits::fragment(project, {"E", "I", "rate1", "Drive"});
    CHECK(fragment.name == "fragment");
    CHECK(ProjectEdits::nodeNames(fragment) == (Names{"E", "I", "Drive", "rate1"}));
    // Only projections among the chosen nodes.
    CHECK(ProjectEdits::projectionNames(fragment) == (Names{"E->I", "inhibition"}));
    CHECK(fragment.layout.size() == 4);

    const ProjectEdits::Pasted pasted = ProjectEdits::paste(project, fragment, 5.0, -5.0);
    CHECK(pasted.nodes == (Names{"E 2", "I 2", "Drive 2", "rate1 2"}));
    // Default names follow the new endpoints, chosen names are made unique.
    CHECK(pasted.projections == (Names{"E 2->I 2", "inhibition 2"}));
    CHECK(projection(project, "E 2->I 2")->source == "E 2");
    CHECK(projection(project, "E 2->I 2")->target == "I 2");
    CHECK(projection(project, "inhibition 2")->source == "I 2");
    CHECK(projection(project, "inhibition 2")->target == "E 2");
    // The modulator is outside the fragment and exists here: kept.
    CHECK(projection(project, "inhibition 2")->modulator == "Input");
    CHECK(recorder(project, "rate1 2")->target == "I 2");
    CHECK(project.stimuli.back().target == "E 2");
    CHECK(project.stimuli.back().neurons == (std::vector<std::int64_t>{0, 1}));
    CHECK(project.layout["E 2"] == (NodePosition{15.0, -5.0}));
    CHECK(project.populations.size() == 4);
    CHECK(project.projections.size() == 5);
    CHECK(pasted.renamed.size() == 6);
    CHECK(!pasted.renamed.empty() &&
          pasted.renamed.front() == (ProjectEdits::NameChange{false, "E", "E 2"}));
}

void pasteIntoAnotherProject() {
    const ProjectSpec source = circuit();
    const ProjectSpec fragment = ProjectEdits::fragment(source, {"I", "spikes1", "inhibition"});
    ProjectSpec project;
    plexus::core::PopulationSpec other;
    other.name = "Other";
    project.populations.push_back(other);
    const ProjectEdits::Pasted pasted = ProjectEdits::paste(project, fragment);
    // No clashes: names kept; the recorder's target E does not exist here: cleared.
    CHECK(pasted.nodes == (Names{"I", "spikes1"}));
    CHECK(pasted.renamed.empty());
    CHECK(pasted.projections.empty());
    CHECK(recorder(project, "spikes1")->target.empty());
    CHECK(project.layout["I"] == (NodePosition{10.0, 100.0}));

    // A projection whose source is outside the fragment and missing here is left out.
    ProjectSpec empty;
    const ProjectSpec withInput = ProjectEdits::fragment(source, {"E", "I"});
    const ProjectEdits::Pasted second = ProjectEdits::paste(empty, withInput);
    CHECK(second.projections == (Names{"E->I", "inhibition"}));
    CHECK(projection(empty, "inhibition")->modulator.empty());
}

void pasteTwiceClaimsDistinctNames() {
    ProjectSpec project = circuit();
    const ProjectSpec fragment = ProjectEdits::fragment(project, {"E"});
    ProjectEdits::paste(project, fragment);
    const ProjectEdits::Pasted again = ProjectEdits::paste(project, fragment);
    CHECK(again.nodes == Names{"E 3"});
    CHECK(ProjectEdits::nodeNames(project).size() == 9);
}

void duplicateProjectionNames() {
    ProjectSpec project = circuit();
    project.projections[1].name = "E->I";
    project.projections[2].name.clear();
    const auto changes = ProjectEdits::makeProjectionNamesUnique(project);
    CHECK(changes.size() == 1);
    CHECK(changes.size() == 1 && changes[0] == (ProjectEdits::NameChange{true, "E->I", "E->I 2"}));
    CHECK(ProjectEdits::projectionNames(project) == (Names{"E->I", "E->I 2", "Input->E"}));
}

} // namespace

int main() {
    uniqueNames();
    renameFollowsEveryReference();
    renameModulatorAndStimulus();
    renameKeepsATakenDefaultName();
    renameRefusals();
    removePopulationWithDependants();
    removeClearsTargetsAndModulators();
    removeProjectionsAndUnknownNames();
    pasteRenamesClashes();
    pasteIntoAnotherProject();
    pasteTwiceClaimsDistinctNames();
    duplicateProjectionNames();
    if (g_failures != 0) {
        std::fprintf(stderr, "TestProjectEdits: %d check(s) failed\n", g_failures);
        return 1;
    }
    std::printf("TestProjectEdits: all checks passed\n");
    return 0;
}
