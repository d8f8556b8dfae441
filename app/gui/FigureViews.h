#pragma once

#include <QString>
#include <QStringList>
#include <memory>
#include <utility>
#include <vector>

namespace plexus::widgets {
class AnalysisPanel;
class CortexPanel;
class FigureSource;
class LivePlotPanel;
} // namespace plexus::widgets

namespace plexus::app {

/**
 * @brief The views of the main window that can go into a figure, by id.
 *
 * Ids: raster, membrane, rate, weights, contacts (live plots), cortex (3-D view), trajectory,
 * trajectory3d, rdm, mds, comparison, avalanches, spectrum, branching, memory, confusion,
 * prediction (analysis; trajectory3d once the 3-D mode was shown). Plot
 * views become vector panels (widgets::PlotFigureSource); the 3-D view is rendered off screen at
 * the panel's resolution (widgets::ImageFigureSource).
 */
class FigureViews {
public:
    /// Any pointer may be null (its views are then unavailable). None are owned.
    FigureViews(widgets::LivePlotPanel* plots, widgets::CortexPanel* cortex,
                widgets::AnalysisPanel* analysis);

    /// Every view id this class knows, in menu order.
    static QStringList allIds();
    /// Label of a view id ("Raster", "3-D cortex").
    static QString label(const QString& id);

    /// The (id, label) pairs of views that exist now.
    std::vector<std::pair<QString, QString>> available() const;
    /**
     * @brief Sets what the views @p ids need computed before their panel settles: the
     *        readout task of the first readout view among them (memory: memory capacity,
     *        confusion: classify conditions, prediction: NARMA-10 unless regression is chosen).
     */
    void prepare(const QStringList& ids) const;
    /// The figure panel of view @p id, or null when it is not available.
    std::shared_ptr<widgets::FigureSource> source(const QString& id) const;

private:
    widgets::LivePlotPanel* m_plots;
    widgets::CortexPanel* m_cortex;
    widgets::AnalysisPanel* m_analysis;
};

} // namespace plexus::app
