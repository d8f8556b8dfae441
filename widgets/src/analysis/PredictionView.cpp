#include "plexus/widgets/analysis/PredictionView.h"

#include "plexus/widgets/plots/PlotTheme.h"

#include <algorithm>

namespace plexus::widgets {

PredictionView::PredictionView(QWidget* parent)
    : ResultPlot(parent) {
    xAxis->setLabel(tr("time (ms)"));
    yAxis->setLabel(tr("value"));
    showMessage(tr("No prediction yet"));
}

PredictionView::~PredictionView() = default;

ResultTable PredictionView::table(const AnalysisResult::Readout& readout) {
    ResultTable t;
    t.columns = {"time_ms", "target", "prediction"};
    if (!readout.regression) {
        return t;
    }
    const auto& r = *readout.regression;
    std::vector<std::size_t> order(readout.testTimesMs.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return readout.testTimesMs[a] < readout.testTimesMs[b];
    });
    for (const std::size_t i : order) {
        const auto row = static_cast<Eigen::Index>(i);
        t.add("test", {readout.testTimesMs[i], r.testTarget(row), r.testPrediction(row)});
    }
    return t;
}

void PredictionView::setReadout(const AnalysisResult::Readout* readout, const QString& error) {
    const ResultTable t = readout != nullptr ? table(*readout) : ResultTable{};
    if (t.rowNames.empty()) {
        showMessage(error.isEmpty() ? tr("No prediction") : error);
        return;
    }
    showMessage(QString());
    const auto& r = *readout->regression;
    const auto time = t.column("test", 0);
    const auto target = t.column("test", 1);
    const auto prediction = t.column("test", 2);
    addSeries(axisRect(), time, target, palette().color(QPalette::Text), false, tr("target"));
    addSeries(axisRect(), time, prediction, PlotTheme::seriesColor(0), false, tr("prediction"));
    double low = *std::min_element(target.begin(), target.end());
    double high = *std::max_element(target.begin(), target.end());
    low = std::min(low, *std::min_element(prediction.begin(), prediction.end()));
    high = std::max(high, *std::max_element(prediction.begin(), prediction.end()));
    xAxis->setRange(time.front(), time.back());
    const double pad = 0.08 * (high - low + 1e-12);
    yAxis->setRange(low - pad, high + 3.0 * pad);
    const QString task =
        readout->task == AnalysisResult::ReadoutTask::Narma10 ? tr("NARMA-10") : tr("Regression");
    setTitle(tr("%1: NRMSE = %2, R² = %3")
                 .arg(task)
                 .arg(r.testNrmse, 0, 'f', 3)
                 .arg(r.testR2, 0, 'f', 3));
    showLegend(this, axisRect());
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace plexus::widgets
