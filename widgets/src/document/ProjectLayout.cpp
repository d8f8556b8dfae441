#include "plexus/widgets/document/ProjectLayout.h"

#include <plexus/core/project/ProjectSpec.h>

namespace plexus::widgets {

std::optional<QPointF> ProjectLayout::position(const core::ProjectSpec& project,
                                               const QString& name) {
    const auto it = project.layout.find(name.toStdString());
    if (it == project.layout.end()) {
        return std::nullopt;
    }
    return QPointF(it->second.x, it->second.y);
}

void ProjectLayout::setPosition(core::ProjectSpec& project, const QString& name, QPointF position) {
    project.layout[name.toStdString()] = {position.x(), position.y()};
}

void ProjectLayout::removePosition(core::ProjectSpec& project, const QString& name) {
    project.layout.erase(name.toStdString());
}

void ProjectLayout::renamePosition(core::ProjectSpec& project, const QString& from,
                                   const QString& to) {
    const auto old = position(project, from);
    removePosition(project, from);
    if (old) {
        setPosition(project, to, *old);
    }
}

QStringList ProjectLayout::shapes() {
    QStringList out;
    for (const std::string& shape : core::SpatialSpec::shapes()) {
        out << QString::fromStdString(shape);
    }
    return out;
}

QString ProjectLayout::shapeLabel(const QString& shape) {
    if (shape == QLatin1String("mixed")) {
        return QStringLiteral("Well mixed (no positions)");
    }
    if (shape == QLatin1String("grid")) {
        return QStringLiteral("2D grid");
    }
    if (shape == QLatin1String("random")) {
        return QStringLiteral("Random in a cube");
    }
    if (shape == QLatin1String("ring")) {
        return QStringLiteral("Ring");
    }
    if (shape == QLatin1String("sheet")) {
        return QStringLiteral("Cortical sheet (layers)");
    }
    return shape;
}

QString ProjectLayout::shape(const core::PopulationSpec& population) {
    return population.spatial.shape.empty() ? QStringLiteral("mixed")
                                            : QString::fromStdString(population.spatial.shape);
}

void ProjectLayout::setShape(core::PopulationSpec& population, const QString& shape) {
    const std::string next = shape.isEmpty() ? std::string("mixed") : shape.toStdString();
    if (population.spatial.shape == next) {
        return; // keeps a size set in the file
    }
    nlohmann::json extra = population.spatial.extra;
    population.spatial = core::SpatialSpec::withShape(next);
    population.spatial.extra = std::move(extra);
}

} // namespace plexus::widgets
