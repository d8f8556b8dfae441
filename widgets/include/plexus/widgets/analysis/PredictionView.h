#pragma once

#include "plexus/widgets/analysis/AnalysisResult.h"
#include "plexus/widgets/analysis/ResultPlot.h"

namespace plexus::widgets {

/**
 * @brief A regression readout (NARMA-10 or any input signal): the target and the readout's
 *        prediction on the held-out samples against time, with the test NRMSE and R² in the
 *        title.
 */
class PredictionView : public ResultPlot {
    Q_OBJECT

public:
    explicit PredictionView(QWidget* parent = nullptr);
    ~PredictionView() override;

    /// Shows @p readout's regression (or @p error when it has none).
    void setReadout(const AnalysisResult::Readout* readout, const QString& error = {});
    /// The plotted numbers (time_ms, target, prediction): series `test`, one row per held-out
    /// sample in time order.
    static ResultTable table(const AnalysisResult::Readout& readout);
};

} // namespace plexus::widgets
