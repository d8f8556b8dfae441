#pragma once

#include "plexus/widgets/inspector/InspectorPage.h"

namespace plexus::core {
struct PopulationSpec;
}

namespace plexus::widgets {

/**
 * @brief Inspector page of a population.
 *
 * Heading: "Population", the name and the model's label. Fields: "name", "model" (the neuron
 * models of the registry), "size" (refused in the words of the project rule when out of
 * range), "spatial" (the layout shape), "param:KEY" for each model parameter and "initial:VAR"
 * for each state variable (default, constant or distribution). A population whose model is not
 * registered shows its stored parameters as a note and keeps them. Each edit is one
 * Document::updatePopulation; changing the model keeps the overrides the new model knows.
 */
class PopulationPage : public InspectorPage {
    Q_OBJECT

public:
    /// The page of population @p name of @p document (which must hold it and outlive the page).
    PopulationPage(Document* document, const QString& name, QWidget* parent = nullptr);

private:
    void commit(const QString& key, const core::PopulationSpec& edited, const QString& text);

    QString m_name;
};

} // namespace plexus::widgets
