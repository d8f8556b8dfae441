#pragma once

#include <QRect>
#include <QString>
#include <vtkSmartPointer.h>

class vtkActor2D;
class vtkPoints;
class vtkRenderer;
class vtkRenderWindow;
class vtkTextActor;

namespace plexus::widgets {

/**
 * @brief The scale bar of a CortexView: a bar with end ticks of a round length at the focal
 * point and its label, on a light plate in the lower right corner.
 */
class ScaleBarOverlay {
public:
    /// Adds the plate, the bar and the label to @p renderer.
    explicit ScaleBarOverlay(vtkRenderer* renderer);
    ~ScaleBarOverlay();
    ScaleBarOverlay(const ScaleBarOverlay&) = delete;
    ScaleBarOverlay& operator=(const ScaleBarOverlay&) = delete;

    void setVisible(bool visible) { m_visible = visible; }
    bool isVisible() const { return m_visible; }
    /**
     * @brief Places the bar for the renderer's camera in @p window with text @p textPixels
     * high. @return its plate (y down from the image's top); empty when it is hidden.
     */
    QRect update(vtkRenderWindow* window, double textPixels);
    /// Length (mm) and label of the last update().
    double lengthMm() const { return m_lengthMm; }
    QString label() const { return m_label; }
    /// Sets the bar's ink (it sits on a light plate: dark).
    void setInk(double red, double green, double blue);

private:
    vtkRenderer* m_renderer;
    vtkSmartPointer<vtkPoints> m_points;
    vtkSmartPointer<vtkActor2D> m_actor;
    vtkSmartPointer<vtkTextActor> m_text;
    vtkSmartPointer<vtkPoints> m_platePoints;
    vtkSmartPointer<vtkActor2D> m_plateActor;
    bool m_visible = true;
    double m_lengthMm = 0.0;
    QString m_label;
};

} // namespace plexus::widgets
