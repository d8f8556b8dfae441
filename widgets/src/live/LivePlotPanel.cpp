#include "plexus/widgets/live/LivePlotPanel.h"

#include "plexus/widgets/live/ContactPlot.h"
#include "plexus/widgets/live/LiveRecording.h"
#include "plexus/widgets/live/MembranePlot.h"
#include "plexus/widgets/live/RasterPlot.h"
#include "plexus/widgets/live/RatePlot.h"
#include "plexus/widgets/live/WeightPlot.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace plexus::widgets {

namespace {
constexpr std::size_t kMaxFrameTimes = 100000;
} // namespace

LivePlotPanel::LivePlotPanel(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    // Toolbar.
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->setSpacing(6);
    auto* windowLabel = new QLabel(tr("Window"), this);
    m_modeCombo = new QComboBox(this);
    m_modeCombo->addItem(tr("Scrolling"), static_cast<int>(TimeWindow::Mode::Scrolling));
    m_modeCombo->addItem(tr("Whole run"), static_cast<int>(TimeWindow::Mode::WholeRun));
    m_modeCombo->setToolTip(tr("Show the last W ms (scrolling) or everything since the start"));
    m_widthSpin = new QDoubleSpinBox(this);
    m_widthSpin->setRange(1.0, 1.0e7);
    m_widthSpin->setDecimals(0);
    m_widthSpin->setSingleStep(100.0);
    m_widthSpin->setSuffix(tr(" ms"));
    m_widthSpin->setValue(m_window.widthMs());
    m_widthSpin->setToolTip(tr("Width of the scrolling window"));
    m_widthSpin->setKeyboardTracking(false);
    auto* smoothingLabel = new QLabel(tr("Rate smoothing"), this);
    m_smoothingCombo = new QComboBox(this);
    m_smoothingCombo->addItem(tr("None"), static_cast<int>(RateSmoother::Kind::None));
    m_smoothingCombo->addItem(tr("Boxcar"), static_cast<int>(RateSmoother::Kind::Boxcar));
    m_smoothingCombo->addItem(tr("Gaussian"), static_cast<int>(RateSmoother::Kind::Gaussian));
    m_smoothingWidthSpin = new QDoubleSpinBox(this);
    m_smoothingWidthSpin->setRange(0.1, 1.0e5);
    m_smoothingWidthSpin->setDecimals(1);
    m_smoothingWidthSpin->setSuffix(tr(" ms"));
    m_smoothingWidthSpin->setToolTip(tr("Boxcar width or Gaussian standard deviation"));
    m_smoothingWidthSpin->setKeyboardTracking(false);
    m_followButton = new QToolButton(this);
    m_followButton->setText(tr("Follow"));
    m_followButton->setCheckable(true);
    m_followButton->setChecked(true);
    m_followButton->setToolTip(
        tr("Keep the newest data in view (panning or zooming a plot turns this off)"));
    m_status = new QLabel(this);
    bar->addWidget(windowLabel);
    bar->addWidget(m_modeCombo);
    bar->addWidget(m_widthSpin);
    bar->addSpacing(10);
    bar->addWidget(smoothingLabel);
    bar->addWidget(m_smoothingCombo);
    bar->addWidget(m_smoothingWidthSpin);
    bar->addSpacing(10);
    bar->addWidget(m_followButton);
    bar->addStretch(1);
    bar->addWidget(m_status);
    layout->addLayout(bar);

    // Plots, in a scroll area: each keeps a readable minimum height, and a dock too low for
    // all of them scrolls instead of squeezing them.
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("livePlotScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_splitter = new QSplitter(Qt::Vertical);
    m_splitter->setChildrenCollapsible(true);
    m_raster = new RasterPlot(m_splitter);
    m_membrane = new MembranePlot(m_splitter);
    m_rate = new RatePlot(m_splitter);
    m_contacts = new ContactPlot(m_splitter);
    m_weight = new WeightPlot(m_splitter);
    for (LivePlot* plot : plots()) {
        plot->setMinimumHeight(80);
        m_splitter->addWidget(plot);
    }
    // A small population next to a large one still gets a readable band.
    m_raster->setMinimumHeight(100);
    // LFP traces of several contacts and the multi-unit rates below them.
    m_contacts->setMinimumHeight(220);
    // The mean weight with its legend, and the histogram beside it.
    m_weight->setMinimumHeight(110);
    m_raster->setMinimumBandShare(0.25);
    // Only the bottom plot names the shared time axis.
    m_raster->xAxis->setLabel(QString());
    m_splitter->setStretchFactor(0, 4);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setStretchFactor(2, 2);
    m_splitter->setStretchFactor(3, 2);
    m_splitter->setStretchFactor(4, 2);
    m_contacts->setVisible(false);
    scroll->setWidget(m_splitter);
    layout->addWidget(scroll, 1);

    {
        const QSignalBlocker block(m_smoothingCombo);
        m_smoothingCombo->setCurrentIndex(
            m_smoothingCombo->findData(static_cast<int>(m_rate->smoothingKind())));
        m_smoothingWidthSpin->setValue(m_rate->smoothingWidthMs());
    }

    connect(m_modeCombo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int) {
        setWindowMode(static_cast<TimeWindow::Mode>(m_modeCombo->currentData().toInt()));
    });
    connect(m_widthSpin, qOverload<double>(&QDoubleSpinBox::valueChanged), this,
            [this](double value) { setWindowWidthMs(value); });
    const auto smoothingEdited = [this] {
        setRateSmoothing(static_cast<RateSmoother::Kind>(m_smoothingCombo->currentData().toInt()),
                         m_smoothingWidthSpin->value());
    };
    connect(m_smoothingCombo, qOverload<int>(&QComboBox::currentIndexChanged), this,
            smoothingEdited);
    connect(m_smoothingWidthSpin, qOverload<double>(&QDoubleSpinBox::valueChanged), this,
            smoothingEdited);
    connect(m_followButton, &QToolButton::toggled, this, [this](bool on) { setFollowing(on); });
    connect(m_raster, &RasterPlot::neuronPicked, this, &LivePlotPanel::neuronPicked);
    for (LivePlot* plot : plots()) {
        connect(plot, &LivePlot::timeRangeEdited, this, [this, plot](double lower, double upper) {
            onTimeRangeEdited(plot, lower, upper);
        });
    }
    syncControls();
    updateStatus();
}

