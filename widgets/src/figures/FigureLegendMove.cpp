#include "FigureLegendMove.h"

#include <algorithm>

namespace plexus::widgets {

namespace {

/// Row of @p element in column 0 of @p grid, or -1.
int rowOf(QCPLayoutGrid* grid, const QCPLayoutElement* element) {
    for (int row = 0; row < grid->rowCount(); ++row) {
        if (grid->hasElement(row, 0) && grid->element(row, 0) == element) {
            return row;
        }
    }
    return -1;
}

} // namespace

int FigureLegendMove::columnsFitting(const QCPLegend& legend, int width) {
    int widest = 0;
    for (int i = 0; i < legend.itemCount(); ++i) {
        if (QCPAbstractLegendItem* item = legend.item(i)) {
            widest = std::max(widest, item->minimumOuterSizeHint().width());
        }
    }
    const QMargins margins = legend.margins();
    const int room = width - margins.left() - margins.right();
    if (widest <= 0 || room <= widest) {
        return 1;
    }
    return std::max(1, (room + legend.columnSpacing()) / (widest + legend.columnSpacing()));
}

void FigureLegendMove::wrapToWidth(QCPLegend& legend, int width) {
    legend.setFillOrder(QCPLayoutGrid::foColumnsFirst, false);
    legend.setWrap(columnsFitting(legend, width));
    legend.setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
}

FigureLegendMove::FigureLegendMove(QCustomPlot& plot, QCPAxisRect* rect, QCPLegend* legend,
                                   int width)
    : m_plot(plot)
    , m_legend(legend) {
    QCPLayoutGrid* layout = plot.plotLayout();
    const int row = rowOf(layout, rect);
    if (legend == nullptr || row < 0) {
        return;
    }
    if (auto* grid = qobject_cast<QCPLayoutGrid*>(legend->layout())) {
        for (int r = 0; r < grid->rowCount() && m_row < 0; ++r) {
            for (int c = 0; c < grid->columnCount(); ++c) {
                if (grid->hasElement(r, c) && grid->element(r, c) == legend) {
                    m_grid = grid;
                    m_row = r;
                    m_column = c;
                    break;
                }
            }
        }
    } else if (auto* inset = qobject_cast<QCPLayoutInset*>(legend->layout())) {
        for (int i = 0; i < inset->elementCount(); ++i) {
            if (inset->elementAt(i) == legend) {
                m_inset = inset;
                m_alignment = inset->insetAlignment(i);
                m_placement = inset->insetPlacement(i);
                m_insetRect = inset->insetRect(i);
            }
        }
    }
    if (QCPLayout* parent = legend->layout()) {
        parent->take(legend);
    }
    m_wrap = legend->wrap();
    m_fillOrder = legend->fillOrder();
    m_border = legend->borderPen();
    m_brush = legend->brush();
    m_visible = legend->visible();
    layout->insertRow(row + 1);
    layout->addElement(row + 1, 0, legend);
    layout->setRowStretchFactor(row + 1, 0.001);
    wrapToWidth(*legend, width);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setVisible(true);
    m_moved = true;
}

FigureLegendMove::~FigureLegendMove() {
    if (!m_moved || !m_legend) {
        return;
    }
    QCPLayoutGrid* layout = m_plot.plotLayout();
    layout->take(m_legend);
    layout->simplify();
    m_legend->setBorderPen(m_border);
    m_legend->setBrush(m_brush);
    m_legend->setVisible(m_visible);
    m_legend->setWrap(m_wrap);
    m_legend->setFillOrder(m_fillOrder, true);
    if (m_grid) {
        m_grid->addElement(m_row, m_column, m_legend);
    } else if (m_inset) {
        if (m_placement == QCPLayoutInset::ipFree) {
            m_inset->addElement(m_legend, m_insetRect);
        } else {
            m_inset->addElement(m_legend, m_alignment);
        }
    }
}

} // namespace plexus::widgets
