#include "plexus/widgets/analysis/SpikeStatisticsView.h"

#include "plexus/widgets/plots/PlotTheme.h"
#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

namespace plexus::widgets {

namespace {

QTableWidgetItem* numberItem(double value, int decimals) {
    auto* item = new QTableWidgetItem(std::isfinite(value) ? QString::number(value, 'f', decimals)
                                                           : QStringLiteral("—"));
    item->setData(Qt::UserRole, value);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

} // namespace

SpikeStatisticsView::SpikeStatisticsView(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_info = new QLabel(this);
    m_info->setContentsMargins(4, 2, 4, 2);
    m_info->setWordWrap(true);
    layout->addWidget(m_info);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_table = new QTableWidget(0, ColumnCount, splitter);
    m_table->setHorizontalHeaderLabels({tr("Population"), tr("Neurons"), tr("Spikes"),
                                        tr("Rate (Hz)"), tr("CV ISI"), tr("Fano factor")});
    m_table->horizontalHeaderItem(CvColumn)->setToolTip(
        tr("Mean coefficient of variation of the inter-spike intervals over neurons with at "
           "least 3 spikes (1 for a Poisson process)"));
    m_table->horizontalHeaderItem(FanoColumn)
        ->setToolTip(
            tr("Mean over neurons of the variance / mean of the spike counts in windows (1 for a "
               "Poisson process)"));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);

    m_histogram = new QCustomPlot(splitter);
    m_histogram->setMinimumHeight(160);
    m_histogram->xAxis->setLabel(tr("inter-spike interval (ms)"));
    m_histogram->yAxis->setLabel(tr("fraction of ISIs"));
    m_histogram->legend->setVisible(true);
    m_histogram->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_histogram->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_histogram->axisRect()->setRangeDrag(Qt::Horizontal);
    m_histogram->axisRect()->setRangeZoom(Qt::Horizontal);
    splitter->addWidget(m_table);
    splitter->addWidget(m_histogram);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({140, 500});
    layout->addWidget(splitter, 1);
    PlotTheme::apply(m_histogram, palette());
    rebuild();
}

SpikeStatisticsView::~SpikeStatisticsView() = default;

void SpikeStatisticsView::setResult(std::shared_ptr<const AnalysisResult> result) {
    m_result = std::move(result);
    rebuild();
}

void SpikeStatisticsView::rebuild() {
    m_histogram->clearGraphs();
    m_table->setRowCount(0);
    if (!m_result) {
        m_info->clear();
        m_histogram->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const auto& stats = m_result->statistics;
    m_info->setText(tr("%1 – %2 ms · Fano factor over %3 ms windows · ISI bins of %4 ms")
                        .arg(m_result->statisticsStartMs, 0, 'f', 1)
                        .arg(m_result->statisticsEndMs, 0, 'f', 1)
                        .arg(m_result->fanoWindowMs, 0, 'g', 4)
                        .arg(m_result->isiBinMs, 0, 'g', 4));
    m_table->setRowCount(static_cast<int>(stats.size()));
    double maxFraction = 0.0;
    double maxIsi = 0.0;
    for (std::size_t p = 0; p < stats.size(); ++p) {
        const auto& s = stats[p];
        const int row = static_cast<int>(p);
        auto* name = new QTableWidgetItem(QString::fromStdString(s.name));
        name->setForeground(PlotTheme::seriesColor(p));
        name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        m_table->setItem(row, PopulationColumn, name);
        m_table->setItem(row, NeuronsColumn, numberItem(static_cast<double>(s.neurons), 0));
        m_table->setItem(row, SpikesColumn, numberItem(static_cast<double>(s.spikes), 0));
        m_table->setItem(row, RateColumn, numberItem(s.rateHz, 2));
        auto* cv = numberItem(s.cvNeurons > 0 ? s.meanCvIsi : std::nan(""), 3);
        cv->setToolTip(
            tr("%n neuron(s) with at least 3 spikes", nullptr, static_cast<int>(s.cvNeurons)));
        m_table->setItem(row, CvColumn, cv);
        auto* fano = numberItem(s.fanoNeurons > 0 ? s.fanoFactor : std::nan(""), 3);
        fano->setToolTip(tr("%n neuron(s) with spikes", nullptr, static_cast<int>(s.fanoNeurons)));
        m_table->setItem(row, FanoColumn, fano);

        double total = static_cast<double>(s.isiOverflow);
        for (const double c : s.isiCounts) {
            total += c;
        }
        if (total <= 0.0 || s.isiCounts.empty()) {
            continue;
        }
        QVector<double> keys, values;
        for (std::size_t b = 0; b < s.isiCounts.size(); ++b) {
            keys << static_cast<double>(b) * m_result->isiBinMs;
            values << s.isiCounts[b] / total;
            maxFraction = std::max(maxFraction, s.isiCounts[b] / total);
            if (s.isiCounts[b] > 0.0) {
                maxIsi = std::max(maxIsi, (static_cast<double>(b) + 1.0) * m_result->isiBinMs);
            }
        }
        keys << static_cast<double>(s.isiCounts.size()) * m_result->isiBinMs;
        values << values.back();
        QCPGraph* graph = m_histogram->addGraph();
        graph->setName(QString::fromStdString(s.name));
        graph->setLineStyle(QCPGraph::lsStepLeft);
        const QColor color = PlotTheme::seriesColor(p);
        graph->setPen(QPen(color, 1.6));
        QColor fill = color;
        fill.setAlpha(40);
        graph->setBrush(fill);
        graph->setData(keys, values, true);
    }
    m_histogram->xAxis->setRange(0.0, maxIsi > 0.0 ? maxIsi : 100.0);
    m_histogram->yAxis->setRange(0.0, maxFraction > 0.0 ? 1.1 * maxFraction : 1.0);
    m_histogram->legend->setVisible(m_histogram->graphCount() > 0);
    PlotTheme::apply(m_histogram, palette());
    m_histogram->replot(QCustomPlot::rpQueuedReplot);
}

void SpikeStatisticsView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        PlotTheme::apply(m_histogram, palette());
        m_histogram->replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace plexus::widgets
