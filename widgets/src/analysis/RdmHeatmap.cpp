#include "plexus/widgets/analysis/RdmHeatmap.h"

#include "plexus/widgets/plots/AxisLabelFit.h"
#include "plexus/widgets/plots/PlotTheme.h"

#include <QEvent>
#include <QFontMetricsF>
#include <algorithm>
#include <cmath>

namespace plexus::widgets {

namespace {

/// Viridis (matplotlib) in nine stops.
QCPColorGradient viridis() {
    QCPColorGradient g;
    g.clearColorStops();
    const QRgb stops[] = {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c,
                          0x28ae80, 0x5ec962, 0xaddc30, 0xfde725};
    const int n = static_cast<int>(std::size(stops));
    for (int i = 0; i < n; ++i) {
        g.setColorStopAt(static_cast<double>(i) / (n - 1), QColor(stops[i]));
    }
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    return g;
}

/// Names of @p rdm as tick labels, every @p every-th.
QSharedPointer<QCPAxisTickerText> nameTicker(const analysis::Rdm& rdm, std::size_t every) {
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (std::size_t i = 0; i < rdm.size(); i += every) {
        ticker->addTick(static_cast<double>(i), QString::fromStdString(rdm.names()[i]));
    }
    ticker->setSubTickCount(0);
    return ticker;
}

} // namespace

RdmHeatmap::RdmHeatmap(QWidget* parent)
    : QCustomPlot(parent) {
    setMinimumSize(220, 200);
    m_map = new QCPColorMap(xAxis, yAxis);
    m_map->setInterpolate(false);
    m_map->setTightBoundary(false);
    m_map->setGradient(viridis());
    m_scale = new QCPColorScale(this);
    m_scale->setType(QCPAxis::atRight);
    m_scale->setBarWidth(12);
    plotLayout()->addElement(0, 1, m_scale);
    m_map->setColorScale(m_scale);
    m_scale->setGradient(viridis()); // the map takes the scale's gradient
    // Keep the colour bar as tall as the matrix.
    m_group = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, m_group);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, m_group);
    yAxis->setRangeReversed(true);
    for (QCPAxis* axis : {xAxis, yAxis}) {
        axis->setTickLength(0, 3);
        axis->setSubTicks(false);
        axis->grid()->setVisible(false);
    }
    m_message = new QCPItemText(this);
    m_message->setPositionAlignment(Qt::AlignCenter);
    m_message->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_message->position->setCoords(0.5, 0.5);
    m_message->setClipToAxisRect(false);
    applyTheme();
    clear();
}

RdmHeatmap::~RdmHeatmap() = default;

void RdmHeatmap::setRdm(const analysis::Rdm& rdm, const QString& label) {
    const std::size_t n = rdm.size();
    m_size = n;
    m_names.clear();
    for (const auto& name : rdm.names()) {
        m_names << QString::fromStdString(name);
    }
    m_message->setText(QString());
    const int cells = static_cast<int>(std::max<std::size_t>(n, 1));
    m_map->data()->setSize(cells, cells);
    m_map->data()->setRange(QCPRange(0.0, cells - 1.0), QCPRange(0.0, cells - 1.0));
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            m_map->data()->setCell(static_cast<int>(j), static_cast<int>(i), rdm(i, j));
        }
    }
    m_map->setVisible(n > 0);
    m_map->rescaleDataRange(true);
    if (m_map->dataRange().size() <= 0.0) {
        const double v = m_map->dataRange().lower;
        m_map->setDataRange(QCPRange(v - 0.5, v + 0.5));
    }
    m_scale->axis()->setLabel(label);
    const std::size_t every = std::max<std::size_t>(1, (n + 23) / 24);
    xAxis->setTicker(nameTicker(rdm, every));
    yAxis->setTicker(nameTicker(rdm, every));
    std::size_t longest = 0;
    for (const auto& name : rdm.names()) {
        longest = std::max(longest, name.size());
    }
    xAxis->setTickLabelRotation(longest > 3 || n > 12 ? 60.0 : 0.0);
    xAxis->setRange(-0.5, cells - 0.5);
    yAxis->setRange(-0.5, cells - 0.5);
    replot(QCustomPlot::rpQueuedReplot);
}

