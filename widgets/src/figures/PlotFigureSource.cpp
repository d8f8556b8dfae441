#include "plexus/widgets/figures/PlotFigureSource.h"

#include "FigureLegendMove.h"
#include "PublicationLook.h"
#include "plexus/widgets/figures/FigureAdaptable.h"
#include "plexus/widgets/figures/FigureStyle.h"
#include "plexus/widgets/figures/TextBoxRecorder.h"
#include "plexus/widgets/plots/AxisLabelFit.h"
#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QRegularExpression>
#include <QtMath>
#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace plexus::widgets {

namespace {

/// Layout passes at most: tick counts and margins settle in two or three.
constexpr int kMaxFitPasses = 6;

/// Runs QCustomPlot's layout at @p size without drawing (what replot() does first).
void layOut(QCustomPlot& plot, const QSize& size) {
    plot.setViewport(QRect(QPoint(0, 0), size));
    QCPLayoutGrid* layout = plot.plotLayout();
    layout->update(QCPLayoutElement::upPreparation);
    layout->update(QCPLayoutElement::upMargins);
    layout->update(QCPLayoutElement::upLayout);
    Q_EMIT plot.afterLayout();
}

/// Every axis that draws tick labels: those of the axis rects and of colour scales.
std::vector<QCPAxis*> labelledAxes(QCustomPlot& plot) {
    std::vector<QCPAxis*> axes;
    for (QCPLayoutElement* element : plot.plotLayout()->elements(true)) {
        if (auto* rect = qobject_cast<QCPAxisRect*>(element)) {
            for (QCPAxis* axis : rect->axes()) {
                axes.push_back(axis);
            }
        } else if (auto* scale = qobject_cast<QCPColorScale*>(element)) {
            axes.push_back(scale->axis());
        }
    }
    axes.erase(std::remove_if(
                   axes.begin(), axes.end(),
                   [](QCPAxis* a) { return a == nullptr || !a->visible() || !a->tickLabels(); }),
               axes.end());
    return axes;
}

/// Fits tick density on every labelled axis; @p fullText keeps the unthinned text labels.
bool fitTicks(QCustomPlot& plot, const QFont& font,
              std::map<QCPAxis*, QMap<double, QString>>& fullText) {
    bool changed = false;
    for (QCPAxis* axis : labelledAxes(plot)) {
        if (auto text = qSharedPointerDynamicCast<QCPAxisTickerText>(axis->ticker())) {
            auto it = fullText.find(axis);
            if (it == fullText.end()) {
                it = fullText.emplace(axis, text->ticks()).first;
            }
            const int stride = AxisLabelFit::textStride(axis, it->second, font);
            if (stride > 1 || text->ticks().size() != it->second.size()) {
                const auto thinned = AxisLabelFit::everyNth(it->second, stride);
                if (thinned->ticks() != text->ticks()) {
                    axis->setTicker(thinned);
                    changed = true;
                }
            }
            continue;
        }
        const int count = AxisLabelFit::tickCount(axis, font);
        if (count == 0) {
            // Too short even for two numeric labels: every k-th of them, as text.
            auto labels = fullText.emplace(axis, AxisLabelFit::numericLabels(axis, 2)).first;
            axis->setTicker(AxisLabelFit::everyNth(
                labels->second, AxisLabelFit::textStride(axis, labels->second, font)));
            changed = true;
        } else if (count != axis->ticker()->tickCount()) {
            axis->ticker()->setTickCount(count);
            changed = true;
        }
    }
    return changed;
}

/// The axis rect whose outer rectangle (axes and margins) holds @p point, or nullptr.
QCPAxisRect* rectHolding(QCustomPlot& plot, const QPointF& point) {
    for (QCPAxisRect* rect : plot.axisRects()) {
        if (QRectF(rect->outerRect()).contains(point)) {
            return rect;
        }
    }
    return nullptr;
}

/// One em of @p font in pixels.
double emPixels(const QFont& font) {
    return font.pixelSize() > 0 ? font.pixelSize() : QFontMetricsF(font).height();
}

/// The least length in pixels of an axis rect in a figure with text in @p font: two ems.
int shortestAxisRect(const QFont& font) {
    return static_cast<int>(std::ceil(2.0 * emPixels(font)));
}

/// QCustomPlot's rule for the least outer size its layouts give an element.
struct LayoutAccess : QCPLayout {
    static QSize minimumOuterSize(const QCPLayoutElement* element) {
        return getFinalMinimumOuterSize(element);
    }
};

/**
 * @brief Lowers the minimum lengths fitLabelLengths() gave the axis rects of the plot's layout
 *        (down to @p floor pixels) where its rows would need more than the plot's height or
 *        its columns more than its width.
 *
 * QCustomPlot squeezes every row (column) below its minimum when their minimums do not fit,
 * legends included, and legend items cut their text at their shrunken rectangles. The axes
 * give up the room instead: each row as much of the excess as its axis rects can spare, in
 * proportion. Returns true when a minimum changed (the plot must be laid out again).
 */
bool fitMinimumsToSize(QCustomPlot& plot, int floor) {
    QCPLayoutGrid* grid = plot.plotLayout();
    bool changed = false;
    for (const bool vertical : {true, false}) {
        const int sections = vertical ? grid->rowCount() : grid->columnCount();
        const int across = vertical ? grid->columnCount() : grid->rowCount();
        const auto length = [vertical](const QSize& size) {
            return vertical ? size.height() : size.width();
        };
        const auto element = [&](int section, int k) -> QCPLayoutElement* {
            const int row = vertical ? section : k;
            const int column = vertical ? k : section;
            return grid->hasElement(row, column) ? grid->element(row, column) : nullptr;
        };
        // An axis rect whose minimum is on its inner rectangle and above the floor.
        const auto shrinkable = [&](QCPLayoutElement* e) -> QCPAxisRect* {
            auto* rect = qobject_cast<QCPAxisRect*>(e);
            return rect != nullptr &&
                           rect->sizeConstraintRect() == QCPLayoutElement::scrInnerRect &&
                           length(rect->minimumSize()) > floor
                       ? rect
                       : nullptr;
        };
        // The least length of each section as it is, and with its axis rects at the floor.
        std::vector<int> now(static_cast<std::size_t>(sections), 0);
        std::vector<int> least(static_cast<std::size_t>(sections), 0);
        for (int section = 0; section < sections; ++section) {
            for (int k = 0; k < across; ++k) {
                QCPLayoutElement* e = element(section, k);
                if (e == nullptr) {
                    continue;
                }
                int minimum = length(LayoutAccess::minimumOuterSize(e));
                now[section] = std::max(now[section], minimum);
                if (QCPAxisRect* rect = shrinkable(e)) {
                    minimum -= length(rect->minimumSize()) - floor;
                }
                least[section] = std::max(least[section], minimum);
            }
        }
        const int spacing =
            (vertical ? grid->rowSpacing() : grid->columnSpacing()) * std::max(0, sections - 1);
        const int room = length(grid->rect().size()) - spacing;
        int need = 0;
        int spare = 0;
        for (int section = 0; section < sections; ++section) {
            need += now[section];
            spare += now[section] - least[section];
        }
        const int excess = need - room;
        if (excess <= 0 || spare <= 0) {
            continue;
        }
        for (int section = 0; section < sections; ++section) {
            const int give = now[section] - least[section];
            if (give <= 0) {
                continue;
            }
            const int cut = std::min(give, (excess * give + spare - 1) / spare);
            const int target = now[section] - cut;
            for (int k = 0; k < across; ++k) {
                QCPAxisRect* rect = shrinkable(element(section, k));
                if (rect == nullptr) {
                    continue;
                }
                const QMargins margins = rect->margins();
                const int outside =
                    vertical ? margins.top() + margins.bottom() : margins.left() + margins.right();
                const int wanted = std::max(floor, target - outside);
                const QSize minimum = rect->minimumSize();
                if (wanted < length(minimum)) {
                    rect->setMinimumSize(vertical ? QSize(minimum.width(), wanted)
                                                  : QSize(wanted, minimum.height()));
                    changed = true;
                }
            }
        }
    }
    return changed;
}

/**
 * @brief Makes every axis rect at least as long as its axis labels (a rotated label on a short
 *        rect would stick out into its neighbours) and at least two ems, instead of
 *        QCustomPlot's fixed 50 pixels, so small figures keep their room for text.
 */
void fitLabelLengths(QCustomPlot& plot, const QFont& font) {
    const QFontMetricsF metrics(font);
    const double em = emPixels(font);
    for (QCPAxisRect* rect : plot.axisRects()) {
        double height = shortestAxisRect(font);
        double width = shortestAxisRect(font);
        for (QCPAxis* axis : rect->axes()) {
            if (!axis->visible() || axis->label().isEmpty()) {
                continue;
            }
            const double length = metrics.horizontalAdvance(axis->label()) + 0.5 * em;
            (axis->orientation() == Qt::Vertical ? height : width) =
                std::max(axis->orientation() == Qt::Vertical ? height : width, length);
        }
        // A minimum on the outer rectangle is a layout decision (a side column's width): kept.
        const QSize kept = rect->sizeConstraintRect() == QCPLayoutElement::scrOuterRect
                               ? rect->minimumSize()
                               : QSize();
        rect->setMinimumSize(std::max(kept.width(), static_cast<int>(std::ceil(width))),
                             std::max(kept.height(), static_cast<int>(std::ceil(height))));
    }
}

/**
 * @brief How far a tick label of @p axis that QCustomPlot left out would stick out of the
 *        plot (QCustomPlot drops tick labels that would cross the viewport's edge), as margins
 *        to add to the axis rect; null when every label was drawn.
 */
QMargins droppedLabels(QCPAxis* axis, const std::vector<TextBoxRecorder::Text>& texts,
                       const QSize& size, const QFont& font) {
    QMargins need;
    const QVector<double> ticks = axis->tickVector();
    const QVector<QString> labels = axis->tickVectorLabels();
    const QFontMetricsF metrics(font);
    const double em = emPixels(font);
    const double theta = qDegreesToRadians(axis->tickLabelRotation());
    const double cosine = std::abs(std::cos(theta));
    const double sine = std::abs(std::sin(theta));
    const bool horizontal = axis->orientation() == Qt::Horizontal;
    static const QRegularExpression exponent(QStringLiteral("^[-+]?[0-9.]+[eE][-+]?[0-9]+$"));
    for (int i = 0; i < ticks.size() && i < labels.size(); ++i) {
        const QString& label = labels[i];
        if (label.isEmpty() || exponent.match(label).hasMatch() ||
            !axis->range().contains(ticks[i])) {
            continue; // powers of ten are drawn in pieces; ticks out of range are not drawn
        }
        const double at = axis->coordToPixel(ticks[i]);
        const double w = metrics.horizontalAdvance(label);
        const double h = metrics.height();
        const double reach = w + h + em;
        const bool drawn = std::any_of(texts.begin(), texts.end(), [&](const auto& t) {
            const QPointF c = t.bounds().center();
            return t.text == label && std::abs((horizontal ? c.x() : c.y()) - at) <= reach;
        });
        if (drawn) {
            continue;
        }
        // Extent along the axis on either side of the tick: centred when level, hanging
        // from one end when rotated.
        const double along = horizontal ? w * cosine + h * sine : h * cosine + w * sine;
        const double before = sine > 1e-6 && axis->tickLabelRotation() > 0.0 ? 0.0 : along;
        const double after = sine > 1e-6 && axis->tickLabelRotation() < 0.0 ? 0.0 : along;
        const double low = sine > 1e-6 ? before : 0.5 * along;
        const double high = sine > 1e-6 ? after : 0.5 * along;
        const double limit = horizontal ? size.width() : size.height();
        const int under = static_cast<int>(std::ceil(low - at));
        const int over = static_cast<int>(std::ceil(at + high - limit));
        if (horizontal) {
            need.setLeft(std::max(need.left(), under));
            need.setRight(std::max(need.right(), over));
        } else {
            need.setTop(std::max(need.top(), under));
            need.setBottom(std::max(need.bottom(), over));
        }
    }
    return need;
}

/// The recorded tick labels of @p axis: texts among its labels in the band beside its side.
std::vector<const TextBoxRecorder::Text*>
tickLabelsOf(QCPAxis* axis, const std::vector<TextBoxRecorder::Text>& texts) {
    std::vector<const TextBoxRecorder::Text*> found;
    const QVector<QString> labels = axis->tickVectorLabels();
    const QRectF rect = QRectF(axis->axisRect()->rect());
    const double reach =
        axis->offset() + std::max(0, axis->tickLengthOut()) + axis->tickLabelPadding() + 2.0;
    for (const TextBoxRecorder::Text& text : texts) {
        if (!labels.contains(text.text)) {
            continue;
        }
        const QRectF b = text.bounds();
        double gap = 0.0;   // from the rect's side to the text's near edge
        bool along = false; // beside the axis, not beside another rect
        switch (axis->axisType()) {
        case QCPAxis::atBottom:
            gap = b.top() - rect.bottom();
            along = b.right() >= rect.left() - b.width() && b.left() <= rect.right() + b.width();
            break;
        case QCPAxis::atTop:
            gap = rect.top() - b.bottom();
            along = b.right() >= rect.left() - b.width() && b.left() <= rect.right() + b.width();
            break;
        case QCPAxis::atLeft:
            gap = rect.left() - b.right();
            along = b.bottom() >= rect.top() - b.height() && b.top() <= rect.bottom() + b.height();
            break;
        case QCPAxis::atRight:
            gap = b.left() - rect.right();
            along = b.bottom() >= rect.top() - b.height() && b.top() <= rect.bottom() + b.height();
            break;
        }
        if (along && gap >= -2.0 && gap <= reach) {
            found.push_back(&text);
        }
    }
    return found;
}

/**
 * @brief Moves the tick labels of horizontal axes away from their rect where they overlap a
 *        tick label of a vertical axis at a corner (the lowest value label reaches below the
 *        axis into the row of the first time label). Returns true when a padding grew.
 */
bool separateCornerLabels(QCustomPlot& plot, const std::vector<TextBoxRecorder::Text>& texts) {
    bool changed = false;
    for (QCPAxisRect* rect : plot.axisRects()) {
        const auto labelled = [](QCPAxis* axis) { return axis->visible() && axis->tickLabels(); };
        std::vector<const TextBoxRecorder::Text*> upright;
        for (QCPAxis* axis : rect->axes(QCPAxis::atLeft | QCPAxis::atRight)) {
            if (labelled(axis)) {
                const auto found = tickLabelsOf(axis, texts);
                upright.insert(upright.end(), found.begin(), found.end());
            }
        }
        for (QCPAxis* axis : rect->axes(QCPAxis::atBottom | QCPAxis::atTop)) {
            if (!labelled(axis)) {
                continue;
            }
            double need = 0.0;
            for (const TextBoxRecorder::Text* level : tickLabelsOf(axis, texts)) {
                for (const TextBoxRecorder::Text* value : upright) {
                    if (TextBoxRecorder::overlap(level->box, value->box)) {
                        need =
                            std::max(need, axis->axisType() == QCPAxis::atBottom
                                               ? value->bounds().bottom() - level->bounds().top()
                                               : level->bounds().bottom() - value->bounds().top());
                    }
                }
            }
            if (need > 0.0) {
                axis->setTickLabelPadding(axis->tickLabelPadding() +
                                          static_cast<int>(std::ceil(need)) + 1);
                changed = true;
            }
        }
    }
    return changed;
}

/**
 * @brief Draws the plot into a text recorder and widens the margins of axis rects whose tick
 *        labels would leave the plot (the end labels of an axis, rotated labels), or were left
 *        out by QCustomPlot because they would have, and separates tick labels meeting at a
 *        corner (separateCornerLabels()).
 */
bool fitMargins(QCustomPlot& plot, const QSize& size, const QFont& font,
                std::map<QCPAxisRect*, QMargins>& grown, int limit) {
    TextBoxRecorder recorder{QSizeF(size)};
    {
        QCPPainter painter(&recorder);
        plot.toPainter(&painter, size.width(), size.height());
    }
    bool changed = separateCornerLabels(plot, recorder.texts());
    std::map<QCPAxisRect*, QMargins> grow;
    for (QCPAxis* axis : labelledAxes(plot)) {
        const QMargins need = droppedLabels(axis, recorder.texts(), size, font);
        if (!need.isNull() && axis->axisRect() != nullptr &&
            plot.axisRects().contains(axis->axisRect())) {
            QMargins& m = grow[axis->axisRect()];
            m = QMargins(std::max(m.left(), need.left()), std::max(m.top(), need.top()),
                         std::max(m.right(), need.right()), std::max(m.bottom(), need.bottom()));
        }
    }
    for (const TextBoxRecorder::Text& text : recorder.texts()) {
        const QRectF b = text.bounds();
        const int left = static_cast<int>(std::ceil(-b.left()));
        const int right = static_cast<int>(std::ceil(b.right() - size.width()));
        const int top = static_cast<int>(std::ceil(-b.top()));
        const int bottom = static_cast<int>(std::ceil(b.bottom() - size.height()));
        if (left <= 0 && right <= 0 && top <= 0 && bottom <= 0) {
            continue;
        }
        // Tick labels at the end of an axis stick out of their rect's side: a wider margin
        // there pulls them in. (Text outside every axis rect, e.g. a legend, is left alone.)
        const QPointF inside(std::clamp(b.center().x(), 0.0, double(size.width() - 1)),
                             std::clamp(b.center().y(), 0.0, double(size.height() - 1)));
        if (QCPAxisRect* rect = rectHolding(plot, inside)) {
            QMargins& m = grow[rect];
            m.setLeft(std::max(m.left(), left));
            m.setRight(std::max(m.right(), right));
            m.setTop(std::max(m.top(), top));
            m.setBottom(std::max(m.bottom(), bottom));
        }
    }
    // Each side grows by at most @p limit pixels in all: text that a margin cannot pull in
    // (a label wider than its axis) must not squeeze the axis away.
    for (auto [rect, by] : grow) {
        QMargins& total = grown[rect];
        const auto step = [&](int want, int& sum) {
            const int allowed = std::clamp(want + 1, 0, std::max(0, limit - sum));
            sum += allowed;
            return allowed;
        };
        int left = total.left(), right = total.right(), top = total.top(), bottom = total.bottom();
        const QMargins add(by.left() > 0 ? step(by.left(), left) : 0,
                           by.top() > 0 ? step(by.top(), top) : 0,
                           by.right() > 0 ? step(by.right(), right) : 0,
                           by.bottom() > 0 ? step(by.bottom(), bottom) : 0);
        total = QMargins(left, top, right, bottom);
        if (add.isNull()) {
            continue;
        }
        const QMargins now = rect->margins();
        QMargins minimum = rect->minimumMargins();
        if (add.left() > 0) {
            minimum.setLeft(now.left() + add.left());
        }
        if (add.right() > 0) {
            minimum.setRight(now.right() + add.right());
        }
        if (add.top() > 0) {
            minimum.setTop(now.top() + add.top());
        }
        if (add.bottom() > 0) {
            minimum.setBottom(now.bottom() + add.bottom());
        }
        rect->setMinimumMargins(minimum);
        changed = true;
    }
    return changed;
}

/// Lays @p plot out at @p size: tick density from axis lengths and label widths, margins
/// wide enough for every tick label.
void fitLayout(QCustomPlot& plot, const QSize& size, const QFont& font) {
    fitLabelLengths(plot, font);
    const QFontMetricsF metrics(font);
    const int limit = static_cast<int>(std::ceil(6.0 * metrics.height()));
    std::map<QCPAxisRect*, QMargins> grown;
    std::map<QCPAxis*, QMap<double, QString>> fullText;
    // Margins are known once laid out: then the axes give up what the rows and columns need.
    const auto layOutFitted = [&] {
        layOut(plot, size);
        if (fitMinimumsToSize(plot, shortestAxisRect(font))) {
            layOut(plot, size);
        }
    };
    for (int pass = 0; pass < kMaxFitPasses; ++pass) {
        // Ticks first (their labels set the margins), then margins for labels that stick
        // out; a margin that grew shortens an axis, so the ticks are fitted again.
        layOutFitted();
        if (fitTicks(plot, font, fullText)) {
            layOutFitted();
        }
        if (!fitMargins(plot, size, font, grown, limit)) {
            break;
        }
    }
    layOutFitted();
    if (fitTicks(plot, font, fullText)) {
        layOutFitted();
    }
}

} // namespace

