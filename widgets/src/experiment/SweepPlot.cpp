#include "plexus/widgets/experiment/SweepPlot.h"

#include <QFile>
#include <QMouseEvent>
#include <QTextStream>
#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <plexus/core/base/Error.h>
#include <plexus/core/record/SweepArchive.h>

namespace plexus::widgets {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString number(double value) {
    return QString::number(value, 'g', 6);
}

QSharedPointer<QCPAxisTickerText> valueTicker(const std::vector<double>& values) {
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const std::size_t every = std::max<std::size_t>(1, values.size() / 8);
    for (std::size_t i = 0; i < values.size(); i += every) {
        ticker->addTick(static_cast<double>(i), number(values[i]));
    }
    ticker->setSubTickCount(0);
    return ticker;
}

} // namespace

SweepPlot::SweepPlot(QWidget* parent)
    : QCustomPlot(parent) {
    setMinimumSize(260, 200);
    m_message = new QCPItemText(this);
    m_message->setPositionAlignment(Qt::AlignCenter);
    m_message->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_message->position->setCoords(0.5, 0.5);
    m_message->setClipToAxisRect(false);
    clear(tr("No sweep yet"));
}

void SweepPlot::reset() {
    clearPlottables();
    m_line = nullptr;
    m_errors = nullptr;
    m_map = nullptr;
    if (m_scale != nullptr) {
        plotLayout()->remove(m_scale);
        plotLayout()->simplify();
        m_scale = nullptr;
    }
    m_cells.clear();
    m_axisNames.clear();
    m_dimensions = 0;
    m_nx = 0;
    m_ny = 0;
    m_noteText.clear();
    xAxis->setScaleType(QCPAxis::stLinear);
    xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    xAxis->setLabel({});
    yAxis->setLabel({});
    m_message->setText({});
}

void SweepPlot::clear(const QString& message) {
    reset();
    m_message->setText(message);
    replot();
}

