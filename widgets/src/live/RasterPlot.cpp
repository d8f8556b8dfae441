#include "plexus/widgets/live/RasterPlot.h"

#include "figures/FigureLegendMove.h"
#include "plexus/widgets/live/LiveRecording.h"
#include "plexus/widgets/plots/AxisLabelFit.h"
#include "plexus/widgets/plots/PlotTheme.h"
#include "plots/PainterLayerable.h"
#include "plots/SwatchLegendItem.h"
#include "plots/ThinnedTextTicker.h"

#include <QElapsedTimer>
#include <QFontMetrics>
#include <QFontMetricsF>
#include <QLocale>
#include <QMouseEvent>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace plexus::widgets {

namespace {

/// Index range [begin, end) of the spikes of one population whose time lies in [lower, upper].
struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
};

Span spanOf(const std::vector<std::int64_t>& steps, double dtMs, double lower, double upper) {
    const auto first = std::partition_point(steps.begin(), steps.end(), [&](std::int64_t s) {
        return static_cast<double>(s) * dtMs < lower;
    });
    const auto last = std::partition_point(
        first, steps.end(), [&](std::int64_t s) { return static_cast<double>(s) * dtMs <= upper; });
    return {static_cast<std::size_t>(first - steps.begin()),
            static_cast<std::size_t>(last - steps.begin())};
}

/// Premultiplied ARGB of @p color at opacity @p alpha (0..1).
QRgb premultiplied(const QColor& color, double alpha) {
    const int a = std::clamp(static_cast<int>(alpha * 255.0 + 0.5), 0, 255);
    return qPremultiply(qRgba(color.red(), color.green(), color.blue(), a));
}

/// Mean rate (Hz) of every band over the part of @p range the run has reached.
std::vector<double> bandRates(const LiveRecording& rec, const std::vector<std::size_t>& sizes,
                              const QCPRange& range) {
    const double seenMs = std::min(range.upper, rec.currentTimeMs()) - std::max(range.lower, 0.0);
    std::vector<double> rates(sizes.size(), 0.0);
    for (std::size_t p = 0; p < sizes.size() && p < rec.populationCount(); ++p) {
        if (sizes[p] > 0 && seenMs > 0.0) {
            const Span span = spanOf(rec.spikeSteps(p), rec.dtMs(), range.lower, range.upper);
            rates[p] = static_cast<double>(span.end - span.begin) /
                       (static_cast<double>(sizes[p]) * seenMs * 1e-3);
        }
    }
    return rates;
}

constexpr double kPickRadiusPx = 5.0;
constexpr double kTrialStripPx = 4.0;      ///< height of a trial's condition strip
constexpr double kPerturbationBarPx = 5.0; ///< height of a perturbation's bar
/// Colour of the perturbation bars.
QColor perturbationColor() {
    return {0xd6, 0x27, 0x28};
}
constexpr int kClickSlopPx = 3;

} // namespace

RasterPlot::RasterPlot(QWidget* parent)
    : LivePlot(parent) {
    m_layer = new PainterLayerable(this, QStringLiteral("main"),
                                   [this](QCPPainter* painter) { drawSpikes(painter); });
    m_layer->setClipRect(axisRect());
    m_sideLayer = new PainterLayerable(this, QStringLiteral("axes"),
                                       [this](QCPPainter* painter) { drawBandLabels(painter); });
    m_trialLayer = new PainterLayerable(this, QStringLiteral("overlay"),
                                        [this](QCPPainter* painter) { drawTrialMarks(painter); });
    m_trialLayer->setClipRect(axisRect());
    m_selectionLayer = new PainterLayerable(
        this, QStringLiteral("overlay"), [this](QCPPainter* painter) { drawSelection(painter); });
    m_selectionLayer->setClipRect(axisRect());
    yAxis->setRangeReversed(true);
    yAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new ThinnedTextTicker(yAxis)));
    yAxis->setTickLength(0, 0);
    yAxis->setSubTickLength(0, 0);
    yAxis->grid()->setVisible(false);
    yAxis->setRange(0.0, 1.0);
    setEmptyMessage(
        tr("Press Run (F5) to simulate the circuit:\nthe spikes of every population appear here."));
    applyTheme();
}

RasterPlot::~RasterPlot() = default;

void RasterPlot::setDensityThreshold(std::uint64_t spikes) {
    if (spikes != m_densityThreshold) {
        m_densityThreshold = spikes;
        invalidate();
    }
}

void RasterPlot::setMinimumBandShare(double share) {
    share = std::clamp(share, 0.0, 1.0);
    if (share != m_minimumBandShare) {
        m_minimumBandShare = share;
        m_layoutRecording = nullptr; // force a new layout
        invalidate();
    }
}

QColor RasterPlot::bandColor(std::size_t population) const {
    // Thin spikes on a dark background need a lighter shade to stay visible.
    const QColor color = PlotTheme::seriesColor(population);
    return palette().color(QPalette::Base).lightness() < 128 ? color.lighter(125) : color;
}

