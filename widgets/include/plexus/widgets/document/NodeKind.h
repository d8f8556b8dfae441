#pragma once

#include <QString>

namespace plexus::widgets {

/// What a node of the circuit editor stands for.
enum class NodeKind {
    Population, ///< a population of neurons (core::PopulationSpec)
    Stimulus,   ///< a spike source or current source (core::StimulusSpec)
    Recorder,   ///< a spike, rate or state recorder (core::RecorderSpec)
    Electrode,  ///< a virtual electrode (ElectrodeSpec, kept in the project's "electrodes")
};

/// "population", "stimulus", "recorder" or "electrode".
inline QString nodeKindName(NodeKind kind) {
    switch (kind) {
    case NodeKind::Population:
        return QStringLiteral("population");
    case NodeKind::Stimulus:
        return QStringLiteral("stimulus");
    case NodeKind::Recorder:
        return QStringLiteral("recorder");
    case NodeKind::Electrode:
        return QStringLiteral("electrode");
    }
    return QStringLiteral("element");
}

} // namespace plexus::widgets