bool SweepPlot::setArchive(const core::SweepArchive& archive, int metric) {
    reset();
    nlohmann::json definition;
    try {
        definition = nlohmann::json::parse(archive.definition);
    } catch (const std::exception&) {
        clear(tr("The sweep definition cannot be read"));
        return false;
    }
    const nlohmann::json& axes = definition.value("axes", nlohmann::json::array());
    if (metric < 0 || metric >= static_cast<int>(archive.metrics.size()) || axes.empty() ||
        axes.size() != archive.parameters.size()) {
        clear(archive.metrics.empty() ? tr("The sweep keeps no metrics") : tr("Nothing to show"));
        return false;
    }
    m_metric = QString::fromStdString(archive.metrics[static_cast<std::size_t>(metric)]);
    std::vector<std::vector<double>> values;
    for (const auto& axis : axes) {
        values.push_back(axis.value("values", std::vector<double>{}));
        m_axisNames.push_back(QString::fromStdString(axis.value("path", std::string())));
    }
    const std::size_t repeats = std::max<std::size_t>(1, definition.value("repeats", 1));
    std::size_t pointCount = 1;
    for (const auto& axis : values) {
        pointCount *= axis.size();
    }
    // Mean and sd over the finished repeats of each point.
    std::vector<std::vector<double>> samples(pointCount);
    for (const core::SweepArchive::Point& row : archive.points) {
        const std::size_t point = static_cast<std::size_t>(row.index) / repeats;
        const double value = row.metrics.size() > static_cast<std::size_t>(metric)
                                 ? row.metrics[static_cast<std::size_t>(metric)]
                                 : kNaN;
        if (point < pointCount && row.status == "ok" && std::isfinite(value)) {
            samples[point].push_back(value);
        }
    }
    m_dimensions = std::min<int>(2, static_cast<int>(values.size()));
    m_nx = static_cast<int>(values[0].size());
    m_ny = m_dimensions == 2 ? static_cast<int>(values[1].size()) : 1;
    // Points in row order: the first axis outermost. Axes beyond the second are held at their
    // first value.
    std::size_t stride = 1;
    for (std::size_t a = static_cast<std::size_t>(m_dimensions); a < values.size(); ++a) {
        stride *= values[a].size();
    }
    for (int i = 0; i < m_nx; ++i) {
        for (int j = 0; j < m_ny; ++j) {
            Cell cell;
            cell.point = (static_cast<std::size_t>(i) * static_cast<std::size_t>(m_ny) +
                          static_cast<std::size_t>(j)) *
                         stride;
            cell.values.push_back(values[0][static_cast<std::size_t>(i)]);
            if (m_dimensions == 2) {
                cell.values.push_back(values[1][static_cast<std::size_t>(j)]);
            }
            const std::vector<double>& s = samples[cell.point];
            cell.count = s.size();
            cell.mean = kNaN;
            if (!s.empty()) {
                double sum = 0.0;
                for (const double v : s) {
                    sum += v;
                }
                cell.mean = sum / static_cast<double>(s.size());
                double squares = 0.0;
                for (const double v : s) {
                    squares += (v - cell.mean) * (v - cell.mean);
                }
                cell.sd =
                    s.size() > 1 ? std::sqrt(squares / static_cast<double>(s.size() - 1)) : 0.0;
            }
            m_cells.push_back(cell);
        }
    }
    if (values.size() > 2) {
        QStringList fixed;
        for (std::size_t a = 2; a < values.size(); ++a) {
            fixed << QStringLiteral("%1 = %2").arg(m_axisNames[a], number(values[a][0]));
        }
        m_noteText = tr("Showing the first two axes; %1").arg(fixed.join(QStringLiteral(", ")));
    }

    xAxis->setLabel(m_axisNames[0]);
    if (m_dimensions == 1) {
        m_line = addGraph();
        m_line->setLineStyle(QCPGraph::lsLine);
        m_line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 7));
        m_line->setPen(QPen(QColor(0x1f, 0x77, 0xb4), 1.6));
        m_errors = new QCPErrorBars(xAxis, yAxis);
        m_errors->setDataPlottable(m_line);
        m_errors->setPen(QPen(QColor(0x1f, 0x77, 0xb4), 1.2));
        QVector<double> x;
        QVector<double> y;
        QVector<double> e;
        for (const Cell& cell : m_cells) {
            x << cell.values[0];
            y << cell.mean;
            e << (std::isfinite(cell.mean) ? cell.sd : kNaN);
        }
        m_line->setData(x, y, true);
        m_errors->setData(e);
        const bool logAxis = axes[0].value("spec", std::string()).rfind("log:", 0) == 0 &&
                             std::all_of(x.begin(), x.end(), [](double v) { return v > 0.0; });
        if (logAxis) {
            xAxis->setScaleType(QCPAxis::stLogarithmic);
            xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        }
        yAxis->setLabel(m_metric);
        rescaleAxes();
        const QCPRange xr = xAxis->range();
        if (logAxis) {
            xAxis->setRange(xr.lower / 1.15, xr.upper * 1.15);
        } else {
            const double pad = xr.size() > 0 ? xr.size() * 0.05 : 0.5;
            xAxis->setRange(xr.lower - pad, xr.upper + pad);
        }
        double low = std::numeric_limits<double>::infinity();
        double high = -low;
        for (const Cell& cell : m_cells) {
            if (std::isfinite(cell.mean)) {
                low = std::min(low, cell.mean - cell.sd);
                high = std::max(high, cell.mean + cell.sd);
            }
        }
        if (std::isfinite(low)) {
            const double pad =
                high > low ? (high - low) * 0.08 : std::max(1e-9, std::fabs(high) * 0.1 + 0.1);
            yAxis->setRange(low - pad, high + pad);
        } else {
            m_message->setText(tr("No finished point has a value of %1 yet").arg(m_metric));
        }
    } else {
        m_map = new QCPColorMap(xAxis, yAxis);
        m_map->setInterpolate(false);
        m_map->setTightBoundary(false);
        m_map->data()->setSize(m_nx, m_ny);
        m_map->data()->setRange(QCPRange(0, std::max(0, m_nx - 1)),
                                QCPRange(0, std::max(0, m_ny - 1)));
        bool any = false;
        for (int i = 0; i < m_nx; ++i) {
            for (int j = 0; j < m_ny; ++j) {
                const double mean = m_cells[static_cast<std::size_t>(i * m_ny + j)].mean;
                any = any || std::isfinite(mean);
                m_map->data()->setCell(i, j, mean);
            }
        }
        m_scale = new QCPColorScale(this);
        m_scale->setType(QCPAxis::atRight);
        m_scale->setBarWidth(12);
        m_scale->axis()->setLabel(m_metric);
        plotLayout()->addElement(0, 1, m_scale);
        QCPColorGradient gradient(QCPColorGradient::gpThermal);
        // A point without a value is grey (a colour the gradient never takes).
        gradient.setNanHandling(QCPColorGradient::nhNanColor);
        gradient.setNanColor(QColor(150, 150, 150));
        m_map->setGradient(gradient);
        m_map->setColorScale(m_scale);
        m_scale->setGradient(gradient);
        m_map->rescaleDataRange(true);
        xAxis->setTicker(valueTicker(values[0]));
        yAxis->setTicker(valueTicker(values[1]));
        yAxis->setLabel(m_axisNames[1]);
        xAxis->setRange(-0.5, m_nx - 0.5);
        yAxis->setRange(-0.5, m_ny - 0.5);
        if (!any) {
            m_message->setText(tr("No finished point has a value of %1 yet").arg(m_metric));
        }
    }
    replot();
    return true;
}