int PlotFigureSource::layoutFontPixels(double fontPt) {
    return std::max(4, static_cast<int>(std::lround(fontPt * 4.0 / 3.0)));
}

PlotFigureSource::PlotFigureSource(QCustomPlot* plot, QString name)
    : m_plot(plot)
    , m_name(std::move(name)) {}

QString PlotFigureSource::problem() const {
    return m_plot.isNull() ? QStringLiteral("the %1 view no longer exists").arg(m_name) : QString();
}

QSizeF PlotFigureSource::minimumSizeEm() const {
    const auto* adaptable = dynamic_cast<const FigureAdaptable*>(m_plot.data());
    return adaptable != nullptr ? adaptable->minimumFigureSizeEm() : FigureSource::minimumSizeEm();
}

void PlotFigureSource::render(QCPPainter& painter, const QRectF& rect, const FigureStyle& style) {
    if (m_plot.isNull() || rect.width() < 1.0 || rect.height() < 1.0) {
        return;
    }
    QCustomPlot& plot = *m_plot;
    // The plot is laid out like a widget on a 96 dpi screen whose font is the figure's font:
    // margins, paddings and tick lengths (all in pixels) keep their on-screen proportions to
    // the text. A pixel-sized font measures the same for QCustomPlot's layout as on every
    // paint device, so what the layout reserves is what the text takes.
    const int fontPx = layoutFontPixels(style.fontPt);
    const double k = fontPx / style.fontPt; // layout pixels per point
    QFont font = plot.font();
    font.setPixelSize(fontPx);
    const QSize size(std::max(1, static_cast<int>(std::lround(rect.width() * k))),
                     std::max(1, static_cast<int>(std::lround(rect.height() * k))));
    const QSize screen = plot.viewport().size();
    {
        const PublicationLook look(plot, font, k);
        auto* adaptable = dynamic_cast<FigureAdaptable*>(&plot);
        if (adaptable != nullptr) {
            adaptable->beginFigure(size, font, style.dpi / 72.0 / k);
        }
        // Legends in rows of their own (below the axes) wrap to the figure's width.
        QCPLayoutGrid* layout = plot.plotLayout();
        for (int row = 0; row < layout->rowCount(); ++row) {
            for (int column = 0; column < layout->columnCount(); ++column) {
                if (!layout->hasElement(row, column)) {
                    continue;
                }
                if (auto* legend = qobject_cast<QCPLegend*>(layout->element(row, column))) {
                    FigureLegendMove::wrapToWidth(*legend, size.width());
                }
            }
        }
        fitLayout(plot, size, font);
        painter.save();
        painter.translate(rect.topLeft());
        painter.setClipRect(QRectF(QPointF(0, 0), rect.size()), Qt::IntersectClip);
        painter.scale(1.0 / k, 1.0 / k);
        plot.toPainter(&painter, size.width(), size.height());
        painter.restore();
        if (adaptable != nullptr) {
            adaptable->endFigure();
        }
    }
    // Back to the layout on screen.
    layOut(plot, screen);
    plot.replot(QCustomPlot::rpQueuedReplot);
}

} // namespace plexus::widgets