double RasterPlot::bandRateHz(std::size_t population) const {
    return population < m_bandRatesHz.size() ? m_bandRatesHz[population] : 0.0;
}

std::pair<double, double> RasterPlot::band(std::size_t population) const {
    if (population >= m_bandTop.size()) {
        return {0.0, 0.0};
    }
    return {m_bandTop[population], m_bandHeight[population]};
}

void RasterPlot::layoutBands() {
    const LiveRecording* rec = recording();
    std::vector<std::size_t> sizes;
    std::vector<QString> names;
    if (rec != nullptr) {
        for (std::size_t p = 0; p < rec->populationCount(); ++p) {
            sizes.push_back(rec->population(p).size);
            names.push_back(QString::fromStdString(rec->population(p).name));
        }
    }
    const std::uint64_t generation = rec != nullptr ? rec->generation() : 0;
    if (rec == m_layoutRecording && generation == m_layoutGeneration && sizes == m_bandSizes) {
        return;
    }
    m_layoutRecording = rec;
    m_layoutGeneration = generation;
    m_bandSizes = sizes;
    m_bandTop.assign(sizes.size(), 0.0);
    m_bandHeight.assign(sizes.size(), 0.0);
    m_imageValid = false;

    const double total =
        static_cast<double>(std::accumulate(sizes.begin(), sizes.end(), std::size_t{0}));
    const double minimum = total > 0.0 ? m_minimumBandShare * total : 1.0;
    double top = 0.0;
    auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(yAxis->ticker());
    if (!ticker) {
        ticker.reset(new ThinnedTextTicker(yAxis));
        yAxis->setTicker(ticker);
    }
    ticker->clear();
    ticker->setSubTickCount(0);
    for (std::size_t p = 0; p < sizes.size(); ++p) {
        const double height = std::max({static_cast<double>(sizes[p]), minimum, 1e-9});
        m_bandTop[p] = top;
        m_bandHeight[p] = height;
        ticker->addTick(top + 0.5 * height, names[p]);
        top += height;
    }
    m_totalHeight = top > 0.0 ? top : 1.0;
    yAxis->setRange(0.0, m_totalHeight);
    setEmptyMessage(sizes.empty() ? tr("Press Run (F5) to simulate the circuit:\nthe spikes of "
                                       "every population appear here.")
                                  : QString());
}

void RasterPlot::updateContent() {
    layoutBands();
}

void RasterPlot::applyTheme() {
    LivePlot::applyTheme();
    m_imageValid = false;
}

void RasterPlot::drawSpikes(QCPPainter* painter) {
    const LiveRecording* rec = recording();
    const QRect rect = axisRect()->rect();
    if (rec != nullptr && (rec != m_layoutRecording || rec->generation() != m_layoutGeneration ||
                           rec->populationCount() != m_bandSizes.size())) {
        layoutBands(); // a replot (e.g. a resize) came before the refresh after a reset
    }
    if (rec == nullptr || m_bandSizes.empty() || rect.width() < 1 || rect.height() < 1) {
        m_stats = RenderStats{};
        m_counts.clear();
        m_imageValid = false;
        return;
    }

    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);

    // Alternate bands get a faint background so neighbouring populations stay apart.
    QColor shade = text;
    shade.setAlpha(14);
    for (std::size_t p = 1; p < m_bandSizes.size(); p += 2) {
        const double y0 = yAxis->coordToPixel(m_bandTop[p]);
        const double y1 = yAxis->coordToPixel(m_bandTop[p] + m_bandHeight[p]);
        painter->fillRect(QRectF(rect.left(), std::min(y0, y1), rect.width(), std::abs(y1 - y0)),
                          shade);
    }

    drawTrialBands(painter, rect);

    const QCPRange range = xAxis->range();
    const double scale = figurePixelRatio(); // a figure gets its spikes at its resolution
    const ImageKey key{rec,  rec->revision(), range.lower,        range.upper,
                       rect, scale,           m_densityThreshold, base.rgb()};
    if (!m_imageValid || !(key == m_imageKey)) {
        renderImage(rect, scale);
        m_imageKey = key;
        m_imageValid = true;
    }
    if (painter->modes().testFlag(QCPPainter::pmVectorized) && m_stats.mode == RenderMode::Dots) {
        drawVectorDots(painter, rect); // exports (PDF, SVG) keep dots as shapes
    } else if (m_image.size() == rect.size()) {
        painter->drawImage(rect.topLeft(), m_image);
    } else {
        painter->drawImage(QRectF(rect), m_image);
    }

    // Band separators.
    painter->setPen(QPen(PlotTheme::mix(base, text, 0.3), 0));
    for (std::size_t p = 1; p < m_bandSizes.size(); ++p) {
        const double y = yAxis->coordToPixel(m_bandTop[p]);
        painter->drawLine(QPointF(rect.left(), y), QPointF(rect.right() + 1, y));
    }
}

