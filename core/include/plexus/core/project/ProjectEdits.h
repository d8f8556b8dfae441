#pragma once

#include "plexus/core/project/ProjectSpec.h"

#include <string>
#include <vector>

namespace plexus::core {

/**
 * @brief The rules of a project edit that need no screen: unique names, renames that follow
 *        every reference, removals that take their dependants along, and paste with renaming.
 *
 * Nodes are the project's populations, stimuli, recorders and electrodes; their names are one
 * namespace. A node name is referenced by projections (source, target, modulator), by the
 * target of stimuli (current sources), recorders and electrodes, and by the project's layout
 * (the editor position of each node). Projection names are a second namespace.
 *
 * Every function works on a core::ProjectSpec in place. A refused edit returns its reason as
 * one line and leaves the project exactly as it was.
 */
class ProjectEdits {
public:
    /// A name changed by an edit.
    struct NameChange {
        bool projection = false; ///< true for a projection, false for a node
        std::string from;
        std::string to;

        bool operator==(const NameChange&) const = default;
    };

    /// What remove() took out of a project, so the caller can report it.
    struct Removal {
        /// Removed nodes, in project order (populations, stimuli, recorders, electrodes).
        std::vector<std::string> nodes;
        /// Removed projections, in project order: the ones asked for and every projection
        /// whose source or target was removed.
        std::vector<std::string> projections;
        /// Elements kept but disconnected from a removed node, in project order: stimuli,
        /// recorders and electrodes whose target was cleared, projections whose modulator was.
        std::vector<std::string> disconnected;

        /// True when nothing was removed.
        bool empty() const { return nodes.empty() && projections.empty(); }
    };

    /// What paste() added to a project.
    struct Pasted {
        /// New node names, in fragment order (populations, stimuli, recorders, electrodes).
        std::vector<std::string> nodes;
        /// New projection names, in fragment order.
        std::vector<std::string> projections;
        /// Fragment nodes and projections whose name was taken and what they were called here.
        std::vector<NameChange> renamed;
    };

    /// Every node name: populations, stimuli, recorders, electrodes (in that order).
    static std::vector<std::string> nodeNames(const ProjectSpec& project);
    /// Every projection name, in project order.
    static std::vector<std::string> projectionNames(const ProjectSpec& project);
    /// True when a population, stimulus, recorder or electrode is called @p name.
    static bool hasNode(const ProjectSpec& project, const std::string& name);
    /// True when a projection is called @p name.
    static bool hasProjection(const ProjectSpec& project, const std::string& name);

    /// @p base when it is not empty and not in @p taken, else the first of "base 2",
    /// "base 3", ... that is not.
    static std::string uniqueName(const std::vector<std::string>& taken, const std::string& base);
    /// uniqueName() among the node names of @p project.
    static std::string uniqueNodeName(const ProjectSpec& project, const std::string& base);
    /// uniqueName() among the projection names of @p project.
    static std::string uniqueProjectionName(const ProjectSpec& project, const std::string& base);
    /// The first of "prefix1", "prefix2", ... that no node of @p project uses.
    static std::string numberedNodeName(const ProjectSpec& project, const std::string& prefix);

    /**
     * @brief Why @p name cannot be the name of a node now called @p current (empty for a new
     *        node); an empty string when it can.
     *
     * A name must not be empty, must not start or end with spaces, and must not be used by
     * another node.
     */
    static std::string nodeNameProblem(const ProjectSpec& project, const std::string& name,
                                       const std::string& current = {});
    /// Why @p name cannot be the name of the projection now called @p current; empty when it can.
    static std::string projectionNameProblem(const ProjectSpec& project, const std::string& name,
                                             const std::string& current = {});

    /**
     * @brief Renames node @p from to @p to, with every reference to it: projections' source,
     *        target and modulator, the target of stimuli, recorders and electrodes, and its
     *        layout position.
     *
     * A projection with a default name ("E->I") follows its renamed endpoint ("E2->I") unless
     * that name is taken. Renaming a node to its own name changes nothing.
     * @param changes when given, receives the node's rename followed by the projections'.
     * @return empty on success, else the one-line reason (the project is left unchanged).
     */
    static std::string renameNode(ProjectSpec& project, const std::string& from,
                                  const std::string& to,
                                  std::vector<NameChange>* changes = nullptr);

    /**
     * @brief Removes the given nodes and projections with their dependants.
     *
     * Projections from or to a removed node go with it; the target of a stimulus, recorder or
     * electrode that named a removed node is cleared (a stimulus also forgets its target
     * neurons), as is the modulator of a projection; removed nodes lose their layout position.
     * Names that are not in the project are ignored.
     */
    static Removal remove(ProjectSpec& project, const std::vector<std::string>& nodes,
                          const std::vector<std::string>& projections);

    /**
     * @brief The given nodes of @p project and the projections among them, as a project of
     *        their own (named "fragment"), with each node's layout position.
     */
    static ProjectSpec fragment(const ProjectSpec& project, const std::vector<std::string>& nodes);

    /**
     * @brief Adds the nodes and projections of @p fragment to @p project.
     *
     * A fragment node whose name is taken is renamed ("E" -> "E 2"), and every reference to it
     * inside the fragment follows. References to nodes outside the fragment are kept when
     * @p project has such a node and cleared otherwise; a projection that loses its source or
     * target is left out. Default projection names ("E->I") follow their endpoints, and
     * projection names are made unique. Positions are the fragment's moved by (@p dx, @p dy).
     */
    static Pasted paste(ProjectSpec& project, const ProjectSpec& fragment, double dx = 0.0,
                        double dy = 0.0);

    /**
     * @brief Gives every projection a name, unique among them: an empty name becomes
     *        "source->target" and the second use of a name becomes "name 2" (and so on).
     * @return the renamed projections (an empty name counts as "source->target").
     */
    static std::vector<NameChange> makeProjectionNamesUnique(ProjectSpec& project);

    /// The default name of a projection from @p source to @p target: "source->target".
    static std::string defaultProjectionName(const std::string& source, const std::string& target);
};

} // namespace plexus::core
