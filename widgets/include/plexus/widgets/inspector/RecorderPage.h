#pragma once

#include "plexus/widgets/inspector/InspectorPage.h"

namespace plexus::core {
struct RecorderSpec;
}

namespace plexus::widgets {

/**
 * @brief Inspector page of a recorder.
 *
 * Heading: "Recorder" and the name. Fields: "name", "type" (spikes, population rate or state
 * variables), "target" (a node that emits spikes; a population for state recorders); a state
 * recorder adds "variables" (naming those the target's model offers), "neurons" and
 * "interval" (ms), a rate recorder "bin" (ms). Each edit is one Document::updateRecorder; a
 * neuron list entry that is not an index is refused under its field.
 */
class RecorderPage : public InspectorPage {
    Q_OBJECT

public:
    /// The page of recorder @p name of @p document (which must hold it and outlive the page).
    RecorderPage(Document* document, const QString& name, QWidget* parent = nullptr);

private:
    void commit(const QString& key, const core::RecorderSpec& edited, const QString& text);

    QString m_name;
};

} // namespace plexus::widgets
