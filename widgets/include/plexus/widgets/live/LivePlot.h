#pragma once

#include "plexus/widgets/figures/FigureAdaptable.h"
#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QList>
#include <QPointer>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace plexus::widgets {

class FigureLegendMove;
class LiveRecording;
class PainterLayerable;

/**
 * @brief Base of the live plots: a QCustomPlot over a LiveRecording with a time x axis, that
 *        redraws from refresh() only when the recording or the view changed.
 *
 * Time axes (one per axis rect that shows time) are kept on one range, set by setTimeRange()
 * or by the user: dragging pans and the wheel zooms the time axis only, and every such user
 * edit is reported by timeRangeEdited(). Moving the mouse over an axis rect shows a crosshair
 * with a read-out of the time and value under the cursor (see crosshairText()). Colours follow
 * the widget palette and are reapplied when it changes.
 *
 * Subclasses implement updateContent(), which brings the plotted data up to date with
 * recording() and the current time range; it runs right before a replot whenever the
 * recording, the range or a setting changed, so only what is in view needs to be built.
 *
 * In a figure (FigureAdaptable) the side column goes (or narrows to
 * figureSideColumnWidth()), legends move below their axes, and the bottom time axis shows its
 * tick labels and "time (ms)" even where the live panel leaves that to the plot below.
 */
class LivePlot : public QCustomPlot, public FigureAdaptable {
    Q_OBJECT

public:
    /// Creates an empty plot showing [0, 1000] ms.
    explicit LivePlot(QWidget* parent = nullptr);
    ~LivePlot() override;

    /**
     * @brief Shows @p recording (nullptr: nothing). The recording must outlive the plot or be
     *        replaced first; the plot only reads it from refresh() and replots.
     */
    void setRecording(const LiveRecording* recording);
    /// The shown recording (may be nullptr).
    const LiveRecording* recording() const { return m_recording; }
    /// The message shown while there is nothing to plot (empty when data is shown).
    QString emptyMessage() const { return m_emptyMessage; }

    /// Shows [lowerMs, upperMs] on the time axes; the next refresh() redraws when it moved.
    void setTimeRange(double lowerMs, double upperMs);
    /// The time range shown.
    QCPRange timeRange() const { return m_timeRange; }

    /**
     * @brief Redraws when the recording's revision, the recording itself, the time range or a
     *        setting changed since the last refresh. Returns true when it redrew. A plot that
     *        is not visible is not redrawn (it redraws when shown).
     */
    bool refresh();

    /// Makes the next refresh() redraw (a setting that affects the plot changed).
    void invalidate();

    /// The crosshair read-out shown while the mouse is over an axis rect (else empty).
    QString crosshairText() const { return m_crosshairText; }

    /// Width in pixels of the column right of the time axis rects (legends, histogram, labels);
    /// the same in every live plot so that plots stacked in a panel share their time axis.
    static constexpr int kSideColumnWidth = 170;
    /// Left and right margins (pixels) of the time axis rects as of the last layout (largest
    /// over the rects; top and bottom are 0).
    QMargins timeRectMargins() const;
    /**
     * @brief Makes the left and right margins of the time axis rects at least @p left and
     *        @p right pixels. LivePlotPanel sets the largest margins of all its plots on every
     *        plot so their time axes line up.
     */
    void setMinimumSideMargins(int left, int right);

    void beginFigure(const QSize& size, const QFont& font, double pixelRatio) override;
    void endFigure() override;

Q_SIGNALS:
    /// The user panned or zoomed the time axis to [lowerMs, upperMs].
    void timeRangeEdited(double lowerMs, double upperMs);

protected:
    /// True when the recording, its generation (a new run) or the number of series (@p count)
    /// changed since markBuilt(): the plot must rebuild its graphs.
    bool needsRebuild(std::size_t count) const;
    /// Remembers what the graphs were built for (the current recording and @p count series).
    void markBuilt(std::size_t count);

