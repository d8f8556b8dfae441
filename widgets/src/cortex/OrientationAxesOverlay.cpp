#include "OrientationAxesOverlay.h"

#include <vtkAxesActor.h>
#include <vtkCaptionActor2D.h>
#include <vtkOrientationMarkerWidget.h>
#include <vtkRenderWindowInteractor.h>
#include <vtkTextProperty.h>

namespace plexus::widgets {

OrientationAxesOverlay::OrientationAxesOverlay(vtkRenderWindowInteractor* interactor) {
    // x right, y anterior, z superior.
    m_axes = vtkSmartPointer<vtkAxesActor>::New();
    m_axes->SetXAxisLabelText("R");
    m_axes->SetYAxisLabelText("A");
    m_axes->SetZAxisLabelText("S");
    m_axes->SetShaftTypeToCylinder();
    m_axes->SetCylinderRadius(0.04);
    m_axes->SetConeRadius(0.5);
    m_axes->SetTotalLength(1.0, 1.0, 1.0);
    for (vtkCaptionActor2D* caption :
         {m_axes->GetXAxisCaptionActor2D(), m_axes->GetYAxisCaptionActor2D(),
          m_axes->GetZAxisCaptionActor2D()}) {
        vtkTextProperty* text = caption->GetCaptionTextProperty();
        text->SetColor(0.15, 0.15, 0.15);
        text->ShadowOff();
        text->ItalicOff();
        text->BoldOn();
    }
    m_widget = vtkSmartPointer<vtkOrientationMarkerWidget>::New();
    m_widget->SetOrientationMarker(m_axes);
    m_widget->SetInteractor(interactor);
    m_widget->SetViewport(0.0, 0.0, 0.16, 0.16 * 1.4);
    m_widget->SetEnabled(1);
    m_widget->InteractiveOff();
}

OrientationAxesOverlay::~OrientationAxesOverlay() {
    if (m_widget != nullptr) {
        m_widget->SetEnabled(0);
    }
}

void OrientationAxesOverlay::setVisible(bool visible) {
    m_visible = visible;
    m_widget->SetEnabled(visible ? 1 : 0);
    if (visible) {
        m_widget->InteractiveOff();
    }
}

void OrientationAxesOverlay::setInk(double grey) {
    for (vtkCaptionActor2D* caption :
         {m_axes->GetXAxisCaptionActor2D(), m_axes->GetYAxisCaptionActor2D(),
          m_axes->GetZAxisCaptionActor2D()}) {
        caption->GetCaptionTextProperty()->SetColor(grey, grey, grey);
    }
}

} // namespace plexus::widgets