void RdmHeatmap::beginFigure(const QSize& size, const QFont& font, double pixelRatio) {
    Q_UNUSED(pixelRatio);
    xAxis->setLabel(tr("condition"));
    yAxis->setLabel(tr("condition"));
    if (m_size == 0) {
        return;
    }
    // Every name; the figure's layout writes every k-th when they do not fit.
    QMap<double, QString> names;
    for (int i = 0; i < m_names.size(); ++i) {
        names.insert(i, m_names[i]);
    }
    xAxis->setTicker(AxisLabelFit::everyNth(names, 1));
    yAxis->setTicker(AxisLabelFit::everyNth(names, 1));
    // Cell width: the figure less the names and label on the left and the colour bar.
    const QFontMetricsF metrics(font);
    double widest = 0.0;
    for (const QString& name : m_names) {
        widest = std::max(widest, metrics.horizontalAdvance(name));
    }
    const double em = font.pixelSize() > 0 ? font.pixelSize() : metrics.height();
    // Narrow: the colour bar goes below the matrix, level and thin, so the matrix keeps the
    // width; the names stay on the rows only (the matrix is symmetric).
    m_scaleBelow = size.width() < 30.0 * em;
    if (m_scaleBelow) {
        xAxis->setTickLabels(false);
        m_barWidth = m_scale->barWidth();
        m_scale->setBarWidth(static_cast<int>(std::lround(0.8 * em)));
        plotLayout()->take(m_scale);
        plotLayout()->simplify();
        axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, nullptr);
        m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, nullptr);
        m_scale->setType(QCPAxis::atBottom);
        QCPAxis* axis = m_scale->axis();
        axis->setLabelFont(font);
        axis->setTickLabelFont(font);
        axis->setLabelColor(Qt::black);
        axis->setTickLabelColor(Qt::black);
        axis->setBasePen(xAxis->basePen());
        axis->setTickPen(xAxis->tickPen());
        axis->setSubTickPen(xAxis->subTickPen());
        plotLayout()->addElement(1, 0, m_scale);
        plotLayout()->setRowStretchFactor(1, 0.001);
        axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, m_group);
        m_scale->setMarginGroup(QCP::msLeft | QCP::msRight, m_group);
    }
    const double besides = m_scaleBelow ? 3.0 * em : 8.0 * em;
    const double cell = (size.width() - widest - besides) / static_cast<double>(m_size);
    xAxis->setTickLabelRotation(AxisLabelFit::rotationFor(m_names, cell, font));
}

void RdmHeatmap::endFigure() {
    if (!m_scaleBelow) {
        return;
    }
    m_scaleBelow = false;
    axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, nullptr);
    m_scale->setMarginGroup(QCP::msLeft | QCP::msRight, nullptr);
    plotLayout()->take(m_scale);
    plotLayout()->simplify();
    m_scale->setType(QCPAxis::atRight);
    m_scale->setBarWidth(m_barWidth);
    plotLayout()->addElement(0, 1, m_scale);
    axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, m_group);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, m_group);
}

void RdmHeatmap::clear(const QString& message) {
    m_size = 0;
    m_names.clear();
    m_map->data()->clear();
    m_map->setVisible(false);
    xAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    yAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    xAxis->setRange(-0.5, 0.5);
    yAxis->setRange(-0.5, 0.5);
    m_message->setText(message);
    replot(QCustomPlot::rpQueuedReplot);
}

double RdmHeatmap::cellValue(std::size_t row, std::size_t column) const {
    if (row >= m_size || column >= m_size) {
        return std::nan("");
    }
    return m_map->data()->cell(static_cast<int>(column), static_cast<int>(row));
}

void RdmHeatmap::applyTheme() {
    PlotTheme::apply(this, palette());
    const QColor text = palette().color(QPalette::Text);
    const QColor base = palette().color(QPalette::Base);
    QCPAxis* axis = m_scale->axis();
    axis->setBasePen(QPen(PlotTheme::mix(base, text, 0.7)));
    axis->setTickPen(QPen(PlotTheme::mix(base, text, 0.7)));
    axis->setSubTickPen(QPen(PlotTheme::mix(base, text, 0.7)));
    axis->setTickLabelColor(text);
    axis->setLabelColor(text);
    m_message->setColor(PlotTheme::mix(base, text, 0.6));
}

void RdmHeatmap::changeEvent(QEvent* event) {
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyTheme();
        replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace plexus::widgets