    /// Brings the plotted data up to date with recording() and timeRange(); runs before replots.
    virtual void updateContent() {}
    /// Read-out of the crosshair at time @p timeMs and value @p value in axis rect @p rect.
    virtual QString readout(QCPAxisRect* rect, double timeMs, double value) const;
    /// Restyles the plot from palette(); subclasses extend it for their own elements.
    virtual void applyTheme();

    /// Makes @p rect's bottom axis a time axis: on the shared range, draggable and zoomable.
    void addTimeRect(QCPAxisRect* rect);
    /// Forgets the time axis of @p rect (call before removing the rect from the layout).
    void removeTimeRect(QCPAxisRect* rect);
    /// Puts @p element in the side column next to @p rect (fixed width kSideColumnWidth),
    /// replacing what was there (the plot takes ownership).
    void setSideElement(QCPAxisRect* rect, QCPLayoutElement* element);
    /// Moves @p legend to the top of the side column next to @p rect.
    void placeLegendBeside(QCPAxisRect* rect, QCPLegend* legend);
    /// Removes @p rect and whatever is beside it from the layout (deleting them).
    void removeRectRow(QCPAxisRect* rect);
    /// A message drawn in the middle of the first axis rect (empty: none), e.g. "No data".
    void setEmptyMessage(const QString& message);
    /// Formats a time for read-outs ("123.4 ms").
    static QString formatTime(double timeMs);

    /// True between beginFigure() and endFigure().
    bool inFigure() const { return m_inFigure; }
    /// Layout size of the figure being drawn (valid while inFigure()).
    QSize figureSize() const { return m_figureSize; }
    /// Font of the figure being drawn (valid while inFigure()).
    QFont figureFont() const { return m_figureFont; }
    /// Device pixels per layout pixel of the figure being drawn (1 outside figures).
    double figurePixelRatio() const { return m_inFigure ? m_figurePixelRatio : 1.0; }
    /// Width of the side column in a figure of @p size; 0 (the default) leaves it out.
    virtual int figureSideColumnWidth(const QSize& size) const;
    /// Moves @p legend below @p rect until endFigure() (see FigureLegendMove).
    void moveLegendBelowForFigure(QCPAxisRect* rect, QCPLegend* legend);
    /// The time axis of the lowest axis rect (the one that names time in a figure).
    QCPAxis* bottomTimeAxis() const;

    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    const LiveRecording* m_builtRecording = nullptr;
    std::uint64_t m_builtGeneration = 0;
    std::size_t m_builtCount = 0;
    void onTimeAxisRangeChanged(QCPAxis* source, const QCPRange& range);
    void drawOverlay(QCPPainter* painter);
    void updateCrosshair(const QPointF& pos);
    void adjustTickCounts();
    int rowOf(const QCPLayoutElement* element) const;

    const LiveRecording* m_recording = nullptr;
    const LiveRecording* m_seenRecording = nullptr;
    std::uint64_t m_seenRevision = 0;
    bool m_dirty = true;        ///< the next refresh() redraws
    bool m_contentDirty = true; ///< the next replot runs updateContent() first
    bool m_settingRange = false;
    QCPRange m_timeRange{0.0, 1000.0};
    QList<QPointer<QCPAxis>> m_timeAxes;
    PainterLayerable* m_overlay = nullptr;
    QString m_emptyMessage;
    QPointer<QCPAxisRect> m_hoverRect;
    QPointF m_hoverPos;
    QString m_crosshairText;
    QMargins m_minimumSideMargins;

    struct SideElement {
        int row = 0;
        QPointer<QCPLayoutElement> element;
        QSize minimum, maximum;
        bool visible = true;
    };
    bool m_inFigure = false;
    QSize m_figureSize;
    QFont m_figureFont;
    double m_figurePixelRatio = 1.0;
    std::vector<SideElement> m_figureSide;
    bool m_figureSideTaken = false;
    QList<double> m_figureColumnStretch;
    int m_figureColumnSpacing = 0;
    std::vector<std::unique_ptr<FigureLegendMove>> m_figureLegends;
};

} // namespace plexus::widgets
