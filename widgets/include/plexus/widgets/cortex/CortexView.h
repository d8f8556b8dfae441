#pragma once

#include "plexus/geometry/probes/ElectrodeArray.h"
#include "plexus/geometry/surface/SurfaceMesh.h"
#include "plexus/geometry/vessels/VesselGraph.h"
#include "plexus/widgets/cortex/VtkOpenGLWidget.h"

#include <QColor>
#include <QRect>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QVector3D>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

class vtkObject;

namespace plexus::widgets {

class ColorLegendOverlay;
class CortexCamera;
class CortexSurfaceLayer;
class ElectrodeLayer;
class NeuronLayer;
class OrientationAxesOverlay;
class ScaleBarOverlay;
class VesselLayer;

/**
 * @brief 3-D view of a cortical surface (pial, optionally white) with neurons as points.
 *
 * Starts with the procedural folded cortex (geometry::FoldedCortex, seed 1), coloured by
 * curvature. Left drag orbits, middle or shift + left drag pans, right drag and the wheel
 * zoom; a click (press and release without dragging) picks the surface vertex under the
 * cursor and emits vertexPicked(). Shows orientation axes (R, A, S) in the lower left corner,
 * a scale bar (a round length at the focal point, on a light plate so that it reads over the
 * surface) in the lower right and a colour legend of the neurons (populations or activity) in
 * the upper right. Overlay text is overlayTextPixels() high on screen and grows with export
 * scales (renderImageWithText() sets it for print). Coordinates are millimetres, RAS.
 *
 * Neurons are points with per-point RGBA colours (setNeuronPositions(), then
 * setNeuronColors() or setNeuronValues() as often as needed, e.g. from a GUI timer), drawn as
 * shaded sphere impostors; while the camera moves, sets above neuronLodThreshold() points
 * draw an even subset as flat points so that 10^5..10^6 neurons stay interactive.
 */
class CortexView : public VtkOpenGLWidget {
    Q_OBJECT

public:
    /// Camera positions relative to the hemisphere (lateral/medial follow its side).
    enum class CameraPreset { Lateral, Medial, Dorsal, Ventral, Anterior, Posterior };
    /// What colours the surfaces.
    enum class Coloring { Curvature, SulcalDepth, Thickness, Solid };

    /// Creates the view showing the default procedural cortex.
    explicit CortexView(QWidget* parent = nullptr);
    ~CortexView() override;

    // --- Surfaces ------------------------------------------------------------------------

    /// Shows the procedural folded cortex generated with @p seed (pial and white surfaces).
    void showDefaultCortex(std::uint64_t seed = 1);
    /**
     * @brief Shows @p pial (and @p white, when given) under the display name @p name.
     * Missing "curv"/"sulc" scalars and normals are computed. The camera is reset.
     */
    void setSurfaces(geometry::SurfaceMesh pial, std::optional<geometry::SurfaceMesh> white = {},
                     const QString& name = QString());
    /**
     * @brief Loads a surface file (FreeSurfer, GIfTI, OBJ, PLY, STL, VTK, VTP). A FreeSurfer
     * pial surface brings its white surface along when lh.white / rh.white sits next to it.
     * @return false on failure, with the reason in lastError(); the view keeps its surface.
     */
    bool loadSurface(const QString& path);
    /// The reason of the last failed loadSurface() or exportPng().
    QString lastError() const { return m_lastError; }
    /// Non-fatal problems of the last loadSurface() (e.g. an unusable curvature file).
    QStringList lastWarnings() const { return m_lastWarnings; }

    /// The shown pial (outer) surface.
    const geometry::SurfaceMesh& pialSurface() const;
    /// The white surface, if any.
    const std::optional<geometry::SurfaceMesh>& whiteSurface() const;
    /// Display name of the surface ("Procedural cortex (seed 1)" or the file name).
    QString surfaceName() const { return m_surfaceName; }
    /// True when the surface lies at x < 0 (left hemisphere); lateral views look from -x.
    bool isLeftHemisphere() const;

    /// Colours the surfaces by @p coloring (falls back to Solid when the scalar is missing).
    void setColoring(Coloring coloring);
    Coloring coloring() const;
    /// Shows or hides the white surface; while shown, the pial surface is translucent.
    void setWhiteSurfaceVisible(bool visible);
    bool isWhiteSurfaceVisible() const;
    /// Shows or hides the pial surface.
    void setPialSurfaceVisible(bool visible);
    bool isPialSurfaceVisible() const;
    /// Background colour of the view (and of exported images).
    void setBackgroundColor(const QColor& color);
    QColor backgroundColor() const { return m_background; }

    // --- Camera --------------------------------------------------------------------------

