#include "CortexOverlayDrawing.h"

#include <QPoint>
#include <cmath>
#include <string>
#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkRenderWindow.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkTextRenderer.h>

namespace plexus::widgets::overlay {

vtkSmartPointer<vtkActor2D> makePlate(vtkSmartPointer<vtkPoints>& points) {
    points = vtkSmartPointer<vtkPoints>::New();
    points->SetNumberOfPoints(4);
    vtkNew<vtkCellArray> quad;
    const vtkIdType corners[4] = {0, 1, 2, 3};
    quad->InsertNextCell(4, corners);
    vtkNew<vtkPolyData> data;
    data->SetPoints(points);
    data->SetPolys(quad);
    vtkNew<vtkPolyDataMapper2D> mapper;
    mapper->SetInputData(data);
    auto actor = vtkSmartPointer<vtkActor2D>::New();
    actor->SetMapper(mapper);
    // Light and mostly opaque: dark text reads over any surface colour.
    actor->GetProperty()->SetColor(1.0, 1.0, 1.0);
    actor->GetProperty()->SetOpacity(0.85);
    return actor;
}

void setRectangle(vtkPoints* points, double x0, double y0, double x1, double y1) {
    points->SetPoint(0, x0, y0, 0.0);
    points->SetPoint(1, x1, y0, 0.0);
    points->SetPoint(2, x1, y1, 0.0);
    points->SetPoint(3, x0, y1, 0.0);
    points->Modified();
}

void styleText(vtkTextActor* text, double pixels) {
    vtkTextProperty* property = text->GetTextProperty();
    property->SetFontFamilyToArial();
    property->SetFontSize(static_cast<int>(std::lround(pixels)));
    property->SetColor(0.1, 0.1, 0.12);
    property->ShadowOff();
    property->BoldOff();
    property->ItalicOff();
}

QSizeF textSize(vtkTextActor* text, vtkRenderWindow* window) {
    int box[4] = {0, 0, 0, 0};
    const char* input = text->GetInput();
    if (input == nullptr ||
        !vtkTextRenderer::GetInstance()->GetBoundingBox(text->GetTextProperty(), std::string(input),
                                                        box, window->GetDPI())) {
        return {};
    }
    return {static_cast<double>(box[1] - box[0] + 1), static_cast<double>(box[3] - box[2] + 1)};
}

QRect imageRect(double x0, double y0, double x1, double y1, double height) {
    return QRect(
        QPoint(static_cast<int>(std::floor(x0)), static_cast<int>(std::floor(height - y1))),
        QPoint(static_cast<int>(std::ceil(x1)) - 1, static_cast<int>(std::ceil(height - y0)) - 1));
}

} // namespace plexus::widgets::overlay
