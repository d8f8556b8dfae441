#pragma once

#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QFont>
#include <QSharedPointer>
#include <QStringList>
#include <vector>

namespace plexus::widgets {

/**
 * @brief How many tick labels fit along an axis: the one rule for tick density, from the
 *        axis' length in pixels and the widths (or heights) of its labels in their font.
 *
 * Labels along a horizontal axis keep half an em between them, labels stacked along a vertical
 * axis a sixth of an em; rotated labels fit when the rotated boxes are apart across or along
 * their baselines. The functions read the axis' pixel geometry, so the plot must have been laid
 * out at the size it is drawn at (QCustomPlot::replot(), or a figure's layout pass).
 */
class AxisLabelFit {
public:
    /**
     * @brief The largest tick count from 1 to @p maxCount whose numeric labels on @p axis do
     *        not run together (the axis' ticker generates the labels, as when drawn; a count of
     *        1 labels the two ends of a short axis); 0 when even those run together (see
     *        numericLabels()).
     */
    static int tickCount(QCPAxis* axis, const QFont& font, int maxCount = 8);
    /**
     * @brief The labels @p axis' ticker writes with @p count ticks, as text labels (position
     *        -> label) for a QCPAxisTickerText: for an axis too short for its numeric labels,
     *        which then shows every k-th of them (textStride()).
     */
    static QMap<double, QString> numericLabels(QCPAxis* axis, int count);
    /**
     * @brief The smallest stride k >= 1 such that every k-th of the text labels @p ticks
     *        (position -> label, as in QCPAxisTickerText) inside the axis range, placed on
     *        @p axis, keeps clear of the next one.
     */
    static int textStride(QCPAxis* axis, const QMap<double, QString>& ticks, const QFont& font);
    /// A text ticker with every @p stride-th label of @p ticks, starting with the first.
    static QSharedPointer<QCPAxisTickerText> everyNth(const QMap<double, QString>& ticks,
                                                      int stride);
    /**
     * @brief Tick label rotation (0, 45 or 90 degrees) at which every one of @p labels fits
     *        when ticks are @p spacing pixels apart on a horizontal axis: level when the
     *        widest label fits, else slanted, else upright.
     */
    static double rotationFor(const QStringList& labels, double spacing, const QFont& font);
    /**
     * @brief Which of @p labels, at @p pixels along @p axis (in the order they are read), are
     *        shown when each must keep clear() of the last one shown: the first is, and a label
     *        too close to the one before it is left out (for uneven spacing, where a stride
     *        would drop labels that fit).
     */
    static std::vector<bool> clearOfEachOther(QCPAxis* axis, const QFont& font,
                                              const std::vector<double>& pixels,
                                              const QStringList& labels);
    /// True when labels @p a and @p b (@p distance pixels apart on @p axis) keep clear.
    static bool clear(QCPAxis* axis, const QFont& font, const QString& a, const QString& b,
                      double distance);
};

} // namespace plexus::widgets
