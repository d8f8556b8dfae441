#pragma once

#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QBrush>
#include <QFont>
#include <QPointer>
#include <vector>

namespace plexus::widgets {

/**
 * @brief Gives a plot the publication look for the time it exists and puts everything back
 *        when destroyed.
 *
 * White background, black axes, ticks and labels, a light dotted grid, every axis, legend,
 * text element and text item in @p font. Pens are @p penScale layout units per point wide.
 * It also remembers what figure layout may change on the axes and axis rects (labels, tick
 * label visibility, rotation and padding, tickers and their tick counts, minimum margins and
 * sizes), so the plot's figure hooks and the layout fitting can change them freely: the plot
 * on screen is unchanged afterwards.
 */
class PublicationLook {
public:
    PublicationLook(QCustomPlot& plot, const QFont& font, double penScale);
    ~PublicationLook();
    PublicationLook(const PublicationLook&) = delete;
    PublicationLook& operator=(const PublicationLook&) = delete;

    /// The figure font (pixel-sized, so plot layout and drawing measure it alike).
    const QFont& font() const { return m_font; }

private:
    struct AxisLook {
        QPointer<QCPAxis> axis;
        QFont labelFont, tickLabelFont;
        QColor labelColor, tickLabelColor;
        QPen basePen, tickPen, subTickPen, gridPen, subGridPen, zeroLinePen;
        QSharedPointer<QCPAxisTicker> ticker;
        int tickCount = 5;
        QString label;
        bool tickLabels = true;
        double rotation = 0.0;
        int tickLabelPadding = 5;
    };
    struct LegendLook {
        QPointer<QCPLegend> legend;
        QFont font;
        QColor textColor;
        QBrush brush;
        QPen borderPen;
        std::vector<QMargins> itemMargins;
        int wrap = 0;
        QCPLayoutGrid::FillOrder fillOrder = QCPLayoutGrid::foRowsFirst;
    };
    struct TextLook {
        QPointer<QCPTextElement> text;
        QFont font;
        QColor color;
    };
    struct ItemLook {
        QPointer<QCPItemText> item;
        QFont font;
        QColor color;
    };
    struct RectLook {
        QPointer<QCPAxisRect> rect;
        QMargins minimumMargins;
        QSize minimumSize;
    };

    void styleAxis(QCPAxis* axis, const QPen& black, const QPen& grid);
    void styleLegend(QCPLegend* legend);

    QCustomPlot& m_plot;
    QFont m_font;
    QBrush m_background;
    std::vector<AxisLook> m_axes;
    std::vector<LegendLook> m_legends;
    std::vector<TextLook> m_texts;
    std::vector<ItemLook> m_items;
    std::vector<RectLook> m_rects;
};

} // namespace plexus::widgets
