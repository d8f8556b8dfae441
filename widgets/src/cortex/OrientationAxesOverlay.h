#pragma once

#include <vtkSmartPointer.h>

class vtkAxesActor;
class vtkOrientationMarkerWidget;
class vtkRenderWindowInteractor;

namespace plexus::widgets {

/**
 * @brief The orientation axes of a CortexView (R, A, S) in the lower left corner, turning with
 * the camera; not interactive.
 */
class OrientationAxesOverlay {
public:
    /// Shows the axes in the view of @p interactor.
    explicit OrientationAxesOverlay(vtkRenderWindowInteractor* interactor);
    /// Disables the marker widget (it observes the interactor).
    ~OrientationAxesOverlay();
    OrientationAxesOverlay(const OrientationAxesOverlay&) = delete;
    OrientationAxesOverlay& operator=(const OrientationAxesOverlay&) = delete;

    void setVisible(bool visible);
    bool isVisible() const { return m_visible; }
    /// Grey level (0..1) of the axis labels, e.g. dark over a light background.
    void setInk(double grey);

private:
    vtkSmartPointer<vtkAxesActor> m_axes;
    vtkSmartPointer<vtkOrientationMarkerWidget> m_widget;
    bool m_visible = true;
};

} // namespace plexus::widgets
