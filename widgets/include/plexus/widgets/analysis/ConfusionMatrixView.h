#pragma once

#include "plexus/widgets/analysis/AnalysisResult.h"
#include "plexus/widgets/analysis/RdmHeatmap.h"
#include "plexus/widgets/analysis/ResultTable.h"

#include <QString>

namespace plexus::widgets {

/**
 * @brief The confusion matrix of a classification readout on the held-out trials, drawn by
 *        the RDM heatmap: row = true class, column = predicted class, colour = percent of the
 *        true class's trials, each cell written as "count / percent", the class names on both
 *        axes and the test accuracy (and chance) in the title.
 */
class ConfusionMatrixView : public RdmHeatmap {
    Q_OBJECT

public:
    explicit ConfusionMatrixView(QWidget* parent = nullptr);
    ~ConfusionMatrixView() override;

    /// Shows @p readout's confusion matrix (or @p error when it has none).
    void setReadout(const AnalysisResult::Readout* readout, const QString& error = {});
    /// The plotted numbers: one row per true class (`true_class`), one column of counts per
    /// predicted class.
    static ResultTable table(const AnalysisResult::Readout& readout);

    /// The title (accuracy).
    QString title() const;
    /// The text written in cell (@p row, @p column) (empty outside the matrix).
    QString cellText(std::size_t row, std::size_t column) const;

    void beginFigure(const QSize& size, const QFont& font, double pixelRatio) override;
    void endFigure() override;

private:
    QCPTextElement* m_title = nullptr;
    std::vector<QCPItemText*> m_cells;
    std::size_t m_classes = 0;
    QString m_screenTitle;    ///< the title while a figure is drawn
    bool m_cellsShown = true; ///< cell texts shown on screen
    bool m_titleRow = true;   ///< the title has its row (not in a short figure)
};

} // namespace plexus::widgets
