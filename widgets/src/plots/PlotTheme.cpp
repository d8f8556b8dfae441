#include "plexus/widgets/plots/PlotTheme.h"

#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <algorithm>
#include <array>

namespace plexus::widgets {

QColor PlotTheme::seriesColor(std::size_t index) {
    // Tableau 10 with a darker yellow: distinguishable on white and on near-black.
    static const std::array<QRgb, 10> colors = {qRgb(0x4e, 0x79, 0xa7), qRgb(0xf2, 0x8e, 0x2b),
                                                qRgb(0xe1, 0x57, 0x59), qRgb(0x59, 0xa1, 0x4f),
                                                qRgb(0xb0, 0x7a, 0xa1), qRgb(0x76, 0xb7, 0xb2),
                                                qRgb(0xd4, 0xa6, 0x1a), qRgb(0xff, 0x9d, 0xa7),
                                                qRgb(0x9c, 0x75, 0x5f), qRgb(0x8c, 0x8c, 0x8c)};
    return QColor(colors[index % colors.size()]);
}

QColor PlotTheme::conditionColor(std::size_t index) {
    // Okabe-Ito: told apart with every common colour-vision deficiency.
    static const std::array<QRgb, 7> colors = {qRgb(0xe6, 0x9f, 0x00), qRgb(0x56, 0xb4, 0xe9),
                                               qRgb(0x00, 0x9e, 0x73), qRgb(0xcc, 0x79, 0xa7),
                                               qRgb(0x00, 0x72, 0xb2), qRgb(0xd5, 0x5e, 0x00),
                                               qRgb(0xf0, 0xe4, 0x42)};
    return QColor(colors[index % colors.size()]);
}

QColor PlotTheme::mix(const QColor& a, const QColor& b, double t) {
    t = std::clamp(t, 0.0, 1.0);
    const auto lerp = [t](int x, int y) { return static_cast<int>(x + (y - x) * t + 0.5); };
    return QColor(lerp(a.red(), b.red()), lerp(a.green(), b.green()), lerp(a.blue(), b.blue()),
                  lerp(a.alpha(), b.alpha()));
}

void PlotTheme::applyToLegend(QCPLegend* legend, const QPalette& palette) {
    if (legend == nullptr) {
        return;
    }
    QColor background = palette.color(QPalette::Base);
    background.setAlpha(210);
    legend->setBrush(background);
    legend->setBorderPen(
        QPen(mix(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.25)));
    legend->setTextColor(palette.color(QPalette::Text));
    legend->setSelectedTextColor(palette.color(QPalette::Text));
}

void PlotTheme::apply(QCustomPlot* plot, const QPalette& palette) {
    if (plot == nullptr) {
        return;
    }
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor axis = mix(base, text, 0.7);
    const QColor grid = mix(base, text, 0.12);
    plot->setBackground(QBrush(base));
    for (QCPAxisRect* rect : plot->axisRects()) {
        rect->setBackground(QBrush(base));
        for (QCPAxis* a : rect->axes()) {
            a->setBasePen(QPen(axis));
            a->setTickPen(QPen(axis));
            a->setSubTickPen(QPen(axis));
            a->setTickLabelColor(text);
            a->setLabelColor(text);
            a->grid()->setPen(QPen(grid, 0, Qt::SolidLine));
            a->grid()->setSubGridPen(QPen(grid, 0, Qt::DotLine));
            a->grid()->setZeroLinePen(Qt::NoPen);
        }
    }
    // Legends may sit in inset layouts or in the plot layout: all are QObject descendants.
    for (QCPLegend* legend : plot->findChildren<QCPLegend*>()) {
        applyToLegend(legend, palette);
    }
    applyToLegend(plot->legend, palette);
}

} // namespace plexus::widgets
