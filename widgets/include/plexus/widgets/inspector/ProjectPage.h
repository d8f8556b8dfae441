#pragma once

#include "plexus/widgets/inspector/InspectorPage.h"

#include <optional>
#include <plexus/core/project/ProtocolSpec.h>

namespace plexus::widgets {

/**
 * @brief Inspector page of the project's own settings, shown when nothing is selected.
 *
 * Heading: "Project" and the project's display name (its file's name once saved). Fields:
 * "projectName", "description", and the simulation's "dt" (ms), "duration" (s), "seed" and
 * "threads"; a note counts the neurons, populations, stimuli, projections, recorders and
 * electrodes. Each edit is one Document::updateProjectInfo. The "Protocol" section sums up the
 * project's protocol (conditions, trials, run length) and its "Edit protocol…" button
 * ("editProtocol") asks for the protocol editor (protocolRequested()).
 */
class ProjectPage : public InspectorPage {
    Q_OBJECT

public:
    /// The page of @p document's settings (the document must outlive it).
    explicit ProjectPage(Document* document, QWidget* parent = nullptr);
    /// True when the document's protocol is no longer the one the page sums up.
    bool protocolChanged() const;

Q_SIGNALS:
    /// "Edit protocol…" was clicked.
    void protocolRequested();

private:
    std::optional<core::ProtocolSpec> m_protocol;
};

} // namespace plexus::widgets