std::vector<RasterPlot::TrialBand> RasterPlot::trialBands() const {
    std::vector<TrialBand> bands;
    const LiveRecording* rec = recording();
    if (rec == nullptr) {
        return bands;
    }
    // Trials as far as the run has reached them.
    const QCPRange range = xAxis->range();
    const double now = rec->currentTimeMs();
    const auto& trials = rec->trials();
    for (std::size_t k = 0; k < trials.size(); ++k) {
        const core::TrialWindow& t = trials[k];
        const double end = std::min(t.endMs, now);
        if (end <= t.startMs || end <= range.lower || t.startMs >= range.upper) {
            continue;
        }
        bands.push_back(
            {t.startMs, end, t.condition,
             PlotTheme::conditionColor(static_cast<std::size_t>(std::max(0, t.condition))),
             k % 2 == 1});
    }
    return bands;
}

std::vector<std::pair<QString, QColor>> RasterPlot::conditionLegend() const {
    std::vector<std::pair<QString, QColor>> entries;
    const LiveRecording* rec = recording();
    if (rec == nullptr || rec->trials().empty()) {
        return entries;
    }
    // One entry per condition, by name: the colour is the condition's (conditions that share
    // a label, as A_train and A_test, keep their own colours and names).
    for (std::size_t c = 0; c < rec->conditionNames().size(); ++c) {
        entries.emplace_back(QString::fromStdString(rec->conditionNames()[c]),
                             PlotTheme::conditionColor(c));
    }
    return entries;
}

std::vector<LiveRecording::PerturbationMark> RasterPlot::visiblePerturbations() const {
    std::vector<LiveRecording::PerturbationMark> marks;
    const LiveRecording* rec = recording();
    if (rec == nullptr) {
        return marks;
    }
    const QCPRange range = xAxis->range();
    for (const LiveRecording::PerturbationMark& m : rec->perturbations()) {
        if (m.endMs >= range.lower && m.startMs <= range.upper) {
            marks.push_back(m);
        }
    }
    return marks;
}

void RasterPlot::drawTrialBands(QCPPainter* painter, const QRect& rect) {
    const QColor text = palette().color(QPalette::Text);
    for (const TrialBand& band : trialBands()) {
        QColor shade = text;
        shade.setAlpha(band.darker ? 24 : 12);
        const double x0 = std::max<double>(xAxis->coordToPixel(band.startMs), rect.left());
        const double x1 = std::min<double>(xAxis->coordToPixel(band.endMs), rect.right() + 1);
        if (x1 > x0) {
            painter->fillRect(QRectF(x0, rect.top(), x1 - x0, rect.height()), shade);
        }
    }
}

void RasterPlot::drawTrialMarks(QCPPainter* painter) {
    const LiveRecording* rec = recording();
    if (rec == nullptr || (rec->trials().empty() && rec->perturbations().empty())) {
        return;
    }
    const QRect rect = axisRect()->rect();
    // A strip in the condition's colour along the top of every trial.
    for (const TrialBand& band : trialBands()) {
        const double x0 = std::max<double>(xAxis->coordToPixel(band.startMs), rect.left());
        const double x1 = std::min<double>(xAxis->coordToPixel(band.endMs), rect.right() + 1);
        painter->fillRect(QRectF(x0, rect.top(), std::max(x1 - x0, 1.0), kTrialStripPx),
                          band.color);
    }
    // Perturbations: red bars along the time axis (at least 2 px for one-time changes).
    for (const LiveRecording::PerturbationMark& m : visiblePerturbations()) {
        const double x0 = xAxis->coordToPixel(m.startMs);
        const double x1 = xAxis->coordToPixel(m.endMs);
        painter->fillRect(QRectF(std::min(x0, x1), rect.bottom() + 1 - kPerturbationBarPx,
                                 std::max(std::abs(x1 - x0), 2.0), kPerturbationBarPx),
                          perturbationColor());
    }
    const auto entries = conditionLegend();
    if (entries.empty() || inFigure()) {
        return; // a figure names the conditions in the legend below the axes
    }
    // The condition legend: a small box in the top-left corner (new spikes come in on the right).
    const QFont font = yAxis->tickLabelFont();
    const QFontMetrics metrics(font, painter->device());
    const int line = metrics.height();
    const int swatch = std::max(6, line * 6 / 10);
    int textWidth = 0;
    for (const auto& entry : entries) {
        textWidth = std::max(textWidth, metrics.horizontalAdvance(entry.first));
    }
    const double padding = 4.0;
    // In columns when the conditions do not fit the plot's height in one.
    const double room = rect.height() - kTrialStripPx - 8.0 - padding * 2;
    const std::size_t rows = std::clamp<std::size_t>(
        static_cast<std::size_t>(std::max(0.0, std::floor(room / line))), 1, entries.size());
    const std::size_t columns = (entries.size() + rows - 1) / rows;
    const double column = padding * 2 + swatch + textWidth;
    const double width = padding + column * static_cast<double>(columns);
    const double height = padding * 2 + line * static_cast<double>(rows);
    const QRectF box(rect.left() + 6.0, rect.top() + kTrialStripPx + 4.0, width, height);
    const QPalette pal = palette();
    QColor background = pal.color(QPalette::Base);
    background.setAlpha(225);
    painter->setPen(
        QPen(PlotTheme::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.25), 0));
    painter->setBrush(background);
    painter->drawRect(box);
    painter->setFont(font);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const double x = box.left() + padding + column * static_cast<double>(i / rows);
        const double y = box.top() + padding + line * static_cast<double>(i % rows);
        painter->fillRect(QRectF(x, y + 0.5 * (line - swatch), swatch, swatch), entries[i].second);
        painter->setPen(yAxis->tickLabelColor());
        painter->drawText(QRectF(x + padding + swatch, y, textWidth + 1.0, line),
                          Qt::AlignLeft | Qt::AlignVCenter, entries[i].first);
    }
}

