#include "ElectrodeLayer.h"

#include "plexus/widgets/cortex/CortexView.h"

#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

namespace plexus::widgets {

ElectrodeLayer::ElectrodeLayer(vtkRenderer* renderer)
    : m_renderer(renderer) {}

ElectrodeLayer::~ElectrodeLayer() = default;

void ElectrodeLayer::setElectrodes(const std::vector<geometry::ElectrodeArray>& arrays,
                                   std::span<const std::uint8_t> contactRgba) {
    m_electrodes = arrays;
    if (m_contactActor == nullptr) {
        m_contactData = vtkSmartPointer<vtkPolyData>::New();
        auto contactMapper = vtkSmartPointer<vtkPolyDataMapper>::New();
        contactMapper->SetInputData(m_contactData);
        contactMapper->SetScalarModeToUsePointData();
        contactMapper->SetColorModeToDirectScalars();
        m_contactActor = vtkSmartPointer<vtkActor>::New();
        m_contactActor->SetMapper(contactMapper);
        m_contactActor->GetProperty()->SetRenderPointsAsSpheres(true);
        m_contactActor->GetProperty()->SetPointSize(9.0f);
        m_contactActor->PickableOff();
        m_renderer->AddActor(m_contactActor);
        m_shankData = vtkSmartPointer<vtkPolyData>::New();
        auto shankMapper = vtkSmartPointer<vtkPolyDataMapper>::New();
        shankMapper->SetInputData(m_shankData);
        m_shankActor = vtkSmartPointer<vtkActor>::New();
        m_shankActor->SetMapper(shankMapper);
        m_shankActor->GetProperty()->SetColor(0.15, 0.15, 0.2);
        m_shankActor->GetProperty()->SetLineWidth(3.0f);
        m_shankActor->GetProperty()->SetRenderLinesAsTubes(true);
        m_shankActor->PickableOff();
        m_renderer->AddActor(m_shankActor);
    }
    auto contactPoints = vtkSmartPointer<vtkPoints>::New();
    auto contactVerts = vtkSmartPointer<vtkCellArray>::New();
    auto colors = vtkSmartPointer<vtkUnsignedCharArray>::New();
    colors->SetNumberOfComponents(4);
    colors->SetName("rgba");
    auto shankPoints = vtkSmartPointer<vtkPoints>::New();
    auto shankLines = vtkSmartPointer<vtkCellArray>::New();
    vtkIdType contactIndex = 0;
    for (const auto& array : arrays) {
        for (const auto& contact : array.contacts()) {
            const vtkIdType id = contactPoints->InsertNextPoint(
                contact.position.x(), contact.position.y(), contact.position.z());
            contactVerts->InsertNextCell(1, &id);
            const auto offset = static_cast<std::size_t>(4 * contactIndex);
            if (contactRgba.size() >= offset + 4) {
                colors->InsertNextTypedTuple(contactRgba.data() + offset);
            } else {
                const QColor c = CortexView::contactColor();
                const unsigned char rgba[4] = {static_cast<unsigned char>(c.red()),
                                               static_cast<unsigned char>(c.green()),
                                               static_cast<unsigned char>(c.blue()), 255};
                colors->InsertNextTypedTuple(rgba);
            }
            ++contactIndex;
        }
        for (const auto& shank : array.shanks()) {
            const vtkIdType ids[2] = {
                shankPoints->InsertNextPoint(shank.entry.x(), shank.entry.y(), shank.entry.z()),
                shankPoints->InsertNextPoint(shank.tip.x(), shank.tip.y(), shank.tip.z())};
            shankLines->InsertNextCell(2, ids);
        }
    }
    m_contactData->Initialize();
    m_contactData->SetPoints(contactPoints);
    m_contactData->SetVerts(contactVerts);
    m_contactData->GetPointData()->SetScalars(colors);
    m_contactData->Modified();
    m_shankData->Initialize();
    m_shankData->SetPoints(shankPoints);
    m_shankData->SetLines(shankLines);
    m_shankData->Modified();
    m_contactActor->SetVisibility(contactIndex > 0);
    m_shankActor->SetVisibility(shankLines->GetNumberOfCells() > 0);
}

} // namespace plexus::widgets
