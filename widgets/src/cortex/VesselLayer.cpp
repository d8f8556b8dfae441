#include "VesselLayer.h"

#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkFloatArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTubeFilter.h>

namespace plexus::widgets {

VesselLayer::VesselLayer(vtkRenderer* renderer)
    : m_renderer(renderer) {}

VesselLayer::~VesselLayer() = default;

void VesselLayer::setVessels(const geometry::VesselGraph& vessels) {
    m_vessels = vessels;
    if (m_actor == nullptr) {
        m_lines = vtkSmartPointer<vtkPolyData>::New();
        auto tubes = vtkSmartPointer<vtkTubeFilter>::New();
        tubes->SetInputData(m_lines);
        tubes->SetNumberOfSides(10);
        tubes->SetVaryRadiusToVaryRadiusByAbsoluteScalar();
        tubes->CappingOn();
        auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
        mapper->SetInputConnection(tubes->GetOutputPort());
        mapper->ScalarVisibilityOff();
        m_actor = vtkSmartPointer<vtkActor>::New();
        m_actor->SetMapper(mapper);
        m_actor->GetProperty()->SetColor(0.75, 0.1, 0.1);
        m_actor->PickableOff();
        m_renderer->AddActor(m_actor);
    }
    // Every edge is its own two-point line so that its radius stays constant along it.
    auto points = vtkSmartPointer<vtkPoints>::New();
    auto lines = vtkSmartPointer<vtkCellArray>::New();
    auto radii = vtkSmartPointer<vtkFloatArray>::New();
    radii->SetName("radius");
    for (const auto& edge : vessels.edges()) {
        const auto& a = vessels.nodes()[static_cast<std::size_t>(edge.from)];
        const auto& b = vessels.nodes()[static_cast<std::size_t>(edge.to)];
        const vtkIdType ids[2] = {points->InsertNextPoint(a.x(), a.y(), a.z()),
                                  points->InsertNextPoint(b.x(), b.y(), b.z())};
        radii->InsertNextValue(static_cast<float>(edge.radiusMm));
        radii->InsertNextValue(static_cast<float>(edge.radiusMm));
        lines->InsertNextCell(2, ids);
    }
    m_lines->Initialize();
    m_lines->SetPoints(points);
    m_lines->SetLines(lines);
    m_lines->GetPointData()->SetScalars(radii);
    m_lines->Modified();
    m_actor->SetVisibility(vessels.edgeCount() > 0);
}

} // namespace plexus::widgets