void RasterPlot::drawBandLabels(QCPPainter* painter) {
    // Beside each band: its mean rate in the window, and its size when there is room.
    const LiveRecording* rec = recording();
    if (rec == nullptr || m_bandSizes.empty() || m_bandRatesHz.size() != m_bandSizes.size() ||
        inFigure()) {
        return; // a figure shows them in a legend below the axes
    }
    // Labels follow the tick labels' font and colour (also when a figure export restyles them).
    const QRect rect = axisRect()->rect();
    const QFont font = yAxis->tickLabelFont();
    const QFontMetrics metrics(font, painter->device());
    const int line = metrics.height();
    // As the names on the left: a band too close to the one above goes without (its colour in
    // the raster tells it).
    std::vector<double> centres;
    QStringList labels;
    for (std::size_t p = 0; p < m_bandSizes.size(); ++p) {
        centres.push_back(yAxis->coordToPixel(m_bandTop[p] + 0.5 * m_bandHeight[p]));
        labels.push_back(bandLabel(p, QStringLiteral("\n"), false));
    }
    const std::vector<bool> labelled = AxisLabelFit::clearOfEachOther(yAxis, font, centres, labels);
    for (std::size_t p = 0; p < m_bandSizes.size(); ++p) {
        if (!labelled[p]) {
            continue;
        }
        const double y0 = yAxis->coordToPixel(m_bandTop[p]);
        const double y1 = yAxis->coordToPixel(m_bandTop[p] + m_bandHeight[p]);
        const double height = std::abs(y1 - y0);
        // At least a line high, centred on the band: the labels shown are a line apart.
        const double boxHeight = std::max(height, static_cast<double>(line));
        const QRectF box(rect.right() + 10.0, 0.5 * (y0 + y1) - 0.5 * boxHeight,
                         kSideColumnWidth - 14.0, boxHeight);
        painter->fillRect(QRectF(box.left(), box.center().y() - 5.0, 10.0, 10.0), bandColor(p));
        const QRectF textBox = box.adjusted(16.0, 0.0, 0.0, 0.0);
        const QString label = bandLabel(p, QStringLiteral("\n"), height >= 2.2 * line);
        painter->setFont(font);
        painter->setPen(yAxis->tickLabelColor());
        painter->drawText(textBox, Qt::AlignLeft | Qt::AlignVCenter, label);
    }
}

QString RasterPlot::bandLabel(std::size_t population, const QString& separator,
                              bool withSize) const {
    QString label = QStringLiteral("%1 Hz").arg(bandRateHz(population), 0, 'f', 1);
    if (withSize && population < m_bandSizes.size()) {
        label += separator +
                 tr("%1 neurons")
                     .arg(QLocale().toString(static_cast<qulonglong>(m_bandSizes[population])));
    }
    return label;
}

