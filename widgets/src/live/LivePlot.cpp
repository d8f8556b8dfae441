#include "plexus/widgets/live/LivePlot.h"

#include "figures/FigureLegendMove.h"
#include "plexus/widgets/live/LiveRecording.h"
#include "plexus/widgets/plots/AxisLabelFit.h"
#include "plexus/widgets/plots/PlotTheme.h"
#include "plots/PainterLayerable.h"

#include <QEvent>
#include <QFontMetrics>
#include <QMouseEvent>
#include <algorithm>
#include <cmath>

namespace plexus::widgets {

namespace {
/// A maximum height QCustomPlot takes as set: anything below QWIDGETSIZE_MAX.
constexpr int kUnboundedHeight = QWIDGETSIZE_MAX - 1;
} // namespace

LivePlot::LivePlot(QWidget* parent)
    : QCustomPlot(parent) {
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setNoAntialiasingOnDrag(true);
    // Live data is redrawn many times a second: polylines without join handling are much
    // cheaper and look the same at these pen widths.
    setPlottingHint(QCP::phFastPolylines, true);
    setMouseTracking(true);
    if (QCPLayer* overlay = layer(QStringLiteral("overlay"))) {
        overlay->setMode(QCPLayer::lmBuffered);
    }
    m_overlay = new PainterLayerable(this, QStringLiteral("overlay"),
                                     [this](QCPPainter* painter) { drawOverlay(painter); });
    connect(this, &QCustomPlot::beforeReplot, this, [this] {
        if (m_contentDirty) {
            m_contentDirty = false;
            updateContent();
        }
        adjustTickCounts();
    });
    plotLayout()->setColumnSpacing(8);
    addTimeRect(axisRect());
    setSideElement(axisRect(), new QCPLayoutElement(this));
    xAxis->setLabel(QStringLiteral("time (ms)"));
    xAxis->setRange(m_timeRange);
    PlotTheme::apply(this, palette());
}

LivePlot::~LivePlot() = default;

int LivePlot::figureSideColumnWidth(const QSize& size) const {
    Q_UNUSED(size);
    return 0;
}

QCPAxis* LivePlot::bottomTimeAxis() const {
    QCPAxis* bottom = nullptr;
    int lowest = -1;
    for (const QPointer<QCPAxis>& axis : m_timeAxes) {
        const int row = axis ? rowOf(axis->axisRect()) : -1;
        if (row > lowest) {
            lowest = row;
            bottom = axis;
        }
    }
    return bottom;
}

void LivePlot::beginFigure(const QSize& size, const QFont& font, double pixelRatio) {
    m_inFigure = true;
    m_figureSize = size;
    m_figureFont = font;
    m_figurePixelRatio = pixelRatio > 0.0 ? pixelRatio : 1.0;
    QCPLayoutGrid* layout = plotLayout();
    m_figureColumnStretch = layout->columnStretchFactors();
    m_figureColumnSpacing = layout->columnSpacing();
    // The side column (legends, band labels, the scale) is sized for the screen: in a figure
    // it goes, or takes the width the plot asks for.
    const int side = figureSideColumnWidth(size);
    m_figureSide.clear();
    m_figureSideTaken = side <= 0;
    for (int row = 0; row < layout->rowCount(); ++row) {
        if (layout->columnCount() < 2 || !layout->hasElement(row, 1)) {
            continue;
        }
        QCPLayoutElement* element = layout->element(row, 1);
        m_figureSide.push_back(
            {row, element, element->minimumSize(), element->maximumSize(), element->visible()});
        if (m_figureSideTaken) {
            layout->take(element);
            element->setVisible(false); // out of the layout, but still a layerable
        } else {
            element->setMinimumSize(side, 0);
            element->setMaximumSize(side, kUnboundedHeight);
        }
    }
    if (m_figureSideTaken) {
        layout->simplify();
    }
    // Time axes: no alignment margins from the panel; the lowest one names time.
    for (const QPointer<QCPAxis>& axis : m_timeAxes) {
        if (axis) {
            axis->axisRect()->setMinimumMargins(QMargins());
        }
    }
    if (QCPAxis* time = bottomTimeAxis()) {
        time->setTickLabels(true);
        time->setLabel(QStringLiteral("time (ms)"));
    }
}

void LivePlot::endFigure() {
    while (!m_figureLegends.empty()) {
        m_figureLegends.pop_back(); // last moved first
    }
    QCPLayoutGrid* layout = plotLayout();
    for (const SideElement& side : m_figureSide) {
        if (!side.element) {
            continue;
        }
        if (m_figureSideTaken) {
            layout->addElement(side.row, 1, side.element);
            side.element->setVisible(side.visible);
        }
        side.element->setMinimumSize(side.minimum);
        side.element->setMaximumSize(side.maximum);
    }
    m_figureSide.clear();
    if (m_figureColumnStretch.size() == layout->columnCount()) {
        layout->setColumnStretchFactors(m_figureColumnStretch);
    }
    layout->setColumnSpacing(m_figureColumnSpacing);
    m_inFigure = false;
}

void LivePlot::moveLegendBelowForFigure(QCPAxisRect* rect, QCPLegend* shown) {
    if (m_inFigure && shown != nullptr && rect != nullptr) {
        m_figureLegends.push_back(
            std::make_unique<FigureLegendMove>(*this, rect, shown, m_figureSize.width()));
    }
}

void LivePlot::setRecording(const LiveRecording* recording) {
    m_recording = recording;
    invalidate();
}

void LivePlot::setTimeRange(double lowerMs, double upperMs) {
    if (!(upperMs > lowerMs)) {
        upperMs = lowerMs + 1e-3;
    }
    const QCPRange range(lowerMs, upperMs);
    if (range == m_timeRange) {
        return;
    }
    m_timeRange = range;
    m_settingRange = true;
    for (const QPointer<QCPAxis>& axis : m_timeAxes) {
        if (axis) {
            axis->setRange(range);
        }
    }
    m_settingRange = false;
    invalidate();
}

bool LivePlot::refresh() {
    const std::uint64_t revision = m_recording != nullptr ? m_recording->revision() : 0;
    if (!m_dirty && m_recording == m_seenRecording && revision == m_seenRevision) {
        return false;
    }
    if (!isVisible()) {
        m_dirty = true; // catch up in showEvent()
        return false;
    }
    m_dirty = false;
    m_seenRecording = m_recording;
    m_seenRevision = revision;
    m_contentDirty = true;
    replot(QCustomPlot::rpQueuedRefresh);
    return true;
}

void LivePlot::invalidate() {
    m_dirty = true;
    m_contentDirty = true;
}

QString LivePlot::formatTime(double timeMs) {
    return QStringLiteral("%1 ms").arg(timeMs, 0, 'f', std::abs(timeMs) < 100.0 ? 2 : 1);
}

QString LivePlot::readout(QCPAxisRect* rect, double timeMs, double value) const {
    Q_UNUSED(rect);
    return QStringLiteral("t = %1   %2").arg(formatTime(timeMs)).arg(value, 0, 'g', 4);
}

void LivePlot::applyTheme() {
    PlotTheme::apply(this, palette());
}

void LivePlot::addTimeRect(QCPAxisRect* rect) {
    if (rect == nullptr) {
        return;
    }
    QCPAxis* axis = rect->axis(QCPAxis::atBottom);
    rect->setRangeDrag(Qt::Horizontal);
    rect->setRangeZoom(Qt::Horizontal);
    rect->setRangeDragAxes(axis, nullptr);
    rect->setRangeZoomAxes(axis, nullptr);
    axis->setRange(m_timeRange);
    rect->setMinimumMargins(m_minimumSideMargins);
    m_timeAxes.append(axis);
    connect(axis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [this, axis](const QCPRange& range) { onTimeAxisRangeChanged(axis, range); });
}

void LivePlot::removeTimeRect(QCPAxisRect* rect) {
    if (rect == nullptr) {
        return;
    }
    QCPAxis* axis = rect->axis(QCPAxis::atBottom);
    m_timeAxes.removeAll(QPointer<QCPAxis>(axis));
    disconnect(axis, nullptr, this, nullptr);
    if (m_hoverRect == rect) {
        m_hoverRect = nullptr;
        m_crosshairText.clear();
    }
}

int LivePlot::rowOf(const QCPLayoutElement* element) const {
    for (int row = 0; row < plotLayout()->rowCount(); ++row) {
        if (plotLayout()->hasElement(row, 0) && plotLayout()->element(row, 0) == element) {
            return row;
        }
    }
    return -1;
}

void LivePlot::setSideElement(QCPAxisRect* rect, QCPLayoutElement* element) {
    const int row = rowOf(rect);
    if (row < 0 || element == nullptr) {
        return;
    }
    if (plotLayout()->hasElement(row, 1)) {
        plotLayout()->remove(plotLayout()->element(row, 1));
    }
    plotLayout()->addElement(row, 1, element);
    element->setSizeConstraintRect(QCPLayoutElement::scrOuterRect);
    element->setMinimumSize(kSideColumnWidth, 0);
    // An explicit maximum height (QCustomPlot reads QWIDGETSIZE_MAX as "none set" and then
    // takes the element's own hint: a text's height would cap the whole row).
    element->setMaximumSize(kSideColumnWidth, kUnboundedHeight);
    plotLayout()->setColumnStretchFactor(0, 1.0);
    plotLayout()->setColumnStretchFactor(1, 0.01);
}

void LivePlot::placeLegendBeside(QCPAxisRect* rect, QCPLegend* shown) {
    if (shown == nullptr) {
        return;
    }
    if (QCPLayout* parent = shown->layout()) {
        parent->take(shown);
        parent->simplify();
    }
    // A grid with the legend on top and an empty element taking the rest of the height.
    auto* column = new QCPLayoutGrid;
    setSideElement(rect, column);
    column->setRowSpacing(0);
    column->addElement(0, 0, shown);
    column->addElement(1, 0, new QCPLayoutElement(this));
    column->setRowStretchFactor(0, 0.001);
    column->setRowStretchFactor(1, 1.0);
    column->setMargins(QMargins(0, 2, 6, 0)); // keep the legend's frame inside the widget
}

void LivePlot::removeRectRow(QCPAxisRect* rect) {
    const int row = rowOf(rect);
    if (row < 0) {
        return;
    }
    removeTimeRect(rect);
    if (plotLayout()->hasElement(row, 1)) {
        plotLayout()->remove(plotLayout()->element(row, 1));
    }
    plotLayout()->remove(rect);
    plotLayout()->simplify();
}

QMargins LivePlot::timeRectMargins() const {
    int left = 0;
    int right = 0;
    for (const QPointer<QCPAxis>& axis : m_timeAxes) {
        if (axis) {
            left = std::max(left, axis->axisRect()->margins().left());
            right = std::max(right, axis->axisRect()->margins().right());
        }
    }
    return {left, 0, right, 0};
}

void LivePlot::setMinimumSideMargins(int left, int right) {
    m_minimumSideMargins = QMargins(left, 0, right, 0);
    for (const QPointer<QCPAxis>& axis : m_timeAxes) {
        if (axis) {
            axis->axisRect()->setMinimumMargins(m_minimumSideMargins);
        }
    }
}

void LivePlot::adjustTickCounts() {
    // Fewer ticks in small rects so labels never overlap: as many as their labels leave room
    // for (AxisLabelFit). A rect that was never laid out (just added) has no size yet:
    // estimate from the widget.
    const QList<QCPAxisRect*> rects = axisRects();
    for (QCPAxisRect* rect : rects) {
        const bool laidOut = rect->width() > 0 && rect->height() > 0;
        const int width =
            rect->width() > 0 ? rect->width() : std::max(0, this->width() - kSideColumnWidth - 80);
        const int height =
            rect->height() > 0
                ? rect->height()
                : std::max(0, this->height() / std::max(1, static_cast<int>(rects.size())) - 40);
        QCPAxis* value = rect->axis(QCPAxis::atLeft);
        if (value != nullptr && !qSharedPointerDynamicCast<QCPAxisTickerText>(value->ticker())) {
            const int fitted = laidOut ? AxisLabelFit::tickCount(value, value->tickLabelFont(), 6)
                                       : std::clamp(height / 32, 2, 6);
            // At most one label per 32 pixels: a live value axis stays uncluttered.
            value->ticker()->setTickCount(std::clamp(std::min(fitted, height / 32), 1, 6));
        }
        QCPAxis* time = rect->axis(QCPAxis::atBottom);
        if (time != nullptr && !qSharedPointerDynamicCast<QCPAxisTickerText>(time->ticker())) {
            const int fitted = laidOut ? AxisLabelFit::tickCount(time, time->tickLabelFont(), 8)
                                       : std::clamp(width / 110, 2, 8);
            time->ticker()->setTickCount(std::max(1, fitted));
        }
    }
}

void LivePlot::setEmptyMessage(const QString& message) {
    m_emptyMessage = message;
}

void LivePlot::onTimeAxisRangeChanged(QCPAxis* source, const QCPRange& range) {
    if (m_settingRange) {
        return;
    }
    // A user pan or zoom: keep the other time axes with it and tell the owner.
    m_timeRange = range;
    m_settingRange = true;
    for (const QPointer<QCPAxis>& axis : m_timeAxes) {
        if (axis && axis != source) {
            axis->setRange(range);
        }
    }
    m_settingRange = false;
    invalidate();
    Q_EMIT timeRangeEdited(range.lower, range.upper);
}

void LivePlot::changeEvent(QEvent* event) {
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyTheme();
        invalidate();
        replot(QCustomPlot::rpQueuedReplot);
    }
}

