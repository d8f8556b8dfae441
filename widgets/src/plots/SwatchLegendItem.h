#pragma once

#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QColor>
#include <QString>

namespace plexus::widgets {

/**
 * @brief A legend entry that is a colour swatch and a text, for legends of things that are no
 *        plottable (the raster's population bands in a figure).
 */
class SwatchLegendItem : public QCPAbstractLegendItem {
    Q_OBJECT

public:
    /// An entry of @p legend (add it with QCPLegend::addItem()).
    SwatchLegendItem(QCPLegend* legend, const QColor& color, const QString& text);

    /// The entry's text.
    QString text() const { return m_text; }

protected:
    void draw(QCPPainter* painter) override;
    QSize minimumOuterSizeHint() const override;

private:
    QColor m_color;
    QString m_text;
};

} // namespace plexus::widgets
