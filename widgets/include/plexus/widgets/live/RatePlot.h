#pragma once

#include "plexus/widgets/live/LivePlot.h"
#include "plexus/widgets/live/RateSmoother.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace plexus::widgets {

/**
 * @brief Population firing rates (Hz) over time, from the rate bins of a LiveRecording,
 *        optionally smoothed (boxcar or Gaussian, width in ms), one graph per population.
 *
 * Only the bins in view (plus the kernel's reach) are smoothed on a redraw; when there are many
 * more bins in view than pixels, smoothed curves are sampled at about two points per pixel.
 * The y axis runs from 0 to a little above the highest rate in view.
 */
class RatePlot : public LivePlot {
    Q_OBJECT

public:
    /// Creates an empty plot (Gaussian smoothing, 5 ms).
    explicit RatePlot(QWidget* parent = nullptr);
    ~RatePlot() override;

    /**
     * @brief Smooths with @p kind over @p widthMs: the boxcar's full width or the Gaussian's
     *        standard deviation. Takes effect at the next refresh().
     */
    void setSmoothing(RateSmoother::Kind kind, double widthMs);
    RateSmoother::Kind smoothingKind() const { return m_kind; }
    double smoothingWidthMs() const { return m_widthMs; }

    /// The graph of population @p population (nullptr when out of range or not built yet).
    QCPGraph* populationGraph(std::size_t population) const;

    /// In a figure the legend goes below the axes.
    void beginFigure(const QSize& size, const QFont& font, double pixelRatio) override;

protected:
    void updateContent() override;
    QString readout(QCPAxisRect* rect, double timeMs, double value) const override;

private:
    void rebuild();
    /// As many populations in the legend beside the plot as its height holds, the rest
    /// counted in a last entry ("+ 3 more"). A figure shows the legend as the screen does.
    void fitLegend();
    /// The legend with the first @p count populations (and "+ n more" for the others).
    void showLegendEntries(std::size_t count);

    RateSmoother::Kind m_kind = RateSmoother::Kind::Gaussian;
    double m_widthMs = 5.0;
    std::vector<QCPGraph*> m_graphs;
    std::size_t m_legendEntries = 0; ///< populations the legend shows
    std::vector<double> m_slice;
    std::vector<double> m_smoothed;
};

} // namespace plexus::widgets