void RasterPlot::beginFigure(const QSize& size, const QFont& font, double pixelRatio) {
    LivePlot::beginFigure(size, font, pixelRatio);
    yAxis->setLabel(tr("population"));
    const LiveRecording* rec = recording();
    if (rec == nullptr || m_bandSizes.empty()) {
        return;
    }
    m_bandRatesHz = bandRates(*rec, m_bandSizes, xAxis->range());
    auto* below = new QCPLegend;
    m_figureLegend = below;
    moveLegendBelowForFigure(axisRect(), below); // in the layout first: its entries need the plot
    below->setLayer(QStringLiteral("legend"));
    below->setFont(font);
    below->setTextColor(Qt::black);
    below->setIconSize(font.pixelSize(), font.pixelSize());
    below->setRowSpacing(0);
    // An entry on one line when it fits the figure's width, else its size on a second line;
    // with many entries only the rate, so that they share lines and leave room for the axes.
    std::vector<std::pair<QString, QColor>> extra = conditionLegend();
    const bool withSize = m_bandSizes.size() + extra.size() <= 6;
    const QFontMetricsF metrics(font);
    const double room = size.width() - below->margins().left() - below->margins().right() -
                        below->iconSize().width() - below->iconTextPadding() - 4.0;
    for (std::size_t p = 0; p < m_bandSizes.size() && p < rec->populationCount(); ++p) {
        const QString name = QString::fromStdString(rec->population(p).name);
        QString text =
            QStringLiteral("%1: %2").arg(name, bandLabel(p, QStringLiteral(", "), withSize));
        if (withSize && metrics.horizontalAdvance(text) > room) {
            text = QStringLiteral("%1: %2").arg(name, bandLabel(p, QStringLiteral("\n"), true));
        }
        auto* item = new SwatchLegendItem(below, bandColor(p), text);
        item->setFont(font);
        item->setTextColor(Qt::black);
        below->addItem(item);
    }
    // The protocol's conditions (trial strips) and the perturbations applied during the run.
    for (auto& entry : extra) {
        entry.first = tr("condition %1").arg(entry.first); // apart from populations of that name
    }
    if (!visiblePerturbations().empty()) {
        extra.emplace_back(tr("perturbation"), perturbationColor());
    }
    for (const auto& [entryText, entryColor] : extra) {
        auto* item = new SwatchLegendItem(below, entryColor, entryText);
        item->setFont(font);
        item->setTextColor(Qt::black);
        below->addItem(item);
    }
    FigureLegendMove::wrapToWidth(*below, size.width());
    // At most 40 % of the figure's height for the legend: when the populations' entries need
    // more, they go (the axis names the populations) and the conditions stay.
    const double lineHeight = metrics.height() + below->rowSpacing();
    const std::size_t populationItems = std::min(m_bandSizes.size(), rec->populationCount());
    if (below->rowCount() * lineHeight > 0.4 * size.height()) {
        for (std::size_t p = 0; p < populationItems; ++p) {
            below->removeItem(0);
        }
        FigureLegendMove::wrapToWidth(*below, size.width());
    }
}

void RasterPlot::endFigure() {
    LivePlot::endFigure();
    delete m_figureLegend;
    m_figureLegend = nullptr;
    m_imageValid = false;
}

