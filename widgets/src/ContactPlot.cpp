#include "plexus/widgets/ContactPlot.h"

#include "plexus/widgets/LiveRecording.h"
#include "plexus/widgets/PlotTheme.h"

#include <QSharedPointer>
#include <QVector>
#include <algorithm>
#include <cmath>

namespace plexus::widgets {

ContactPlot::ContactPlot(QWidget* parent)
    : LivePlot(parent) {
    setAutoAddPlottableToLegend(false);
    legend->setVisible(false);
    yAxis->setLabel(QStringLiteral("LFP"));
    yAxis->setRange(-1.0, 1.0);
    xAxis->setTickLabels(false);

    // LFP scale beside the traces.
    m_scaleText = new QCPTextElement(this, QString());
    setSideElement(axisRect(), m_scaleText);

    // Multi-unit rates below, on the shared time axis.
    m_muaRect = new QCPAxisRect(this);
    plotLayout()->addElement(1, 0, m_muaRect);
    addTimeRect(m_muaRect);
    setSideElement(m_muaRect, new QCPLayoutElement(this));
    m_muaRect->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("MUA, Hz"));
    m_muaRect->axis(QCPAxis::atLeft)->setRange(0.0, 10.0);
    m_muaRect->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("time (ms)"));
    plotLayout()->setRowStretchFactor(0, 2.0);
    plotLayout()->setRowStretchFactor(1, 1.0);
    auto* group = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    m_muaRect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    setEmptyMessage(tr("No electrode contacts"));
    applyTheme();
}

ContactPlot::~ContactPlot() = default;

QCPGraph* ContactPlot::lfpGraph(std::size_t contact) const {
    return contact < m_lfp.size() ? m_lfp[contact] : nullptr;
}

QCPGraph* ContactPlot::muaGraph(std::size_t contact) const {
    return contact < m_mua.size() ? m_mua[contact] : nullptr;
}

void ContactPlot::rebuild() {
    clearGraphs();
    m_lfp.clear();
    m_mua.clear();
    const LiveRecording* rec = recording();
    const std::size_t count = rec != nullptr ? rec->contactCount() : 0;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (std::size_t c = 0; c < count; ++c) {
        const QColor color = PlotTheme::seriesColor(c);
        QCPGraph* lfp = addGraph(xAxis, yAxis);
        lfp->setName(QString::fromStdString(rec->contact(c).name));
        lfp->setPen(QPen(color, 1.2));
        m_lfp.push_back(lfp);
        QCPGraph* mua =
            addGraph(m_muaRect->axis(QCPAxis::atBottom), m_muaRect->axis(QCPAxis::atLeft));
        mua->setName(lfp->name());
        mua->setPen(QPen(color, 1.2));
        m_mua.push_back(mua);
    }
    // Contact names at their traces' baselines (thinned to at most ~12 labels).
    const std::size_t every = std::max<std::size_t>(1, (count + 11) / 12);
    for (std::size_t c = 0; c < count; c += every)
        ticker->addTick(-static_cast<double>(c), QString::fromStdString(rec->contact(c).name));
    yAxis->setTicker(ticker);
    m_builtContacts = rec != nullptr ? rec->contactGeneration() : 0;
    markBuilt(count);
    setEmptyMessage(count == 0 ? tr("No electrode contacts") : QString());
}

