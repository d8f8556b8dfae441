#pragma once

#include "plexus/widgets/plots/QCustomPlotInclude.h"

namespace plexus::widgets {

/**
 * @brief A text ticker whose labels never overlap: in reading order (from the top on a vertical
 * axis, from the left on a horizontal one) a label too close to the last one shown goes, by the
 * rule of AxisLabelFit::clearOfEachOther(); its tick stays.
 *
 * The raster's bands are labelled by their population's name; with many small bands (a protocol
 * with a source per condition) the names would pile up on each other.
 */
class ThinnedTextTicker : public QCPAxisTickerText {
public:
    /// Labels for positions on @p axis (its length and tick-label font decide what fits).
    explicit ThinnedTextTicker(QCPAxis* axis);

    void generate(const QCPRange& range, const QLocale& locale, QChar formatChar, int precision,
                  QVector<double>& ticks, QVector<double>* subTicks,
                  QVector<QString>* tickLabels) override;

private:
    QCPAxis* m_axis;
};

} // namespace plexus::widgets
