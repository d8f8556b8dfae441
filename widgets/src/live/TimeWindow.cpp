#include "plexus/widgets/live/TimeWindow.h"

#include <algorithm>
#include <utility>

namespace plexus::widgets {

void TimeWindow::setWidthMs(double widthMs) {
    m_widthMs = std::max(widthMs, 1e-3);
}

void TimeWindow::setManualRange(double lowerMs, double upperMs) {
    if (upperMs < lowerMs) {
        std::swap(lowerMs, upperMs);
    }
    m_manual = {lowerMs, upperMs};
    m_following = false;
}

TimeWindow::Range TimeWindow::range(double currentTimeMs) const {
    if (!m_following) {
        return m_manual;
    }
    const double now = std::max(currentTimeMs, 0.0);
    if (m_mode == Mode::WholeRun) {
        // Before anything ran, show one window width rather than an empty range.
        return {0.0, now > 0.0 ? now : m_widthMs};
    }
    const double upper = std::max(now, m_widthMs);
    return {upper - m_widthMs, upper};
}

} // namespace plexus::widgets
