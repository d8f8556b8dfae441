#pragma once

#include "plexus/geometry/surface/SurfaceMesh.h"
#include "plexus/widgets/cortex/CortexView.h"

#include <QVector3D>

class vtkRenderer;

namespace plexus::widgets {

/**
 * @brief The camera of a CortexView: presets that frame the surface from a side of the
 * hemisphere, focusing on a sphere, looking at a patch of cortex, and whether the user moved
 * it since the last preset (then a resize keeps it where it is).
 *
 * Works on the renderer's active camera; the view renders afterwards.
 */
class CortexCamera {
public:
    explicit CortexCamera(vtkRenderer* renderer);

    /**
     * @brief Looks at @p mesh from @p preset (lateral and medial follow the hemisphere,
     * @p leftHemisphere), framing it in a view of @p aspect (width / height). An empty mesh
     * only records the preset.
     */
    void setPreset(CortexView::CameraPreset preset, const geometry::SurfaceMesh& mesh,
                   bool leftHemisphere, double aspect);
    CortexView::CameraPreset preset() const { return m_preset; }
    /// See CortexView::focusOn().
    void focusOn(const QVector3D& center, double radiusMm);
    /// See CortexView::viewPatch().
    void viewPatch(const QVector3D& center, double radiusMm, const QVector3D& outward);
    /// True when the camera moved (user or focus) since the last preset.
    bool isMoved() const { return m_moved; }
    /// Records that the user moved the camera.
    void markMoved() { m_moved = true; }

    QVector3D position() const;
    QVector3D focalPoint() const;
    QVector3D viewUp() const;

private:
    vtkRenderer* m_renderer;
    CortexView::CameraPreset m_preset = CortexView::CameraPreset::Lateral;
    bool m_moved = false;
};

} // namespace plexus::widgets
