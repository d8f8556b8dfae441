#pragma once

#include <QPointF>
#include <QString>
#include <QStringList>
#include <optional>

namespace plexus::core {
struct PopulationSpec;
struct ProjectSpec;
} // namespace plexus::core

namespace plexus::widgets {

/**
 * @brief Editor data kept inside a project: node positions and population spatial layouts.
 *
 * Node positions are the core's ProjectSpec::layout (saved as the document-level "layout"
 * object, node name -> `{"x": ..., "y": ...}`, the node's centre in scene coordinates); this
 * class gives them to the editor as QPointF. The spatial layout of a
 * population is the core's PopulationSpec::spatial (saved as its "spatial" object); the editor
 * chooses its shape, and the core gives each shape its default size.
 */
class ProjectLayout {
public:
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
};

} // namespace plexus::widgets
