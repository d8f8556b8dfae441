#include "plexus/widgets/MdsPlot.h"

#include "plexus/widgets/PlotTheme.h"

#include <QEvent>
#include <algorithm>
#include <cmath>

namespace plexus::widgets {

namespace {
/// Above this many conditions all share one graph and names are left out.
constexpr int kMaxLabelled = 60;
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
                QCPScatterStyle(QCPScatterStyle::ssCircle, color.darker(140), color, 9));
            if (!labelled) {
                shared = graph;
            }
        }
        graph->addData(x, y);
        if (labelled && static_cast<std::size_t>(i) < names.size()) {
            auto* label = new QCPItemText(this);
            label->setText(QString::fromStdString(names[static_cast<std::size_t>(i)]));
            label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
            label->position->setCoords(x, y);
            label->setPadding(QMargins(6, 0, 0, 4));
            label->setColor(text);
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
    const int labelRoom = m_points <= kMaxLabelled ? 80 : 0;
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
