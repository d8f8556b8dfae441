#include "plexus/widgets/live/MembranePlot.h"

#include "plexus/widgets/live/LiveRecording.h"
#include "plexus/widgets/plots/PlotTheme.h"

#include <QVector>
#include <algorithm>
#include <cmath>

namespace plexus::widgets {

namespace {

/// Smaller font for legends, so many traces still leave room for the data.
QFont legendFont(const QFont& base) {
    QFont font = base;
    if (font.pointSizeF() > 0) {
        font.setPointSizeF(std::max(6.0, font.pointSizeF() - 1.0));
    }
    return font;
}

void configureLegend(QCPLegend* legend, const QFont& font) {
    legend->setFont(legendFont(font));
    legend->setRowSpacing(0);
    legend->setMargins(QMargins(4, 2, 4, 2));
    legend->setIconSize(16, 8);
}

/// Fits @p axis to the values of @p graphs inside @p keyRange (with a margin).
void fitValueAxis(QCPAxis* axis, const std::vector<QCPGraph*>& graphs, const QCPRange& keyRange) {
    bool any = false;
    QCPRange total;
    for (QCPGraph* graph : graphs) {
        bool found = false;
        const QCPRange r = graph->getValueRange(found, QCP::sdBoth, keyRange);
        if (!found) {
            continue;
        }
        total = any ? QCPRange(std::min(total.lower, r.lower), std::max(total.upper, r.upper)) : r;
        any = true;
    }
    if (!any) {
        return;
    }
    double span = total.size();
    if (span <= 0.0 || !std::isfinite(span)) {
        span = std::max(1.0, std::abs(total.lower) * 0.1);
        total = QCPRange(total.lower - 0.5 * span, total.upper + 0.5 * span);
        span = total.size();
    }
    axis->setRange(total.lower - 0.06 * span, total.upper + 0.06 * span);
}

} // namespace

MembranePlot::MembranePlot(QWidget* parent)
    : LivePlot(parent) {
    setAutoAddPlottableToLegend(false);
    configureLegend(legend, font());
    legend->setVisible(false);
    placeLegendBeside(axisRect(), legend);
    m_marginGroup = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, m_marginGroup);
    m_rects.push_back(axisRect());
    m_legends.push_back(legend);
    yAxis->setRange(-80.0, 0.0);
    setEmptyMessage(tr("No traces recorded"));
    applyTheme();
}

MembranePlot::~MembranePlot() = default;

void MembranePlot::beginFigure(const QSize& size, const QFont& font, double pixelRatio) {
    LivePlot::beginFigure(size, font, pixelRatio);
    for (std::size_t u = 0; u < m_rects.size() && u < m_legends.size(); ++u) {
        if (m_rects[u] && m_legends[u] && m_legends[u]->itemCount() > 0) {
            moveLegendBelowForFigure(m_rects[u], m_legends[u]);
        }
    }
}

QString MembranePlot::traceName(const std::string& population, std::int32_t neuron,
                                const std::string& variable, const std::string& unit) {
    QString name = QStringLiteral("%1[%2] %3")
                       .arg(QString::fromStdString(population))
                       .arg(neuron)
                       .arg(QString::fromStdString(variable));
    if (!unit.empty()) {
        name += QStringLiteral(" (%1)").arg(QString::fromStdString(unit));
    }
    return name;
}

QCPGraph* MembranePlot::traceGraph(std::size_t trace) const {
    return trace < m_graphs.size() ? m_graphs[trace] : nullptr;
}

void MembranePlot::clearRects() {
    clearGraphs();
    m_graphs.clear();
    m_copied.clear();
    legend->clearItems();
    // Keep the first rect (it holds the plot's legend); drop the others.
    for (std::size_t i = 1; i < m_rects.size(); ++i) {
        if (m_rects[i]) {
            removeRectRow(m_rects[i]);
        }
    }
    m_rects.resize(1);
    m_legends.resize(1);
}