void RasterPlot::renderImage(const QRect& rect, double scale) {
    QElapsedTimer timer;
    timer.start();
    const LiveRecording& rec = *recording();
    const int width = std::max(1, static_cast<int>(std::lround(rect.width() * scale)));
    const int height = std::max(1, static_cast<int>(std::lround(rect.height() * scale)));
    const double sy = static_cast<double>(height) / rect.height(); // image rows per pixel
    const QCPRange range = xAxis->range();
    const double dt = rec.dtMs();
    const std::size_t populations = m_bandSizes.size();

    m_stats = RenderStats{};
    std::vector<Span> spans(populations);
    for (std::size_t p = 0; p < populations; ++p) {
        spans[p] = spanOf(rec.spikeSteps(p), dt, range.lower, range.upper);
        m_stats.spikesInWindow += spans[p].end - spans[p].begin;
    }

    // Pixel mapping, relative to the axis rect's top-left corner (same arithmetic as the axes).
    const double kx = static_cast<double>(width) / range.size();
    const double ay = (yAxis->coordToPixel(1.0) - yAxis->coordToPixel(0.0)) * sy;
    const double by = (yAxis->coordToPixel(0.0) - rect.top()) * sy;
    std::vector<double> rowScale(populations), rowOffset(populations);
    bool crowded = false;
    for (std::size_t p = 0; p < populations; ++p) {
        const double perNeuron =
            m_bandSizes[p] > 0 ? m_bandHeight[p] / static_cast<double>(m_bandSizes[p]) : 0.0;
        rowScale[p] = ay * perNeuron;
        rowOffset[p] = ay * (m_bandTop[p] + 0.5 * perNeuron) + by;
        if (m_bandSizes[p] > 0 && std::abs(rowScale[p]) < 1.0) {
            crowded = true; // more neurons than pixel rows in this band
        }
    }
    const bool density = crowded || m_stats.spikesInWindow > m_densityThreshold;

    if (m_image.size() != QSize(width, height)) {
        m_image = QImage(width, height, QImage::Format_ARGB32_Premultiplied);
    }
    m_image.fill(Qt::transparent);
    // Rates beside the bands: spikes over the part of the window the run has reached.
    m_bandRatesHz = bandRates(rec, m_bandSizes, range);

    if (density) {
        m_stats.mode = RenderMode::Density;
        m_stats.cellColumns = width;
        m_stats.cellRows = height;
        // Column-major: spikes arrive in time order, so consecutive spikes hit one column and
        // the counting stays inside a few cache lines.
        const auto rows = static_cast<std::size_t>(height);
        m_counts.assign(static_cast<std::size_t>(width) * rows, 0u);
        std::uint32_t* counts = m_counts.data();
        std::vector<std::uint32_t> rowOfNeuron;
        for (std::size_t p = 0; p < populations; ++p) {
            const std::int64_t* steps = rec.spikeSteps(p).data();
            const std::int32_t* neurons = rec.spikeNeurons(p).data();
            // Pixel row of every neuron of the band, looked up per spike.
            const std::size_t size = m_bandSizes[p];
            rowOfNeuron.resize(size);
            for (std::size_t n = 0; n < size; ++n) {
                rowOfNeuron[n] = static_cast<std::uint32_t>(std::clamp(
                    static_cast<int>(rowOffset[p] + rowScale[p] * static_cast<double>(n)), 0,
                    height - 1));
            }
            const double x0 = -range.lower * kx;
            const double xPerStep = dt * kx;
            std::int64_t lastStep = std::numeric_limits<std::int64_t>::min();
            std::uint32_t* column = counts;
            for (std::size_t i = spans[p].begin; i < spans[p].end; ++i) {
                if (steps[i] != lastStep) { // steps ascend: the column changes rarely
                    lastStep = steps[i];
                    const int c =
                        std::clamp(static_cast<int>(x0 + xPerStep * static_cast<double>(lastStep)),
                                   0, width - 1);
                    column = counts + static_cast<std::size_t>(c) * rows;
                }
                const auto n = static_cast<std::uint32_t>(neurons[i]);
                const std::uint32_t row =
                    n < size ? rowOfNeuron[n]
                             : static_cast<std::uint32_t>(std::clamp(
                                   static_cast<int>(rowOffset[p] +
                                                    rowScale[p] * static_cast<double>(neurons[i])),
                                   0, height - 1));
                ++column[row];
            }
        }
        m_stats.densityTotal = std::accumulate(m_counts.begin(), m_counts.end(), std::uint64_t{0});

        // Colour: each pixel row belongs to the band under its centre; intensity is the log
        // count relative to the busiest cell of that population.
        std::vector<std::uint32_t> rowPopulation(rows, 0);
        for (std::size_t row = 0; row < rows; ++row) {
            const double y = (static_cast<double>(row) + 0.5 - by) / ay;
            const auto it = std::upper_bound(m_bandTop.begin(), m_bandTop.end(), y);
            rowPopulation[row] = it == m_bandTop.begin()
                                     ? 0u
                                     : static_cast<std::uint32_t>(it - m_bandTop.begin()) - 1u;
        }
        std::vector<std::uint32_t> maxCount(populations, 0u);
        for (int column = 0; column < width; ++column) {
            const std::uint32_t* cells = counts + static_cast<std::size_t>(column) * rows;
            for (std::size_t row = 0; row < rows; ++row) {
                std::uint32_t& m = maxCount[rowPopulation[row]];
                m = std::max(m, cells[row]);
            }
        }
        std::vector<std::vector<QRgb>> lut(populations);
        for (std::size_t p = 0; p < populations; ++p) {
            const std::uint32_t top = std::min<std::uint32_t>(maxCount[p], 1u << 16);
            const QColor color = bandColor(p);
            const double norm = std::log1p(static_cast<double>(std::max(maxCount[p], 1u)));
            lut[p].resize(top + 1);
            lut[p][0] = 0;
            for (std::uint32_t c = 1; c <= top; ++c) {
                lut[p][c] = premultiplied(color, 0.55 + 0.45 * std::log1p(c) / norm);
            }
        }
        auto* bits = reinterpret_cast<QRgb*>(m_image.bits());
        const auto stride = static_cast<std::size_t>(m_image.bytesPerLine() / 4);
        for (int column = 0; column < width; ++column) {
            const std::uint32_t* cells = counts + static_cast<std::size_t>(column) * rows;
            for (std::size_t row = 0; row < rows; ++row) {
                const std::uint32_t c = cells[row];
                if (c != 0) {
                    const std::vector<QRgb>& colors = lut[rowPopulation[row]];
                    bits[row * stride + static_cast<std::size_t>(column)] =
                        colors[std::min<std::size_t>(c, colors.size() - 1)];
                }
            }
        }
    } else {
        m_stats.mode = RenderMode::Dots;
        m_counts.clear();
        for (std::size_t p = 0; p < populations; ++p) {
            const std::int64_t* steps = rec.spikeSteps(p).data();
            const std::int32_t* neurons = rec.spikeNeurons(p).data();
            const QRgb color = premultiplied(bandColor(p), 1.0);
            // 1 to 3 screen pixels high (scaled in a figure), at least 2 wide.
            const int unit = std::max(1, static_cast<int>(std::lround(scale)));
            const int dotHeight =
                std::clamp(static_cast<int>(std::abs(rowScale[p]) * 0.7), unit, 3 * unit);
            const int dotWidth = std::max(2 * unit, dotHeight);
            for (std::size_t i = spans[p].begin; i < spans[p].end; ++i) {
                const double x = (static_cast<double>(steps[i]) * dt - range.lower) * kx;
                const double y = rowOffset[p] + rowScale[p] * static_cast<double>(neurons[i]);
                const int x0 = std::clamp(static_cast<int>(std::floor(x - 0.5 * (dotWidth - 1))), 0,
                                          width - 1);
                const int y0 = std::clamp(static_cast<int>(std::floor(y - 0.5 * (dotHeight - 1))),
                                          0, height - 1);
                const int x1 = std::min(width, x0 + dotWidth);
                const int y1 = std::min(height, y0 + dotHeight);
                for (int yy = y0; yy < y1; ++yy) {
                    auto* pixels = reinterpret_cast<QRgb*>(m_image.scanLine(yy));
                    std::fill(pixels + x0, pixels + x1, color);
                }
                ++m_stats.dotsDrawn;
            }
        }
    }
    m_stats.renderMs = static_cast<double>(timer.nsecsElapsed()) * 1e-6;
}

