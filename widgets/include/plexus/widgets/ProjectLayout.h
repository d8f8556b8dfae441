#pragma once

#include <QPointF>
#include <QString>
#include <QStringList>
#include <nlohmann/json.hpp>
#include <optional>

namespace plexus::core {
struct PopulationSpec;
struct ProjectSpec;
} // namespace plexus::core

namespace plexus::widgets {

/**
 * @brief Editor data kept inside a project: node positions and population spatial layouts.
 *
 * Node positions live in the document-level "layout" object, which maps node names to
 * `{"x": ..., "y": ...}` (the node's centre in scene coordinates); the core does not know it,
 * so it keeps it in the project's `extra` and writes it back on save. The spatial layout of a
 * population is the core's PopulationSpec::spatial (saved as its "spatial" object); the editor
 * chooses its shape, and the core gives each shape its default size.
 */
class ProjectLayout {
public:
    /// Name of the document-level member holding node positions.
    static constexpr const char* layoutKey = "layout";
    /// Name of the population member holding its spatial layout (core::SpatialSpec).
    static constexpr const char* spatialKey = "spatial";

    /// Position of node @p name, or nothing when the project does not store one.
    static std::optional<QPointF> position(const core::ProjectSpec& project, const QString& name);
    /// Stores the position of node @p name.
    static void setPosition(core::ProjectSpec& project, const QString& name, QPointF position);
    /// Forgets the position of node @p name.
    static void removePosition(core::ProjectSpec& project, const QString& name);
    /// Moves the stored position of @p from (if any) to @p to.
    static void renamePosition(core::ProjectSpec& project, const QString& from, const QString& to);

    /// Spatial layouts offered for populations: "mixed" (no positions), "grid", "random",
    /// "ring", "sheet".
    static QStringList shapes();
    /// Human-readable label of a shape, e.g. "2D grid".
    static QString shapeLabel(const QString& shape);
    /// Spatial layout of a population ("mixed" when it names none).
    static QString shape(const core::PopulationSpec& population);
    /// Sets the shape of a population's spatial layout, at the shape's default size (unknown
    /// members of the layout are kept; "mixed" means no positions and saves no layout).
    static void setShape(core::PopulationSpec& population, const QString& shape);

    /// Removes member @p key from an `extra` object and resets it to null when it becomes empty.
    static void eraseExtra(nlohmann::json& extra, const char* key);
};

} // namespace plexus::widgets