void LivePlot::showEvent(QShowEvent* event) {
    QCustomPlot::showEvent(event);
    refresh();
}

void LivePlot::mouseMoveEvent(QMouseEvent* event) {
    QCustomPlot::mouseMoveEvent(event);
    updateCrosshair(event->position());
}

void LivePlot::leaveEvent(QEvent* event) {
    QCustomPlot::leaveEvent(event);
    updateCrosshair(QPointF(-1.0, -1.0));
}

void LivePlot::updateCrosshair(const QPointF& pos) {
    QCPAxisRect* rect = axisRectAt(pos);
    const QString before = m_crosshairText;
    if (rect != nullptr && rect->rect().contains(pos.toPoint())) {
        // Time and value under the cursor (for a rect without time, e.g. a histogram, the
        // read-out interprets its own bottom axis).
        m_hoverRect = rect;
        m_hoverPos = pos;
        const double x = rect->axis(QCPAxis::atBottom)->pixelToCoord(pos.x());
        const double v = rect->axis(QCPAxis::atLeft)->pixelToCoord(pos.y());
        m_crosshairText = readout(rect, x, v);
    } else {
        m_hoverRect = nullptr;
        m_crosshairText.clear();
        if (before.isEmpty()) {
            return;
        }
    }
    if (QCPLayer* overlay = layer(QStringLiteral("overlay"))) {
        overlay->replot();
    }
}

