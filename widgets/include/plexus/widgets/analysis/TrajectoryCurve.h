#pragma once

#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QColor>
#include <cstddef>
#include <vector>

namespace plexus::widgets {

/**
 * @brief A population trajectory in a QCustomPlot: a parametric curve through the states in
 *        time order, drawn as a fading trail.
 *
 * The data (QCPCurve's container, point t = state index) are the projected states themselves.
 * Segments and state dots get more opaque with time: the oldest state has minimumAlpha(), the
 * newest is opaque. The first state is marked by a ring, the last by a filled square with an
 * outline. Highlighted states (e.g. those inside a time window selected in the raster) are
 * drawn as larger dots with a contrasting outline.
 */
class TrajectoryCurve : public QCPCurve {
    Q_OBJECT

public:
    /// Creates an empty curve on @p keyAxis / @p valueAxis (the plot owns it).
    TrajectoryCurve(QCPAxis* keyAxis, QCPAxis* valueAxis);
    ~TrajectoryCurve() override;

    /// Replaces the states: state i at (@p x[i], @p y[i]); clears the highlight.
    void setStates(const QVector<double>& x, const QVector<double>& y);
    /// Number of states.
    int stateCount() const { return data()->size(); }

    /// The colour of the trail (its pen in the legend too).
    void setColor(const QColor& color);
    QColor color() const { return m_color; }
    /// Opacity (0..1) of the oldest state; the newest is opaque.
    void setMinimumAlpha(double alpha);
    double minimumAlpha() const { return m_minimumAlpha; }
    /// Opacity of state @p index (0 = oldest).
    double alphaOf(int index) const;
    /// Colour of the highlight outline (default: the palette's text colour).
    void setOutlineColor(const QColor& color) { m_outline = color; }

    /// Highlights the states whose flag is true (missing flags: not highlighted).
    void setHighlighted(std::vector<bool> highlighted);
    /// Number of highlighted states.
    std::size_t highlightedCount() const;
    /// True when state @p index is highlighted.
    bool isHighlighted(int index) const;

protected:
    void draw(QCPPainter* painter) override;
    void drawLegendIcon(QCPPainter* painter, const QRectF& rect) const override;

private:
    QColor m_color{Qt::black};
    QColor m_outline{Qt::black};
    double m_minimumAlpha = 0.15;
    std::vector<bool> m_highlighted;
};

} // namespace plexus::widgets
