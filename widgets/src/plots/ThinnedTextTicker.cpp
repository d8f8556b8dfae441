#include "ThinnedTextTicker.h"

#include "plexus/widgets/plots/AxisLabelFit.h"

#include <algorithm>

namespace plexus::widgets {

ThinnedTextTicker::ThinnedTextTicker(QCPAxis* axis)
    : m_axis(axis) {}

void ThinnedTextTicker::generate(const QCPRange& range, const QLocale& locale, QChar formatChar,
                                 int precision, QVector<double>& ticks, QVector<double>* subTicks,
                                 QVector<QString>* tickLabels) {
    QCPAxisTickerText::generate(range, locale, formatChar, precision, ticks, subTicks, tickLabels);
    if (tickLabels == nullptr || m_axis == nullptr || m_axis->axisRect() == nullptr) {
        return;
    }
    std::vector<double> pixels;
    QStringList labels;
    for (int i = 0; i < ticks.size() && i < tickLabels->size(); ++i) {
        pixels.push_back(m_axis->coordToPixel(ticks[i]));
        labels.push_back((*tickLabels)[i]);
    }
    // In reading order: from the top on a vertical axis, from the left on a horizontal one.
    const bool reversed =
        m_axis->orientation() == Qt::Vertical ? !m_axis->rangeReversed() : m_axis->rangeReversed();
    if (reversed) {
        std::reverse(pixels.begin(), pixels.end());
        std::reverse(labels.begin(), labels.end());
    }
    std::vector<bool> shown =
        AxisLabelFit::clearOfEachOther(m_axis, m_axis->tickLabelFont(), pixels, labels);
    if (reversed) {
        std::reverse(shown.begin(), shown.end());
    }
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (!shown[i]) {
            (*tickLabels)[static_cast<int>(i)].clear();
        }
    }
}

} // namespace plexus::widgets