void RasterPlot::drawVectorDots(QCPPainter* painter, const QRect& rect) {
    const LiveRecording& rec = *recording();
    const QCPRange range = xAxis->range();
    for (std::size_t p = 0; p < m_bandSizes.size() && m_bandSizes[p] > 0; ++p) {
        const Span span = spanOf(rec.spikeSteps(p), rec.dtMs(), range.lower, range.upper);
        const QColor color = bandColor(p);
        const double perNeuron = m_bandHeight[p] / static_cast<double>(m_bandSizes[p]);
        const double rowPx = std::abs(yAxis->coordToPixel(perNeuron) - yAxis->coordToPixel(0.0));
        const double h = std::clamp(rowPx * 0.7, 1.0, 3.0);
        const double w = std::max(2.0, h);
        for (std::size_t i = span.begin; i < span.end; ++i) {
            const double x =
                xAxis->coordToPixel(static_cast<double>(rec.spikeSteps(p)[i]) * rec.dtMs());
            const double y =
                yAxis->coordToPixel(m_bandTop[p] + (rec.spikeNeurons(p)[i] + 0.5) * perNeuron);
            painter->fillRect(QRectF(x - 0.5 * w, y - 0.5 * h, w, h).intersected(rect), color);
        }
    }
}

QPointF RasterPlot::pixelOf(std::size_t population, std::int32_t neuron, double timeMs) const {
    if (population >= m_bandSizes.size() || m_bandSizes[population] == 0) {
        return {xAxis->coordToPixel(timeMs), 0.0};
    }
    const double perNeuron =
        m_bandHeight[population] / static_cast<double>(m_bandSizes[population]);
    return {xAxis->coordToPixel(timeMs),
            yAxis->coordToPixel(m_bandTop[population] + (neuron + 0.5) * perNeuron)};
}

std::optional<std::pair<std::size_t, std::int32_t>> RasterPlot::neuronAt(const QPointF& pos) const {
    if (!axisRect()->rect().contains(pos.toPoint())) {
        return std::nullopt;
    }
    return neuronAtValue(yAxis->pixelToCoord(pos.y()));
}

std::optional<std::pair<std::size_t, std::int32_t>> RasterPlot::neuronAtValue(double y) const {
    if (m_bandSizes.empty() || !(y >= 0.0) || y >= m_totalHeight) {
        return std::nullopt;
    }
    const auto it = std::upper_bound(m_bandTop.begin(), m_bandTop.end(), y);
    if (it == m_bandTop.begin()) {
        return std::nullopt;
    }
    const auto p = static_cast<std::size_t>(it - m_bandTop.begin()) - 1;
    if (m_bandSizes[p] == 0) {
        return std::nullopt;
    }
    const double fraction = (y - m_bandTop[p]) / m_bandHeight[p];
    const auto size = static_cast<std::int64_t>(m_bandSizes[p]);
    const auto neuron = std::clamp<std::int64_t>(
        static_cast<std::int64_t>(std::floor(fraction * static_cast<double>(size))), 0, size - 1);
    return std::make_pair(p, static_cast<std::int32_t>(neuron));
}

std::optional<std::pair<std::size_t, std::int32_t>> RasterPlot::pick(const QPointF& pos) const {
    const auto row = neuronAt(pos);
    const LiveRecording* rec = recording();
    if (!row || rec == nullptr || row->first >= rec->populationCount()) {
        return row;
    }
    // Prefer the nearest spike of that population within a few pixels.
    const std::size_t p = row->first;
    const std::vector<std::int64_t>& steps = rec->spikeSteps(p);
    const std::vector<std::int32_t>& neurons = rec->spikeNeurons(p);
    const double t0 = xAxis->pixelToCoord(pos.x() - kPickRadiusPx);
    const double t1 = xAxis->pixelToCoord(pos.x() + kPickRadiusPx);
    const Span span = spanOf(steps, rec->dtMs(), std::min(t0, t1), std::max(t0, t1));
    const double perNeuron = m_bandHeight[p] / static_cast<double>(m_bandSizes[p]);
    const std::size_t end = std::min(span.end, span.begin + 200000); // bound the work
    double best = kPickRadiusPx * kPickRadiusPx;
    std::optional<std::int32_t> bestNeuron;
    for (std::size_t i = span.begin; i < end; ++i) {
        const double dx =
            xAxis->coordToPixel(static_cast<double>(steps[i]) * rec->dtMs()) - pos.x();
        const double dy =
            yAxis->coordToPixel(m_bandTop[p] + (neurons[i] + 0.5) * perNeuron) - pos.y();
        const double d2 = dx * dx + dy * dy;
        if (d2 <= best) {
            best = d2;
            bestNeuron = neurons[i];
        }
    }
    if (bestNeuron) {
        return std::make_pair(p, *bestNeuron);
    }
    return row;
}

