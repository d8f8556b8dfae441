#pragma once

#include <QString>
#include <QStringList>

namespace plexus::widgets {

/**
 * @brief Size and typography of an exported figure.
 *
 * Sizes are physical (millimetres) so a figure drops into a journal column unchanged; the
 * presets are the common single (85 mm) and double (180 mm) column widths. PNG exports are
 * rasterised at @ref dpi; SVG and PDF keep text, axes and lines as vectors.
 */
struct FigureStyle {
    double widthMm = 85.0;    ///< figure width (> 0)
    double heightMm = 64.0;   ///< figure height (> 0)
    double dpi = 300.0;       ///< raster resolution of PNG exports (and of bitmaps in vectors)
    double fontPt = 8.0;      ///< axis label and tick font size
    bool panelLetters = true; ///< draw A, B, C… on the panels of a multi-panel figure

    /// Width of a single journal column: 85 mm.
    static constexpr double singleColumnMm = 85.0;
    /// Width of a double journal column: 180 mm.
    static constexpr double doubleColumnMm = 180.0;

    /// Single-column preset (85 x 64 mm, 8 pt, 300 dpi).
    static FigureStyle singleColumn();
    /// Double-column preset (180 x 100 mm, 8 pt, 300 dpi).
    static FigureStyle doubleColumn();

    /// Width in PostScript points (1/72 inch), the unit figures are laid out in.
    double widthPt() const { return widthMm / 25.4 * 72.0; }
    /// Height in PostScript points.
    double heightPt() const { return heightMm / 25.4 * 72.0; }
    /// Pixel width of a PNG export.
    int widthPx() const;
    /// Pixel height of a PNG export.
    int heightPx() const;

    /// Empty when the style is usable, otherwise what is wrong ("width must be positive").
    QString validate() const;
};

/// The export formats.
enum class FigureFormat { Png, Svg, Pdf };

/// The format named by a file suffix (png, svg, pdf; case-insensitive); false when unknown.
bool figureFormatFromSuffix(const QString& suffix, FigureFormat& format);
/// "png", "svg" or "pdf".
QString figureFormatSuffix(FigureFormat format);

} // namespace plexus::widgets
