#include "plexus/widgets/live/WeightPlot.h"

#include "plexus/widgets/live/LiveRecording.h"
#include "plexus/widgets/plots/PlotTheme.h"

#include <QVector>
#include <algorithm>
#include <cmath>
#include <limits>

namespace plexus::widgets {

WeightPlot::WeightPlot(QWidget* parent)
    : LivePlot(parent) {
    setAutoAddPlottableToLegend(false);
    QFont legendFont = font();
    if (legendFont.pointSizeF() > 0) {
        legendFont.setPointSizeF(std::max(6.0, legendFont.pointSizeF() - 1.0));
    }
    legend->setFont(legendFont);
    legend->setRowSpacing(0);
    legend->setMargins(QMargins(4, 2, 4, 2));
    legend->setIconSize(16, 8);
    legend->setVisible(false);
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    yAxis->setLabel(QStringLiteral("mean weight"));
    yAxis->setRange(0.0, 1.0);

    // Histogram to the right; its x axis is the weight, not time (no drag, no zoom).
    m_histogramRect = new QCPAxisRect(this);
    setSideElement(axisRect(), m_histogramRect);
    m_histogramRect->setRangeDrag(Qt::Orientations());
    m_histogramRect->setRangeZoom(Qt::Orientations());
    m_histogramRect->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("weight"));
    m_histogramRect->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("synapses"));
    m_histogramRect->axis(QCPAxis::atBottom)->setRange(0.0, 1.0);
    m_histogramRect->axis(QCPAxis::atLeft)->setRange(0.0, 1.0);
    QCPMarginGroup* group = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    m_histogramRect->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    setEmptyMessage(tr("No plastic projections"));
    applyTheme();
}

WeightPlot::~WeightPlot() = default;

int WeightPlot::figureSideColumnWidth(const QSize& size) const {
    const int em = std::max(1, figureFont().pixelSize());
    // Stacked, two axes with their tick labels and names and the legend between them need
    // about 18 ems of height: a shorter figure keeps the histogram beside the means.
    return size.width() >= 24 * em || size.height() < 18 * em ? size.width() / 3 : 0;
}

void WeightPlot::beginFigure(const QSize& size, const QFont& font, double pixelRatio) {
    LivePlot::beginFigure(size, font, pixelRatio);
    if (legend->itemCount() > 0) {
        moveLegendBelowForFigure(axisRect(), legend);
    }
    if (figureSideColumnWidth(size) == 0) {
        // Too narrow to stand beside the means: the histogram goes below them.
        plotLayout()->addElement(plotLayout()->rowCount(), 0, m_histogramRect);
        m_histogramRect->setVisible(true);
        // Sized like any axis rect now, not as the side column (LivePlot restores that).
        m_histogramRect->setSizeConstraintRect(QCPLayoutElement::scrInnerRect);
        m_histogramRect->setMinimumSize(0, 0);
        m_histogramRect->setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX);
        m_histogramBelow = true;
        // Stacked, the two line up left and right.
        if (QCPMarginGroup* group = axisRect()->marginGroup(QCP::msTop)) {
            axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, group);
            m_histogramRect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
        }
    }
}

void WeightPlot::endFigure() {
    if (m_histogramBelow) {
        axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, nullptr);
        m_histogramRect->setMarginGroup(QCP::msLeft | QCP::msRight, nullptr);
        plotLayout()->take(m_histogramRect);
        plotLayout()->simplify();
        m_histogramRect->setSizeConstraintRect(QCPLayoutElement::scrOuterRect);
        m_histogramBelow = false;
    }
    LivePlot::endFigure();
}

QCPGraph* WeightPlot::meanGraph(std::size_t track) const {
    return track < m_graphs.size() ? m_graphs[track] : nullptr;
}

QCPBars* WeightPlot::histogramBars(std::size_t track) const {
    return track < m_bars.size() ? m_bars[track] : nullptr;
}

