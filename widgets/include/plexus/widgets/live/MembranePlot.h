#pragma once

#include "plexus/widgets/live/LivePlot.h"

#include <QPointer>
#include <QString>
#include <QStringList>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace plexus::widgets {

/**
 * @brief The state traces of a LiveRecording (e.g. membrane potentials), one graph per trace.
 *
 * Traces are grouped by unit: each unit gets its own axis rect (stacked, sharing the time
 * axis), so mV and nA traces never share a y axis. Each graph is named
 * "Pop[neuron] variable (unit)" in its rect's legend. New samples are appended to the graphs
 * incrementally; a reset of the recording or a change of the trace list rebuilds them. The y
 * axis of each rect fits the data in the shown time range.
 */
class MembranePlot : public LivePlot {
    Q_OBJECT

public:
    /// Creates an empty plot.
    explicit MembranePlot(QWidget* parent = nullptr);
    ~MembranePlot() override;

    /// Units shown, one axis rect each, in order of first appearance among the traces.
    QStringList units() const { return m_units; }
    /// The graph of trace @p trace (nullptr when out of range or not built yet).
    QCPGraph* traceGraph(std::size_t trace) const;
    /// Legend name of a trace: "Pop[neuron] variable (unit)".
    static QString traceName(const std::string& population, std::int32_t neuron,
                             const std::string& variable, const std::string& unit);

    /// In a figure each unit's legend goes below its axes.
    void beginFigure(const QSize& size, const QFont& font, double pixelRatio) override;

protected:
    void updateContent() override;
    QString readout(QCPAxisRect* rect, double timeMs, double value) const override;
    void applyTheme() override;

private:
    struct TraceKey {
        std::size_t population = 0;
        std::int32_t neuron = 0;
        std::string variable;
        std::string unit;
        bool operator==(const TraceKey&) const = default;
    };

    void rebuild(const std::vector<TraceKey>& keys, const QStringList& units);
    void clearRects();

    const LiveRecording* m_builtRecording = nullptr;
    std::uint64_t m_builtGeneration = 0;
    std::vector<TraceKey> m_keys;
    QStringList m_units;
    std::vector<QPointer<QCPAxisRect>> m_rects; ///< one per unit; [0] is the plot's first rect
    std::vector<QPointer<QCPLegend>> m_legends; ///< legend of each rect
    std::vector<QCPGraph*> m_graphs;            ///< one per trace
    std::vector<std::size_t> m_copied;          ///< samples of each trace already in its graph
    QCPMarginGroup* m_marginGroup = nullptr;
};

} // namespace plexus::widgets
