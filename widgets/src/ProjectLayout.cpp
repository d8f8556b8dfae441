#include "plexus/widgets/ProjectLayout.h"

#include <cmath>
#include <plexus/core/ProjectSpec.h>

namespace plexus::widgets {

std::optional<QPointF> ProjectLayout::position(const core::ProjectSpec& project,
                                               const QString& name) {
    const nlohmann::json& extra = project.extra;
    if (!extra.is_object() || !extra.contains(layoutKey) || !extra[layoutKey].is_object()) {
        return std::nullopt;
    }
    const nlohmann::json& layout = extra[layoutKey];
    const auto it = layout.find(name.toStdString());
    if (it == layout.end() || !it->is_object()) {
        return std::nullopt;
    }
    const auto x = it->find("x");
    const auto y = it->find("y");
    if (x == it->end() || y == it->end() || !x->is_number() || !y->is_number()) {
        return std::nullopt;
    }
    const double px = x->get<double>();
    const double py = y->get<double>();
    if (!std::isfinite(px) || !std::isfinite(py)) {
        return std::nullopt;
    }
    return QPointF(px, py);
}

void ProjectLayout::setPosition(core::ProjectSpec& project, const QString& name, QPointF position) {
    if (!project.extra.is_object()) {
        project.extra = nlohmann::json::object();
    }
    nlohmann::json& layout = project.extra[layoutKey];
    if (!layout.is_object()) {
        layout = nlohmann::json::object();
    }
    layout[name.toStdString()] = {{"x", position.x()}, {"y", position.y()}};
}

void ProjectLayout::removePosition(core::ProjectSpec& project, const QString& name) {
    if (!project.extra.is_object() || !project.extra.contains(layoutKey) ||
        !project.extra[layoutKey].is_object()) {
        return;
    }
    project.extra[layoutKey].erase(name.toStdString());
    if (project.extra[layoutKey].empty()) {
        eraseExtra(project.extra, layoutKey);
    }
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

void ProjectLayout::eraseExtra(nlohmann::json& extra, const char* key) {
    if (!extra.is_object()) {
        return;
    }
    extra.erase(key);
    if (extra.empty()) {
        extra = nullptr;
    }
}

} // namespace plexus::widgets
