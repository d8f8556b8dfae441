#include "ScaleBarOverlay.h"

#include "CortexOverlayDrawing.h"
#include "plexus/widgets/cortex/CortexView.h"

#include <algorithm>
#include <cmath>
#include <vtkActor2D.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

namespace plexus::widgets {

namespace {

/// 1, 2 or 5 times a power of ten, at most @p value.
double niceLength(double value) {
    if (!(value > 0.0)) {
        return 0.0;
    }
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (const double m : {5.0, 2.0, 1.0}) {
        if (m * power <= value) {
            return m * power;
        }
    }
    return power;
}

QString lengthLabel(double mm) {
    if (mm >= 10.0 || mm == std::floor(mm)) {
        return QStringLiteral("%1 mm").arg(mm, 0, 'f', 0);
    }
    if (mm >= 1.0) {
        return QStringLiteral("%1 mm").arg(mm, 0, 'g', 2);
    }
    return QStringLiteral("%1 µm").arg(mm * 1000.0, 0, 'f', 0);
}

} // namespace

ScaleBarOverlay::ScaleBarOverlay(vtkRenderer* renderer)
    : m_renderer(renderer) {
    // A bar with end ticks on a plate (display coordinates, placed in update()).
    m_plateActor = overlay::makePlate(m_platePoints);
    m_renderer->AddActor2D(m_plateActor);
    m_points = vtkSmartPointer<vtkPoints>::New();
    m_points->SetNumberOfPoints(6);
    vtkNew<vtkCellArray> lines;
    const vtkIdType segments[3][2] = {{0, 1}, {2, 3}, {4, 5}};
    for (const auto& segment : segments) {
        lines->InsertNextCell(2, segment);
    }
    vtkNew<vtkPolyData> bar;
    bar->SetPoints(m_points);
    bar->SetLines(lines);
    vtkNew<vtkPolyDataMapper2D> barMapper;
    barMapper->SetInputData(bar);
    m_actor = vtkSmartPointer<vtkActor2D>::New();
    m_actor->SetMapper(barMapper);
    m_renderer->AddActor2D(m_actor);
    m_text = vtkSmartPointer<vtkTextActor>::New();
    m_text->GetTextProperty()->SetJustificationToCentered();
    m_text->GetTextProperty()->SetVerticalJustificationToBottom();
    overlay::styleText(m_text, CortexView::overlayTextPixels());
    m_renderer->AddActor2D(m_text);
}

ScaleBarOverlay::~ScaleBarOverlay() = default;

void ScaleBarOverlay::setInk(double red, double green, double blue) {
    m_actor->GetProperty()->SetColor(red, green, blue);
}

QRect ScaleBarOverlay::update(vtkRenderWindow* window, double textPixels) {
    const int* size = window->GetSize();
    const double w = size[0];
    const double h = size[1];
    vtkCamera* camera = m_renderer->GetActiveCamera();
    const double viewHeightMm =
        camera->GetParallelProjection() != 0
            ? 2.0 * camera->GetParallelScale()
            : 2.0 * camera->GetDistance() * std::tan(0.5 * camera->GetViewAngle() * M_PI / 180.0);
    // Lines and gaps follow the text.
    const double scale = textPixels / CortexView::overlayTextPixels();
    const double mmPerPixel = h > 0 ? viewHeightMm / h : 0.0;
    m_lengthMm = niceLength(mmPerPixel * 110.0 * scale);
    const bool show = m_visible && m_lengthMm > 0.0 && w > 0 && h > 0;
    m_actor->SetVisibility(show);
    m_text->SetVisibility(show);
    m_plateActor->SetVisibility(show);
    if (!show) {
        m_label.clear();
        return {};
    }
    m_label = lengthLabel(m_lengthMm);
    const double lengthPx = m_lengthMm / mmPerPixel;
    const double margin = 14.0 * scale;
    const double pad = 0.5 * textPixels;
    const double tick = 6.0 * scale;
    overlay::styleText(m_text, textPixels);
    m_text->SetInput(m_label.toUtf8().constData());
    const QSizeF label = overlay::textSize(m_text, window);
    const double plateWidth = std::max(lengthPx, label.width()) + 2.0 * pad;
    const double x2 = w - margin - pad - 0.5 * (plateWidth - 2.0 * pad - lengthPx);
    const double x1 = x2 - lengthPx;
    const double y = margin + pad;
    m_points->SetPoint(0, x1, y, 0.0);
    m_points->SetPoint(1, x2, y, 0.0);
    m_points->SetPoint(2, x1, y, 0.0);
    m_points->SetPoint(3, x1, y + tick, 0.0);
    m_points->SetPoint(4, x2, y, 0.0);
    m_points->SetPoint(5, x2, y + tick, 0.0);
    m_points->Modified();
    m_actor->GetProperty()->SetLineWidth(static_cast<float>(2.0 * scale));
    const double textBottom = y + tick + 0.25 * textPixels;
    m_text->SetDisplayPosition(static_cast<int>(std::lround(0.5 * (x1 + x2))),
                               static_cast<int>(std::lround(textBottom)));
    const double plateLeft = w - margin - plateWidth;
    const double plateTop = textBottom + label.height() + pad;
    overlay::setRectangle(m_platePoints, plateLeft, margin, w - margin, plateTop);
    return overlay::imageRect(plateLeft, margin, w - margin, plateTop, h);
}

} // namespace plexus::widgets
