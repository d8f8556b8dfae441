#include "plexus/widgets/analysis/ComparisonChart.h"

#include "figures/FigureLegendMove.h"
#include "plexus/widgets/plots/AxisLabelFit.h"
#include "plexus/widgets/plots/PlotTheme.h"

#include <QEvent>
#include <QFontMetricsF>
#include <algorithm>
#include <cmath>

namespace plexus::widgets {

ComparisonChart::ComparisonChart(QWidget* parent)
    : QCustomPlot(parent) {
    setMinimumSize(200, 150);
    m_group = new QCPBarsGroup(this);
    m_group->setSpacingType(QCPBarsGroup::stAbsolute);
    m_group->setSpacing(2);
    m_bars = new QCPBars(xAxis, yAxis);
    m_bars->setName(tr("RDM"));
    m_bars->setWidth(0.35);
    m_geoBars = new QCPBars(xAxis, yAxis);
    m_geoBars->setName(tr("geo-topological"));
    m_geoBars->setWidth(0.35);
    m_errors = new QCPErrorBars(xAxis, yAxis);
    m_errors->setDataPlottable(m_bars);
    m_errors->removeFromLegend();
    m_geoErrors = new QCPErrorBars(xAxis, yAxis);
    m_geoErrors->setDataPlottable(m_geoBars);
    m_geoErrors->removeFromLegend();
    m_message = new QCPItemText(this);
    m_message->setPositionAlignment(Qt::AlignCenter);
    m_message->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_message->position->setCoords(0.5, 0.5);
    xAxis->grid()->setVisible(false);
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    applyTheme();
    clear();
}

ComparisonChart::~ComparisonChart() = default;

void ComparisonChart::beginFigure(const QSize& size, const QFont& font, double pixelRatio) {
    Q_UNUSED(pixelRatio);
    xAxis->setLabel(tr("model RDM"));
    fitModelNames(size.width(), font);
    if (legend->visible()) {
        m_figureLegend =
            std::make_unique<FigureLegendMove>(*this, axisRect(), legend, size.width());
    }
}

void ComparisonChart::fitModelNames(double width, const QFont& font) {
    QStringList names;
    if (auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(xAxis->ticker())) {
        for (const QString& name : ticker->ticks()) {
            names << name;
        }
    }
    if (names.isEmpty()) {
        return;
    }
    // Room per model: the plot less the value axis' labels.
    const double em = font.pixelSize() > 0 ? font.pixelSize() : QFontMetricsF(font).height();
    const double room = (width - 5.0 * em) / static_cast<double>(names.size());
    xAxis->setTickLabelRotation(AxisLabelFit::rotationFor(names, room, font));
}

void ComparisonChart::resizeEvent(QResizeEvent* event) {
    QCustomPlot::resizeEvent(event);
    fitModelNames(width(), xAxis->tickLabelFont());
}

void ComparisonChart::endFigure() {
    m_figureLegend.reset();
}

void ComparisonChart::setModels(const std::vector<AnalysisResult::ModelFit>& models,
                                const QString& methodLabel) {
    m_bars->data()->clear();
    m_geoBars->data()->clear();
    m_errors->data()->clear();
    m_geoErrors->data()->clear();
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    bool anyGeo = false;
    double low = 0.0;
    double high = 0.0;
    QStringList problems;
    QVector<double> keys, values, errLow, errHigh, geoKeys, geoValues, geoLow, geoHigh;
    for (std::size_t i = 0; i < models.size(); ++i) {
        const auto& m = models[i];
        const double key = static_cast<double>(i);
        QString label = QString::fromStdString(m.name);
        const bool valid = m.error.empty() && std::isfinite(m.comparison.value);
        if (!valid) {
            label += tr(" (n/a)");
            problems << QStringLiteral("%1: %2").arg(
                QString::fromStdString(m.name), m.error.empty() ? tr("undefined (a constant RDM?)")
                                                                : QString::fromStdString(m.error));
        } else {
            keys << key;
            values << m.comparison.value;
            const double lo =
                std::isfinite(m.comparison.ciLow) ? m.comparison.ciLow : m.comparison.value;
            const double hi =
                std::isfinite(m.comparison.ciHigh) ? m.comparison.ciHigh : m.comparison.value;
            errLow << std::max(0.0, m.comparison.value - lo);
            errHigh << std::max(0.0, hi - m.comparison.value);
            low = std::min({low, lo, m.comparison.value});
            high = std::max({high, hi, m.comparison.value});
            if (m.geoTopological && std::isfinite(m.geoTopological->value)) {
                anyGeo = true;
                const auto& g = *m.geoTopological;
                const double glo = std::isfinite(g.ciLow) ? g.ciLow : g.value;
                const double ghi = std::isfinite(g.ciHigh) ? g.ciHigh : g.value;
                geoKeys << key;
                geoValues << g.value;
                geoLow << std::max(0.0, g.value - glo);
                geoHigh << std::max(0.0, ghi - g.value);
                low = std::min({low, glo, g.value});
                high = std::max({high, ghi, g.value});
            }
        }
        ticker->addTick(key, label);
    }
    m_bars->setData(keys, values, true);
    m_errors->setData(errLow, errHigh);
    m_geoBars->setData(geoKeys, geoValues, true);
    m_geoErrors->setData(geoLow, geoHigh);
    m_geoBars->setVisible(anyGeo);
    m_geoErrors->setVisible(anyGeo);
    if (anyGeo) {
        m_bars->setBarsGroup(m_group);
        m_geoBars->setBarsGroup(m_group);
        m_geoBars->addToLegend();
        m_bars->addToLegend();
    } else {
        m_bars->setBarsGroup(nullptr);
        m_geoBars->setBarsGroup(nullptr);
        m_bars->removeFromLegend();
        m_geoBars->removeFromLegend();
    }
    legend->setVisible(anyGeo);
    xAxis->setTicker(ticker);
    fitModelNames(width(), xAxis->tickLabelFont());
    xAxis->setRange(-0.6, std::max<double>(0.6, static_cast<double>(models.size()) - 0.4));
    const double span = std::max(high - low, 0.1);
    yAxis->setRange(low - 0.1 * span, high + 0.1 * span);
    yAxis->setLabel(methodLabel);
    m_message->setText(models.empty() ? tr("No model RDMs: choose or load one") : QString());
    setToolTip(problems.join(QLatin1Char('\n')));
    replot(QCustomPlot::rpQueuedReplot);
}

void ComparisonChart::clear(const QString& message) {
    m_bars->data()->clear();
    m_geoBars->data()->clear();
    m_errors->data()->clear();
    m_geoErrors->data()->clear();
    legend->setVisible(false);
    xAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    xAxis->setRange(-0.6, 0.6);
    yAxis->setRange(-1.0, 1.0);
    m_message->setText(message);
    setToolTip(QString());
    replot(QCustomPlot::rpQueuedReplot);
}

void ComparisonChart::applyTheme() {
    PlotTheme::apply(this, palette());
    const QColor text = palette().color(QPalette::Text);
    const QColor base = palette().color(QPalette::Base);
    const QColor first = PlotTheme::seriesColor(0);
    const QColor second = PlotTheme::seriesColor(1);
    m_bars->setPen(QPen(first.darker(130)));
    m_bars->setBrush(first);
    m_geoBars->setPen(QPen(second.darker(130)));
    m_geoBars->setBrush(second);
    const QPen error(PlotTheme::mix(base, text, 0.85), 1.5);
    m_errors->setPen(error);
    m_geoErrors->setPen(error);
    m_errors->setWhiskerWidth(8);
    m_geoErrors->setWhiskerWidth(8);
    m_errors->setSymbolGap(0);
    m_geoErrors->setSymbolGap(0);
    yAxis->grid()->setZeroLinePen(QPen(PlotTheme::mix(base, text, 0.5), 1.0));
    m_message->setColor(PlotTheme::mix(base, text, 0.6));
}

void ComparisonChart::changeEvent(QEvent* event) {
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyTheme();
        replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace plexus::widgets
