#pragma once

#include <QHash>
#include <QPointF>
#include <QString>

namespace plexus::core {
struct ProjectSpec;
} // namespace plexus::core

namespace plexus::widgets {

/**
 * @brief Places the nodes of a circuit in columns that follow the flow of activity.
 *
 * Stimuli go in the first column; each population goes one column right of the nearest
 * stimulus or population driving it (breadth-first over the projections, so recurrent loops
 * do not push nodes further); a population nothing reaches starts a new breadth-first walk
 * from the second column (the first when there are no stimuli). Recorders and electrodes sit
 * below the node they observe; unconnected ones go in a last column. Columns are centred
 * vertically on y = 0.
 */
class AutoLayout {
public:
    /// Horizontal distance between columns.
    static constexpr double columnSpacing = 330.0;
    /// Vertical distance between rows.
    static constexpr double rowSpacing = 140.0;

    /// Centres of every node of @p project (populations, stimuli, recorders, electrodes).
    static QHash<QString, QPointF> compute(const core::ProjectSpec& project);
};

} // namespace plexus::widgets
