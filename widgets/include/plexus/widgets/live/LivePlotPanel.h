#pragma once

#include "plexus/widgets/live/RateSmoother.h"
#include "plexus/widgets/live/TimeWindow.h"

#include <QWidget>
#include <cstddef>
#include <cstdint>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSplitter;
class QToolButton;

namespace plexus::widgets {

class ContactPlot;
class LivePlot;
class LiveRecording;
class MembranePlot;
class RasterPlot;
class RatePlot;
class WeightPlot;

/**
 * @brief The live plots of a run in one widget: raster, membrane traces, population rates,
 *        virtual recordings at electrode contacts (LFP and multi-unit rates) and weights in a
 *        vertical splitter, under a small toolbar.
 *
 * The toolbar sets the time window (scrolling window of the last W ms, or the whole run; the
 * window width W), the rate smoothing (none, boxcar or Gaussian, and its width) and a Follow
 * toggle. All plots show the same time range: while following it tracks the recording's current
 * time; panning (drag) or zooming (wheel) any plot's time axis moves all plots and switches
 * following off until Follow is pressed again (or the window mode or width changes, or a new
 * run starts, i.e. the recording was reset).
 *
 * The application calls refresh() from its 30-60 Hz drain timer; each plot redraws only when
 * the recording or the view changed, and only while it is visible (a hidden plot catches up
 * when shown). The time each redrawing refresh() took is kept for statistics (frameTimesMs()).
 * The plots' time axis rects share their left and right margins so the time axes line up.
 */
class LivePlotPanel : public QWidget {
    Q_OBJECT

public:
    /// Creates the panel with no recording.
    explicit LivePlotPanel(QWidget* parent = nullptr);
    ~LivePlotPanel() override;

    /// Shows @p recording in all plots (nullptr: nothing) and follows its current time. It must
    /// outlive the panel or be replaced first.
    void setRecording(const LiveRecording* recording);
    const LiveRecording* recording() const { return m_recording; }

    /// Applies the time window and redraws the plots whose data or view changed.
    void refresh();

    /// Milliseconds the last redrawing refresh() took (0 before the first).
    double lastRedrawMs() const { return m_lastRedrawMs; }
    /// Durations of the redrawing refresh() calls since clearFrameTimes() (at most the last
    /// 100000; refresh() calls that redrew nothing are not counted).
    const std::vector<double>& frameTimesMs() const { return m_frameTimesMs; }
    /// Forgets the recorded frame times.
    void clearFrameTimes() { m_frameTimesMs.clear(); }

    /// Scrolling window or whole run; re-enables following.
    void setWindowMode(TimeWindow::Mode mode);
    TimeWindow::Mode windowMode() const { return m_window.mode(); }
    /// Width of the scrolling window in ms (default 1000); re-enables following.
    void setWindowWidthMs(double widthMs);
    double windowWidthMs() const { return m_window.widthMs(); }
    /// Whether the time range follows the current time (switching it on redraws at once).
    void setFollowing(bool following);
    bool isFollowing() const { return m_window.isFollowing(); }
    /// The time range the plots show (as of the last refresh or user pan/zoom).
    TimeWindow::Range timeRange() const { return m_range; }

    /// Smoothing of the rate plot (width: boxcar full width or Gaussian sigma, in ms).
    void setRateSmoothing(RateSmoother::Kind kind, double widthMs);
    RateSmoother::Kind rateSmoothing() const;
    double rateSmoothingWidthMs() const;

    RasterPlot* rasterPlot() const { return m_raster; }
    MembranePlot* membranePlot() const { return m_membrane; }
    RatePlot* ratePlot() const { return m_rate; }
    /// LFP and multi-unit rates per electrode contact (hidden while nothing is recorded).
    ContactPlot* contactPlot() const { return m_contacts; }
    WeightPlot* weightPlot() const { return m_weight; }
    /// The splitter holding the plots (raster, membrane, rate, contacts, weight from top to
    /// bottom).
    QSplitter* splitter() const { return m_splitter; }
    /// The Follow toggle of the toolbar.
    QToolButton* followButton() const { return m_followButton; }

Q_SIGNALS:
    /// A neuron was clicked in the raster.
    void neuronPicked(std::size_t population, std::int32_t neuron);
    /// Following switched on or off (by the user, a pan/zoom or a setter).
    void followingChanged(bool following);

private:
    void onTimeRangeEdited(LivePlot* source, double lowerMs, double upperMs);
    void syncControls();
    void updateStatus();
    void alignTimeAxes(bool reset);
    std::vector<LivePlot*> plots() const;

    const LiveRecording* m_recording = nullptr;
    std::uint64_t m_seenGeneration = 0;
    TimeWindow m_window;
    TimeWindow::Range m_range{0.0, 1000.0};

    RasterPlot* m_raster = nullptr;
    MembranePlot* m_membrane = nullptr;
    RatePlot* m_rate = nullptr;
    ContactPlot* m_contacts = nullptr;
    WeightPlot* m_weight = nullptr;
    QSplitter* m_splitter = nullptr;
    QComboBox* m_modeCombo = nullptr;
    QDoubleSpinBox* m_widthSpin = nullptr;
    QComboBox* m_smoothingCombo = nullptr;
    QDoubleSpinBox* m_smoothingWidthSpin = nullptr;
    QToolButton* m_followButton = nullptr;
    QLabel* m_status = nullptr;

    int m_alignedLeft = -1;  ///< left margin shared by the plots' time axis rects
    int m_alignedRight = -1; ///< right margin shared by the plots' time axis rects
    double m_lastRedrawMs = 0.0;
    std::vector<double> m_frameTimesMs;
};

} // namespace plexus::widgets
