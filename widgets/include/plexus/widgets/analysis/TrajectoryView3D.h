#pragma once

#include "plexus/widgets/analysis/AnalysisResult.h"
#include "plexus/widgets/cortex/VtkOpenGLWidget.h"

#include <QColor>
#include <QString>
#include <array>
#include <cstddef>
#include <memory>
#include <vector>
#include <vtkSmartPointer.h>

class vtkActor;
class vtkCubeAxesActor;
class vtkObject;
class vtkPolyData;
class vtkTextActor;

namespace plexus::widgets {

/**
 * @brief 3-D view (VTK) of the PCA trajectories of an AnalysisResult: PC1 x PC2 x PC3.
 *
 * Each condition is a polyline through its states in the condition's colour
 * (PlotTheme::seriesColor()), drawn as a fading trail: the colour of the oldest state keeps
 * only minimumFade() of the condition's colour (the rest is the background), the newest is the
 * full colour; states are small spheres with the same fading. A sphere marks the first state, a
 * cube the last. Cube axes around the data carry the titles "PC1 (x %)" ... with the share of
 * variance. A legend of the conditions sits in the upper right corner. Coordinates keep their true
 * proportions (the geometry of the principal subspace).
 *
 * Left drag orbits the camera around the data, middle / shift + left drag pans, right drag and
 * the wheel zoom. New results (e.g. while the simulation runs) keep the camera once the user
 * has moved it (until then the framing also follows the view's size); resetCamera() returns to
 * the default oblique view.
 *
 * setHighlighted() emphasises states (e.g. those inside the time window selected in the
 * raster): larger full-colour spheres joined by thick segments.
 *
 * Needs an OpenGL display (see VtkOpenGLWidget::isRenderingSupported()).
 */
class TrajectoryView3D : public VtkOpenGLWidget {
    Q_OBJECT

public:
    /// Creates an empty view.
    explicit TrajectoryView3D(QWidget* parent = nullptr);
    ~TrajectoryView3D() override;

    /// Shows the trajectories of @p result (nothing without one); nullptr clears.
    void setResult(std::shared_ptr<const AnalysisResult> result);
    /// The result shown (may be nullptr).
    const std::shared_ptr<const AnalysisResult>& result() const { return m_result; }

    /// Highlights state k of condition c when @p flags[c][k] is true (missing: not highlighted).
    void setHighlighted(std::vector<std::vector<bool>> flags);
    /// Number of highlighted states drawn.
    std::size_t highlightedPointCount() const { return m_highlightedCount; }

    /// Number of conditions drawn.
    std::size_t conditionCount() const { return m_conditionCount; }
    /// Number of states drawn over all conditions.
    std::size_t stateCount() const { return m_stateCount; }
    /// Title of axis @p axis (0..2), e.g. "PC1 (41.2 %)".
    QString axisTitle(int axis) const;

    /// Colour of state @p index of @p count states of a trail of @p color over @p background:
    /// index 0 is blended (1 - minimumFade()) into the background, the last is @p color.
    static QColor fadedColor(const QColor& color, const QColor& background, int index, int count);
    /// Share of the colour kept by the oldest state (0..1).
    static double minimumFade() { return 0.18; }

    /// Background and text colours (the panel follows the palette).
    void setColors(const QColor& background, const QColor& text);
    QColor backgroundColor() const { return m_background; }

    /// Frames the data from the default oblique direction and forgets user camera moves.
    void resetCamera();
    /// True once the user moved the camera (new results then keep it).
    bool isCameraUserMoved() const { return m_cameraMoved; }

    /**
     * @brief Writes the view rendered at @p scale times its size to a PNG file.
     * @return false with lastError() when the view was never shown or the file cannot be written.
     */
    bool exportPng(const QString& path, double scale = 2.0);
    /// The reason of the last failed exportPng().
    QString lastError() const { return m_lastError; }

protected:
    void prepareRender(double pixelScale) override;
    void resizeGL(int w, int h) override;

private:
    void buildScene();
    void rebuild();
    void rebuildHighlight();
    void applyColors();
    void onInteraction(vtkObject* caller, unsigned long eventId, void* callData);

    std::shared_ptr<const AnalysisResult> m_result;
    std::vector<std::vector<bool>> m_flags;
    std::size_t m_highlightedCount = 0;
    std::size_t m_conditionCount = 0;
    std::size_t m_stateCount = 0;
    double m_extent = 1.0;
    std::array<double, 6> m_axisBounds{0.0, 1.0, 0.0, 1.0, 0.0, 1.0};
    bool m_cameraMoved = false;
    QColor m_background{Qt::white};
    QColor m_text{QColor(0x22, 0x22, 0x22)};
    QString m_titles[3];
    QString m_lastError;

    vtkSmartPointer<vtkPolyData> m_trail;
    vtkSmartPointer<vtkActor> m_trailActor;
    vtkSmartPointer<vtkActor> m_stateActor;
    vtkSmartPointer<vtkPolyData> m_highlight;
    vtkSmartPointer<vtkActor> m_highlightActor;
    vtkSmartPointer<vtkActor> m_highlightLineActor;
    vtkSmartPointer<vtkPolyData> m_markers;
    vtkSmartPointer<vtkActor> m_markerActor;
    vtkSmartPointer<vtkCubeAxesActor> m_axes;
    vtkSmartPointer<vtkTextActor> m_message;
    std::vector<vtkSmartPointer<vtkTextActor>> m_legend;
};

} // namespace plexus::widgets