    /// Looks at the surface from @p preset, framing it. Until the user moves the camera, the
    /// framing follows the view's size.
    void setCameraPreset(CameraPreset preset);
    /// The lateral preset.
    void resetCamera();
    /**
     * @brief Moves the camera towards @p center (mm), keeping its view direction, so that a
     * sphere of @p radiusMm fills the view (e.g. a patch of neurons).
     */
    void focusOn(const QVector3D& center, double radiusMm);
    /**
     * @brief Looks at a patch of cortex (e.g. neurons and electrodes) centred at @p center
     * (mm), @p radiusMm across, whose surface faces @p outward: from kPatchTiltDeg off the
     * surface normal, on the superior side, with the normal pointing up in the image, and
     * from far enough that the patch fills about half of the view's height, with the cortex
     * around it behind.
     */
    void viewPatch(const QVector3D& center, double radiusMm, const QVector3D& outward);
    /// Angle between the surface normal and the view direction of viewPatch() (degrees).
    static constexpr double kPatchTiltDeg = 50.0;
    /// Camera position, focal point and view-up (mm).
    QVector3D cameraPosition() const;
    QVector3D cameraFocalPoint() const;
    QVector3D cameraViewUp() const;

    // --- Picking, overlays, export ---------------------------------------------------------

    /**
     * @brief The surface vertex under widget position @p pos: the vertex nearest to where
     * the camera ray through @p pos first hits the white surface while it shows (else, or
     * where the ray misses it, the pial surface); nullopt over the background.
     */
    std::optional<qint64> pickVertex(const QPoint& pos) const;
    /// Surface point (mm) of the last successful pick.
    QVector3D lastPickPosition() const { return m_lastPickPosition; }

    /// Shows or hides the scale bar / the orientation axes.
    void setScaleBarVisible(bool visible);
    bool isScaleBarVisible() const;
    void setOrientationAxesVisible(bool visible);
    bool isOrientationAxesVisible() const;
    /**
     * @brief While on, a left drag does not turn the camera: it picks the vertex under the
     * cursor continuously (vertexDragged()) and the release picks the final one
     * (vertexPicked()). Used to drag electrodes over the surface.
     */
    void setDragPicking(bool on) { m_dragPicking = on; }
    bool isDragPicking() const { return m_dragPicking; }

    /// Length (mm) the scale bar showed in the last render.
    double scaleBarLengthMm() const;
    /// Text of the scale bar in the last render ("1 mm", "500 µm").
    QString scaleBarLabel() const;
    /// Height of overlay text on screen (pixels; 14).
    static constexpr double overlayTextPixels() { return 14.0; }
    /// Where the overlays of a rendered image went (pixels, y down from the image's top).
    struct OverlayLayout {
        QSize imageSize;         ///< size of the rendered image
        double textPixels = 0.0; ///< height of the overlay text
        QRect scaleBarPlate;     ///< plate behind the scale bar and its label (empty: none)
        QRect legendPlate;       ///< plate behind the colour legend (empty: none)
    };
    /// The overlays of the last render on screen.
    const OverlayLayout& overlayLayout() const { return m_overlay; }
    /// The overlays of the last image rendered off screen (renderImage(), exportPng()).
    const OverlayLayout& exportOverlayLayout() const { return m_exportOverlay; }

    /**
     * @brief Writes the view rendered at @p scale times its pixel size to a PNG file.
     * Text, lines and points grow with the scale. @return false with lastError() on failure.
     */
    bool exportPng(const QString& path, double scale = 2.0);
    /**
     * @brief renderImage() at @p scale with overlay text (scale bar, legend) @p textPixels
     * high in the image, e.g. a figure's font size at its resolution, so that the text
     * reads at the size the image is printed; lines and plates follow the text.
     */
    QImage renderImageWithText(double scale, double textPixels);

    // --- Neurons -------------------------------------------------------------------------

    /**
     * @brief Places neurons: @p xyz holds x, y, z (mm) per neuron. Colours reset to a
     * uniform blue until setNeuronColors() / setNeuronValues(). An empty span removes them.
     */
    void setNeuronPositions(std::span<const float> xyz);
    /// Sets RGBA colours, 4 bytes per neuron; ignored (false) when the size does not match.
    bool setNeuronColors(std::span<const std::uint8_t> rgba);
    /**
     * @brief Colours neurons by @p values through activityColor() (pale grey-blue through
     * orange to dark red) between @p low and @p high; false when the size does not match.
     */
    bool setNeuronValues(std::span<const float> values, float low, float high);
    /// The colour of activity @p t (0 = low, 1 = high) in setNeuronValues() and the legend.
    static QColor activityColor(double t);

