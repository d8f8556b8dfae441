#include "plexus/widgets/live/ContactPlot.h"

#include "plexus/widgets/live/LiveRecording.h"
#include "plexus/widgets/plots/AxisLabelFit.h"
#include "plexus/widgets/plots/PlotTheme.h"

#include <QFontMetricsF>
#include <QSharedPointer>
#include <QVector>
#include <algorithm>
#include <cmath>

namespace plexus::widgets {

namespace {
/// Excursions above this quantile (start-up transients) may overlap the neighbouring trace.
constexpr double kSpacingQuantile = 0.98;
/// Width of the sliding window over which the multi-unit rate is averaged.
constexpr double kMuaWindowMs = 20.0;
} // namespace

ContactPlot::ContactPlot(QWidget* parent)
    : LivePlot(parent) {
    setAutoAddPlottableToLegend(false);
    legend->setVisible(false);
    yAxis->setLabel(QStringLiteral("LFP"));
    m_labelPadding = yAxis->labelPadding();
    yAxis->setRange(-1.0, 1.0);
    xAxis->setTickLabels(false);
    xAxis->setLabel(QString()); // the MUA rect below names the time axis

    // LFP scale beside the traces.
    m_scaleText = new QCPTextElement(this, QString());
    setSideElement(axisRect(), m_scaleText);

    // Multi-unit rates below, on the shared time axis.
    m_muaRect = new QCPAxisRect(this);
    plotLayout()->addElement(1, 0, m_muaRect);
    addTimeRect(m_muaRect);
    setSideElement(m_muaRect, new QCPLayoutElement(this));
    m_muaRect->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("MUA (Hz)"));
    m_muaRect->axis(QCPAxis::atLeft)->setRange(0.0, 10.0);
    m_muaRect->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("time (ms)"));
    // The traces take the height: the rates get a fifth, down to a thin strip (QCustomPlot's
    // default minimum of 50 pixels per axis rect would halve the traces in a short plot).
    plotLayout()->setRowStretchFactor(0, 4.0);
    plotLayout()->setRowStretchFactor(1, 1.0);
    axisRect()->setMinimumSize(50, 40);
    m_muaRect->setMinimumSize(50, 20);
    auto* group = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    m_muaRect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    setEmptyMessage(tr("No electrode contacts"));
    applyTheme();
}

ContactPlot::~ContactPlot() = default;

QCPGraph* ContactPlot::lfpGraph(std::size_t contact) const {
    const auto it = std::find(m_shown.begin(), m_shown.end(), contact);
    return it != m_shown.end() ? m_lfp[static_cast<std::size_t>(it - m_shown.begin())] : nullptr;
}

QCPGraph* ContactPlot::muaGraph(std::size_t contact) const {
    const auto it = std::find(m_shown.begin(), m_shown.end(), contact);
    return it != m_shown.end() ? m_mua[static_cast<std::size_t>(it - m_shown.begin())] : nullptr;
}

