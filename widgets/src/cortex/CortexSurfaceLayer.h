#pragma once

#include "plexus/geometry/surface/SurfaceMesh.h"
#include "plexus/widgets/cortex/CortexView.h"

#include <QPoint>
#include <QVector3D>
#include <optional>
#include <vtkSmartPointer.h>

class vtkActor;
class vtkCellPicker;
class vtkLookupTable;
class vtkPolyData;
class vtkRenderer;
class vtkStaticCellLocator;

namespace plexus::widgets {

/**
 * @brief The cortical surfaces of a CortexView: the pial surface and, optionally, the white
 * surface, each a shaded VTK actor coloured by a surface scalar, and picking on them.
 *
 * Owns the meshes (with normals and the standard scalars added), their polydata, actors,
 * lookup tables and cell locators. While the white surface shows, the pial surface is
 * translucent and the renderer peels depth. The layer never renders; its view does.
 */
class CortexSurfaceLayer {
public:
    /// Adds the (empty) surface actors to @p renderer.
    explicit CortexSurfaceLayer(vtkRenderer* renderer);
    ~CortexSurfaceLayer();
    CortexSurfaceLayer(const CortexSurfaceLayer&) = delete;
    CortexSurfaceLayer& operator=(const CortexSurfaceLayer&) = delete;

    /// Shows @p pial (and @p white, when given); missing normals and scalars are computed.
    void setSurfaces(geometry::SurfaceMesh pial, std::optional<geometry::SurfaceMesh> white);
    const geometry::SurfaceMesh& pial() const { return m_pial; }
    const std::optional<geometry::SurfaceMesh>& white() const { return m_white; }
    /// True when the pial surface's centroid lies at x <= 0.
    bool isLeftHemisphere() const { return m_leftHemisphere; }

    /// Colours both surfaces by @p coloring (Solid where the scalar is missing).
    void setColoring(CortexView::Coloring coloring);
    CortexView::Coloring coloring() const { return m_coloring; }
    /// Shows the white surface (when there is one) behind a translucent pial surface.
    void setWhiteVisible(bool visible);
    bool isWhiteVisible() const { return m_whiteVisible; }
    void setPialVisible(bool visible);
    bool isPialVisible() const { return m_pialVisible; }

    /**
     * @brief The vertex nearest to where the ray through display position @p display first
     * hits the white surface while it shows, else the pial surface; @p position receives the
     * hit point (mm). nullopt over the background.
     */
    std::optional<qint64> pickVertex(const QPoint& display, QVector3D* position) const;

private:
    void updateActors();
    void applyColoring();

    vtkRenderer* m_renderer;
    geometry::SurfaceMesh m_pial;
    std::optional<geometry::SurfaceMesh> m_white;
    bool m_leftHemisphere = true;
    CortexView::Coloring m_coloring = CortexView::Coloring::Curvature;
    bool m_whiteVisible = false;
    bool m_pialVisible = true;

    vtkSmartPointer<vtkPolyData> m_pialData;
    vtkSmartPointer<vtkPolyData> m_whiteData;
    vtkSmartPointer<vtkActor> m_pialActor;
    vtkSmartPointer<vtkActor> m_whiteActor;
    vtkSmartPointer<vtkLookupTable> m_greyTable;
    vtkSmartPointer<vtkLookupTable> m_thicknessTable;
    vtkSmartPointer<vtkCellPicker> m_picker;
    vtkSmartPointer<vtkStaticCellLocator> m_pialLocator;
    vtkSmartPointer<vtkStaticCellLocator> m_whiteLocator;
};

} // namespace plexus::widgets
