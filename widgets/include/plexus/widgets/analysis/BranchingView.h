#pragma once

#include "plexus/widgets/analysis/AnalysisResult.h"
#include "plexus/widgets/analysis/ResultPlot.h"

namespace plexus::widgets {

/**
 * @brief The multistep regression of the branching ratio: the slopes r_k against the step k
 *        as points and the fitted exponential b m^k, with m and the autocorrelation time in
 *        the legend and the conventional estimate r_1 in the title.
 */
class BranchingView : public ResultPlot {
    Q_OBJECT

public:
    explicit BranchingView(QWidget* parent = nullptr);
    ~BranchingView() override;

    /// Shows the branching ratio of @p dynamics, or its error.
    void setDynamics(const AnalysisResult::Dynamics& dynamics);
    /// The plotted numbers (k, value): series `r_k` and `fit` (b m^k) for k = 1..kmax.
    static ResultTable table(const AnalysisResult::Dynamics& dynamics);
};

} // namespace plexus::widgets
