#pragma once

#include <QCoreApplication>
#include <QString>
#include <plexus/core/project/ProjectSpec.h>

namespace plexus::core {
class ModelRegistry;
} // namespace plexus::core

namespace plexus::widgets {

/**
 * @brief Checks of edited node and projection specs against the registered models, for the
 *        document's edits.
 *
 * Each check returns an empty string when the spec is acceptable, else one line naming the
 * field ("size: ...", "receptor: ..."). Specs of models the registry does not know
 * (placeholders) are accepted as far as their parameters go: those cannot be checked.
 */
class DocumentChecks {
    Q_DECLARE_TR_FUNCTIONS(DocumentChecks)

public:
    /// Checks against the models of @p registry (may be null: no model checks).
    explicit DocumentChecks(const core::ModelRegistry* registry)
        : m_registry(registry) {}

    /// Size, model kind, parameters and initial values of a population.
    QString checkPopulation(const core::PopulationSpec& spec) const;
    /// Size, model kind, target (current sources), spike times and parameters of a stimulus.
    QString checkStimulus(const core::StimulusSpec& spec, const core::ProjectSpec& project) const;
    /// Type, intervals and (state recorders) target, variables and neurons of a recorder.
    QString checkRecorder(const core::RecorderSpec& spec, const core::ProjectSpec& project) const;
    /// Endpoints, receptor, connectivity, weight, delay, synapse model and modulator.
    QString checkProjection(const core::ProjectionSpec& spec,
                            const core::ProjectSpec& project) const;

private:
    const core::ModelRegistry* m_registry = nullptr;
};

} // namespace plexus::widgets
