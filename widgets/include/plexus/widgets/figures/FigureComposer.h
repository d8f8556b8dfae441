#pragma once

#include "plexus/widgets/figures/FigureStyle.h"

#include <QImage>
#include <QSizeF>
#include <QString>
#include <memory>
#include <vector>

class QCPPainter;

namespace plexus::widgets {

class FigureSource;

/**
 * @brief Arranges views into one figure and writes it as PNG, SVG or PDF.
 *
 * Panels fill a grid (columns() wide, in the order added) over the figure's size; with more
 * than one panel and FigureStyle::panelLetters each gets a bold letter (A, B, C…) in its top
 * left corner. Layout happens in PostScript points, so SVG and PDF keep axes, text and lines
 * as vectors at the physical size asked for, and PNG is rasterised at FigureStyle::dpi. Files
 * are written through a temporary file: a failed export leaves an existing file untouched.
 */
class FigureComposer {
public:
    FigureComposer();
    ~FigureComposer();
    FigureComposer(FigureComposer&&) noexcept;
    FigureComposer& operator=(FigureComposer&&) noexcept;

    /// Appends a panel.
    void addPanel(std::shared_ptr<FigureSource> source);
    /// The panels, in order.
    const std::vector<std::shared_ptr<FigureSource>>& panels() const { return m_panels; }
    /// Grid columns (>= 1; default: 1 for one panel, otherwise 2).
    void setColumns(int columns);
    int columns() const;

    /// Letter of panel @p index: A…Z, then AA, AB…
    static QString panelLetter(std::size_t index);

    /// Columns that @p panels views take when asked for @p columns (0: the default).
    static int columnsFor(int panels, int columns);
    /// The smallest figure, in millimetres, that gives @p panels views in @p columns columns
    /// (0: the default) panels of FigureSource's smallest size at @p style's font.
    static QSizeF minimumSizeMm(int panels, int columns, const FigureStyle& style);
    /// Why @p panels views in @p columns columns do not fit @p style's size (with the smallest
    /// size that fits), or an empty string when they fit.
    static QString sizeProblem(int panels, int columns, const FigureStyle& style);
    /// The smallest figure, in millimetres, in which each of this figure's panels gets at least
    /// its FigureSource::minimumSizeEm() at @p style's font.
    QSizeF minimumSizeMm(const FigureStyle& style) const;
    /// Why this figure's panels do not fit @p style's size, or an empty string when they fit.
    QString sizeProblem(const FigureStyle& style) const;

    /// Draws the figure into @p painter over (0, 0, style.widthPt(), style.heightPt()).
    void paint(QCPPainter& painter, const FigureStyle& style);
    /// The figure as an image at the style's pixel size and resolution.
    QImage toImage(const FigureStyle& style);

    /**
     * @brief Writes the figure to @p path in @p format.
     * @return false with the reason in @p error ("PATH: ...") when the style is invalid, the
     * panels do not fit its size (sizeProblem()), a panel cannot be drawn or the file cannot be
     * written.
     */
    bool write(const QString& path, FigureFormat format, const FigureStyle& style,
               QString* error = nullptr);

private:
    std::vector<std::shared_ptr<FigureSource>> m_panels;
    int m_columns = 0;
};

} // namespace plexus::widgets
