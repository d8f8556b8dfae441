#include "plexus/widgets/plots/AxisLabelFit.h"

#include <QFontMetricsF>
#include <QVector>
#include <QtMath>
#include <algorithm>
#include <cmath>
#include <vector>

namespace plexus::widgets {

namespace {

/// Gap between labels side by side, in ems.
constexpr double kSideGapEm = 0.5;
/// Gap between stacked labels, in ems.
constexpr double kStackGapEm = 1.0 / 6.0;

double emOf(const QFont& font, const QFontMetricsF& metrics) {
    return font.pixelSize() > 0 ? font.pixelSize() : metrics.height();
}

/// Tick positions (coordinates) of @p ticks inside @p range, with their labels.
void inRange(const QCPRange& range, const QVector<double>& ticks, const QVector<QString>& labels,
             std::vector<double>& keptTicks, std::vector<QString>& keptLabels) {
    const double slack = 1e-9 * std::max(1.0, std::abs(range.size()));
    for (int i = 0; i < ticks.size() && i < labels.size(); ++i) {
        if (ticks[i] >= range.lower - slack && ticks[i] <= range.upper + slack) {
            keptTicks.push_back(ticks[i]);
            keptLabels.push_back(labels[i]);
        }
    }
}

} // namespace

std::vector<bool> AxisLabelFit::clearOfEachOther(QCPAxis* axis, const QFont& font,
                                                 const std::vector<double>& pixels,
                                                 const QStringList& labels) {
    std::vector<bool> shown(pixels.size(), false);
    std::size_t last = pixels.size();
    for (std::size_t i = 0; i < pixels.size() && i < static_cast<std::size_t>(labels.size()); ++i) {
        const int at = static_cast<int>(i);
        shown[i] = last == pixels.size() || clear(axis, font, labels[static_cast<int>(last)],
                                                  labels[at], pixels[i] - pixels[last]);
        if (shown[i]) {
            last = i;
        }
    }
    return shown;
}

bool AxisLabelFit::clear(QCPAxis* axis, const QFont& font, const QString& a, const QString& b,
                         double distance) {
    const QFontMetricsF metrics(font);
    const double em = emOf(font, metrics);
    const double height = metrics.height();
    const double wa = metrics.horizontalAdvance(a);
    const double wb = metrics.horizontalAdvance(b);
    const double d = std::abs(distance);
    const double theta = qDegreesToRadians(axis->tickLabelRotation());
    const double cosine = std::abs(std::cos(theta));
    const double sine = std::abs(std::sin(theta));
    const bool rotated = sine > 1e-6;
    // Unrotated labels are centred on their ticks; rotated ones hang from one end.
    const double sideBySide = (rotated ? std::max(wa, wb) : 0.5 * (wa + wb)) + kSideGapEm * em;
    const double stacked = height + kStackGapEm * em;
    if (axis->orientation() == Qt::Horizontal) {
        return (cosine > 1e-6 && d * cosine >= sideBySide) || (rotated && d * sine >= stacked);
    }
    return (cosine > 1e-6 && d * cosine >= stacked) || (rotated && d * sine >= sideBySide);
}

double AxisLabelFit::rotationFor(const QStringList& labels, double spacing, const QFont& font) {
    const QFontMetricsF metrics(font);
    const double em = emOf(font, metrics);
    double widest = 0.0;
    for (const QString& label : labels) {
        widest = std::max(widest, metrics.horizontalAdvance(label));
    }
    const double stacked = metrics.height() + kStackGapEm * em;
    if (widest + kSideGapEm * em <= spacing) {
        return 0.0;
    }
    if (stacked / std::sin(qDegreesToRadians(45.0)) <= spacing) {
        return 45.0;
    }
    return 90.0;
}

int AxisLabelFit::tickCount(QCPAxis* axis, const QFont& font, int maxCount) {
    if (axis == nullptr || !axis->ticker()) {
        return 2;
    }
    const QSharedPointer<QCPAxisTicker> ticker = axis->ticker();
    const int original = ticker->tickCount();
    const QString format = axis->numberFormat();
    const QChar formatChar = format.isEmpty() ? QLatin1Char('g') : format.at(0);
    int best = 0;
    for (int count = std::max(1, maxCount); count >= 1; --count) {
        ticker->setTickCount(count);
        QVector<double> ticks;
        QVector<QString> labels;
        ticker->generate(axis->range(), axis->parentPlot()->locale(), formatChar,
                         axis->numberPrecision(), ticks, nullptr, &labels);
        std::vector<double> kept;
        std::vector<QString> keptLabels;
        inRange(axis->range(), ticks, labels, kept, keptLabels);
        bool fits = true;
        for (std::size_t i = 1; i < kept.size() && fits; ++i) {
            const double distance = axis->coordToPixel(kept[i]) - axis->coordToPixel(kept[i - 1]);
            fits = clear(axis, font, keptLabels[i - 1], keptLabels[i], distance);
        }
        if (fits) {
            best = count;
            break;
        }
    }
    ticker->setTickCount(original);
    return best;
}

int AxisLabelFit::textStride(QCPAxis* axis, const QMap<double, QString>& textTicks,
                             const QFont& font) {
    std::vector<double> ticks;
    std::vector<QString> labels;
    const QCPRange range = axis->range();
    for (auto it = textTicks.constBegin(); it != textTicks.constEnd(); ++it) {
        if (range.contains(it.key())) {
            ticks.push_back(it.key());
            labels.push_back(it.value());
        }
    }
    const int n = static_cast<int>(ticks.size());
    for (int stride = 1; stride < n; ++stride) {
        bool fits = true;
        for (int i = stride; i < n && fits; i += stride) {
            const double distance = axis->coordToPixel(ticks[static_cast<std::size_t>(i)]) -
                                    axis->coordToPixel(ticks[static_cast<std::size_t>(i - stride)]);
            fits = clear(axis, font, labels[static_cast<std::size_t>(i - stride)],
                         labels[static_cast<std::size_t>(i)], distance);
        }
        if (fits) {
            return stride;
        }
    }
    return std::max(1, n);
}

QMap<double, QString> AxisLabelFit::numericLabels(QCPAxis* axis, int count) {
    QMap<double, QString> out;
    if (axis == nullptr || !axis->ticker()) {
        return out;
    }
    const QSharedPointer<QCPAxisTicker> ticker = axis->ticker();
    const int original = ticker->tickCount();
    ticker->setTickCount(std::max(2, count));
    const QString format = axis->numberFormat();
    QVector<double> ticks;
    QVector<QString> labels;
    ticker->generate(axis->range(), axis->parentPlot()->locale(),
                     format.isEmpty() ? QLatin1Char('g') : format.at(0), axis->numberPrecision(),
                     ticks, nullptr, &labels);
    ticker->setTickCount(original);
    std::vector<double> kept;
    std::vector<QString> keptLabels;
    inRange(axis->range(), ticks, labels, kept, keptLabels);
    for (std::size_t i = 0; i < kept.size(); ++i) {
        out.insert(kept[i], keptLabels[i]);
    }
    return out;
}

QSharedPointer<QCPAxisTickerText> AxisLabelFit::everyNth(const QMap<double, QString>& ticks,
                                                         int stride) {
    QSharedPointer<QCPAxisTickerText> thinned(new QCPAxisTickerText);
    thinned->setSubTickCount(0);
    int index = 0;
    for (auto it = ticks.constBegin(); it != ticks.constEnd(); ++it, ++index) {
        if (index % std::max(1, stride) == 0) {
            thinned->addTick(it.key(), it.value());
        }
    }
    return thinned;
}

} // namespace plexus::widgets
