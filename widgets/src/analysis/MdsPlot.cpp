#include "plexus/widgets/analysis/MdsPlot.h"

#include "plexus/widgets/plots/PlotTheme.h"

#include <QEvent>
#include <QFontMetricsF>
#include <algorithm>
#include <cmath>
#include <vector>

namespace plexus::widgets {

namespace {
/// Above this many conditions all share one graph and names are left out.
constexpr int kMaxLabelled = 60;
/// Diameter of a condition's marker in pixels.
constexpr double kMarkerPx = 9.0;
/// Gap between a marker and its name, in pixels.
constexpr double kLabelGapPx = 3.0;
/// Room kept between a name and the edges of its axes: QCPItemText lays its text out in whole
/// pixels (the baseline at the rounded ascent), so the glyphs may reach up to a pixel past the
/// measured box.
constexpr double kEdgeSlackPx = 1.0;

/// Size in pixels of the box a name is placed in.
QSizeF labelBox(const QCPItemText& label) {
    const QFontMetricsF metrics(label.font());
    return {metrics.horizontalAdvance(label.text()) + 1.0, metrics.height()};
}
} // namespace

MdsPlot::MdsPlot(QWidget* parent)
    : QCustomPlot(parent) {
    setMinimumSize(200, 160);
    xAxis->setLabel(tr("MDS 1"));
    yAxis->setLabel(tr("MDS 2"));
    m_message = new QCPItemText(this);
    m_message->setPositionAlignment(Qt::AlignCenter);
    m_message->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_message->position->setCoords(0.5, 0.5);
    // Equal axis scales need the laid-out axis rect: refit after every layout.
    connect(this, &QCustomPlot::afterLayout, this, &MdsPlot::fitRanges);
    applyTheme();
}

MdsPlot::~MdsPlot() = default;

void MdsPlot::setCoordinates(const Eigen::MatrixXd& coordinates,
                             const std::vector<std::string>& names) {
    clearGraphs();
    clearItems(); // removes the message item too: make a new one
    m_message = new QCPItemText(this);
    m_message->setPositionAlignment(Qt::AlignCenter);
    m_message->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_message->position->setCoords(0.5, 0.5);

    const int n = static_cast<int>(coordinates.rows());
    m_points = n;
    m_coordinates.resize(n);
    m_labels.fill(nullptr, n);
    const QColor text = palette().color(QPalette::Text);
    const bool labelled = n <= kMaxLabelled;
    QCPGraph* shared = nullptr;
    for (int i = 0; i < n; ++i) {
        const double x = coordinates.cols() > 0 ? coordinates(i, 0) : 0.0;
        const double y = coordinates.cols() > 1 ? coordinates(i, 1) : 0.0;
        m_coordinates[i] = QPointF(x, y);
        QCPGraph* graph = shared;
        if (graph == nullptr) {
            graph = addGraph();
            graph->setLineStyle(QCPGraph::lsNone);
            const QColor color = labelled ? PlotTheme::seriesColor(static_cast<std::size_t>(i))
                                          : PlotTheme::seriesColor(0);
            graph->setScatterStyle(
                QCPScatterStyle(QCPScatterStyle::ssCircle, color.darker(140), color, kMarkerPx));
            if (!labelled) {
                shared = graph;
            }
        }
        graph->addData(x, y);
        if (labelled && static_cast<std::size_t>(i) < names.size()) {
            auto* label = new QCPItemText(this);
            label->setText(QString::fromStdString(names[static_cast<std::size_t>(i)]));
            label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
            label->position->setCoords(x, y); // placed by placeLabels() after each layout
            label->setPadding(QMargins(0, 0, 0, 0));
            label->setColor(text);
            m_labels[i] = label;
        }
    }
    m_message->setText(QString());
    applyTheme();
    fitRanges();
    replot(QCustomPlot::rpQueuedReplot);
}

void MdsPlot::clear(const QString& message) {
    clearGraphs();
    clearItems();
    m_coordinates.clear();
    m_labels.clear();
    m_points = 0;
    m_message = new QCPItemText(this);
    m_message->setPositionAlignment(Qt::AlignCenter);
    m_message->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_message->position->setCoords(0.5, 0.5);
    m_message->setText(message);
    applyTheme();
    replot(QCustomPlot::rpQueuedReplot);
}

QPointF MdsPlot::pointAt(int index) const {
    return index >= 0 && index < m_coordinates.size() ? m_coordinates[index] : QPointF();
}

QCPItemText* MdsPlot::label(int index) const {
    return index >= 0 && index < m_labels.size() ? m_labels[index].data() : nullptr;
}

double MdsPlot::widestLabel() const {
    double widest = 0.0;
    for (const QPointer<QCPItemText>& label : m_labels) {
        if (label) {
            widest = std::max(widest, labelBox(*label).width());
        }
    }
    return widest;
}

void MdsPlot::placeLabels() {
    // Where a name is drawn whole: QCustomPlot clips items to their axis rect moved up by one
    // pixel (QCPLayer::draw), so the rect's last row of pixels cuts a name placed on it.
    const QRectF area = QRectF(axisRect()->rect())
                            .translated(0.0, -1.0)
                            .adjusted(kEdgeSlackPx, kEdgeSlackPx, -kEdgeSlackPx, -kEdgeSlackPx);
    if (area.width() < 2.0 || area.height() < 2.0) {
        return;
    }
    // Points are obstacles for every name; names are placed in order, each where it overlaps
    // nothing placed before.
    std::vector<QRectF> taken;
    std::vector<QPointF> centres;
    for (const QPointF& c : m_coordinates) {
        const QPointF p(xAxis->coordToPixel(c.x()), yAxis->coordToPixel(c.y()));
        centres.push_back(p);
        const double r = 0.5 * kMarkerPx;
        taken.emplace_back(p.x() - r, p.y() - r, 2.0 * r, 2.0 * r);
    }
    for (int i = 0; i < m_labels.size(); ++i) {
        QCPItemText* label = m_labels[i];
        if (label == nullptr) {
            continue;
        }
        const QSizeF size = labelBox(*label);
        const QPointF p = centres[static_cast<std::size_t>(i)];
        const double d = 0.5 * kMarkerPx + kLabelGapPx;
        const double w = size.width();
        const double h = size.height();
        // Right of the point, then left: level with it, then a quarter, a half of the name's
        // height higher or lower; then above and below it.
        std::vector<QPointF> corners;
        for (const double x : {p.x() + d, p.x() - d - w}) {
            for (const double rise : {0.5, 0.75, 0.25, 1.0, 0.0}) {
                corners.emplace_back(x, p.y() - rise * h);
            }
        }
        corners.emplace_back(p.x() - 0.5 * w, p.y() - d - h);
        corners.emplace_back(p.x() - 0.5 * w, p.y() + d);
        bool placed = false;
        for (const QPointF& corner : corners) {
            const QRectF box(corner, size);
            const bool free = area.contains(box) &&
                              std::none_of(taken.begin(), taken.end(),
                                           [&](const QRectF& t) { return t.intersects(box); });
            if (free) {
                label->position->setCoords(xAxis->pixelToCoord(box.left()),
                                           yAxis->pixelToCoord(box.top()));
                taken.push_back(box);
                placed = true;
                break;
            }
        }
        label->setVisible(placed);
    }
}

void MdsPlot::fitRanges() {
    if (m_coordinates.isEmpty()) {
        return;
    }
    double x0 = m_coordinates[0].x();
    double x1 = x0;
    double y0 = m_coordinates[0].y();
    double y1 = y0;
    for (const QPointF& p : m_coordinates) {
        x0 = std::min(x0, p.x());
        x1 = std::max(x1, p.x());
        y0 = std::min(y0, p.y());
        y1 = std::max(y1, p.y());
    }
    // Room for the labels right of the points, then equal scales: the axis with more units
    // per pixel sets both, the other is widened around its centre.
    const double extent = std::max({x1 - x0, y1 - y0, 1e-12});
    const double pad = 0.12 * extent;
    double xLow = x0 - pad;
    double xHigh = x1 + pad;
    double yLow = y0 - pad;
    double yHigh = y1 + pad;
    const QRect rect = axisRect()->rect();
    // Pixels kept free right of the rightmost point for its name.
    const int labelRoom =
        m_points <= kMaxLabelled
            ? static_cast<int>(std::ceil(widestLabel() + 0.5 * kMarkerPx + 2.0 * kLabelGapPx))
            : 0;
    if (rect.width() > labelRoom + 10 && rect.height() > 10) {
        const double width = rect.width() - labelRoom;
        const double scale = std::max((xHigh - xLow) / width, (yHigh - yLow) / rect.height());
        const double xMid = 0.5 * (xLow + xHigh);
        const double yMid = 0.5 * (yLow + yHigh);
        xLow = xMid - 0.5 * scale * width;
        xHigh = xMid + 0.5 * scale * width + scale * labelRoom;
        yLow = yMid - 0.5 * scale * rect.height();
        yHigh = yMid + 0.5 * scale * rect.height();
    }
    xAxis->setRange(xLow, xHigh);
    yAxis->setRange(yLow, yHigh);
    // The layout set up the ticks for the old ranges: set them up for these, or the labels
    // of the old ticks would be drawn at the new positions (run together, or off the axis).
    axisRect()->update(QCPLayoutElement::upPreparation);
    placeLabels();
}

void MdsPlot::applyTheme() {
    PlotTheme::apply(this, palette());
    const QColor text = palette().color(QPalette::Text);
    for (int i = 0; i < itemCount(); ++i) {
        if (auto* label = qobject_cast<QCPItemText*>(item(i))) {
            label->setColor(label == m_message
                                ? PlotTheme::mix(palette().color(QPalette::Base), text, 0.6)
                                : text);
        }
    }
}

void MdsPlot::changeEvent(QEvent* event) {
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyTheme();
        replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace plexus::widgets
