#pragma once

#include "plexus/widgets/inspector/InspectorPage.h"

namespace plexus::core {
struct ProjectionSpec;
}

namespace plexus::widgets {

/**
 * @brief Inspector page of a projection.
 *
 * Heading: "Projection", the name and "source → target". Fields: "name", "receptor" (an input
 * of the target's model, or free text when the model is missing), "rule" (a
 * core::ConnectivityRule) with "conn:KEY" for each of its parameters, "file" (the edge file of
 * a rule that reads one, relative to the project's folder, with its "browse:file" button),
 * "autapses" (self-projections), "weight", "delay", "synapse" with "synparam:KEY" for a
 * plastic model, and "modulator". Notes say when the edge file is missing or an end has no
 * spatial layout for a distance rule. Each edit is one Document::updateProjection; an edge file
 * that cannot be read is refused under its field, naming the file and line.
 */
class ProjectionPage : public InspectorPage {
    Q_OBJECT

public:
    /// The page of projection @p name of @p document (which must hold it and outlive the
    /// page).
    ProjectionPage(Document* document, const QString& name, QWidget* parent = nullptr);

private:
    void commit(const QString& key, const core::ProjectionSpec& edited, const QString& text);

    QString m_name;
};

} // namespace plexus::widgets
