#include "CortexSurfaceLayer.h"

#include "plexus/geometry/placement/ProjectGeometry.h"
#include "plexus/geometry/surface/SurfaceMeasures.h"

#include <algorithm>
#include <cmath>
#include <vector>
#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkCellPicker.h>
#include <vtkFloatArray.h>
#include <vtkIdTypeArray.h>
#include <vtkLookupTable.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkStaticCellLocator.h>

namespace plexus::widgets {

namespace {

using geometry::SurfaceMesh;

/// A VTK polydata of @p mesh: points, triangles, normals and every scalar as a point array.
vtkSmartPointer<vtkPolyData> toPolyData(const SurfaceMesh& mesh) {
    auto data = vtkSmartPointer<vtkPolyData>::New();
    const vtkIdType nv = mesh.vertexCount();
    vtkNew<vtkPoints> points;
    points->SetDataTypeToFloat();
    points->SetNumberOfPoints(nv);
    auto* coords = vtkFloatArray::SafeDownCast(points->GetData());
    std::copy_n(mesh.vertices().data(), nv * 3, coords->GetPointer(0));
    data->SetPoints(points);

    const vtkIdType nt = mesh.triangleCount();
    vtkNew<vtkIdTypeArray> offsets;
    offsets->SetNumberOfValues(nt + 1);
    vtkNew<vtkIdTypeArray> connectivity;
    connectivity->SetNumberOfValues(nt * 3);
    for (vtkIdType t = 0; t <= nt; ++t) {
        offsets->SetValue(t, 3 * t);
    }
    for (vtkIdType i = 0; i < nt * 3; ++i) {
        connectivity->SetValue(i, mesh.triangles().data()[i]);
    }
    vtkNew<vtkCellArray> polys;
    polys->SetData(offsets, connectivity);
    data->SetPolys(polys);

    if (mesh.hasNormals()) {
        vtkNew<vtkFloatArray> normals;
        normals->SetName("Normals");
        normals->SetNumberOfComponents(3);
        normals->SetNumberOfTuples(nv);
        std::copy_n(mesh.normals().data(), nv * 3, normals->GetPointer(0));
        data->GetPointData()->SetNormals(normals);
    }
    for (const SurfaceMesh::Scalar& s : mesh.scalars()) {
        vtkNew<vtkFloatArray> array;
        array->SetName(s.name.c_str());
        array->SetNumberOfValues(nv);
        std::copy_n(s.values.data(), nv, array->GetPointer(0));
        data->GetPointData()->AddArray(array);
    }
    return data;
}

vtkSmartPointer<vtkLookupTable> greyTable() {
    auto table = vtkSmartPointer<vtkLookupTable>::New();
    table->SetNumberOfTableValues(256);
    // Gyri (low values) light, sulci (high values) dark, as FreeSurfer shows curvature.
    const double light[3] = {0.90, 0.88, 0.85};
    const double dark[3] = {0.42, 0.41, 0.41};
    for (int i = 0; i < 256; ++i) {
        const double t = i / 255.0;
        // A soft step keeps gyri and sulci apart, like a binary curvature map with AA.
        const double s = 0.5 + 0.5 * std::tanh(6.0 * (t - 0.5)) / std::tanh(3.0);
        table->SetTableValue(i, light[0] + s * (dark[0] - light[0]),
                             light[1] + s * (dark[1] - light[1]),
                             light[2] + s * (dark[2] - light[2]), 1.0);
    }
    table->SetUseBelowRangeColor(false);
    return table;
}

vtkSmartPointer<vtkLookupTable> viridisTable() {
    static const double stops[5][3] = {{0.267, 0.005, 0.329},
                                       {0.231, 0.322, 0.545},
                                       {0.129, 0.569, 0.549},
                                       {0.365, 0.788, 0.384},
                                       {0.993, 0.906, 0.144}};
    auto table = vtkSmartPointer<vtkLookupTable>::New();
    table->SetNumberOfTableValues(256);
    for (int i = 0; i < 256; ++i) {
        const double x = i / 255.0 * 4.0;
        const int k = std::min(3, static_cast<int>(x));
        const double f = x - k;
        table->SetTableValue(i, stops[k][0] + f * (stops[k + 1][0] - stops[k][0]),
                             stops[k][1] + f * (stops[k + 1][1] - stops[k][1]),
                             stops[k][2] + f * (stops[k + 1][2] - stops[k][2]), 1.0);
    }
    return table;
}

vtkSmartPointer<vtkActor> makeSurfaceActor() {
    vtkNew<vtkPolyDataMapper> mapper;
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    vtkProperty* property = actor->GetProperty();
    property->SetInterpolationToPhong();
    property->SetAmbient(0.12);
    property->SetDiffuse(0.85);
    property->SetSpecular(0.12);
    property->SetSpecularPower(20.0);
    return actor;
}

} // namespace

CortexSurfaceLayer::CortexSurfaceLayer(vtkRenderer* renderer)
    : m_renderer(renderer) {
    m_greyTable = greyTable();
    m_thicknessTable = viridisTable();
    m_pialActor = makeSurfaceActor();
    m_whiteActor = makeSurfaceActor();
    m_whiteActor->SetVisibility(false);
    m_renderer->AddActor(m_pialActor);
    m_renderer->AddActor(m_whiteActor);

    m_picker = vtkSmartPointer<vtkCellPicker>::New();
    m_picker->SetTolerance(0.0);
    m_picker->PickFromListOn();
}

CortexSurfaceLayer::~CortexSurfaceLayer() = default;

void CortexSurfaceLayer::setSurfaces(SurfaceMesh pial, std::optional<SurfaceMesh> white) {
    m_pial = geometry::ProjectGeometry::prepared(std::move(pial));
    m_white.reset();
    if (white.has_value()) {
        m_white = geometry::ProjectGeometry::prepared(std::move(*white));
    }
    m_leftHemisphere = m_pial.centroid().x() <= 0.0f;
    updateActors();
}

void CortexSurfaceLayer::updateActors() {
    m_pialData = toPolyData(m_pial);
    vtkMapper* pialMapper = m_pialActor->GetMapper();
    static_cast<vtkPolyDataMapper*>(pialMapper)->SetInputData(m_pialData);
    m_pialLocator = vtkSmartPointer<vtkStaticCellLocator>::New();
    m_pialLocator->SetDataSet(m_pialData);
    m_pialLocator->BuildLocator();
    m_whiteLocator = nullptr;
    if (m_white.has_value()) {
        m_whiteData = toPolyData(*m_white);
        static_cast<vtkPolyDataMapper*>(m_whiteActor->GetMapper())->SetInputData(m_whiteData);
        m_whiteLocator = vtkSmartPointer<vtkStaticCellLocator>::New();
        m_whiteLocator->SetDataSet(m_whiteData);
        m_whiteLocator->BuildLocator();
    } else {
        m_whiteData = nullptr;
        static_cast<vtkPolyDataMapper*>(m_whiteActor->GetMapper())
            ->SetInputData(vtkSmartPointer<vtkPolyData>::New());
    }
    m_picker->RemoveAllLocators();
    m_picker->AddLocator(m_pialLocator);
    if (m_whiteLocator != nullptr) {
        m_picker->AddLocator(m_whiteLocator);
    }
    setWhiteVisible(m_whiteVisible && m_white.has_value());
    applyColoring();
}

void CortexSurfaceLayer::setColoring(CortexView::Coloring coloring) {
    m_coloring = coloring;
    applyColoring();
}

void CortexSurfaceLayer::applyColoring() {
    using Coloring = CortexView::Coloring;
    const char* name = nullptr;
    switch (m_coloring) {
    case Coloring::Curvature:
        name = "curv";
        break;
    case Coloring::SulcalDepth:
        name = "sulc";
        break;
    case Coloring::Thickness:
        name = "thickness";
        break;
    case Coloring::Solid:
        break;
    }
    const auto apply = [&](vtkActor* actor, const SurfaceMesh* mesh, bool isWhite) {
        auto* mapper = static_cast<vtkPolyDataMapper*>(actor->GetMapper());
        const Eigen::VectorXf* values =
            (mesh != nullptr && name != nullptr) ? mesh->scalar(name) : nullptr;
        if (values == nullptr || values->size() == 0) {
            mapper->ScalarVisibilityOff();
            if (isWhite) {
                actor->GetProperty()->SetColor(0.96, 0.94, 0.86);
            } else {
                actor->GetProperty()->SetColor(0.86, 0.78, 0.74);
            }
            return;
        }
        double low = 0.0;
        double high = 1.0;
        if (m_coloring == Coloring::Curvature) {
            const Eigen::VectorXf magnitude = values->cwiseAbs();
            const double r = std::max(1e-6f, geometry::SurfaceMeasures::quantile(magnitude, 0.75));
            low = -r;
            high = r;
        } else {
            low = geometry::SurfaceMeasures::quantile(*values, 0.02);
            high = geometry::SurfaceMeasures::quantile(*values, 0.98);
            if (!(high > low)) {
                high = low + 1.0;
            }
        }
        mapper->SetScalarModeToUsePointFieldData();
        mapper->SelectColorArray(name);
        mapper->SetLookupTable(m_coloring == Coloring::Thickness ? m_thicknessTable.Get()
                                                                 : m_greyTable.Get());
        mapper->SetScalarRange(low, high);
        mapper->InterpolateScalarsBeforeMappingOn();
        mapper->ScalarVisibilityOn();
    };
    apply(m_pialActor, &m_pial, false);
    apply(m_whiteActor, m_white.has_value() ? &*m_white : nullptr, true);
}

void CortexSurfaceLayer::setWhiteVisible(bool visible) {
    m_whiteVisible = visible && m_white.has_value();
    m_whiteActor->SetVisibility(m_whiteVisible);
    // Seen through a translucent pial surface.
    m_pialActor->GetProperty()->SetOpacity(m_whiteVisible ? 0.3 : 1.0);
    m_renderer->SetUseDepthPeeling(m_whiteVisible);
    m_renderer->SetMaximumNumberOfPeels(6);
    m_renderer->SetOcclusionRatio(0.05);
}

void CortexSurfaceLayer::setPialVisible(bool visible) {
    m_pialVisible = visible;
    m_pialActor->SetVisibility(visible);
}

std::optional<qint64> CortexSurfaceLayer::pickVertex(const QPoint& display,
                                                     QVector3D* position) const {
    // The white surface is picked while it shows (the pial one is translucent then); where
    // the ray misses it (a slanting ray through a gyral crown), the pial surface.
    std::vector<vtkActor*> targets;
    if (m_whiteVisible) {
        targets.push_back(m_whiteActor.Get());
    }
    if (m_pialVisible) {
        targets.push_back(m_pialActor.Get());
    }
    for (vtkActor* target : targets) {
        m_picker->InitializePickList();
        m_picker->AddPickList(target);
        if (m_picker->Pick(display.x(), display.y(), 0.0, m_renderer) == 0 ||
            m_picker->GetActor() != target || m_picker->GetCellId() < 0) {
            continue;
        }
        const SurfaceMesh& mesh = target == m_whiteActor.Get() ? *m_white : m_pial;
        const double* hit = m_picker->GetPickPosition();
        const Eigen::Vector3f point(static_cast<float>(hit[0]), static_cast<float>(hit[1]),
                                    static_cast<float>(hit[2]));
        // The picked triangle's corner nearest to the hit point.
        const vtkIdType cell = m_picker->GetCellId();
        if (cell >= mesh.triangleCount()) {
            continue;
        }
        qint64 best = -1;
        float bestDistance = 0.0f;
        for (int k = 0; k < 3; ++k) {
            const std::int32_t v = mesh.triangles()(cell, k);
            const float d = (mesh.vertices().row(v).transpose() - point).norm();
            if (best < 0 || d < bestDistance) {
                best = v;
                bestDistance = d;
            }
        }
        if (position != nullptr) {
            *position = QVector3D(point.x(), point.y(), point.z());
        }
        return best;
    }
    return std::nullopt;
}

} // namespace plexus::widgets
