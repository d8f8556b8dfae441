#pragma once

#include "plexus/widgets/analysis/ResultTable.h"
#include "plexus/widgets/figures/FigureAdaptable.h"
#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QPointer>
#include <QString>
#include <QVector>
#include <vector>

namespace plexus::widgets {

/**
 * @brief The drawing shared by the dynamics and readout plots (AvalancheView, SpectrumView,
 *        BranchingView, MemoryCapacityView, PredictionView): a title row above the axes,
 *        a message in the middle when there is nothing to show, logarithmic axes, a legend
 *        in the top right corner and the colours of PlotTheme (restyled when the palette
 *        changes). In a figure the title and caption wrap to the figure's width and every
 *        legend moves below its axes.
 */
class ResultPlot : public QCustomPlot, public FigureAdaptable {
    Q_OBJECT

public:
    /// Creates an empty plot with a title row and a hidden legend.
    explicit ResultPlot(QWidget* parent = nullptr);
    ~ResultPlot() override;

    /// The title above the axes.
    QString title() const;
    void setTitle(const QString& title);
    /// The message shown instead of data (empty while data is shown), wrapped to lines of
    /// kMessageWidth pixels when shown.
    QString message() const;
    /// Removes every graph and shows @p message in the middle.
    virtual void showMessage(const QString& message);

    /// Adds the title row to any plot (also the heatmap of ConfusionMatrixView).
    static QCPTextElement* addTitle(QCustomPlot* plot);
    /// Makes @p axis logarithmic (powers of ten) or linear.
    static void setLogarithmic(QCPAxis* axis, bool logarithmic);
    /// A graph on @p rect drawing @p x, @p y in @p color: a line, or points when @p points.
    static QCPGraph* addSeries(QCPAxisRect* rect, const std::vector<double>& x,
                               const std::vector<double>& y, const QColor& color, bool points,
                               const QString& name);
    /// Shows the legend of @p rect in its top right corner.
    static void showLegend(QCustomPlot* plot, QCPAxisRect* rect);

    void beginFigure(const QSize& size, const QFont& font, double pixelRatio) override;
    void endFigure() override;

    /// Width (pixels) messages wrap to.
    static constexpr double kMessageWidth = 420.0;
    /// @p text broken into lines no wider than @p width pixels in @p font (at spaces).
    static QString wrapped(const QString& text, const QFont& font, double width);

protected:
    void changeEvent(QEvent* event) override;
    /// Restyles axes, legends, title and message from the palette.
    void applyTheme();

private:
    /// A legend moved below its axis rect in a figure, and where it came from.
    struct MovedLegend {
        QPointer<QCPLegend> legend;
        QPointer<QCPLayoutInset> inset;
        Qt::Alignment alignment;
        QPointer<QCPLayoutGrid> grid;
        QPen border;
    };
    std::vector<MovedLegend> m_moved;
    std::vector<std::pair<QPointer<QCPTextElement>, QString>> m_texts; ///< unwrapped texts
    QString m_messageText; ///< the message while a figure is drawn
    QCPTextElement* m_title = nullptr;
    QCPItemText* m_message = nullptr;
};

} // namespace plexus::widgets