void MembranePlot::rebuild(const std::vector<TraceKey>& keys, const QStringList& units) {
    clearRects();
    const LiveRecording* rec = recording();
    m_keys = keys;
    m_units = units;

    // One axis rect per unit, stacked below the first.
    for (int u = 1; u < units.size(); ++u) {
        auto* rect = new QCPAxisRect(this);
        plotLayout()->addElement(u, 0, rect);
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, m_marginGroup);
        addTimeRect(rect);
        auto* rectLegend = new QCPLegend;
        placeLegendBeside(rect, rectLegend);
        rectLegend->setLayer(QStringLiteral("legend"));
        configureLegend(rectLegend, font());
        m_rects.push_back(rect);
        m_legends.push_back(rectLegend);
    }
    for (std::size_t u = 0; u < m_rects.size(); ++u) {
        QCPAxis* time = m_rects[u]->axis(QCPAxis::atBottom);
        const bool last = u + 1 == m_rects.size();
        time->setTickLabels(last);
        time->setLabel(last ? QStringLiteral("time (ms)") : QString());
    }

    // Axis labels: the variables of each unit ("v (mV)").
    std::vector<QStringList> variables(m_rects.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const TraceKey& key = keys[i];
        const auto u = static_cast<std::size_t>(units.indexOf(QString::fromStdString(key.unit)));
        QCPAxisRect* rect = m_rects[u];
        QCPGraph* graph = addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        const std::string& popName = key.population < rec->populationCount()
                                         ? rec->population(key.population).name
                                         : std::string("?");
        graph->setName(traceName(popName, key.neuron, key.variable, key.unit));
        graph->setPen(QPen(PlotTheme::seriesColor(i), 1.0)); // 1 px: the fast line path
        graph->setLineStyle(QCPGraph::lsLine);
        graph->addToLegend(m_legends[u]);
        m_graphs.push_back(graph);
        const QString variable = QString::fromStdString(key.variable);
        if (!variables[u].contains(variable)) {
            variables[u] << variable;
        }
    }
    for (std::size_t u = 0; u < m_rects.size(); ++u) {
        const QString unit = units.value(static_cast<int>(u));
        QString label = variables[u].join(QStringLiteral(", "));
        if (!unit.isEmpty()) {
            label += QStringLiteral(" (%1)").arg(unit);
        }
        m_rects[u]->axis(QCPAxis::atLeft)->setLabel(label);
        m_legends[u]->setVisible(true);
    }
    m_copied.assign(keys.size(), 0);
    applyTheme();
}

void MembranePlot::updateContent() {
    const LiveRecording* rec = recording();
    if (rec == nullptr || rec->traceCount() == 0) {
        if (!m_keys.empty() || m_rects.size() > 1 || !m_graphs.empty()) {
            clearRects();
            m_keys.clear();
            m_units.clear();
            xAxis->setTickLabels(true);
            xAxis->setLabel(QStringLiteral("time (ms)"));
            yAxis->setLabel(QString());
            yAxis->setRange(-80.0, 0.0);
        }
        legend->setVisible(false);
        m_builtRecording = rec;
        setEmptyMessage(tr("No traces recorded"));
        return;
    }
    setEmptyMessage(QString());

    std::vector<TraceKey> keys;
    QStringList units;
    keys.reserve(rec->traceCount());
    for (std::size_t i = 0; i < rec->traceCount(); ++i) {
        const LiveRecording::Trace& t = rec->trace(i);
        keys.push_back({t.population, t.neuron, t.variable, t.unit});
        const QString unit = QString::fromStdString(t.unit);
        if (!units.contains(unit)) {
            units << unit;
        }
    }
    if (rec != m_builtRecording || rec->generation() != m_builtGeneration || keys != m_keys ||
        units != m_units) {
        rebuild(keys, units);
        m_builtRecording = rec;
        m_builtGeneration = rec->generation();
    }

    // Append what arrived since the last update.
    const double dt = rec->dtMs();
    QVector<QCPGraphData> fresh;
    for (std::size_t i = 0; i < m_graphs.size(); ++i) {
        const LiveRecording::Trace& t = rec->trace(i);
        const std::size_t n = std::min(t.steps.size(), t.values.size());
        if (n < m_copied[i]) {
            m_graphs[i]->data()->clear();
            m_copied[i] = 0;
        }
        if (n == m_copied[i]) {
            continue;
        }
        fresh.resize(static_cast<int>(n - m_copied[i]));
        for (std::size_t k = m_copied[i]; k < n; ++k) {
            fresh[static_cast<int>(k - m_copied[i])] =
                QCPGraphData(static_cast<double>(t.steps[k]) * dt, t.values[k]);
        }
        m_graphs[i]->data()->add(fresh, true);
        m_copied[i] = n;
    }

    // Fit each unit's value axis to what is in view.
    const QCPRange keys_ = timeRange();
    for (std::size_t u = 0; u < m_rects.size(); ++u) {
        std::vector<QCPGraph*> graphs;
        for (std::size_t i = 0; i < m_graphs.size(); ++i) {
            if (units.indexOf(QString::fromStdString(m_keys[i].unit)) == static_cast<int>(u)) {
                graphs.push_back(m_graphs[i]);
            }
        }
        fitValueAxis(m_rects[u]->axis(QCPAxis::atLeft), graphs, keys_);
    }
}

QString MembranePlot::readout(QCPAxisRect* rect, double timeMs, double value) const {
    QString unit;
    for (std::size_t u = 0; u < m_rects.size(); ++u) {
        if (m_rects[u] == rect) {
            unit = m_units.value(static_cast<int>(u));
        }
    }
    return QStringLiteral("t = %1   %2 %3")
        .arg(formatTime(timeMs))
        .arg(value, 0, 'f', 2)
        .arg(unit)
        .trimmed();
}

void MembranePlot::applyTheme() {
    LivePlot::applyTheme();
    for (const QPointer<QCPLegend>& l : m_legends) {
        PlotTheme::applyToLegend(l, palette());
    }
}

} // namespace plexus::widgets
