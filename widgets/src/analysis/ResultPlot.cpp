#include "plexus/widgets/analysis/ResultPlot.h"

#include "../figures/FigureLegendMove.h"
#include "plexus/widgets/plots/PlotTheme.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QStringList>
#include <algorithm>
#include <cmath>

namespace plexus::widgets {

ResultPlot::ResultPlot(QWidget* parent)
    : QCustomPlot(parent) {
    setMinimumSize(240, 200);
    m_title = addTitle(this);
    m_message = new QCPItemText(this);
    m_message->setPositionAlignment(Qt::AlignCenter);
    m_message->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_message->position->setCoords(0.5, 0.5);
    m_message->setClipToAxisRect(false);
    legend->setVisible(false);
    setAutoAddPlottableToLegend(false); // showLegend() fills each axis rect's legend
    applyTheme();
}

ResultPlot::~ResultPlot() = default;

QCPTextElement* ResultPlot::addTitle(QCustomPlot* plot) {
    plot->plotLayout()->insertRow(0);
    QFont font = plot->font();
    font.setBold(true);
    auto* title = new QCPTextElement(plot, QString(), font);
    plot->plotLayout()->addElement(0, 0, title);
    plot->plotLayout()->setRowStretchFactor(0, 0.001); // the height of its text only
    return title;
}

QString ResultPlot::title() const {
    return m_title->text();
}

void ResultPlot::setTitle(const QString& title) {
    m_title->setText(title);
}

QString ResultPlot::message() const {
    return m_message->text().replace(QLatin1Char('\n'), QLatin1Char(' '));
}

void ResultPlot::showMessage(const QString& message) {
    // Legend items point at their graphs: empty every legend first (clearGraphs() only empties
    // the plot's own legend, not those of the other axis rects).
    for (QCPLegend* box : findChildren<QCPLegend*>()) {
        box->clearItems();
    }
    clearGraphs();
    clearItems();
    // clearItems() removed the message item too: make it again.
    m_message = new QCPItemText(this);
    m_message->setPositionAlignment(Qt::AlignCenter);
    m_message->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_message->position->setCoords(0.5, 0.5);
    m_message->setClipToAxisRect(false);
    m_message->setText(wrapped(message, font(), kMessageWidth));
    applyTheme();
    for (QCPAxisRect* rect : axisRects()) {
        for (QCPLegend* box : findChildren<QCPLegend*>()) {
            box->setVisible(false);
        }
        rect->axis(QCPAxis::atBottom)->setRange(0.0, 1.0);
        rect->axis(QCPAxis::atLeft)->setRange(0.0, 1.0);
    }
    m_title->setText(QString());
    replot(QCustomPlot::rpQueuedReplot);
}

void ResultPlot::setLogarithmic(QCPAxis* axis, bool logarithmic) {
    if (logarithmic) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
        ticker->setLogBase(10.0);
        ticker->setSubTickCount(8);
        axis->setTicker(ticker);
        axis->setNumberFormat(QStringLiteral("gb"));
        axis->setNumberPrecision(3); // 20, not 2·10¹ (ticks between powers of ten)
    } else {
        axis->setScaleType(QCPAxis::stLinear);
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        axis->setNumberFormat(QStringLiteral("g"));
        axis->setNumberPrecision(6);
    }
}

QCPGraph* ResultPlot::addSeries(QCPAxisRect* rect, const std::vector<double>& x,
                                const std::vector<double>& y, const QColor& color, bool points,
                                const QString& name) {
    QCustomPlot* plot = rect->parentPlot();
    QCPGraph* graph = plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    graph->setData(QVector<double>(x.begin(), x.end()), QVector<double>(y.begin(), y.end()), true);
    graph->setName(name);
    if (points) {
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, 5));
    } else {
        QPen pen(color);
        pen.setWidthF(1.6);
        graph->setPen(pen);
    }
    return graph;
}

void ResultPlot::showLegend(QCustomPlot* plot, QCPAxisRect* rect) {
    // The plot's own legend lives in the first axis rect; others get one of their own.
    QCPLegend* legend = rect == plot->axisRect() ? plot->legend : nullptr;
    for (int i = 0; legend == nullptr && i < rect->insetLayout()->elementCount(); ++i) {
        legend = qobject_cast<QCPLegend*>(rect->insetLayout()->elementAt(i));
    }
    if (legend == nullptr) {
        legend = new QCPLegend;
        rect->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
        legend->setLayer(QStringLiteral("legend"));
    }
    legend->clearItems();
    for (int i = 0; i < plot->graphCount(); ++i) {
        QCPGraph* graph = plot->graph(i);
        if (graph->keyAxis()->axisRect() == rect && !graph->name().isEmpty()) {
            legend->addItem(new QCPPlottableLegendItem(legend, graph));
        }
    }
    legend->setVisible(legend->itemCount() > 0);
    PlotTheme::applyToLegend(legend, plot->palette());
}