void ContactPlot::updateContent() {
    const LiveRecording* rec = recording();
    const std::size_t count = rec != nullptr ? rec->contactCount() : 0;
    if (needsRebuild(count) || (rec != nullptr && rec->contactGeneration() != m_builtContacts)) {
        rebuild();
    }
    if (rec == nullptr || count == 0) {
        m_scaleText->setText(QString());
        return;
    }
    const double binMs = static_cast<double>(rec->contactBinSteps()) * rec->dtMs();
    const QCPRange range = timeRange();
    // Bin b's LFP sample is at the end of the bin, (b + 1) * binMs.
    const auto firstBin =
        static_cast<std::size_t>(std::max(0.0, std::floor(range.lower / binMs) - 2.0));
    const auto lastBin =
        static_cast<std::size_t>(std::max(0.0, std::ceil(range.upper / binMs) + 1.0));
    const int pixels = std::max(1, axisRect()->width());
    const std::size_t stride = std::max<std::size_t>(1, (lastBin - std::min(firstBin, lastBin)) /
                                                            (2 * static_cast<std::size_t>(pixels)));

    // Spacing: the largest excursion in view.
    double largest = 0.0;
    for (std::size_t c = 0; c < count; ++c) {
        const auto& lfp = rec->contact(c).lfpUv;
        for (std::size_t b = firstBin; b < std::min(lastBin, lfp.size()); ++b)
            if (std::isfinite(lfp[b]))
                largest = std::max(largest, std::abs(static_cast<double>(lfp[b])));
    }
    m_spacingUv = largest > 0.0 ? 2.0 * largest : 1.0;

    double highest = 0.0;
    QVector<QCPGraphData> points;
    for (std::size_t c = 0; c < count; ++c) {
        const LiveRecording::ContactTrack& track = rec->contact(c);
        const double offset = -static_cast<double>(c);
        points.clear();
        const std::size_t end = std::min(lastBin, track.lfpUv.size());
        for (std::size_t b = firstBin; b < end; b += stride) {
            const float v = track.lfpUv[b];
            points.append(QCPGraphData(static_cast<double>(b + 1) * binMs,
                                       std::isfinite(v) ? offset + v / m_spacingUv : std::nan("")));
        }
        m_lfp[c]->data()->set(points, true);

        points.clear();
        const std::size_t unitsEnd = std::min(lastBin, track.units.size());
        for (std::size_t b = firstBin; b < unitsEnd; b += stride) {
            const std::size_t to = std::min(unitsEnd, b + stride);
            double sum = 0.0;
            for (std::size_t k = b; k < to; ++k)
                sum += rec->contactRateHz(c, k);
            const double rate = sum / static_cast<double>(to - b);
            points.append(QCPGraphData(
                (static_cast<double>(b) + 0.5 * static_cast<double>(to - b)) * binMs, rate));
            highest = std::max(highest, rate);
        }
        m_mua[c]->data()->set(points, true);
    }
    yAxis->setRange(-static_cast<double>(count) + 0.4, 0.9);
    m_muaRect->axis(QCPAxis::atLeft)->setRange(0.0, highest > 0.0 ? highest * 1.12 : 10.0);
    m_scaleText->setText(tr("LFP spacing\n%1 µV").arg(m_spacingUv, 0, 'g', 3));
}

void ContactPlot::applyTheme() {
    LivePlot::applyTheme();
    if (m_scaleText != nullptr) {
        m_scaleText->setTextColor(palette().color(QPalette::WindowText));
    }
}

QString ContactPlot::readout(QCPAxisRect* rect, double timeMs, double value) const {
    const LiveRecording* rec = recording();
    if (rect == m_muaRect) {
        return QStringLiteral("t = %1   %2 Hz").arg(formatTime(timeMs)).arg(value, 0, 'f', 1);
    }
    const std::size_t count = rec != nullptr ? rec->contactCount() : 0;
    const long nearest = std::lround(-value);
    if (count == 0 || nearest < 0 || static_cast<std::size_t>(nearest) >= count) {
        return QStringLiteral("t = %1").arg(formatTime(timeMs));
    }
    const double uv = (value + static_cast<double>(nearest)) * m_spacingUv;
    return QStringLiteral("t = %1   %2: %3 µV")
        .arg(formatTime(timeMs))
        .arg(QString::fromStdString(rec->contact(static_cast<std::size_t>(nearest)).name))
        .arg(uv, 0, 'f', 2);
}

} // namespace plexus::widgets