void WeightPlot::rebuild() {
    clearPlottables();
    legend->clearItems();
    m_graphs.clear();
    m_bars.clear();
    const LiveRecording* rec = recording();
    const std::size_t count = rec != nullptr ? rec->weightTrackCount() : 0;
    for (std::size_t i = 0; i < count; ++i) {
        const QColor color = PlotTheme::seriesColor(i);
        QCPGraph* graph = addGraph(xAxis, yAxis);
        graph->setName(QString::fromStdString(rec->weightTrack(i).projection));
        graph->setPen(QPen(color, 1.5));
        graph->addToLegend();
        m_graphs.push_back(graph);

        auto* bars = new QCPBars(m_histogramRect->axis(QCPAxis::atBottom),
                                 m_histogramRect->axis(QCPAxis::atLeft));
        QColor fill = color;
        fill.setAlpha(count > 1 ? 120 : 190);
        bars->setBrush(fill);
        bars->setPen(QPen(color.darker(115), 0));
        bars->setWidthType(QCPBars::wtPlotCoords);
        m_bars.push_back(bars);
    }
    legend->setVisible(count > 0);
    markBuilt(count);
    setEmptyMessage(count == 0 ? tr("No plastic projections") : QString());
}

void WeightPlot::updateContent() {
    const LiveRecording* rec = recording();
    const std::size_t count = rec != nullptr ? rec->weightTrackCount() : 0;
    if (needsRebuild(count)) {
        rebuild();
    }
    if (count == 0) {
        return;
    }
    const double dt = rec->dtMs();
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    double tallest = 0.0;
    QVector<QCPGraphData> points;
    QVector<double> keys, values;
    for (std::size_t i = 0; i < count; ++i) {
        const LiveRecording::WeightTrack& track = rec->weightTrack(i);
        const std::size_t n = std::min(track.steps.size(), track.mean.size());
        points.resize(static_cast<int>(n));
        for (std::size_t k = 0; k < n; ++k) {
            points[static_cast<int>(k)] =
                QCPGraphData(static_cast<double>(track.steps[k]) * dt, track.mean[k]);
        }
        m_graphs[i]->data()->set(points, true);

        const std::size_t bins = track.histogram.size();
        keys.resize(static_cast<int>(bins));
        values.resize(static_cast<int>(bins));
        const double width =
            bins > 0 ? (track.histogramHigh - track.histogramLow) / static_cast<double>(bins) : 0.0;
        for (std::size_t b = 0; b < bins; ++b) {
            keys[static_cast<int>(b)] = track.histogramLow + (static_cast<double>(b) + 0.5) * width;
            values[static_cast<int>(b)] = track.histogram[b];
            tallest = std::max(tallest, static_cast<double>(track.histogram[b]));
        }
        m_bars[i]->setWidth(width);
        m_bars[i]->setData(keys, values, true);
        if (bins > 0) {
            low = std::min(low, track.histogramLow);
            high = std::max(high, track.histogramHigh);
        }
    }

    // Mean weights in view set the y range.
    bool any = false;
    QCPRange total;
    for (QCPGraph* graph : m_graphs) {
        bool found = false;
        const QCPRange r = graph->getValueRange(found, QCP::sdBoth, timeRange());
        if (found) {
            total =
                any ? QCPRange(std::min(total.lower, r.lower), std::max(total.upper, r.upper)) : r;
            any = true;
        }
    }
    if (any) {
        double span = total.size();
        if (span <= 0.0) {
            span = std::max(1e-3, std::abs(total.lower) * 0.1);
            total = QCPRange(total.lower - 0.5 * span, total.upper + 0.5 * span);
            span = total.size();
        }
        yAxis->setRange(total.lower - 0.08 * span, total.upper + 0.08 * span);
    }
    if (high > low) {
        m_histogramRect->axis(QCPAxis::atBottom)->setRange(low, high);
    }
    m_histogramRect->axis(QCPAxis::atLeft)->setRange(0.0, tallest > 0.0 ? tallest * 1.1 : 1.0);
}

QString WeightPlot::readout(QCPAxisRect* rect, double x, double value) const {
    if (rect == m_histogramRect) {
        return QStringLiteral("w = %1   n = %2")
            .arg(x, 0, 'g', 4)
            .arg(std::max(0.0, value), 0, 'f', 0);
    }
    return QStringLiteral("t = %1   w = %2").arg(formatTime(x)).arg(value, 0, 'g', 4);
}

} // namespace plexus::widgets