void LivePlot::drawOverlay(QCPPainter* painter) {
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor base = pal.color(QPalette::Base);
    if (!m_emptyMessage.isEmpty() && axisRect() != nullptr) {
        painter->setPen(PlotTheme::mix(base, text, 0.55));
        painter->drawText(axisRect()->rect(), Qt::AlignCenter, m_emptyMessage);
    }
    if (!m_hoverRect || m_crosshairText.isEmpty()) {
        return;
    }
    const QRect r = m_hoverRect->rect();
    painter->save();
    painter->setClipRect(r);
    QColor line = text;
    line.setAlpha(110);
    painter->setPen(QPen(line, 0, Qt::DashLine));
    painter->drawLine(QPointF(m_hoverPos.x(), r.top()), QPointF(m_hoverPos.x(), r.bottom()));
    painter->drawLine(QPointF(r.left(), m_hoverPos.y()), QPointF(r.right(), m_hoverPos.y()));

    // Read-out box next to the cursor, flipped to stay inside the axis rect.
    const QFontMetrics metrics(font());
    const QSize size = metrics.size(0, m_crosshairText) + QSize(10, 6);
    QPointF topLeft = m_hoverPos + QPointF(12.0, 12.0);
    if (topLeft.x() + size.width() > r.right()) {
        topLeft.setX(m_hoverPos.x() - 12.0 - size.width());
    }
    if (topLeft.y() + size.height() > r.bottom()) {
        topLeft.setY(m_hoverPos.y() - 12.0 - size.height());
    }
    const QRectF box(topLeft, QSizeF(size));
    QColor fill = pal.color(QPalette::ToolTipBase);
    fill.setAlpha(235);
    painter->setPen(QPen(PlotTheme::mix(base, text, 0.35)));
    painter->setBrush(fill);
    painter->drawRect(box);
    painter->setPen(pal.color(QPalette::ToolTipText));
    painter->drawText(box, Qt::AlignCenter, m_crosshairText);
    painter->restore();
}

bool LivePlot::needsRebuild(std::size_t count) const {
    const LiveRecording* rec = recording();
    return rec != m_builtRecording || (rec != nullptr && rec->generation() != m_builtGeneration) ||
           count != m_builtCount;
}

void LivePlot::markBuilt(std::size_t count) {
    m_builtRecording = recording();
    m_builtGeneration = m_builtRecording != nullptr ? m_builtRecording->generation() : 0;
    m_builtCount = count;
}

} // namespace plexus::widgets