LivePlotPanel::~LivePlotPanel() = default;

std::vector<LivePlot*> LivePlotPanel::plots() const {
    return {m_raster, m_membrane, m_rate, m_contacts, m_weight};
}

void LivePlotPanel::setRecording(const LiveRecording* recording) {
    m_recording = recording;
    m_seenGeneration = recording != nullptr ? recording->generation() : 0;
    for (LivePlot* plot : plots()) {
        plot->setRecording(recording);
    }
    alignTimeAxes(true);
    setFollowing(true); // redraws
}

void LivePlotPanel::refresh() {
    QElapsedTimer timer;
    timer.start();
    if (m_recording != nullptr && m_recording->generation() != m_seenGeneration) {
        // A new run: show it from its current time, with axis margins fitted afresh.
        m_seenGeneration = m_recording->generation();
        alignTimeAxes(true);
        if (!m_window.isFollowing()) {
            m_window.setFollowing(true);
            syncControls();
            Q_EMIT followingChanged(true);
        }
    }
    // Plots with nothing to show give their room to the others (the raster first).
    const bool traces = m_recording != nullptr && m_recording->traceCount() > 0;
    const bool weights = m_recording != nullptr && m_recording->weightTrackCount() > 0;
    const bool contacts = m_recording != nullptr && m_recording->contactCount() > 0;
    if (m_membrane->isHidden() == traces || m_weight->isHidden() == weights ||
        m_contacts->isHidden() == contacts) {
        m_membrane->setVisible(traces);
        m_contacts->setVisible(contacts);
        m_weight->setVisible(weights);
        // The raster keeps half of the height; the other visible plots share the rest (the
        // contact plot, with two rows, takes two shares).
        const int others = 1 + (traces ? 1 : 0) + (contacts ? 2 : 0) + (weights ? 1 : 0);
        const int total = std::max(m_splitter->height(), 200);
        const int share = total / 2 / others;
        m_splitter->setSizes({total - share * others, traces ? share : 0, share,
                              contacts ? 2 * share : 0, weights ? share : 0});
        m_rate->xAxis->setLabel(weights || contacts ? QString() : QStringLiteral("time (ms)"));
        m_contacts->muaRect()
            ->axis(QCPAxis::atBottom)
            ->setLabel(weights ? QString() : QStringLiteral("time (ms)"));
    }
    const double now = m_recording != nullptr ? m_recording->currentTimeMs() : 0.0;
    m_range = m_window.range(now);
    bool redrew = false;
    for (LivePlot* plot : plots()) {
        plot->setTimeRange(m_range.lowerMs, m_range.upperMs);
        redrew = plot->refresh() || redrew;
    }
    if (!redrew) {
        updateStatus();
        return;
    }
    alignTimeAxes(false);
    m_lastRedrawMs = static_cast<double>(timer.nsecsElapsed()) * 1e-6;
    if (m_frameTimesMs.size() >= kMaxFrameTimes) {
        m_frameTimesMs.erase(m_frameTimesMs.begin(),
                             m_frameTimesMs.begin() +
                                 static_cast<std::ptrdiff_t>(kMaxFrameTimes / 2));
    }
    m_frameTimesMs.push_back(m_lastRedrawMs);
    updateStatus();
}

