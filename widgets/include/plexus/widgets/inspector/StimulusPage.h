#pragma once

#include "plexus/widgets/inspector/InspectorPage.h"

namespace plexus::core {
struct StimulusSpec;
}

namespace plexus::widgets {

/**
 * @brief Inspector page of a stimulus: a spike source or a current source.
 *
 * Heading: "Stimulus", the name and the model's label. Fields: "name", "model" (the models of
 * the stimulus's own kind); a spike source has "size" (channels), a current source "target"
 * (a population) and "receptor" (an input of the target's model); then "param:KEY" for each
 * model parameter, and for spike-time stimuli the "times" (ms) and "indices" (channels) lists,
 * which replace the file they were read from once edited. Each edit is one
 * Document::updateStimulus; a list entry that is not a number is refused under its field.
 */
class StimulusPage : public InspectorPage {
    Q_OBJECT

public:
    /// The page of stimulus @p name of @p document (which must hold it and outlive the page).
    StimulusPage(Document* document, const QString& name, QWidget* parent = nullptr);

private:
    void commit(const QString& key, const core::StimulusSpec& edited, const QString& text);

    QString m_name;
};

} // namespace plexus::widgets
