#pragma once

#include <QRect>
#include <QSizeF>
#include <vtkSmartPointer.h>

class vtkActor2D;
class vtkPoints;
class vtkRenderWindow;
class vtkTextActor;

namespace plexus::widgets::overlay {

/// A light, mostly opaque filled rectangle in display coordinates; @p points receives its four
/// corners (set them with setRectangle() when the plate is placed).
vtkSmartPointer<vtkActor2D> makePlate(vtkSmartPointer<vtkPoints>& points);
/// Sets @p points to the rectangle [x0, x1] x [y0, y1] (display coordinates, y up).
void setRectangle(vtkPoints* points, double x0, double y0, double x1, double y1);
/// Styles @p text as dark overlay text of @p pixels height.
void styleText(vtkTextActor* text, double pixels);
/// Width and height (pixels) of @p text as it will render in @p window.
QSizeF textSize(vtkTextActor* text, vtkRenderWindow* window);
/// A display rectangle (y up, [x0, x1] x [y0, y1]) as a QRect with y down in an image
/// @p height pixels high.
QRect imageRect(double x0, double y0, double x1, double y1, double height);

} // namespace plexus::widgets::overlay