void SweepPlot::writeCsv(const QString& path) const {
    QFile file(path);
    if (m_cells.empty()) {
        throw core::Error(path.toStdString() + ": no sweep is shown");
    }
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
        throw core::Error(path.toStdString() + ": cannot write (" +
                          file.errorString().toStdString() + ")");
    }
    QTextStream out(&file);
    for (int a = 0; a < m_dimensions; ++a) {
        QString name = m_axisNames[static_cast<std::size_t>(a)];
        out << name.replace(QLatin1Char(','), QLatin1Char('_')) << ',';
    }
    out << "mean,sd,n\n";
    for (const Cell& cell : m_cells) {
        for (const double v : cell.values) {
            out << QString::number(v, 'g', 17) << ',';
        }
        out << QString::number(cell.mean, 'g', 17) << ',' << QString::number(cell.sd, 'g', 17)
            << ',' << cell.count << '\n';
    }
    out.flush();
    if (file.error() != QFileDevice::NoError) {
        throw core::Error(path.toStdString() + ": cannot write (" +
                          file.errorString().toStdString() + ")");
    }
}

int SweepPlot::cellAt(const QPointF& pixel) const {
    if (m_dimensions == 1 && m_line != nullptr) {
        int best = -1;
        double bestDistance = 10.0;
        for (std::size_t c = 0; c < m_cells.size(); ++c) {
            const double mean = m_cells[c].mean;
            const double px = xAxis->coordToPixel(m_cells[c].values[0]);
            const double py = std::isfinite(mean) ? yAxis->coordToPixel(mean) : pixel.y();
            const double distance = std::hypot(px - pixel.x(), py - pixel.y());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = static_cast<int>(c);
            }
        }
        return best;
    }
    if (m_dimensions == 2 && axisRect()->rect().contains(pixel.toPoint())) {
        const int i = static_cast<int>(std::lround(xAxis->pixelToCoord(pixel.x())));
        const int j = static_cast<int>(std::lround(yAxis->pixelToCoord(pixel.y())));
        if (i >= 0 && i < m_nx && j >= 0 && j < m_ny) {
            return i * m_ny + j;
        }
    }
    return -1;
}

void SweepPlot::mousePressEvent(QMouseEvent* event) {
    QCustomPlot::mousePressEvent(event);
    if (event->button() == Qt::LeftButton) {
        const int cell = cellAt(event->position());
        if (cell >= 0) {
            Q_EMIT pointClicked(cell);
        }
    }
}

} // namespace plexus::widgets