void LivePlotPanel::setWindowMode(TimeWindow::Mode mode) {
    m_window.setMode(mode);
    syncControls();
    setFollowing(true);
}

void LivePlotPanel::setWindowWidthMs(double widthMs) {
    m_window.setWidthMs(widthMs);
    syncControls();
    setFollowing(true);
}

void LivePlotPanel::setFollowing(bool following) {
    const bool changed = following != m_window.isFollowing();
    m_window.setFollowing(following);
    syncControls();
    if (changed) {
        Q_EMIT followingChanged(following);
    }
    if (following) {
        refresh(); // jump to the current time now, not at the next tick
    }
}

void LivePlotPanel::setRateSmoothing(RateSmoother::Kind kind, double widthMs) {
    m_rate->setSmoothing(kind, widthMs);
    syncControls();
    refresh();
}

RateSmoother::Kind LivePlotPanel::rateSmoothing() const {
    return m_rate->smoothingKind();
}

double LivePlotPanel::rateSmoothingWidthMs() const {
    return m_rate->smoothingWidthMs();
}

void LivePlotPanel::onTimeRangeEdited(LivePlot* source, double lowerMs, double upperMs) {
    const bool wasFollowing = m_window.isFollowing();
    m_window.setManualRange(lowerMs, upperMs);
    m_range = m_window.manualRange();
    syncControls();
    for (LivePlot* plot : plots()) {
        if (plot != source) {
            plot->setTimeRange(m_range.lowerMs, m_range.upperMs);
            plot->refresh();
        }
    }
    if (wasFollowing) {
        Q_EMIT followingChanged(false);
    }
}

void LivePlotPanel::syncControls() {
    const QSignalBlocker blockMode(m_modeCombo);
    const QSignalBlocker blockWidth(m_widthSpin);
    const QSignalBlocker blockFollow(m_followButton);
    const QSignalBlocker blockSmoothing(m_smoothingCombo);
    const QSignalBlocker blockSmoothingWidth(m_smoothingWidthSpin);
    m_modeCombo->setCurrentIndex(m_modeCombo->findData(static_cast<int>(m_window.mode())));
    m_widthSpin->setValue(m_window.widthMs());
    m_widthSpin->setEnabled(m_window.mode() == TimeWindow::Mode::Scrolling);
    m_followButton->setChecked(m_window.isFollowing());
    m_smoothingCombo->setCurrentIndex(
        m_smoothingCombo->findData(static_cast<int>(m_rate->smoothingKind())));
    m_smoothingWidthSpin->setValue(m_rate->smoothingWidthMs());
    m_smoothingWidthSpin->setEnabled(m_rate->smoothingKind() != RateSmoother::Kind::None);
}

void LivePlotPanel::alignTimeAxes(bool reset) {
    // Every plot's time axis rect gets the largest left and right margins of all, so the time
    // axes line up across the splitter. Margins only grow until the next reset.
    if (reset) {
        for (LivePlot* plot : plots()) {
            plot->setMinimumSideMargins(0, 0);
        }
        m_alignedLeft = m_alignedRight = -1;
        return;
    }
    int left = 0;
    int right = 0;
    for (LivePlot* plot : plots()) {
        const QMargins margins = plot->timeRectMargins();
        left = std::max(left, margins.left());
        right = std::max(right, margins.right());
    }
    if (left == m_alignedLeft && right == m_alignedRight) {
        return;
    }
    m_alignedLeft = left;
    m_alignedRight = right;
    for (LivePlot* plot : plots()) {
        const QMargins margins = plot->timeRectMargins();
        plot->setMinimumSideMargins(left, right);
        if (margins.left() != left || margins.right() != right) {
            plot->replot(QCustomPlot::rpQueuedRefresh);
        }
    }
}

void LivePlotPanel::updateStatus() {
    if (m_recording == nullptr) {
        m_status->clear();
        return;
    }
    if (!m_status->isVisible()) {
        return;
    }
    const QLocale locale;
    QString text =
        tr("%1 spikes").arg(locale.toString(static_cast<qulonglong>(m_recording->spikeTotal())));
    if (m_recording->dropped() > 0) {
        text += tr(" · %1 dropped")
                    .arg(locale.toString(static_cast<qulonglong>(m_recording->dropped())));
    }
    if (m_lastRedrawMs > 0.0) {
        text += tr(" · redraw %1 ms").arg(m_lastRedrawMs, 0, 'f', 1);
    }
    if (text != m_status->text()) {
        m_status->setText(text);
    }
}

} // namespace plexus::widgets
