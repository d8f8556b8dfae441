#pragma once

#include "plexus/widgets/live/LivePlot.h"
#include "plexus/widgets/live/LiveRecording.h"
#include "plexus/widgets/live/RasterSelection.h"

#include <QColor>
#include <QImage>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace plexus::widgets {

class PainterLayerable;

/**
 * @brief Spike raster of every population of a LiveRecording, stacked vertically.
 *
 * Each population gets a horizontal band (labelled with its name on the y axis, first
 * population at the top) in which neuron n of a population of size N sits at fraction
 * (n + 0.5) / N of the band's height; bands are proportional to the population sizes, but no
 * band is thinner than minimumBandShare() of the total so small populations stay visible.
 * Every population has its colour from PlotTheme::seriesColor().
 *
 * Level of detail: while the spikes in the time window are at most densityThreshold() and
 * every band has at least one pixel row per neuron, each spike is drawn as a dot. Otherwise the
 * spikes are counted per pixel cell and drawn as a density image whose intensity grows with
 * the count (log scale, normalised per population). Either way the work is linear in the
 * spikes in the window (found by binary search) plus the pixels of the plot.
 *
 * A run of a protocol shows its trials (LiveRecording::trials()): every trial window is a
 * shaded band (alternating two light shades) with a thin strip along the top in its
 * condition's colour (PlotTheme::conditionColor()), and a small legend in the top-left corner
 * names the conditions (in a figure: entries of the legend below the axes). Perturbations
 * applied during the run (LiveRecording::perturbations()) are red bars along the time axis.
 *
 * Clicking on a spike or on a neuron's row emits neuronPicked(): the nearest spike within a
 * few pixels wins, else the neuron whose row is under the cursor.
 *
 * Shift-dragging selects a time window: when the drag stays within one population's band the
 * neurons of the rows it covers are selected too, otherwise the window holds all neurons. The
 * selection is drawn as a translucent box and emitted by selectionChanged() on release; a
 * shift-click without dragging clears it (and emits an empty selection). Plain drags still pan.
 */
class RasterPlot : public LivePlot {
    Q_OBJECT

public:
    /// How the last redraw showed the spikes.
    enum class RenderMode {
        Empty,  ///< nothing to draw (no recording, no populations or no room)
        Dots,   ///< one dot per spike
        Density ///< counts per pixel cell
    };

    /// What the last redraw drew; for tests, benchmarks and the status bar.
    struct RenderStats {
        RenderMode mode = RenderMode::Empty;
        std::uint64_t spikesInWindow = 0; ///< spikes with a time in the shown time range
        std::uint64_t dotsDrawn = 0;      ///< Dots: spikes drawn as dots
        std::uint64_t densityTotal = 0;   ///< Density: sum of the counts of all pixel cells
        int cellColumns = 0;              ///< Density: cells per row (pixels of the plot width)
        int cellRows = 0;                 ///< Density: rows of cells (pixels of the plot height)
        double renderMs = 0.0;            ///< time spent counting and colouring the spikes
    };

    /// A trial window as the raster shows it.
    struct TrialBand {
        double startMs = 0.0;
        double endMs = 0.0;
        int condition = 0;
        QColor color;        ///< the strip: PlotTheme::conditionColor(condition)
        bool darker = false; ///< which of the two alternating shades its band gets
    };

    /// Creates an empty raster.
    explicit RasterPlot(QWidget* parent = nullptr);
    ~RasterPlot() override;

    /// Spikes in the window above which the density image is drawn (default 20000).
    void setDensityThreshold(std::uint64_t spikes);
    std::uint64_t densityThreshold() const { return m_densityThreshold; }

    /// Smallest band height as a share of the total (default 0.04).
    double minimumBandShare() const { return m_minimumBandShare; }
    void setMinimumBandShare(double share);

    /// What the last redraw drew.
    const RenderStats& renderStats() const { return m_stats; }
    /// Counts per pixel cell of the last density image, column-major: the count of column c,
    /// row r is at [c * cellRows + r].
    const std::vector<std::uint32_t>& densityCounts() const { return m_counts; }

    /// The trial bands that overlap the shown time range (in time order).
    std::vector<TrialBand> trialBands() const;
    /// The condition legend: names and colours of the run's conditions (empty without trials).
    std::vector<std::pair<QString, QColor>> conditionLegend() const;
    /// Perturbation marks that overlap the shown time range.
    std::vector<LiveRecording::PerturbationMark> visiblePerturbations() const;

