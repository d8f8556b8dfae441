#pragma once

#include "plexus/widgets/inspector/InspectorPage.h"

namespace plexus::widgets {

/**
 * @brief Inspector page of the project's own settings, shown when nothing is selected.
 *
 * Heading: "Project" and the project's display name (its file's name once saved). Fields:
 * "projectName", "description", and the simulation's "dt" (ms), "duration" (s), "seed" and
 * "threads"; a note counts the neurons, populations, stimuli, projections, recorders and
 * electrodes. Each edit is one Document::updateProjectInfo.
 */
class ProjectPage : public InspectorPage {
    Q_OBJECT

public:
    /// The page of @p document's settings (the document must outlive it).
    explicit ProjectPage(Document* document, QWidget* parent = nullptr);
};

} // namespace plexus::widgets
