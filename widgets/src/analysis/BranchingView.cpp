#include "plexus/widgets/analysis/BranchingView.h"

#include "plexus/widgets/plots/PlotTheme.h"

#include <algorithm>
#include <cmath>

namespace plexus::widgets {

BranchingView::BranchingView(QWidget* parent)
    : ResultPlot(parent) {
    xAxis->setLabel(tr("step k (bins)"));
    yAxis->setLabel(tr("slope r_k"));
    showMessage(tr("No branching ratio yet"));
}

BranchingView::~BranchingView() = default;

ResultTable BranchingView::table(const AnalysisResult::Dynamics& dynamics) {
    ResultTable t;
    t.columns = {"k", "value"};
    if (!dynamics.branching) {
        return t;
    }
    const auto& b = *dynamics.branching;
    for (std::size_t k = 1; k <= b.rk.size(); ++k) {
        t.add("r_k", {static_cast<double>(k), b.rk[k - 1]});
    }
    for (std::size_t k = 1; k <= b.rk.size(); ++k) {
        t.add("fit", {static_cast<double>(k), b.b * std::pow(b.m, static_cast<double>(k))});
    }
    return t;
}

void BranchingView::setDynamics(const AnalysisResult::Dynamics& dynamics) {
    const ResultTable t = table(dynamics);
    if (t.rowNames.empty()) {
        showMessage(dynamics.branchingError.empty()
                        ? tr("No branching ratio")
                        : tr("No branching ratio: %1")
                              .arg(QString::fromStdString(dynamics.branchingError)));
        return;
    }
    showMessage(QString());
    const auto& b = *dynamics.branching;
    const auto k = t.column("r_k", 0);
    const auto r = t.column("r_k", 1);
    const auto f = t.column("fit", 1);
    addSeries(axisRect(), k, r, PlotTheme::seriesColor(0), true, QString());
    const QString tau = std::isfinite(b.tauSteps)
                            ? tr("τ = %1 ms").arg(b.tauSteps * dynamics.branchingBinMs, 0, 'g', 3)
                            : tr("τ = ∞");
    addSeries(axisRect(), k, f, palette().color(QPalette::Text), false,
              tr("b·m^k, m = %1").arg(b.m, 0, 'f', 3));
    addSeries(axisRect(), {}, {}, palette().color(QPalette::Text), false, tau)->setPen(Qt::NoPen);
    double low = 0.0;
    double high = 0.0;
    for (const auto* series : {&r, &f}) {
        low = std::min(low, *std::min_element(series->begin(), series->end()));
        high = std::max(high, *std::max_element(series->begin(), series->end()));
    }
    xAxis->setRange(0.0, static_cast<double>(k.size()) + 1.0);
    yAxis->setRange(low - 0.05 * (high - low + 1e-9), high + 0.1 * (high - low + 1e-9));
    setTitle(tr("m = %1 (r₁ = %2), bin %3 ms")
                 .arg(b.m, 0, 'f', 3)
                 .arg(b.conventional, 0, 'f', 3)
                 .arg(dynamics.branchingBinMs, 0, 'g', 3));
    showLegend(this, axisRect());
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace plexus::widgets