    /// Mean rate (Hz) of @p population over the shown time range up to the current time, as of
    /// the last redraw (shown beside its band).
    double bandRateHz(std::size_t population) const;

    /// The y coordinate (axis units) of the top of @p population's band and its height.
    std::pair<double, double> band(std::size_t population) const;

    /// Widget pixel position of neuron @p neuron of @p population at @p timeMs.
    QPointF pixelOf(std::size_t population, std::int32_t neuron, double timeMs) const;

    /// Population and neuron whose row is at widget position @p pos (none outside all bands).
    std::optional<std::pair<std::size_t, std::int32_t>> neuronAt(const QPointF& pos) const;

    /// The current selection (empty when there is none).
    const RasterSelection& selection() const { return m_selection; }
    /// Shows @p selection (e.g. restored or set by another view); does not emit
    /// selectionChanged().
    void setSelection(const RasterSelection& selection);
    /// Removes the selection; does not emit selectionChanged().
    void clearSelection();
    /**
     * @brief The selection a shift-drag from widget position @p from to @p to makes: the time
     *        window between them and, when both lie in the same population's band, the neurons
     *        of the rows between them.
     */
    RasterSelection selectionBetween(const QPointF& from, const QPointF& to) const;

Q_SIGNALS:
    /// The user clicked on neuron @p neuron of population @p population (or one of its spikes).
    void neuronPicked(std::size_t population, std::int32_t neuron);
    /// The user selected @p selection by shift-dragging (empty: a shift-click cleared it).
    void selectionChanged(const plexus::widgets::RasterSelection& selection);

public:
    /// In a figure: every axis labelled and the bands' rates and sizes in a legend below the
    /// axes instead of beside them; the spike image at the figure's resolution.
    void beginFigure(const QSize& size, const QFont& font, double pixelRatio) override;
    void endFigure() override;

protected:
    void updateContent() override;
    QString readout(QCPAxisRect* rect, double timeMs, double value) const override;
    void applyTheme() override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    /// Cache key of the spike image: it is rebuilt only when one of these changed.
    struct ImageKey {
        const LiveRecording* recording = nullptr;
        std::uint64_t revision = 0;
        double lower = 0.0;
        double upper = 0.0;
        QRect rect;
        double scale = 1.0; ///< image pixels per layout pixel
        std::uint64_t threshold = 0;
        QRgb base = 0;
        bool operator==(const ImageKey&) const = default;
    };

    void layoutBands();
    QColor bandColor(std::size_t population) const;
    void drawSpikes(QCPPainter* painter);
    void drawBandLabels(QCPPainter* painter);
    void renderImage(const QRect& rect, double scale);
    /// "12.3 Hz" and, when @p withSize, "3,200 neurons" of band @p population.
    QString bandLabel(std::size_t population, const QString& separator, bool withSize) const;
    void drawVectorDots(QCPPainter* painter, const QRect& rect);
    std::optional<std::pair<std::size_t, std::int32_t>> pick(const QPointF& pos) const;
    std::optional<std::pair<std::size_t, std::int32_t>> neuronAtValue(double y) const;
    void drawSelection(QCPPainter* painter);
    void drawTrialBands(QCPPainter* painter, const QRect& rect);
    void drawTrialMarks(QCPPainter* painter);
    void replotSelection();

    PainterLayerable* m_layer = nullptr;
    PainterLayerable* m_sideLayer = nullptr;
    std::uint64_t m_densityThreshold = 20000;
    double m_minimumBandShare = 0.04;

    // Band layout (y axis units; the y axis is reversed so 0 is at the top).
    std::uint64_t m_layoutGeneration = 0;
    const LiveRecording* m_layoutRecording = nullptr;
    std::vector<std::size_t> m_bandSizes;
    std::vector<double> m_bandTop;
    std::vector<double> m_bandHeight;
    double m_totalHeight = 1.0;
    std::vector<double> m_bandRatesHz;

    RenderStats m_stats;
    std::vector<std::uint32_t> m_counts;
    QImage m_image;
    ImageKey m_imageKey;
    bool m_imageValid = false;
    QPointer<QCPLegend> m_figureLegend; ///< the bands' legend while in a figure

    QPoint m_pressPos;
    bool m_pressed = false;

    PainterLayerable* m_selectionLayer = nullptr;
    PainterLayerable* m_trialLayer = nullptr;
    RasterSelection m_selection;
    bool m_selecting = false; ///< a shift-drag is in progress
    QPointF m_selectFrom;
};

} // namespace plexus::widgets
