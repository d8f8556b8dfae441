#include "plexus/widgets/analysis/MemoryCapacityView.h"

#include "plexus/widgets/plots/PlotTheme.h"

#include <algorithm>

namespace plexus::widgets {

MemoryCapacityView::MemoryCapacityView(QWidget* parent)
    : ResultPlot(parent) {
    xAxis->setLabel(tr("delay k (input steps)"));
    yAxis->setLabel(tr("r² of u(n−k)"));
    showMessage(tr("No memory capacity yet"));
}

MemoryCapacityView::~MemoryCapacityView() = default;

ResultTable MemoryCapacityView::table(const AnalysisResult::Readout& readout) {
    ResultTable t;
    t.columns = {"delay", "r_squared"};
    if (!readout.memory) {
        return t;
    }
    for (std::size_t k = 0; k < readout.memory->curve.size(); ++k) {
        t.add("memory", {static_cast<double>(k + 1), readout.memory->curve[k]});
    }
    return t;
}

void MemoryCapacityView::setReadout(const AnalysisResult::Readout* readout, const QString& error) {
    const ResultTable t = readout != nullptr ? table(*readout) : ResultTable{};
    if (t.rowNames.empty()) {
        showMessage(error.isEmpty() ? tr("No memory capacity") : error);
        return;
    }
    showMessage(QString());
    const auto& mc = *readout->memory;
    const auto k = t.column("memory", 0);
    const auto r2 = t.column("memory", 1);
    QCPGraph* graph = addSeries(axisRect(), k, r2, PlotTheme::seriesColor(0), false, QString());
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
    graph->setBrush(
        QBrush(PlotTheme::mix(palette().color(QPalette::Base), PlotTheme::seriesColor(0), 0.25)));
    xAxis->setRange(0.0, static_cast<double>(k.size()) + 1.0);
    const double top = std::max(1.0, *std::max_element(r2.begin(), r2.end()));
    yAxis->setRange(std::min(0.0, *std::min_element(r2.begin(), r2.end())), top * 1.05);
    setTitle(tr("MC = Σ r²(k) = %1").arg(mc.total, 0, 'f', 2));
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace plexus::widgets
