#pragma once

#include "plexus/widgets/document/ElectrodeSpec.h"

#include <QString>

namespace plexus::widgets {

class Document;

/**
 * @brief Undoable document edits for electrodes coming from the 3D panel (planner, montage
 * import, clicks in "Place electrode" mode). Each call is one Document undo command.
 */
class ElectrodeEdits {
public:
    /**
     * @brief Adds @p spec to @p document (renamed with Document::uniqueNodeName() when its
     * name is taken, placed below the other nodes of the circuit editor).
     * @return the name used, or an empty string (with @p error) when refused.
     */
    static QString addElectrode(Document& document, ElectrodeSpec spec, const QString& text = {},
                                QString* error = nullptr);
    /// Stores anchor @p vertex and @p depthUm of electrode @p name
    /// (ElectrodePlacement::withAnchor()); false with @p error when refused.
    static bool placeElectrode(Document& document, const QString& name, qint64 vertex,
                               double depthUm, QString* error = nullptr);
};

} // namespace plexus::widgets