QString ResultPlot::wrapped(const QString& text, const QFont& font, double width) {
    const QFontMetricsF metrics(font);
    QStringList lines;
    QString line;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (!line.isEmpty() && metrics.horizontalAdvance(longer) > width) {
            lines << line;
            line = word;
        } else {
            line = longer;
        }
    }
    if (!line.isEmpty()) {
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

void ResultPlot::beginFigure(const QSize& size, const QFont& font, double pixelRatio) {
    Q_UNUSED(pixelRatio);
    QFont bold = font;
    bold.setBold(true);
    for (QCPLayoutElement* element : plotLayout()->elements(true)) {
        if (auto* text = qobject_cast<QCPTextElement*>(element)) {
            m_texts.emplace_back(text, text->text());
            text->setText(
                wrapped(text->text(), text == m_title ? bold : font, 0.95 * size.width()));
        }
    }
    // Without data: the message, wrapped to the axes, without tick labels beside it.
    if (!m_message->text().isEmpty()) {
        m_messageText = m_message->text();
        m_message->setText(wrapped(message(), font, 0.6 * size.width()));
        for (QCPAxisRect* rect : axisRects()) {
            for (QCPAxis* axis : rect->axes()) {
                axis->setTickLabels(false);
            }
        }
    }
    // Legends go below their axes, in as many columns as fit.
    for (QCPAxisRect* rect : axisRects()) {
        QCPLayoutInset* inset = rect->insetLayout();
        for (int i = inset->elementCount() - 1; i >= 0; --i) {
            auto* box = qobject_cast<QCPLegend*>(inset->elementAt(i));
            if (box == nullptr || !box->visible()) {
                continue;
            }
            auto* grid = qobject_cast<QCPLayoutGrid*>(rect->layout());
            int row = -1;
            int column = -1;
            for (int r = 0; grid != nullptr && r < grid->rowCount() && row < 0; ++r) {
                for (int c = 0; c < grid->columnCount(); ++c) {
                    if (grid->hasElement(r, c) && grid->element(r, c) == rect) {
                        row = r;
                        column = c;
                    }
                }
            }
            if (row < 0) {
                continue;
            }
            MovedLegend moved{box, inset, inset->insetAlignment(i), grid, box->borderPen()};
            inset->take(box);
            inset->simplify();
            const bool rowMade = std::any_of(m_moved.begin(), m_moved.end(),
                                             [&](const MovedLegend& m) { return m.grid == grid; });
            if (!rowMade) {
                grid->insertRow(row + 1);
            }
            grid->addElement(row + 1, column, box);
            grid->setRowStretchFactor(row + 1, 0.001);
            box->setBorderPen(Qt::NoPen);
            const int columns = std::max(1, grid->columnCount());
            FigureLegendMove::wrapToWidth(*box, size.width() / columns);
            m_moved.push_back(moved);
        }
    }
}

void ResultPlot::endFigure() {
    for (auto it = m_moved.rbegin(); it != m_moved.rend(); ++it) {
        if (!it->legend || !it->grid || !it->inset) {
            continue;
        }
        it->grid->take(it->legend);
        it->legend->setWrap(0);
        it->legend->setFillOrder(QCPLayoutGrid::foRowsFirst, true);
        it->legend->setBorderPen(it->border);
        it->inset->addElement(it->legend, it->alignment);
    }
    for (auto& moved : m_moved) {
        if (moved.grid) {
            moved.grid->simplify();
        }
    }
    m_moved.clear();
    if (!m_messageText.isEmpty()) {
        m_message->setText(m_messageText);
        m_messageText.clear();
    }
    for (const auto& [text, original] : m_texts) {
        if (text) {
            text->setText(original);
        }
    }
    m_texts.clear();
}

void ResultPlot::applyTheme() {
    PlotTheme::apply(this, palette());
    const QColor text = palette().color(QPalette::Text);
    const QColor base = palette().color(QPalette::Base);
    m_title->setTextColor(text);
    m_message->setColor(PlotTheme::mix(base, text, 0.6));
}

void ResultPlot::changeEvent(QEvent* event) {
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyTheme();
        replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace plexus::widgets
