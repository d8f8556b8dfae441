#include "plexus/widgets/live/RatePlot.h"

#include "plexus/widgets/live/LiveRecording.h"
#include "plexus/widgets/plots/PlotTheme.h"
#include "plots/SwatchLegendItem.h"

#include <QVector>
#include <algorithm>
#include <cmath>

namespace plexus::widgets {

RatePlot::RatePlot(QWidget* parent)
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
    placeLegendBeside(axisRect(), legend);
    connect(this, &QCustomPlot::beforeReplot, this, &RatePlot::fitLegend);
    yAxis->setLabel(QStringLiteral("rate (Hz)"));
    yAxis->setRange(0.0, 10.0);
    setEmptyMessage(
        tr("Press Run (F5) to simulate the circuit:\nthe population rates appear here."));
    applyTheme();
}

RatePlot::~RatePlot() = default;

void RatePlot::beginFigure(const QSize& size, const QFont& font, double pixelRatio) {
    LivePlot::beginFigure(size, font, pixelRatio);
    if (legend->itemCount() > 0) {
        moveLegendBelowForFigure(axisRect(), legend);
    }
}

void RatePlot::setSmoothing(RateSmoother::Kind kind, double widthMs) {
    if (!std::isfinite(widthMs) || widthMs <= 0.0) {
        widthMs = m_widthMs;
    }
    if (kind == m_kind && widthMs == m_widthMs) {
        return;
    }
    m_kind = kind;
    m_widthMs = widthMs;
    invalidate();
}

QCPGraph* RatePlot::populationGraph(std::size_t population) const {
    return population < m_graphs.size() ? m_graphs[population] : nullptr;
}

void RatePlot::rebuild() {
    clearGraphs();
    legend->clearItems();
    m_graphs.clear();
    const LiveRecording* rec = recording();
    const std::size_t count = rec != nullptr ? rec->populationCount() : 0;
    for (std::size_t p = 0; p < count; ++p) {
        QCPGraph* graph = addGraph();
        graph->setName(QString::fromStdString(rec->population(p).name));
        graph->setPen(QPen(PlotTheme::seriesColor(p), 1.5));
        graph->addToLegend();
        m_graphs.push_back(graph);
    }
    m_legendEntries = count;
    legend->setVisible(count > 0);
    markBuilt(count);
    setEmptyMessage(
        count == 0
            ? tr("Press Run (F5) to simulate the circuit:\nthe population rates appear here.")
            : QString());
}

void RatePlot::fitLegend() {
    const int height = axisRect()->outerRect().height();
    if (inFigure() || m_graphs.empty() || height <= 0) {
        return;
    }
    const QFontMetrics metrics(legend->font());
    const int line = std::max(metrics.height(), legend->iconSize().height()) + legend->rowSpacing();
    const int room = height - legend->margins().top() - legend->margins().bottom() - 6;
    const auto rows = static_cast<std::size_t>(std::max(1, room / std::max(1, line)));
    const std::size_t count = m_graphs.size() <= rows ? m_graphs.size() : rows - 1;
    if (count != m_legendEntries) {
        showLegendEntries(count);
        replot(QCustomPlot::rpQueuedReplot); // laid out for the height of this replot
    }
}

void RatePlot::showLegendEntries(std::size_t count) {
    count = std::min(count, m_graphs.size());
    legend->clearItems();
    for (std::size_t p = 0; p < count; ++p) {
        m_graphs[p]->addToLegend();
    }
    if (count < m_graphs.size()) {
        auto* more = new SwatchLegendItem(legend, Qt::transparent,
                                          tr("+ %1 more").arg(m_graphs.size() - count));
        more->setFont(legend->font());
        more->setTextColor(legend->textColor());
        legend->addItem(more);
    }
    m_legendEntries = count;
}

void RatePlot::updateContent() {
    const LiveRecording* rec = recording();
    const std::size_t count = rec != nullptr ? rec->populationCount() : 0;
    if (needsRebuild(count)) {
        rebuild();
    }
    if (rec == nullptr || count == 0) {
        yAxis->setRange(0.0, 10.0);
        return;
    }

    const double binMs = static_cast<double>(rec->rateBinSteps()) * rec->dtMs();
    const RateSmoother smoother(m_kind, binMs > 0.0 ? m_widthMs / binMs : 1.0);
    const QCPRange range = timeRange();
    // Bins overlapping the view, one more on each side so lines run to the edges.
    const double firstBin = std::max(0.0, std::floor(range.lower / binMs) - 1.0);
    const double lastBin = std::max(0.0, std::ceil(range.upper / binMs) + 1.0);
    const int pixels = std::max(1, axisRect()->width());

    double highest = 0.0;
    QVector<QCPGraphData> points;
    for (std::size_t p = 0; p < count; ++p) {
        const std::size_t bins = rec->rateBins(p).size();
        const std::size_t first = std::min(bins, static_cast<std::size_t>(firstBin));
        const std::size_t last = std::min(bins, static_cast<std::size_t>(lastBin));
        points.clear();
        if (first < last) {
            // Slice with the kernel's reach, converted to Hz.
            const std::size_t from =
                first >= smoother.reachBefore() ? first - smoother.reachBefore() : 0;
            const std::size_t to = std::min(bins, last + smoother.reachAfter());
            m_slice.resize(to - from);
            for (std::size_t b = from; b < to; ++b) {
                m_slice[b - from] = rec->rateHz(p, b);
            }
            std::size_t stride = 1;
            if (smoother.kind() != RateSmoother::Kind::None) {
                stride = std::max<std::size_t>(1, (last - first) /
                                                      (2 * static_cast<std::size_t>(pixels)));
            }
            m_smoothed.resize((last - first + stride - 1) / stride);
            smoother.apply(m_slice.data(), m_slice.size(), first - from, last - from, stride,
                           m_smoothed.data());
            points.resize(static_cast<int>(m_smoothed.size()));
            for (std::size_t k = 0; k < m_smoothed.size(); ++k) {
                const double bin = static_cast<double>(first + k * stride);
                points[static_cast<int>(k)] =
                    QCPGraphData((bin + smoother.sampleOffsetBins()) * binMs, m_smoothed[k]);
                highest = std::max(highest, m_smoothed[k]);
            }
        }
        m_graphs[p]->data()->set(points, true);
    }
    yAxis->setRange(0.0, highest > 0.0 ? highest * 1.12 : 10.0);
}

QString RatePlot::readout(QCPAxisRect* rect, double timeMs, double value) const {
    Q_UNUSED(rect);
    return QStringLiteral("t = %1   %2 Hz").arg(formatTime(timeMs)).arg(value, 0, 'f', 1);
}

} // namespace plexus::widgets
