#pragma once

namespace plexus::widgets {

/**
 * @brief The time range shown by the live plots: a scrolling window of the last widthMs()
 *        or the whole run, following the run's current time, or a range the user panned or
 *        zoomed to (following off).
 *
 * Plain data, no Qt: LivePlotPanel owns one and applies range() to all its plots.
 */
class TimeWindow {
public:
    /// What the window shows while following.
    enum class Mode {
        Scrolling, ///< the last widthMs() milliseconds ([0, widthMs()] until the run is longer)
        WholeRun   ///< everything from 0 to the current time
    };

    /// A time range in ms.
    struct Range {
        double lowerMs = 0.0;
        double upperMs = 0.0;
        bool operator==(const Range&) const = default;
    };

    Mode mode() const { return m_mode; }
    /// Sets the mode; does not change following.
    void setMode(Mode mode) { m_mode = mode; }

    double widthMs() const { return m_widthMs; }
    /// Sets the scrolling window's width (clamped to at least 1e-3 ms).
    void setWidthMs(double widthMs);

    /// True when range() tracks the current time; false after setManualRange().
    bool isFollowing() const { return m_following; }
    void setFollowing(bool following) { m_following = following; }

    /// Shows [lowerMs, upperMs] from now on and stops following (the user panned or zoomed).
    void setManualRange(double lowerMs, double upperMs);
    /// The range set by setManualRange().
    Range manualRange() const { return m_manual; }

    /// The range to show when the run is at @p currentTimeMs.
    Range range(double currentTimeMs) const;

private:
    Mode m_mode = Mode::Scrolling;
    double m_widthMs = 1000.0;
    bool m_following = true;
    Range m_manual{0.0, 1000.0};
};

} // namespace plexus::widgets