QString RasterPlot::readout(QCPAxisRect* rect, double timeMs, double value) const {
    Q_UNUSED(rect);
    QString text = QStringLiteral("t = %1").arg(formatTime(timeMs));
    const LiveRecording* rec = recording();
    if (const auto row = neuronAtValue(value);
        row && rec != nullptr && row->first < rec->populationCount()) {
        text += QStringLiteral("   %1[%2]")
                    .arg(QString::fromStdString(rec->population(row->first).name))
                    .arg(row->second);
    }
    return text;
}

RasterSelection RasterPlot::selectionBetween(const QPointF& from, const QPointF& to) const {
    RasterSelection selection;
    const double t0 = xAxis->pixelToCoord(from.x());
    const double t1 = xAxis->pixelToCoord(to.x());
    selection.startMs = std::min(t0, t1);
    selection.endMs = std::max(t0, t1);
    // Rows at both ends (clamped into the plot); one band: its neurons, else all neurons.
    const QRect rect = axisRect()->rect();
    const auto rowAt = [&](double y) {
        const double clamped =
            std::clamp(y, static_cast<double>(rect.top()), static_cast<double>(rect.bottom()));
        return neuronAtValue(yAxis->pixelToCoord(clamped));
    };
    const auto a = rowAt(from.y());
    const auto b = rowAt(to.y());
    if (a && b && a->first == b->first) {
        selection.population = a->first;
        selection.firstNeuron = std::min(a->second, b->second);
        selection.lastNeuron = std::max(a->second, b->second);
    }
    return selection;
}

void RasterPlot::setSelection(const RasterSelection& selection) {
    m_selection = selection;
    replotSelection();
}

void RasterPlot::clearSelection() {
    setSelection(RasterSelection{});
}

void RasterPlot::replotSelection() {
    if (QCPLayer* overlay = layer(QStringLiteral("overlay"))) {
        overlay->replot();
    }
}

void RasterPlot::drawSelection(QCPPainter* painter) {
    if (m_selection.isEmpty()) {
        return;
    }
    const QRect rect = axisRect()->rect();
    const double x0 = xAxis->coordToPixel(m_selection.startMs);
    const double x1 = xAxis->coordToPixel(m_selection.endMs);
    double y0 = rect.top();
    double y1 = rect.bottom() + 1.0;
    if (m_selection.hasNeurons() && *m_selection.population < m_bandSizes.size() &&
        m_bandSizes[*m_selection.population] > 0) {
        const std::size_t p = *m_selection.population;
        const double perNeuron = m_bandHeight[p] / static_cast<double>(m_bandSizes[p]);
        const double ya = yAxis->coordToPixel(m_bandTop[p] + m_selection.firstNeuron * perNeuron);
        const double yb =
            yAxis->coordToPixel(m_bandTop[p] + (m_selection.lastNeuron + 1.0) * perNeuron);
        y0 = std::min(ya, yb);
        y1 = std::max({ya, yb, y0 + 1.0});
    }
    const QColor highlight = palette().color(QPalette::Highlight);
    QColor fill = highlight;
    fill.setAlpha(45);
    painter->setPen(QPen(highlight, 1.0));
    painter->setBrush(fill);
    painter->drawRect(QRectF(QPointF(std::min(x0, x1), y0), QPointF(std::max(x0, x1), y1)));
}

void RasterPlot::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && event->modifiers().testFlag(Qt::ShiftModifier) &&
        axisRect()->rect().contains(event->position().toPoint())) {
        // Shift-drag selects instead of panning: the plot's drag never starts.
        m_selecting = true;
        m_selectFrom = event->position();
        m_pressed = false;
        event->accept();
        return;
    }
    m_pressPos = event->position().toPoint();
    m_pressed = event->button() == Qt::LeftButton;
    LivePlot::mousePressEvent(event);
}

void RasterPlot::mouseMoveEvent(QMouseEvent* event) {
    if (m_selecting) {
        m_selection = selectionBetween(m_selectFrom, event->position());
        replotSelection();
    }
    LivePlot::mouseMoveEvent(event);
}

void RasterPlot::mouseReleaseEvent(QMouseEvent* event) {
    if (m_selecting && event->button() == Qt::LeftButton) {
        m_selecting = false;
        const QPointF to = event->position();
        m_selection = (to - m_selectFrom).manhattanLength() <= kClickSlopPx
                          ? RasterSelection{}
                          : selectionBetween(m_selectFrom, to);
        replotSelection();
        event->accept();
        Q_EMIT selectionChanged(m_selection);
        return;
    }
    const bool click = m_pressed && event->button() == Qt::LeftButton &&
                       (event->position().toPoint() - m_pressPos).manhattanLength() <= kClickSlopPx;
    m_pressed = false;
    LivePlot::mouseReleaseEvent(event);
    if (click) {
        if (const auto picked = pick(event->position())) {
            Q_EMIT neuronPicked(picked->first, picked->second);
        }
    }
}

} // namespace plexus::widgets
