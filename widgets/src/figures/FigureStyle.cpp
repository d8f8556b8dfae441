#include "plexus/widgets/figures/FigureStyle.h"

#include <cmath>

namespace plexus::widgets {

namespace {
constexpr double kMaxMm = 2000.0;
constexpr double kMaxDpi = 2400.0;
constexpr double kMaxPixels = 32768.0;
} // namespace

FigureStyle FigureStyle::singleColumn() {
    return FigureStyle{};
}

FigureStyle FigureStyle::doubleColumn() {
    FigureStyle style;
    style.widthMm = doubleColumnMm;
    style.heightMm = 100.0;
    return style;
}

int FigureStyle::widthPx() const {
    return static_cast<int>(std::lround(widthMm / 25.4 * dpi));
}

int FigureStyle::heightPx() const {
    return static_cast<int>(std::lround(heightMm / 25.4 * dpi));
}

QString FigureStyle::validate() const {
    if (!(widthMm > 0.0 && widthMm <= kMaxMm) || !(heightMm > 0.0 && heightMm <= kMaxMm)) {
        return QStringLiteral("width and height must be between 0 and %1 mm").arg(kMaxMm);
    }
    if (!(dpi >= 36.0 && dpi <= kMaxDpi)) {
        return QStringLiteral("dpi must be between 36 and %1").arg(kMaxDpi);
    }
    if (!(fontPt >= 4.0 && fontPt <= 48.0)) {
        return QStringLiteral("font size must be between 4 and 48 pt");
    }
    if (widthPx() > kMaxPixels || heightPx() > kMaxPixels) {
        return QStringLiteral("%1 x %2 pixels is too large (at most %3 a side)")
            .arg(widthPx())
            .arg(heightPx())
            .arg(kMaxPixels);
    }
    return {};
}

bool figureFormatFromSuffix(const QString& suffix, FigureFormat& format) {
    const QString s = suffix.toLower();
    if (s == QLatin1String("png")) {
        format = FigureFormat::Png;
    } else if (s == QLatin1String("svg")) {
        format = FigureFormat::Svg;
    } else if (s == QLatin1String("pdf")) {
        format = FigureFormat::Pdf;
    } else {
        return false;
    }
    return true;
}

QString figureFormatSuffix(FigureFormat format) {
    switch (format) {
    case FigureFormat::Png:
        return QStringLiteral("png");
    case FigureFormat::Svg:
        return QStringLiteral("svg");
    case FigureFormat::Pdf:
        return QStringLiteral("pdf");
    }
    return {};
}

} // namespace plexus::widgets
