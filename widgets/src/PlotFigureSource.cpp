#include "plexus/widgets/PlotFigureSource.h"

#include "plexus/widgets/FigureStyle.h"
#include "plexus/widgets/QCustomPlotInclude.h"

#include <QPainter>
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace plexus::widgets {

namespace {

/// Layout width used for a plot that was never shown (pixels).
constexpr double kDefaultLayoutWidth = 640.0;
/// Largest factor between the layout size and the panel size.
constexpr double kMaxLayoutScale = 4.0;

/// Reads QCustomPlot's background brush, which has a setter but no getter.
struct BackgroundAccess : QCustomPlot {
    static QBrush brushOf(const QCustomPlot& plot) {
        return plot.*(&BackgroundAccess::mBackgroundBrush);
    }
};

struct AxisLook {
    QCPAxis* axis;
    QFont labelFont, tickLabelFont;
    QColor labelColor, tickLabelColor;
    QPen basePen, tickPen, subTickPen, gridPen, subGridPen, zeroLinePen;
    int tickCount;
};

struct LegendLook {
    QCPLegend* legend;
    QFont font;
    QColor textColor;
    QBrush brush;
    QPen borderPen;
};

struct TextLook {
    QCPTextElement* text;
    QFont font;
    QColor color;
};

struct ItemLook {
    QCPItemText* item;
    QFont font;
    QColor color;
};

/// Applies the publication look to a plot and puts the original back when destroyed.
class PublicationLook {
public:
    /// @p fontPt: font size in layout units; @p penScale: layout units per point.
    PublicationLook(QCustomPlot& plot, double fontPt, double penScale, QSizeF panelPt)
        : m_plot(plot)
        , m_background(BackgroundAccess::brushOf(plot)) {
        QFont font = plot.font();
        font.setPointSizeF(fontPt);
        const QPen black(Qt::black, 0.75 * penScale);
        QPen grid(QColor(220, 220, 220), 0.5 * penScale, Qt::DotLine);
        // Tick labels need about six characters of room each at the export's font size.
        const double rows = std::max(1, plot.axisRectCount());
        const double labelRoomPt = 6.0 * fontPt / penScale;
        m_ticksAlong = static_cast<int>(panelPt.width() * 0.8 / labelRoomPt);
        m_ticksUp = static_cast<int>(panelPt.height() * 0.8 / rows / (3.0 * fontPt / penScale));
        for (QCPLayoutElement* element : plot.plotLayout()->elements(true)) {
            if (auto* rect = qobject_cast<QCPAxisRect*>(element)) {
                for (QCPAxis* axis : rect->axes()) {
                    styleAxis(axis, font, black, grid);
                }
                if (QCPLayoutInset* insets = rect->insetLayout()) {
                    for (QCPLayoutElement* inset : insets->elements(false)) {
                        styleLegend(qobject_cast<QCPLegend*>(inset), font);
                    }
                }
            } else if (auto* scale = qobject_cast<QCPColorScale*>(element)) {
                styleAxis(scale->axis(), font, black, grid);
            } else if (auto* legend = qobject_cast<QCPLegend*>(element)) {
                styleLegend(legend, font);
            } else if (auto* text = qobject_cast<QCPTextElement*>(element)) {
                m_texts.push_back({text, text->font(), text->textColor()});
                QFont bigger = font;
                bigger.setPointSizeF(font.pointSizeF() * 1.125);
                text->setFont(bigger);
                text->setTextColor(Qt::black);
            }
        }
        for (int i = 0; i < plot.itemCount(); ++i) {
            if (auto* item = qobject_cast<QCPItemText*>(plot.item(i))) {
                m_items.push_back({item, item->font(), item->color()});
                item->setFont(font);
            }
        }
        plot.setBackground(QBrush(Qt::white));
    }

    ~PublicationLook() {
        for (const AxisLook& a : m_axes) {
            a.axis->ticker()->setTickCount(a.tickCount);
            a.axis->setLabelFont(a.labelFont);
            a.axis->setTickLabelFont(a.tickLabelFont);
            a.axis->setLabelColor(a.labelColor);
            a.axis->setTickLabelColor(a.tickLabelColor);
            a.axis->setBasePen(a.basePen);
            a.axis->setTickPen(a.tickPen);
            a.axis->setSubTickPen(a.subTickPen);
            a.axis->grid()->setPen(a.gridPen);
            a.axis->grid()->setSubGridPen(a.subGridPen);
            a.axis->grid()->setZeroLinePen(a.zeroLinePen);
        }
        for (const LegendLook& l : m_legends) {
            l.legend->setFont(l.font);
            l.legend->setTextColor(l.textColor);
            l.legend->setBrush(l.brush);
            l.legend->setBorderPen(l.borderPen);
            for (int i = 0; i < l.legend->itemCount(); ++i) {
                if (QCPAbstractLegendItem* item = l.legend->item(i)) {
                    item->setFont(l.font);
                    item->setTextColor(l.textColor);
                }
            }
        }
        for (const TextLook& t : m_texts) {
            t.text->setFont(t.font);
            t.text->setTextColor(t.color);
        }
        for (const ItemLook& i : m_items) {
            i.item->setFont(i.font);
            i.item->setColor(i.color);
        }
        m_plot.setBackground(m_background);
    }

    PublicationLook(const PublicationLook&) = delete;
    PublicationLook& operator=(const PublicationLook&) = delete;

private:
    void styleAxis(QCPAxis* axis, const QFont& font, const QPen& black, const QPen& grid) {
        if (axis == nullptr) {
            return;
        }
        m_axes.push_back({axis, axis->labelFont(), axis->tickLabelFont(), axis->labelColor(),
                          axis->tickLabelColor(), axis->basePen(), axis->tickPen(),
                          axis->subTickPen(), axis->grid()->pen(), axis->grid()->subGridPen(),
                          axis->grid()->zeroLinePen(), axis->ticker()->tickCount()});
        const bool horizontal = axis->orientation() == Qt::Horizontal;
        axis->ticker()->setTickCount(std::clamp(horizontal ? m_ticksAlong : m_ticksUp, 2, 8));
        axis->setLabelFont(font);
        axis->setTickLabelFont(font);
        axis->setLabelColor(Qt::black);
        axis->setTickLabelColor(Qt::black);
        axis->setBasePen(black);
        axis->setTickPen(black);
        axis->setSubTickPen(black);
        axis->grid()->setPen(grid);
        axis->grid()->setSubGridPen(Qt::NoPen);
        axis->grid()->setZeroLinePen(grid);
    }

    void styleLegend(QCPLegend* legend, const QFont& font) {
        if (legend == nullptr) {
            return;
        }
        m_legends.push_back(
            {legend, legend->font(), legend->textColor(), legend->brush(), legend->borderPen()});
        legend->setFont(font);
        legend->setTextColor(Qt::black);
        legend->setBrush(QColor(255, 255, 255, 220));
        legend->setBorderPen(QPen(QColor(160, 160, 160), 0.5));
        for (int i = 0; i < legend->itemCount(); ++i) {
            if (QCPAbstractLegendItem* item = legend->item(i)) {
                item->setFont(font);
                item->setTextColor(Qt::black);
            }
        }
    }

    QCustomPlot& m_plot;
    QBrush m_background;
    int m_ticksAlong = 5;
    int m_ticksUp = 5;
    std::vector<AxisLook> m_axes;
    std::vector<LegendLook> m_legends;
    std::vector<TextLook> m_texts;
    std::vector<ItemLook> m_items;
};

} // namespace

PlotFigureSource::PlotFigureSource(QCustomPlot* plot, QString name)
    : m_plot(plot)
    , m_name(std::move(name)) {}

QString PlotFigureSource::problem() const {
    return m_plot.isNull() ? QStringLiteral("the %1 view no longer exists").arg(m_name) : QString();
}

void PlotFigureSource::render(QCPPainter& painter, const QRectF& rect, const FigureStyle& style) {
    if (m_plot.isNull() || rect.width() < 1.0 || rect.height() < 1.0) {
        return;
    }
    // Plots size margins, side columns and tick spacing in screen pixels. Lay the plot out at
    // (about) its on-screen size and scale it into the panel, with fonts and pens enlarged by
    // the same factor so they come out at the sizes asked for.
    const double screenWidth = m_plot->width() > 0 ? m_plot->width() : kDefaultLayoutWidth;
    const double k = std::clamp(screenWidth / rect.width(), 1.0, kMaxLayoutScale);
    const PublicationLook look(*m_plot, style.fontPt * k, k, rect.size());
    painter.save();
    painter.translate(rect.topLeft());
    painter.setClipRect(QRectF(QPointF(0, 0), rect.size()), Qt::IntersectClip);
    painter.scale(1.0 / k, 1.0 / k);
    m_plot->toPainter(&painter, static_cast<int>(std::lround(rect.width() * k)),
                      static_cast<int>(std::lround(rect.height() * k)));
    painter.restore();
}

} // namespace plexus::widgets