void ContactPlot::rebuild() {
    clearGraphs();
    m_lfp.clear();
    m_mua.clear();
    const LiveRecording* rec = recording();
    const std::size_t count = rec != nullptr ? rec->contactCount() : 0;
    // Many contacts (a 96-channel array): the first ones (in electrode order, so a laminar
    // probe listed first shows its whole depth profile) keep the traces readable.
    m_shown.clear();
    const std::size_t shown = std::min(count, kMaxShownContacts);
    for (std::size_t i = 0; i < shown; ++i) {
        m_shown.push_back(i);
    }
    for (std::size_t row = 0; row < shown; ++row) {
        const std::size_t c = m_shown[row];
        const QColor color = PlotTheme::seriesColor(row);
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
    // Contact names at their traces' baselines; thinLabels() spaces them by the height.
    m_names.clear();
    for (std::size_t row = 0; row < shown; ++row) {
        m_names.insert(-static_cast<double>(row),
                       QString::fromStdString(rec->contact(m_shown[row]).name));
    }
    m_labelStride = 0;
    yAxis->setTicker(AxisLabelFit::everyNth(m_names, 1));
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
    const std::size_t muaWindow =
        std::max(stride, static_cast<std::size_t>(std::max(1.0, std::round(kMuaWindowMs / binMs))));

    // Traces are drawn around their mean in view (the slow offset of a sum of synaptic
    // currents would otherwise flatten the fluctuations); the spacing is twice the 98th
    // percentile of the excursions from the means, so a start-up transient does not flatten
    // the rest either.
    m_means.assign(m_shown.size(), 0.0);
    std::vector<double> excursions;
    for (std::size_t row = 0; row < m_shown.size(); ++row) {
        const auto& lfp = rec->contact(m_shown[row]).lfpUv;
        const std::size_t end = std::min(lastBin, lfp.size());
        double sum = 0.0;
        std::size_t n = 0;
        for (std::size_t b = firstBin; b < end; ++b) {
            if (std::isfinite(lfp[b])) {
                sum += lfp[b];
                ++n;
            }
        }
        m_means[row] = n > 0 ? sum / static_cast<double>(n) : 0.0;
        for (std::size_t b = firstBin; b < end; ++b)
            if (std::isfinite(lfp[b]))
                excursions.push_back(std::abs(lfp[b] - m_means[row]));
    }
    double typical = 0.0;
    if (!excursions.empty()) {
        const auto rank = static_cast<std::size_t>(
            std::ceil(kSpacingQuantile * static_cast<double>(excursions.size())));
        const auto nth =
            excursions.begin() + static_cast<std::ptrdiff_t>(std::min(excursions.size(), rank) - 1);
        std::nth_element(excursions.begin(), nth, excursions.end());
        typical = *nth;
    }
    m_spacingUv = typical > 0.0 ? 2.0 * typical : 1.0;

    double highest = 0.0;
    QVector<QCPGraphData> points;
    for (std::size_t row = 0; row < m_shown.size(); ++row) {
        const std::size_t c = m_shown[row];
        const LiveRecording::ContactTrack& track = rec->contact(c);
        const double offset = -static_cast<double>(row);
        points.clear();
        const std::size_t end = std::min(lastBin, track.lfpUv.size());
        for (std::size_t b = firstBin; b < end; b += stride) {
            const float v = track.lfpUv[b];
            points.append(QCPGraphData(static_cast<double>(b + 1) * binMs,
                                       std::isfinite(v) ? offset + (v - m_means[row]) / m_spacingUv
                                                        : std::nan("")));
        }
        m_lfp[row]->data()->set(points, true);

        // Multi-unit activity as a rate: the mean over a sliding window of muaWindow bins
        // (kMuaWindowMs, or one drawn point's worth of bins when that is wider), so single
        // spikes in short bins do not draw as a comb of spikes.
        points.clear();
        const std::size_t unitsEnd = std::min(lastBin, track.units.size());
        const std::size_t windowFrom = firstBin - std::min(firstBin, muaWindow / 2);
        const std::size_t windowTo = std::min(track.units.size(), lastBin + muaWindow / 2);
        std::vector<double> prefix(windowTo - std::min(windowFrom, windowTo) + 1, 0.0);
        for (std::size_t k = windowFrom; k < windowTo; ++k)
            prefix[k - windowFrom + 1] = prefix[k - windowFrom] + rec->contactRateHz(c, k);
        for (std::size_t b = firstBin; b < unitsEnd; b += stride) {
            const double centre = static_cast<double>(b) + 0.5 * static_cast<double>(stride);
            const auto from = static_cast<std::size_t>(
                std::max(static_cast<double>(windowFrom),
                         std::floor(centre - 0.5 * static_cast<double>(muaWindow))));
            const std::size_t to = std::min(windowTo, from + muaWindow);
            if (to <= from)
                continue;
            const double rate = (prefix[to - windowFrom] - prefix[from - windowFrom]) /
                                static_cast<double>(to - from);
            points.append(QCPGraphData(centre * binMs, rate));
            highest = std::max(highest, rate);
        }
        m_mua[row]->data()->set(points, true);
    }
    yAxis->setRange(-static_cast<double>(m_shown.size()) + 0.4, 0.9);
    m_muaRect->axis(QCPAxis::atLeft)->setRange(0.0, highest > 0.0 ? highest * 1.12 : 10.0);
    m_muaWindowMs = static_cast<double>(muaWindow) * binMs;
    m_scaleText->setText(scaleNote(QStringLiteral("\n")));
    thinLabels();
}

void ContactPlot::thinLabels() {
    if (m_names.isEmpty() || axisRect()->height() <= 0) {
        return;
    }
    const int stride = AxisLabelFit::textStride(yAxis, m_names, yAxis->tickLabelFont());
    if (stride != m_labelStride) {
        m_labelStride = stride;
        yAxis->setTicker(AxisLabelFit::everyNth(m_names, stride));
    }
    // The two axis labels ("LFP", "MUA (Hz)") in one column, left of the wider tick labels:
    // the rates' label, taller than their strip, then passes the contact names.
    QCPAxis* mua = m_muaRect->axis(QCPAxis::atLeft);
    const QFontMetrics names(yAxis->tickLabelFont());
    const QFontMetrics rates(mua->tickLabelFont());
    int namesWidth = 0;
    for (const QString& name : shownLabels()) {
        namesWidth = std::max(namesWidth, names.horizontalAdvance(name));
    }
    int ratesWidth = 0;
    for (const QString& rate : mua->tickVectorLabels()) {
        ratesWidth = std::max(ratesWidth, rates.horizontalAdvance(rate));
    }
    yAxis->setLabelPadding(m_labelPadding + std::max(0, ratesWidth - namesWidth));
    mua->setLabelPadding(m_labelPadding + std::max(0, namesWidth - ratesWidth));
}

QStringList ContactPlot::shownLabels() const {
    QStringList labels;
    if (auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(yAxis->ticker())) {
        for (const QString& label : ticker->ticks()) {
            labels << label;
        }
    }
    return labels;
}

QString ContactPlot::scaleNote(const QString& separator) const {
    const LiveRecording* rec = recording();
    const std::size_t count = rec != nullptr ? rec->contactCount() : 0;
    QStringList parts{tr("LFP spacing %1 µV").arg(m_spacingUv, 0, 'g', 3), tr("(mean removed)"),
                      tr("MUA: %1 ms mean").arg(m_muaWindowMs, 0, 'g', 3)};
    if (m_shown.size() < count) {
        parts << tr("%1 of %2 contacts").arg(m_shown.size()).arg(count);
    }
    return parts.join(separator);
}

void ContactPlot::beginFigure(const QSize& size, const QFont& font, double pixelRatio) {
    LivePlot::beginFigure(size, font, pixelRatio);
    yAxis->setTicker(AxisLabelFit::everyNth(m_names, 1)); // the figure's layout thins them
    // Half a line of margin on each side of the gap between the LFP and MUA axes: their end
    // labels stick out half a line (the publication look restores the margins).
    const int half = (QFontMetrics(font).height() + 1) / 2;
    QMargins lfp = axisRect()->minimumMargins();
    lfp.setBottom(std::max(lfp.bottom(), half));
    axisRect()->setMinimumMargins(lfp);
    QMargins mua = m_muaRect->minimumMargins();
    mua.setTop(std::max(mua.top(), half));
    m_muaRect->setMinimumMargins(mua);
    if (m_names.isEmpty()) {
        return;
    }
    // The spacing note goes below the plot, broken into lines that fit its width.
    const QFontMetricsF metrics(font);
    const QStringList parts = scaleNote(QStringLiteral("\n")).split(QLatin1Char('\n'));
    QString text;
    QString line;
    for (const QString& part : parts) {
        const QString joined = line.isEmpty() ? part : line + QLatin1Char(' ') + part;
        if (!line.isEmpty() && metrics.horizontalAdvance(joined) > 0.95 * size.width()) {
            text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + line;
            line = part;
        } else {
            line = joined;
        }
    }
    text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + line;
    auto* note = new QCPTextElement(this, text, font);
    note->setTextColor(Qt::black);
    note->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
    // QCustomPlot clips layerables a pixel above the plot's bottom edge: keep clear of it.
    note->setMargins(QMargins(0, 2, 0, 3));
    const int row = plotLayout()->rowCount();
    plotLayout()->addElement(row, 0, note);
    plotLayout()->setRowStretchFactor(row, 0.001);
    m_figureNote = note;
}

void ContactPlot::endFigure() {
    if (m_figureNote) {
        plotLayout()->remove(m_figureNote);
        plotLayout()->simplify();
    }
    LivePlot::endFigure();
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
    const long row = std::lround(-value);
    if (rec == nullptr || row < 0 || static_cast<std::size_t>(row) >= m_shown.size() ||
        m_shown[static_cast<std::size_t>(row)] >= rec->contactCount()) {
        return QStringLiteral("t = %1").arg(formatTime(timeMs));
    }
    const double uv = (value + static_cast<double>(row)) * m_spacingUv +
                      (static_cast<std::size_t>(row) < m_means.size() ? m_means[row] : 0.0);
    return QStringLiteral("t = %1   %2: %3 µV")
        .arg(formatTime(timeMs))
        .arg(QString::fromStdString(rec->contact(m_shown[static_cast<std::size_t>(row)]).name))
        .arg(uv, 0, 'f', 2);
}

} // namespace plexus::widgets
