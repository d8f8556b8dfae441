#include "PublicationLook.h"

#include <cmath>

namespace plexus::widgets {

namespace {

/// Reads QCustomPlot's background brush, which has a setter but no getter.
struct BackgroundAccess : QCustomPlot {
    static QBrush brushOf(const QCustomPlot& plot) {
        return plot.*(&BackgroundAccess::mBackgroundBrush);
    }
};

} // namespace

PublicationLook::PublicationLook(QCustomPlot& plot, const QFont& font, double penScale)
    : m_plot(plot)
    , m_font(font)
    , m_background(BackgroundAccess::brushOf(plot)) {
    const QPen black(Qt::black, 0.75 * penScale);
    const QPen grid(QColor(220, 220, 220), 0.5 * penScale, Qt::DotLine);
    // The recursive list holds every element once, legends inside an axis rect's inset layout
    // included: each is styled (and its item margins widened) exactly once.
    for (QCPLayoutElement* element : plot.plotLayout()->elements(true)) {
        if (auto* rect = qobject_cast<QCPAxisRect*>(element)) {
            m_rects.push_back({rect, rect->minimumMargins(), rect->minimumSize()});
            for (QCPAxis* axis : rect->axes()) {
                styleAxis(axis, black, grid);
            }
        } else if (auto* scale = qobject_cast<QCPColorScale*>(element)) {
            styleAxis(scale->axis(), black, grid);
        } else if (auto* legend = qobject_cast<QCPLegend*>(element)) {
            styleLegend(legend);
        } else if (auto* text = qobject_cast<QCPTextElement*>(element)) {
            m_texts.push_back({text, text->font(), text->textColor()});
            text->setFont(m_font);
            text->setTextColor(Qt::black);
        }
    }
    for (int i = 0; i < plot.itemCount(); ++i) {
        if (auto* item = qobject_cast<QCPItemText*>(plot.item(i))) {
            m_items.push_back({item, item->font(), item->color()});
            item->setFont(m_font);
        }
    }
    plot.setBackground(QBrush(Qt::white));
}

PublicationLook::~PublicationLook() {
    for (const AxisLook& a : m_axes) {
        if (!a.axis) {
            continue;
        }
        a.axis->setTicker(a.ticker);
        a.axis->ticker()->setTickCount(a.tickCount);
        a.axis->setLabel(a.label);
        a.axis->setTickLabels(a.tickLabels);
        a.axis->setTickLabelRotation(a.rotation);
        a.axis->setTickLabelPadding(a.tickLabelPadding);
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
    for (const RectLook& r : m_rects) {
        if (r.rect) {
            r.rect->setMinimumMargins(r.minimumMargins);
            r.rect->setMinimumSize(r.minimumSize);
        }
    }
    for (const LegendLook& l : m_legends) {
        if (!l.legend) {
            continue;
        }
        l.legend->setFont(l.font);
        l.legend->setTextColor(l.textColor);
        l.legend->setBrush(l.brush);
        l.legend->setBorderPen(l.borderPen);
        l.legend->setWrap(l.wrap);
        l.legend->setFillOrder(l.fillOrder, true);
        for (int i = 0; i < l.legend->itemCount(); ++i) {
            if (QCPAbstractLegendItem* item = l.legend->item(i)) {
                item->setFont(l.font);
                item->setTextColor(l.textColor);
                if (static_cast<std::size_t>(i) < l.itemMargins.size()) {
                    item->setMargins(l.itemMargins[static_cast<std::size_t>(i)]);
                }
            }
        }
    }
    for (const TextLook& t : m_texts) {
        if (t.text) {
            t.text->setFont(t.font);
            t.text->setTextColor(t.color);
        }
    }
    for (const ItemLook& i : m_items) {
        if (i.item) {
            i.item->setFont(i.font);
            i.item->setColor(i.color);
        }
    }
    m_plot.setBackground(m_background);
}

void PublicationLook::styleAxis(QCPAxis* axis, const QPen& black, const QPen& grid) {
    if (axis == nullptr) {
        return;
    }
    m_axes.push_back({axis, axis->labelFont(), axis->tickLabelFont(), axis->labelColor(),
                      axis->tickLabelColor(), axis->basePen(), axis->tickPen(), axis->subTickPen(),
                      axis->grid()->pen(), axis->grid()->subGridPen(), axis->grid()->zeroLinePen(),
                      axis->ticker(), axis->ticker()->tickCount(), axis->label(),
                      axis->tickLabels(), axis->tickLabelRotation(), axis->tickLabelPadding()});
    axis->setLabelFont(m_font);
    axis->setTickLabelFont(m_font);
    axis->setLabelColor(Qt::black);
    axis->setTickLabelColor(Qt::black);
    axis->setBasePen(black);
    axis->setTickPen(black);
    axis->setSubTickPen(black);
    axis->grid()->setPen(grid);
    axis->grid()->setSubGridPen(Qt::NoPen);
    axis->grid()->setZeroLinePen(grid);
}

void PublicationLook::styleLegend(QCPLegend* legend) {
    if (legend == nullptr) {
        return;
    }
    LegendLook look{legend,          legend->font(),      legend->textColor(),
                    legend->brush(), legend->borderPen(), {},
                    legend->wrap(),  legend->fillOrder()};
    legend->setFont(m_font);
    legend->setTextColor(Qt::black);
    legend->setBrush(QColor(255, 255, 255, 220));
    legend->setBorderPen(QPen(QColor(160, 160, 160), 0.5));
    for (int i = 0; i < legend->itemCount(); ++i) {
        if (QCPAbstractLegendItem* item = legend->item(i)) {
            look.itemMargins.push_back(item->margins());
            item->setFont(m_font);
            item->setTextColor(Qt::black);
            // Legend items clip to their own rectangle (which QCustomPlot shifts up a pixel)
            // and measure their text in whole pixels: a pixel all round keeps every glyph.
            item->setMargins(item->margins() + QMargins(1, 1, 1, 1));
        }
    }
    m_legends.push_back(std::move(look));
}

} // namespace plexus::widgets
