#pragma once

#include "plexus/widgets/analysis/AnalysisResult.h"

#include <QWidget>
#include <memory>

class QCustomPlot;
class QLabel;
class QTableWidget;

namespace plexus::widgets {

/**
 * @brief Firing statistics of the analysed populations over the analysed span: a table of
 *        neurons, spikes, mean rate, mean CV of the inter-spike intervals and Fano factor, and
 *        the pooled ISI histogram of every population (fraction of its ISIs per bin).
 *
 * Table cells keep their exact numbers in Qt::UserRole.
 */
class SpikeStatisticsView : public QWidget {
    Q_OBJECT

public:
    /// Columns of the table.
    enum Column {
        PopulationColumn,
        NeuronsColumn,
        SpikesColumn,
        RateColumn,
        CvColumn,
        FanoColumn,
        ColumnCount
    };

    /// Creates an empty view.
    explicit SpikeStatisticsView(QWidget* parent = nullptr);
    ~SpikeStatisticsView() override;

    /// Shows the statistics of @p result; nullptr clears.
    void setResult(std::shared_ptr<const AnalysisResult> result);

    /// The table (one row per population).
    QTableWidget* table() const { return m_table; }
    /// The ISI histogram.
    QCustomPlot* histogram() const { return m_histogram; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    QLabel* m_info = nullptr;
    QTableWidget* m_table = nullptr;
    QCustomPlot* m_histogram = nullptr;
    std::shared_ptr<const AnalysisResult> m_result;
};

} // namespace plexus::widgets
