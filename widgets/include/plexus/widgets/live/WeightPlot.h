#pragma once

#include "plexus/widgets/live/LivePlot.h"

#include <QPointer>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace plexus::widgets {

/**
 * @brief Weights of the plastic projections of a LiveRecording: the mean weight over time
 *        (left, on the shared time axis) and the latest weight histogram (right), one colour
 *        per projection.
 */
class WeightPlot : public LivePlot {
    Q_OBJECT

public:
    /// Creates an empty plot.
    explicit WeightPlot(QWidget* parent = nullptr);
    ~WeightPlot() override;

    /// The axis rect of the histograms (weight on x, synapse count on y).
    QCPAxisRect* histogramRect() const { return m_histogramRect; }
    /// Mean-weight graph of track @p track (nullptr when out of range).
    QCPGraph* meanGraph(std::size_t track) const;
    /// Histogram bars of track @p track (nullptr when out of range).
    QCPBars* histogramBars(std::size_t track) const;

    /// In a figure the legend goes below the axes; the histogram takes a third of the width, or
    /// goes below the mean weights when the figure is narrower than 24 ems and at least 18 ems
    /// high.
    void beginFigure(const QSize& size, const QFont& font, double pixelRatio) override;
    void endFigure() override;

protected:
    void updateContent() override;
    int figureSideColumnWidth(const QSize& size) const override;
    QString readout(QCPAxisRect* rect, double x, double value) const override;

private:
    void rebuild();

    QPointer<QCPAxisRect> m_histogramRect;
    bool m_histogramBelow = false; ///< in a narrow figure: the histogram is under the means
    std::vector<QCPGraph*> m_graphs;
    std::vector<QCPBars*> m_bars;
};

} // namespace plexus::widgets
