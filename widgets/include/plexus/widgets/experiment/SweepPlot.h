#pragma once

#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QString>
#include <cstddef>
#include <vector>

namespace plexus::core {
class SweepArchive;
} // namespace plexus::core

namespace plexus::widgets {

/**
 * @brief A plot of one metric of a parameter sweep (core::SweepArchive) against its axes.
 *
 * One axis: a line of the mean over repeats at each value, with error bars of one standard
 * deviation (sample, n - 1) where a point has several finished repeats. Two axes or more: a
 * heatmap (QCPColorMap) of the mean over repeats of the first two axes, with a colour bar
 * labelled with the metric; further axes are held at their first value (a note says so).
 * Only finished rows ("ok") with a finite value count; a point without any is a gap (NaN).
 * Clicking a line point or a heatmap cell emits pointClicked() with the point's number in the
 * sweep's order of points (without repeats).
 */
class SweepPlot : public QCustomPlot {
    Q_OBJECT

public:
    /// The statistics of one point of the sweep.
    struct Cell {
        std::size_t point = 0;      ///< point number (row / repeats)
        std::vector<double> values; ///< the value of each axis
        double mean = 0.0;          ///< mean over finished repeats (NaN: none)
        double sd = 0.0;            ///< sample standard deviation (0 for one repeat)
        std::size_t count = 0;      ///< finished repeats with a finite value
    };

    explicit SweepPlot(QWidget* parent = nullptr);

    /**
     * @brief Shows metric @p metric (a column of @p archive's metrics) of @p archive.
     * @return false (and a message in the plot) when the archive has no such metric or axes.
     */
    bool setArchive(const core::SweepArchive& archive, int metric);
    /// Shows nothing, with @p message in the middle.
    void clear(const QString& message = {});

    /// Number of axes shown: 1 (line), 2 (heatmap) or 0 (nothing).
    int dimensions() const { return m_dimensions; }
    /// The cells shown, in point order (the line's points or the heatmap's cells).
    const std::vector<Cell>& cells() const { return m_cells; }
    /// Number of values of the first and second axis shown (second 1 for a line).
    std::pair<int, int> gridSize() const { return {m_nx, m_ny}; }
    /// The line (1-D), or nullptr.
    QCPGraph* line() const { return m_line; }
    /// The error bars (1-D), or nullptr.
    QCPErrorBars* errorBars() const { return m_errors; }
    /// The heatmap (2-D), or nullptr.
    QCPColorMap* heatmap() const { return m_map; }
    /// The colour bar (2-D), or nullptr.
    QCPColorScale* colorScale() const { return m_scale; }
    /// The note under the plot (axes held fixed), empty when none.
    QString note() const { return m_noteText; }

    /**
     * @brief Writes the cells shown as CSV: one column per axis shown (named after its path),
     *        then `mean,sd,n`. Throws core::Error naming the file when it cannot be written.
     */
    void writeCsv(const QString& path) const;
    /**
     * @brief The cell under @p pixel (widget coordinates): the nearest line point within a few
     *        pixels, or the heatmap cell; -1 when none.
     */
    int cellAt(const QPointF& pixel) const;

Q_SIGNALS:
    /// Cell @p cell of cells() was clicked.
    void pointClicked(int cell);

protected:
    void mousePressEvent(QMouseEvent* event) override;

private:
    void reset();

    int m_dimensions = 0;
    int m_nx = 0;
    int m_ny = 0;
    std::vector<Cell> m_cells;
    std::vector<QString> m_axisNames;
    QString m_metric;
    QString m_noteText;
    QCPGraph* m_line = nullptr;
    QCPErrorBars* m_errors = nullptr;
    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
    QCPItemText* m_message = nullptr;
};

} // namespace plexus::widgets
