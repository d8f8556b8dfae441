#pragma once

#include "plexus/widgets/analysis/AnalysisResult.h"
#include "plexus/widgets/analysis/ResultPlot.h"

namespace plexus::widgets {

/**
 * @brief The memory function of a readout: r²(k) between the readout of u(n - k) and u(n - k)
 *        on the held-out samples against the delay k, with MC = sum of r²(k) in the title.
 */
class MemoryCapacityView : public ResultPlot {
    Q_OBJECT

public:
    explicit MemoryCapacityView(QWidget* parent = nullptr);
    ~MemoryCapacityView() override;

    /// Shows @p readout's memory function (or @p error when it has none).
    void setReadout(const AnalysisResult::Readout* readout, const QString& error = {});
    /// The plotted numbers (delay, r_squared): series `memory`, k = 1..K.
    static ResultTable table(const AnalysisResult::Readout& readout);
};

} // namespace plexus::widgets