    /// A population in the colour legend.
    struct LegendEntry {
        QString name;
        QColor color;
    };
    /**
     * @brief Shows the colour bar of setNeuronValues() in the upper right: @p title above a
     * bar from activityColor(0) at @p low to activityColor(1) at @p high, labelled at both
     * ends and in the middle (e.g. "Rate (Hz), last 50 ms", 0 to 40).
     */
    void setActivityLegend(const QString& title, double low, double high);
    /// Shows a swatch and the name of each population in the upper right.
    void setPopulationLegend(const std::vector<LegendEntry>& entries);
    /// Removes the legend.
    void clearLegend();
    /// What the legend shows.
    enum class Legend { None, Activity, Populations };
    Legend legend() const;
    /// Title, range and tick labels of the activity legend (Legend::Activity).
    QString legendTitle() const;
    double legendLow() const;
    double legendHigh() const;
    QStringList legendLabels() const;
    /// Entries of the population legend (Legend::Populations).
    const std::vector<LegendEntry>& legendEntries() const;

    /// Removes every neuron.
    void clearNeurons();
    /// Number of neurons shown.
    qint64 neuronCount() const;
    /// Diameter of a neuron in screen pixels (default 5).
    void setNeuronPointSize(double pixels);
    double neuronPointSize() const;
    /// Neuron count above which camera motion draws a subset (default 50000).
    void setNeuronLodThreshold(qint64 count);
    qint64 neuronLodThreshold() const;
    /// Number of neurons drawn in the last render (all, or the subset while interacting).
    qint64 neuronsDrawn() const;
    /**
     * @brief Highlights neurons @p indices (into the positions of setNeuronPositions()):
     * they are drawn again as larger spheres (highlightScale() times the neuron size) in
     * @p color on top of the ordinary points. Out-of-range indices are ignored; an empty list
     * removes the highlight. setNeuronPositions() clears it.
     */
    void setHighlightedNeurons(const std::vector<qint64>& indices,
                               const QColor& color = QColor(0, 215, 255));
    /// The highlighted neurons (valid indices, as given).
    const std::vector<qint64>& highlightedNeurons() const;
    /// Size of highlighted neurons relative to the neuron size (2.2).
    static constexpr double highlightScale() { return 2.2; }

    // --- Electrodes ------------------------------------------------------------------------

    /// The usual colour of electrode contacts (cyan: apart from the population and activity
    /// colours of the neurons).
    static QColor contactColor() { return QColor(0, 200, 230); }
    /**
     * @brief Shows @p arrays: every contact as a sphere (default contactColor(); @p contactRgba
     * gives 4 bytes per contact, arrays one after the other, e.g. red for contacts near a vessel)
     * and every shank as a dark line. An empty list removes them.
     */
    void setElectrodes(const std::vector<geometry::ElectrodeArray>& arrays,
                       std::span<const std::uint8_t> contactRgba = {});
    /// The electrodes shown.
    const std::vector<geometry::ElectrodeArray>& electrodes() const;

    // --- Vessels ---------------------------------------------------------------------------

    /// Shows @p vessels as red tubes (radius per edge); an empty graph removes them.
    void setVessels(const geometry::VesselGraph& vessels);
    /// The vessels shown.
    const geometry::VesselGraph& vessels() const;

Q_SIGNALS:
    /// A click picked vertex @p vertex at @p position (mm) of the shown surface (with drag
    /// picking on: also the end of a drag).
    void vertexPicked(qint64 vertex, QVector3D position);
    /// With drag picking on: the left button is held and the cursor is over vertex @p vertex.
    void vertexDragged(qint64 vertex, QVector3D position);
    /// The shown surface changed (setSurfaces(), loadSurface(), showDefaultCortex()).
    void surfaceChanged();

protected:
    void prepareRender(double pixelScale) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void onInteraction(vtkObject* caller, unsigned long eventId, void* callData);
    /// The view's width over its height (1 while it has no height).
    double aspectRatio() const;

    // The scene, one layer per kind of content; the order of construction is the order in
    // which their actors join the renderer.
    std::unique_ptr<CortexSurfaceLayer> m_surfaces;
    std::unique_ptr<OrientationAxesOverlay> m_axes;
    std::unique_ptr<ScaleBarOverlay> m_scaleBar;
    std::unique_ptr<ColorLegendOverlay> m_legend;
    std::unique_ptr<NeuronLayer> m_neurons;
    std::unique_ptr<ElectrodeLayer> m_electrodes;
    std::unique_ptr<VesselLayer> m_vessels;
    std::unique_ptr<CortexCamera> m_camera;

    QString m_surfaceName;
    QColor m_background = Qt::white;
    QString m_lastError;
    QStringList m_lastWarnings;
    mutable QVector3D m_lastPickPosition;
    double m_textPixelsOverride = 0.0; // renderImageWithText()
    OverlayLayout m_overlay;
    OverlayLayout m_exportOverlay;

    QPoint m_pressPos;
    bool m_leftPressed = false;
    bool m_dragPicking = false;
};

} // namespace plexus::widgets
