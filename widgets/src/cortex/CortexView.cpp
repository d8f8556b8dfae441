#include "plexus/widgets/cortex/CortexView.h"

#include "plexus/core/base/Error.h"
#include "plexus/geometry/surface/FoldedCortex.h"
#include "plexus/geometry/surface/SurfaceFile.h"
#include "plexus/geometry/surface/SurfaceMeasures.h"
#include "plexus/widgets/cortex/SurfaceLoader.h"

#include <Eigen/Geometry>
#include <QDir>
#include <QFileInfo>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QResizeEvent>
#include <algorithm>
#include <cmath>
#include <vtkActor.h>
#include <vtkActor2D.h>
#include <vtkAxesActor.h>
#include <vtkCamera.h>
#include <vtkCaptionActor2D.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkCellPicker.h>
#include <vtkCommand.h>
#include <vtkFloatArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkIdTypeArray.h>
#include <vtkInteractorStyle.h>
#include <vtkLookupTable.h>
#include <vtkOrientationMarkerWidget.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty.h>
#include <vtkProperty2D.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkStaticCellLocator.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkTextRenderer.h>
#include <vtkTubeFilter.h>
#include <vtkUnsignedCharArray.h>

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

/// Mesh with normals and the standard scalars.
SurfaceMesh prepared(SurfaceMesh mesh) {
    geometry::SurfaceMeasures::addStandardScalars(mesh);
    return mesh;
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

/// A filled rectangle in display coordinates (its four corners set when placed).
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

/// Sets @p points to the rectangle [x0, x1] x [y0, y1] (display coordinates, y up).
void setRectangle(vtkPoints* points, double x0, double y0, double x1, double y1) {
    points->SetPoint(0, x0, y0, 0.0);
    points->SetPoint(1, x1, y0, 0.0);
    points->SetPoint(2, x1, y1, 0.0);
    points->SetPoint(3, x0, y1, 0.0);
    points->Modified();
}

/// Dark overlay text of @p pixels height.
void styleText(vtkTextActor* text, double pixels) {
    vtkTextProperty* property = text->GetTextProperty();
    property->SetFontFamilyToArial();
    property->SetFontSize(static_cast<int>(std::lround(pixels)));
    property->SetColor(0.1, 0.1, 0.12);
    property->ShadowOff();
    property->BoldOff();
    property->ItalicOff();
}

/// Width and height (pixels) of @p text as it will render in @p window.
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

/// A display rectangle (y up, [x0, x1] x [y0, y1]) as a QRect with y down in an image
/// @p height pixels high.
QRect imageRect(double x0, double y0, double x1, double y1, double height) {
    return QRect(
        QPoint(static_cast<int>(std::floor(x0)), static_cast<int>(std::floor(height - y1))),
        QPoint(static_cast<int>(std::ceil(x1)) - 1, static_cast<int>(std::ceil(height - y0)) - 1));
}

/// Tick label of @p value on a legend from @p low to @p high.
QString tickLabel(double value, double low, double high) {
    const double span = std::abs(high - low);
    const int decimals = span >= 10.0 ? 0 : span >= 1.0 ? 1 : 2;
    return QString::number(value, 'f', decimals);
}

} // namespace

CortexView::CortexView(QWidget* parent)
    : VtkOpenGLWidget(parent) {
    buildScene();
    showDefaultCortex(1);
}

CortexView::~CortexView() {
    if (m_axesWidget != nullptr) {
        m_axesWidget->SetEnabled(0);
    }
    interactorStyle()->RemoveObservers(vtkCommand::StartInteractionEvent);
    interactorStyle()->RemoveObservers(vtkCommand::EndInteractionEvent);
}

void CortexView::buildScene() {
    m_greyTable = greyTable();
    m_thicknessTable = viridisTable();

    const auto makeSurfaceActor = [] {
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
    };
    m_pialActor = makeSurfaceActor();
    m_whiteActor = makeSurfaceActor();
    m_whiteActor->SetVisibility(false);
    renderer()->AddActor(m_pialActor);
    renderer()->AddActor(m_whiteActor);

    m_picker = vtkSmartPointer<vtkCellPicker>::New();
    m_picker->SetTolerance(0.0);
    m_picker->PickFromListOn();

    // Orientation axes: x right, y anterior, z superior.
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
    m_axesWidget = vtkSmartPointer<vtkOrientationMarkerWidget>::New();
    m_axesWidget->SetOrientationMarker(m_axes);
    m_axesWidget->SetInteractor(interactor());
    m_axesWidget->SetViewport(0.0, 0.0, 0.16, 0.16 * 1.4);
    m_axesWidget->SetEnabled(1);
    m_axesWidget->InteractiveOff();

    // Scale bar: a bar with end ticks on a plate (display coordinates, placed in
    // prepareRender()).
    m_scaleBarPlateActor = makePlate(m_scaleBarPlatePoints);
    renderer()->AddActor2D(m_scaleBarPlateActor);
    m_scaleBarPoints = vtkSmartPointer<vtkPoints>::New();
    m_scaleBarPoints->SetNumberOfPoints(6);
    vtkNew<vtkCellArray> lines;
    const vtkIdType segments[3][2] = {{0, 1}, {2, 3}, {4, 5}};
    for (const auto& segment : segments) {
        lines->InsertNextCell(2, segment);
    }
    vtkNew<vtkPolyData> bar;
    bar->SetPoints(m_scaleBarPoints);
    bar->SetLines(lines);
    vtkNew<vtkPolyDataMapper2D> barMapper;
    barMapper->SetInputData(bar);
    m_scaleBarActor = vtkSmartPointer<vtkActor2D>::New();
    m_scaleBarActor->SetMapper(barMapper);
    renderer()->AddActor2D(m_scaleBarActor);
    m_scaleBarText = vtkSmartPointer<vtkTextActor>::New();
    m_scaleBarText->GetTextProperty()->SetJustificationToCentered();
    m_scaleBarText->GetTextProperty()->SetVerticalJustificationToBottom();
    styleText(m_scaleBarText, overlayTextPixels());
    renderer()->AddActor2D(m_scaleBarText);

    // Colour legend: a plate, a colour bar or population swatches, and text.
    m_legendPlateActor = makePlate(m_legendPlatePoints);
    m_legendPlateActor->SetVisibility(false);
    renderer()->AddActor2D(m_legendPlateActor);
    m_legendSwatches = vtkSmartPointer<vtkPolyData>::New();
    vtkNew<vtkPolyDataMapper2D> swatchMapper;
    swatchMapper->SetInputData(m_legendSwatches);
    swatchMapper->SetColorModeToDirectScalars();
    swatchMapper->ScalarVisibilityOn();
    m_legendSwatchActor = vtkSmartPointer<vtkActor2D>::New();
    m_legendSwatchActor->SetMapper(swatchMapper);
    m_legendSwatchActor->SetVisibility(false);
    renderer()->AddActor2D(m_legendSwatchActor);

    // Neurons.
    m_neuronPoints = vtkSmartPointer<vtkPoints>::New();
    m_neuronPoints->SetDataTypeToFloat();
    m_neuronColors = vtkSmartPointer<vtkUnsignedCharArray>::New();
    m_neuronColors->SetName("colors");
    m_neuronColors->SetNumberOfComponents(4);
    m_neuronVertsAll = vtkSmartPointer<vtkCellArray>::New();
    m_neuronVertsSubset = vtkSmartPointer<vtkCellArray>::New();
    m_neuronData = vtkSmartPointer<vtkPolyData>::New();
    m_neuronData->SetPoints(m_neuronPoints);
    m_neuronData->SetVerts(m_neuronVertsAll);
    m_neuronData->GetPointData()->SetScalars(m_neuronColors);
    vtkNew<vtkPolyDataMapper> neuronMapper;
    neuronMapper->SetInputData(m_neuronData);
    neuronMapper->SetColorModeToDirectScalars();
    neuronMapper->ScalarVisibilityOn();
    m_neuronActor = vtkSmartPointer<vtkActor>::New();
    m_neuronActor->SetMapper(neuronMapper);
    m_neuronActor->GetProperty()->SetRenderPointsAsSpheres(true);
    m_neuronActor->GetProperty()->SetPointSize(static_cast<float>(m_neuronPointSize));
    m_neuronActor->PickableOff();
    m_neuronActor->SetVisibility(false);
    renderer()->AddActor(m_neuronActor);

    // Highlighted neurons: larger spheres drawn over the ordinary points.
    m_highlightData = vtkSmartPointer<vtkPolyData>::New();
    vtkNew<vtkPolyDataMapper> highlightMapper;
    highlightMapper->SetInputData(m_highlightData);
    highlightMapper->ScalarVisibilityOff();
    m_highlightActor = vtkSmartPointer<vtkActor>::New();
    m_highlightActor->SetMapper(highlightMapper);
    m_highlightActor->GetProperty()->SetRenderPointsAsSpheres(true);
    m_highlightActor->PickableOff();
    m_highlightActor->SetVisibility(false);
    renderer()->AddActor(m_highlightActor);

    interactorStyle()->AddObserver(vtkCommand::StartInteractionEvent, this,
                                   &CortexView::onInteraction);
    interactorStyle()->AddObserver(vtkCommand::EndInteractionEvent, this,
                                   &CortexView::onInteraction);
    setBackgroundColor(m_background);
}

// --- Surfaces ---------------------------------------------------------------------------

void CortexView::showDefaultCortex(std::uint64_t seed) {
    geometry::FoldedCortex::Options options;
    options.seed = seed;
    const geometry::FoldedCortex cortex(options);
    setSurfaces(cortex.pial(), cortex.white(),
                QStringLiteral("Procedural cortex (seed %1)").arg(seed));
}

void CortexView::setSurfaces(SurfaceMesh pial, std::optional<SurfaceMesh> white,
                             const QString& name) {
    m_pial = prepared(std::move(pial));
    m_white.reset();
    if (white.has_value()) {
        m_white = prepared(std::move(*white));
    }
    m_surfaceName = name;
    m_leftHemisphere = m_pial.centroid().x() <= 0.0f;
    updateSurfaceActors();
    resetCamera();
    Q_EMIT surfaceChanged();
}

bool CortexView::loadSurface(const QString& path) {
    m_lastWarnings.clear();
    try {
        SurfaceMesh pial = SurfaceLoader::load(path, &m_lastWarnings);
        std::optional<SurfaceMesh> white;
        // A FreeSurfer pial surface brings its white surface along (lh.pial -> lh.white).
        const QFileInfo info(path);
        if (info.suffix() == QLatin1String("pial") &&
            geometry::SurfaceFile::detect(path.toStdString()) ==
                geometry::SurfaceFile::Format::FreeSurfer) {
            const QString whitePath =
                info.dir().filePath(info.completeBaseName() + QStringLiteral(".white"));
            if (QFileInfo::exists(whitePath)) {
                try {
                    SurfaceMesh candidate = SurfaceLoader::load(whitePath, &m_lastWarnings);
                    if (candidate.vertexCount() == pial.vertexCount()) {
                        white = std::move(candidate);
                    } else {
                        m_lastWarnings << QStringLiteral("%1: vertex count differs from the "
                                                         "pial surface; not shown")
                                              .arg(whitePath);
                    }
                } catch (const core::Error& e) {
                    m_lastWarnings << QString::fromStdString(e.what());
                }
            }
        }
        setSurfaces(std::move(pial), std::move(white), info.fileName());
        m_lastError.clear();
        return true;
    } catch (const core::Error& e) {
        m_lastError = QString::fromStdString(e.what());
    } catch (const std::exception& e) {
        m_lastError = QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(e.what()));
    }
    return false;
}

void CortexView::updateSurfaceActors() {
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
    setWhiteSurfaceVisible(m_whiteVisible && m_white.has_value());
    applyColoring();
}

void CortexView::setColoring(Coloring coloring) {
    m_coloring = coloring;
    applyColoring();
    requestRender();
}

void CortexView::applyColoring() {
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

void CortexView::setWhiteSurfaceVisible(bool visible) {
    m_whiteVisible = visible && m_white.has_value();
    m_whiteActor->SetVisibility(m_whiteVisible);
    // Seen through a translucent pial surface.
    m_pialActor->GetProperty()->SetOpacity(m_whiteVisible ? 0.3 : 1.0);
    renderer()->SetUseDepthPeeling(m_whiteVisible);
    renderer()->SetMaximumNumberOfPeels(6);
    renderer()->SetOcclusionRatio(0.05);
    requestRender();
}

void CortexView::setPialSurfaceVisible(bool visible) {
    m_pialVisible = visible;
    m_pialActor->SetVisibility(visible);
    requestRender();
}

void CortexView::setBackgroundColor(const QColor& color) {
    m_background = color;
    renderer()->SetBackground(color.redF(), color.greenF(), color.blueF());
    // Overlays contrast with the background.
    const double ink = color.lightnessF() > 0.5 ? 0.15 : 0.9;
    // The scale bar and the legend sit on light plates: their ink stays dark.
    m_scaleBarActor->GetProperty()->SetColor(0.1, 0.1, 0.12);
    for (vtkCaptionActor2D* caption :
         {m_axes->GetXAxisCaptionActor2D(), m_axes->GetYAxisCaptionActor2D(),
          m_axes->GetZAxisCaptionActor2D()}) {
        caption->GetCaptionTextProperty()->SetColor(ink, ink, ink);
    }
    requestRender();
}

// --- Camera -----------------------------------------------------------------------------

void CortexView::setElectrodes(const std::vector<geometry::ElectrodeArray>& arrays,
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
        renderer()->AddActor(m_contactActor);
        m_shankData = vtkSmartPointer<vtkPolyData>::New();
        auto shankMapper = vtkSmartPointer<vtkPolyDataMapper>::New();
        shankMapper->SetInputData(m_shankData);
        m_shankActor = vtkSmartPointer<vtkActor>::New();
        m_shankActor->SetMapper(shankMapper);
        m_shankActor->GetProperty()->SetColor(0.15, 0.15, 0.2);
        m_shankActor->GetProperty()->SetLineWidth(3.0f);
        m_shankActor->GetProperty()->SetRenderLinesAsTubes(true);
        m_shankActor->PickableOff();
        renderer()->AddActor(m_shankActor);
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
                const QColor c = contactColor();
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
    requestRender();
}

void CortexView::setVessels(const geometry::VesselGraph& vessels) {
    m_vessels = vessels;
    if (m_vesselActor == nullptr) {
        m_vesselLines = vtkSmartPointer<vtkPolyData>::New();
        auto tubes = vtkSmartPointer<vtkTubeFilter>::New();
        tubes->SetInputData(m_vesselLines);
        tubes->SetNumberOfSides(10);
        tubes->SetVaryRadiusToVaryRadiusByAbsoluteScalar();
        tubes->CappingOn();
        auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
        mapper->SetInputConnection(tubes->GetOutputPort());
        mapper->ScalarVisibilityOff();
        m_vesselActor = vtkSmartPointer<vtkActor>::New();
        m_vesselActor->SetMapper(mapper);
        m_vesselActor->GetProperty()->SetColor(0.75, 0.1, 0.1);
        m_vesselActor->PickableOff();
        renderer()->AddActor(m_vesselActor);
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
    m_vesselLines->Initialize();
    m_vesselLines->SetPoints(points);
    m_vesselLines->SetLines(lines);
    m_vesselLines->GetPointData()->SetScalars(radii);
    m_vesselLines->Modified();
    m_vesselActor->SetVisibility(vessels.edgeCount() > 0);
    requestRender();
}

void CortexView::focusOn(const QVector3D& center, double radiusMm) {
    vtkCamera* camera = renderer()->GetActiveCamera();
    double position[3];
    double focal[3];
    camera->GetPosition(position);
    camera->GetFocalPoint(focal);
    Eigen::Vector3d direction(position[0] - focal[0], position[1] - focal[1],
                              position[2] - focal[2]);
    if (direction.norm() <= 0.0) {
        direction = Eigen::Vector3d::UnitX();
    }
    direction.normalize();
    const double tanHalf = std::tan(0.5 * camera->GetViewAngle() * M_PI / 180.0);
    const double distance = std::max(radiusMm, 0.05) * 1.2 / std::max(tanHalf, 1e-3);
    camera->SetFocalPoint(center.x(), center.y(), center.z());
    camera->SetPosition(center.x() + distance * direction.x(),
                        center.y() + distance * direction.y(),
                        center.z() + distance * direction.z());
    m_cameraMoved = true;
    renderer()->ResetCameraClippingRange();
    requestRender();
}

void CortexView::viewPatch(const QVector3D& center, double radiusMm, const QVector3D& outward) {
    Eigen::Vector3d normal(outward.x(), outward.y(), outward.z());
    if (!(normal.norm() > 0.0) || !normal.allFinite()) {
        focusOn(center, radiusMm);
        return;
    }
    normal.normalize();
    // Lean towards the superior side (towards anterior where the normal is vertical).
    Eigen::Vector3d toward = Eigen::Vector3d::UnitZ() - normal.z() * normal;
    if (toward.norm() < 0.2) {
        toward = Eigen::Vector3d::UnitY() - normal.y() * normal;
    }
    toward.normalize();
    const double tilt = kPatchTiltDeg * M_PI / 180.0;
    const Eigen::Vector3d direction = std::cos(tilt) * normal + std::sin(tilt) * toward;
    const Eigen::Vector3d up = std::sin(tilt) * normal - std::cos(tilt) * toward;
    vtkCamera* camera = renderer()->GetActiveCamera();
    camera->SetParallelProjection(false);
    camera->SetViewAngle(30.0);
    const double tanHalf = std::tan(0.5 * camera->GetViewAngle() * M_PI / 180.0);
    // The patch takes about a third of the view; the cortex around it shows its folds.
    const double framed = std::max(1.1 * std::max(radiusMm, 0.05), 1.5);
    const double distance = framed / tanHalf;
    camera->SetFocalPoint(center.x(), center.y(), center.z());
    camera->SetPosition(center.x() + distance * direction.x(),
                        center.y() + distance * direction.y(),
                        center.z() + distance * direction.z());
    camera->SetViewUp(up.x(), up.y(), up.z());
    m_cameraMoved = true;
    renderer()->ResetCameraClippingRange();
    requestRender();
}

void CortexView::setCameraPreset(CameraPreset preset) {
    const SurfaceMesh& mesh = m_pial;
    m_preset = preset;
    m_cameraMoved = false;
    if (mesh.isEmpty()) {
        return;
    }
    const auto b = mesh.bounds();
    const Eigen::Vector3d centre(0.5 * (b[0] + b[1]), 0.5 * (b[2] + b[3]), 0.5 * (b[4] + b[5]));
    const double side = m_leftHemisphere ? -1.0 : 1.0;
    Eigen::Vector3d direction = Eigen::Vector3d::UnitX(); // from the focal point to the camera
    Eigen::Vector3d up = Eigen::Vector3d::UnitZ();
    switch (preset) {
    case CameraPreset::Lateral:
        direction = {side, 0.0, 0.0};
        break;
    case CameraPreset::Medial:
        direction = {-side, 0.0, 0.0};
        break;
    case CameraPreset::Dorsal:
        direction = Eigen::Vector3d::UnitZ();
        up = Eigen::Vector3d::UnitY();
        break;
    case CameraPreset::Ventral:
        direction = -Eigen::Vector3d::UnitZ();
        up = Eigen::Vector3d::UnitY();
        break;
    case CameraPreset::Anterior:
        direction = Eigen::Vector3d::UnitY();
        break;
    case CameraPreset::Posterior:
        direction = -Eigen::Vector3d::UnitY();
        break;
    }
    // Frame the surface: its extent across and along the view direction.
    const Eigen::Vector3d right = (-direction).cross(up).normalized();
    double halfWidth = 0.0;
    double halfHeight = 0.0;
    double front = 0.0;
    for (Eigen::Index i = 0; i < mesh.vertexCount(); ++i) {
        const Eigen::Vector3d d = mesh.vertices().row(i).cast<double>().transpose() - centre;
        halfWidth = std::max(halfWidth, std::abs(d.dot(right)));
        halfHeight = std::max(halfHeight, std::abs(d.dot(up)));
        front = std::max(front, d.dot(direction));
    }
    vtkCamera* camera = renderer()->GetActiveCamera();
    camera->SetParallelProjection(false);
    camera->SetViewAngle(30.0);
    const double aspect = height() > 0 ? static_cast<double>(width()) / height() : 1.0;
    const double tanHalf = std::tan(0.5 * camera->GetViewAngle() * M_PI / 180.0);
    const double fit = std::max(halfHeight, halfWidth / std::max(aspect, 1e-3)) * 1.12;
    const double distance = fit / tanHalf + front;
    camera->SetFocalPoint(centre.x(), centre.y(), centre.z());
    camera->SetPosition(centre.x() + distance * direction.x(),
                        centre.y() + distance * direction.y(),
                        centre.z() + distance * direction.z());
    camera->SetViewUp(up.x(), up.y(), up.z());
    renderer()->ResetCameraClippingRange();
    requestRender();
}

void CortexView::resetCamera() {
    setCameraPreset(CameraPreset::Lateral);
}

QVector3D CortexView::cameraPosition() const {
    const double* p = renderer()->GetActiveCamera()->GetPosition();
    return {static_cast<float>(p[0]), static_cast<float>(p[1]), static_cast<float>(p[2])};
}

QVector3D CortexView::cameraFocalPoint() const {
    const double* p = renderer()->GetActiveCamera()->GetFocalPoint();
    return {static_cast<float>(p[0]), static_cast<float>(p[1]), static_cast<float>(p[2])};
}

QVector3D CortexView::cameraViewUp() const {
    const double* p = renderer()->GetActiveCamera()->GetViewUp();
    return {static_cast<float>(p[0]), static_cast<float>(p[1]), static_cast<float>(p[2])};
}

// --- Picking, overlays, export ----------------------------------------------------------

std::optional<qint64> CortexView::pickVertex(const QPoint& pos) const {
    // The white surface is picked while it shows (the pial one is translucent then); where
    // the ray misses it (a slanting ray through a gyral crown), the pial surface.
    std::vector<vtkActor*> targets;
    if (m_whiteVisible) {
        targets.push_back(m_whiteActor.Get());
    }
    if (m_pialVisible) {
        targets.push_back(m_pialActor.Get());
    }
    const QPoint display = toDisplay(pos);
    for (vtkActor* target : targets) {
        m_picker->InitializePickList();
        m_picker->AddPickList(target);
        if (m_picker->Pick(display.x(), display.y(), 0.0, renderer()) == 0 ||
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
        m_lastPickPosition = QVector3D(point.x(), point.y(), point.z());
        return best;
    }
    return std::nullopt;
}

void CortexView::setScaleBarVisible(bool visible) {
    m_scaleBarVisible = visible;
    requestRender();
}

void CortexView::setOrientationAxesVisible(bool visible) {
    m_axesVisible = visible;
    m_axesWidget->SetEnabled(visible ? 1 : 0);
    if (visible) {
        m_axesWidget->InteractiveOff();
    }
    requestRender();
}

void CortexView::prepareRender(double pixelScale) {
    const double textPixels = m_textPixelsOverride > 0.0
                                  ? m_textPixelsOverride
                                  : overlayTextPixels() * pixelScale * devicePixelRatioF();
    const int* size = renderWindow()->GetSize();
    OverlayLayout layout;
    layout.imageSize = QSize(size[0], size[1]);
    layout.textPixels = textPixels;
    layout.scaleBarPlate = updateScaleBar(textPixels);
    layout.legendPlate = updateLegend(textPixels);
    m_overlay = layout;
    if (pixelScale != 1.0 || m_textPixelsOverride > 0.0) {
        m_exportOverlay = layout;
    }
    m_neuronActor->GetProperty()->SetPointSize(
        static_cast<float>(m_neuronPointSize * pixelScale * devicePixelRatioF()));
    m_highlightActor->GetProperty()->SetPointSize(static_cast<float>(
        highlightScale() * m_neuronPointSize * pixelScale * devicePixelRatioF()));
    renderer()->ResetCameraClippingRange();
}

QRect CortexView::updateScaleBar(double textPixels) {
    const int* size = renderWindow()->GetSize();
    const double w = size[0];
    const double h = size[1];
    vtkCamera* camera = renderer()->GetActiveCamera();
    const double viewHeightMm =
        camera->GetParallelProjection() != 0
            ? 2.0 * camera->GetParallelScale()
            : 2.0 * camera->GetDistance() * std::tan(0.5 * camera->GetViewAngle() * M_PI / 180.0);
    const double scale = textPixels / overlayTextPixels(); // lines and gaps follow the text
    const double mmPerPixel = h > 0 ? viewHeightMm / h : 0.0;
    m_scaleBarMm = niceLength(mmPerPixel * 110.0 * scale);
    const bool show = m_scaleBarVisible && m_scaleBarMm > 0.0 && w > 0 && h > 0;
    m_scaleBarActor->SetVisibility(show);
    m_scaleBarText->SetVisibility(show);
    m_scaleBarPlateActor->SetVisibility(show);
    if (!show) {
        m_scaleBarLabel.clear();
        return {};
    }
    m_scaleBarLabel = lengthLabel(m_scaleBarMm);
    const double lengthPx = m_scaleBarMm / mmPerPixel;
    const double margin = 14.0 * scale;
    const double pad = 0.5 * textPixels;
    const double tick = 6.0 * scale;
    styleText(m_scaleBarText, textPixels);
    m_scaleBarText->SetInput(m_scaleBarLabel.toUtf8().constData());
    const QSizeF label = textSize(m_scaleBarText, renderWindow());
    const double plateWidth = std::max(lengthPx, label.width()) + 2.0 * pad;
    const double x2 = w - margin - pad - 0.5 * (plateWidth - 2.0 * pad - lengthPx);
    const double x1 = x2 - lengthPx;
    const double y = margin + pad;
    m_scaleBarPoints->SetPoint(0, x1, y, 0.0);
    m_scaleBarPoints->SetPoint(1, x2, y, 0.0);
    m_scaleBarPoints->SetPoint(2, x1, y, 0.0);
    m_scaleBarPoints->SetPoint(3, x1, y + tick, 0.0);
    m_scaleBarPoints->SetPoint(4, x2, y, 0.0);
    m_scaleBarPoints->SetPoint(5, x2, y + tick, 0.0);
    m_scaleBarPoints->Modified();
    m_scaleBarActor->GetProperty()->SetLineWidth(static_cast<float>(2.0 * scale));
    const double textBottom = y + tick + 0.25 * textPixels;
    m_scaleBarText->SetDisplayPosition(static_cast<int>(std::lround(0.5 * (x1 + x2))),
                                       static_cast<int>(std::lround(textBottom)));
    const double plateLeft = w - margin - plateWidth;
    const double plateTop = textBottom + label.height() + pad;
    setRectangle(m_scaleBarPlatePoints, plateLeft, margin, w - margin, plateTop);
    return imageRect(plateLeft, margin, w - margin, plateTop, h);
}

QRect CortexView::updateLegend(double textPixels) {
    const int* size = renderWindow()->GetSize();
    const double w = size[0];
    const double h = size[1];
    const bool show = m_legend != Legend::None && w > 0 && h > 0 &&
                      (m_legend == Legend::Activity || !m_legendEntries.empty());
    m_legendPlateActor->SetVisibility(show);
    m_legendSwatchActor->SetVisibility(show);
    std::size_t used = 0;
    const auto text = [&](const QString& value, double pixels) {
        if (used == m_legendTexts.size()) {
            auto actor = vtkSmartPointer<vtkTextActor>::New();
            renderer()->AddActor2D(actor);
            m_legendTexts.push_back(actor);
        }
        vtkTextActor* actor = m_legendTexts[used++];
        styleText(actor, pixels);
        actor->GetTextProperty()->SetJustificationToLeft();
        actor->GetTextProperty()->SetVerticalJustificationToBottom();
        actor->SetInput(value.toUtf8().constData());
        actor->SetVisibility(true);
        return actor;
    };
    QRect plate;
    if (show) {
        const double scale = textPixels / overlayTextPixels();
        const double margin = 14.0 * scale;
        const double pad = 0.5 * textPixels;
        const double right = w - margin;
        const double top = h - margin;
        vtkNew<vtkPoints> points;
        vtkNew<vtkCellArray> cells;
        vtkNew<vtkUnsignedCharArray> colors;
        colors->SetNumberOfComponents(4);
        const auto addQuad = [&](double x0, double y0, double x1, double y1, const QColor& a,
                                 const QColor& b) { // a at y0, b at y1
            const vtkIdType ids[4] = {
                points->InsertNextPoint(x0, y0, 0.0), points->InsertNextPoint(x1, y0, 0.0),
                points->InsertNextPoint(x1, y1, 0.0), points->InsertNextPoint(x0, y1, 0.0)};
            cells->InsertNextCell(4, ids);
            for (const QColor& c : {a, a, b, b}) {
                const unsigned char rgba[4] = {static_cast<unsigned char>(c.red()),
                                               static_cast<unsigned char>(c.green()),
                                               static_cast<unsigned char>(c.blue()), 255};
                colors->InsertNextTypedTuple(rgba);
            }
        };
        double left = right;
        double bottom = top;
        if (m_legend == Legend::Activity) {
            // In a small view (a figure panel) the legend stays compact: a shorter bar, and the
            // title without its qualifier ("Rate (Hz), last 50 ms" -> "Rate (Hz)") when the
            // full title would take more than a third of the width.
            vtkTextActor* title = text(m_legendTitle, textPixels);
            QSizeF titleSize = textSize(title, renderWindow());
            if (titleSize.width() > w / 3.0 && m_legendTitle.contains(QLatin1Char(','))) {
                title->SetInput(m_legendTitle.section(QLatin1Char(','), 0, 0).toUtf8().constData());
                titleSize = textSize(title, renderWindow());
            }
            const double barWidth = 0.9 * textPixels;
            const double barHeight = std::clamp(0.3 * h, 3.0 * textPixels, 7.0 * textPixels);
            const double barTop = top - pad - titleSize.height() - 0.5 * textPixels;
            const double barBottom = barTop - barHeight;
            const QStringList labels = legendLabels();
            double labelWidth = 0.0;
            std::vector<vtkTextActor*> ticks;
            for (const QString& label : labels) {
                ticks.push_back(text(label, 0.9 * textPixels));
                labelWidth = std::max(labelWidth, textSize(ticks.back(), renderWindow()).width());
            }
            const double contentWidth =
                std::max(titleSize.width(), barWidth + 0.4 * textPixels + labelWidth) +
                0.2 * textPixels; // glyphs reach a little past their measured box
            left = right - contentWidth - 2.0 * pad;
            title->SetDisplayPosition(
                static_cast<int>(std::lround(left + pad)),
                static_cast<int>(std::lround(top - pad - titleSize.height())));
            const double barLeft = left + pad;
            constexpr int steps = 32;
            for (int k = 0; k < steps; ++k) {
                const double t0 = static_cast<double>(k) / steps;
                const double t1 = static_cast<double>(k + 1) / steps;
                addQuad(barLeft, barBottom + t0 * barHeight, barLeft + barWidth,
                        barBottom + t1 * barHeight, activityColor(t0), activityColor(t1));
            }
            for (std::size_t k = 0; k < ticks.size(); ++k) {
                const double t =
                    ticks.size() > 1 ? static_cast<double>(k) / (ticks.size() - 1) : 0.0;
                const double y = barBottom + t * barHeight;
                ticks[k]->GetTextProperty()->SetVerticalJustificationToCentered();
                ticks[k]->SetDisplayPosition(
                    static_cast<int>(std::lround(barLeft + barWidth + 0.4 * textPixels)),
                    static_cast<int>(std::lround(y)));
            }
            bottom = barBottom - std::max(pad, 0.6 * textPixels);
        } else {
            const double row = 1.5 * textPixels;
            double nameWidth = 0.0;
            std::vector<vtkTextActor*> names;
            for (const LegendEntry& entry : m_legendEntries) {
                names.push_back(text(entry.name, textPixels));
                nameWidth = std::max(nameWidth, textSize(names.back(), renderWindow()).width());
            }
            const double swatch = textPixels;
            left = right - (swatch + 0.7 * textPixels + nameWidth) - 2.0 * pad;
            for (std::size_t k = 0; k < names.size(); ++k) {
                const double rowTop = top - pad - static_cast<double>(k) * row;
                const double y0 = rowTop - 0.5 * (row + swatch);
                addQuad(left + pad, y0, left + pad + swatch, y0 + swatch, m_legendEntries[k].color,
                        m_legendEntries[k].color);
                names[k]->GetTextProperty()->SetVerticalJustificationToCentered();
                names[k]->SetDisplayPosition(
                    static_cast<int>(std::lround(left + pad + swatch + 0.5 * textPixels)),
                    static_cast<int>(std::lround(rowTop - 0.5 * row)));
            }
            bottom = top - 2.0 * pad - static_cast<double>(names.size()) * row;
        }
        m_legendSwatches->Initialize();
        m_legendSwatches->SetPoints(points);
        m_legendSwatches->SetPolys(cells);
        m_legendSwatches->GetPointData()->SetScalars(colors);
        m_legendSwatches->Modified();
        setRectangle(m_legendPlatePoints, left, bottom, right, top);
        plate = imageRect(left, bottom, right, top, h);
    }
    for (std::size_t k = used; k < m_legendTexts.size(); ++k) {
        m_legendTexts[k]->SetVisibility(false);
    }
    return plate;
}

QImage CortexView::renderImageWithText(double scale, double textPixels) {
    m_textPixelsOverride = std::max(1.0, textPixels);
    QImage image = renderImage(scale);
    m_textPixelsOverride = 0.0;
    prepareRender(1.0);
    return image;
}

bool CortexView::exportPng(const QString& path, double scale) {
    m_lastError = writePng(path, scale);
    return m_lastError.isEmpty();
}

// --- Neurons ----------------------------------------------------------------------------

void CortexView::setNeuronPositions(std::span<const float> xyz) {
    const vtkIdType n = static_cast<vtkIdType>(xyz.size() / 3);
    m_neuronCount = n;
    m_neuronPoints->SetNumberOfPoints(n);
    if (n > 0) {
        auto* coords = vtkFloatArray::SafeDownCast(m_neuronPoints->GetData());
        std::copy_n(xyz.data(), n * 3, coords->GetPointer(0));
    }
    m_neuronPoints->Modified();

    const auto fill = [](vtkCellArray* cells, vtkIdType count, vtkIdType stride) {
        vtkNew<vtkIdTypeArray> offsets;
        vtkNew<vtkIdTypeArray> connectivity;
        offsets->SetNumberOfValues(count + 1);
        connectivity->SetNumberOfValues(count);
        for (vtkIdType i = 0; i < count; ++i) {
            offsets->SetValue(i, i);
            connectivity->SetValue(i, i * stride);
        }
        offsets->SetValue(count, count);
        cells->SetData(offsets, connectivity);
    };
    fill(m_neuronVertsAll, n, 1);
    const vtkIdType stride = std::max<vtkIdType>(1, (n + m_neuronLodThreshold - 1) /
                                                        std::max<qint64>(1, m_neuronLodThreshold));
    fill(m_neuronVertsSubset, (n + stride - 1) / stride, stride);
    m_neuronData->SetVerts(m_neuronSubsetActive ? m_neuronVertsSubset : m_neuronVertsAll);

    m_neuronColors->SetNumberOfTuples(n);
    for (vtkIdType i = 0; i < n; ++i) {
        const unsigned char blue[4] = {60, 110, 210, 255};
        m_neuronColors->SetTypedTuple(i, blue);
    }
    m_neuronColors->Modified();
    m_neuronData->Modified();
    m_neuronActor->SetVisibility(n > 0);
    if (!m_highlighted.empty()) {
        setHighlightedNeurons({});
    }
    requestRender();
}

void CortexView::setHighlightedNeurons(const std::vector<qint64>& indices, const QColor& color) {
    m_highlighted.clear();
    vtkNew<vtkPoints> points;
    points->SetDataTypeToFloat();
    vtkNew<vtkCellArray> verts;
    for (const qint64 index : indices) {
        if (index < 0 || index >= m_neuronCount) {
            continue;
        }
        double p[3];
        m_neuronPoints->GetPoint(index, p);
        const vtkIdType id = points->InsertNextPoint(p);
        verts->InsertNextCell(1, &id);
        m_highlighted.push_back(index);
    }
    m_highlightData->SetPoints(points);
    m_highlightData->SetVerts(verts);
    m_highlightData->Modified();
    m_highlightActor->GetProperty()->SetColor(color.redF(), color.greenF(), color.blueF());
    m_highlightActor->SetVisibility(!m_highlighted.empty());
    requestRender();
}

bool CortexView::setNeuronColors(std::span<const std::uint8_t> rgba) {
    if (static_cast<qint64>(rgba.size()) != 4 * m_neuronCount) {
        return false;
    }
    if (m_neuronCount > 0) {
        std::copy(rgba.begin(), rgba.end(), m_neuronColors->GetPointer(0));
    }
    m_neuronColors->Modified();
    requestRender();
    return true;
}

QColor CortexView::activityColor(double t) {
    // Silent neurons pale (they recede and leave the electrodes in view), active ones from
    // orange to dark red.
    static constexpr double stops[4][4] = {{0.0, 214.0, 219.0, 228.0},
                                           {0.35, 253.0, 174.0, 97.0},
                                           {0.7, 215.0, 48.0, 39.0},
                                           {1.0, 103.0, 0.0, 13.0}};
    t = std::isfinite(t) ? std::clamp(t, 0.0, 1.0) : 0.0;
    int k = 0;
    while (k < 2 && t > stops[k + 1][0]) {
        ++k;
    }
    const double f = (t - stops[k][0]) / (stops[k + 1][0] - stops[k][0]);
    const auto channel = [&](int c) {
        return static_cast<int>(std::lround(stops[k][c] + f * (stops[k + 1][c] - stops[k][c])));
    };
    return QColor(channel(1), channel(2), channel(3));
}

bool CortexView::setNeuronValues(std::span<const float> values, float low, float high) {
    if (static_cast<qint64>(values.size()) != m_neuronCount) {
        return false;
    }
    const float span = high > low ? high - low : 1.0f;
    unsigned char* out = m_neuronColors->GetPointer(0);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const QColor c = activityColor((values[i] - low) / span);
        out[4 * i + 0] = static_cast<unsigned char>(c.red());
        out[4 * i + 1] = static_cast<unsigned char>(c.green());
        out[4 * i + 2] = static_cast<unsigned char>(c.blue());
        out[4 * i + 3] = 255;
    }
    m_neuronColors->Modified();
    requestRender();
    return true;
}

void CortexView::setActivityLegend(const QString& title, double low, double high) {
    m_legend = Legend::Activity;
    m_legendTitle = title;
    m_legendLow = low;
    m_legendHigh = high;
    requestRender();
}

void CortexView::setPopulationLegend(const std::vector<LegendEntry>& entries) {
    m_legend = Legend::Populations;
    m_legendEntries = entries;
    requestRender();
}

void CortexView::clearLegend() {
    m_legend = Legend::None;
    m_legendEntries.clear();
    m_legendTitle.clear();
    requestRender();
}

QStringList CortexView::legendLabels() const {
    if (m_legend != Legend::Activity) {
        return {};
    }
    const double mid = 0.5 * (m_legendLow + m_legendHigh);
    return {tickLabel(m_legendLow, m_legendLow, m_legendHigh),
            tickLabel(mid, m_legendLow, m_legendHigh),
            tickLabel(m_legendHigh, m_legendLow, m_legendHigh)};
}

void CortexView::clearNeurons() {
    setNeuronPositions({});
}

void CortexView::setNeuronPointSize(double pixels) {
    m_neuronPointSize = std::clamp(pixels, 1.0, 64.0);
    requestRender();
}

void CortexView::setNeuronLodThreshold(qint64 count) {
    m_neuronLodThreshold = std::max<qint64>(1, count);
    if (m_neuronCount > 0) {
        // Rebuild the subset for the new threshold (positions are unchanged).
        std::vector<float> xyz(static_cast<std::size_t>(m_neuronCount) * 3);
        auto* coords = vtkFloatArray::SafeDownCast(m_neuronPoints->GetData());
        std::copy_n(coords->GetPointer(0), xyz.size(), xyz.data());
        std::vector<unsigned char> colors(static_cast<std::size_t>(m_neuronCount) * 4);
        std::copy_n(m_neuronColors->GetPointer(0), colors.size(), colors.data());
        setNeuronPositions(xyz);
        setNeuronColors(colors);
    }
}

qint64 CortexView::neuronsDrawn() const {
    if (m_neuronCount == 0) {
        return 0;
    }
    return m_neuronSubsetActive ? m_neuronVertsSubset->GetNumberOfCells() : m_neuronCount;
}

void CortexView::setNeuronSubset(bool subset) {
    if (subset == m_neuronSubsetActive) {
        return;
    }
    m_neuronSubsetActive = subset;
    m_neuronData->SetVerts(subset ? m_neuronVertsSubset : m_neuronVertsAll);
    // Flat points while moving, shaded spheres at rest.
    m_neuronActor->GetProperty()->SetRenderPointsAsSpheres(!subset);
    m_neuronData->Modified();
}

void CortexView::onInteraction(vtkObject* /*caller*/, unsigned long eventId, void* /*data*/) {
    if (eventId == vtkCommand::StartInteractionEvent) {
        m_cameraMoved = true;
        setNeuronSubset(m_neuronCount > m_neuronLodThreshold);
    } else if (eventId == vtkCommand::EndInteractionEvent) {
        setNeuronSubset(false);
        requestRender();
    }
}

// --- Events -----------------------------------------------------------------------------

void CortexView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        m_pressPos = event->position().toPoint();
        m_leftPressed = true;
        if (m_dragPicking) {
            event->accept(); // the camera stays where it is
            return;
        }
    }
    VtkOpenGLWidget::mousePressEvent(event);
}

void CortexView::mouseMoveEvent(QMouseEvent* event) {
    if (m_dragPicking && m_leftPressed) {
        if (const std::optional<qint64> vertex = pickVertex(event->position().toPoint())) {
            Q_EMIT vertexDragged(*vertex, m_lastPickPosition);
        }
        event->accept();
        return;
    }
    VtkOpenGLWidget::mouseMoveEvent(event);
}

void CortexView::mouseReleaseEvent(QMouseEvent* event) {
    const bool dragPick = m_dragPicking && event->button() == Qt::LeftButton && m_leftPressed;
    if (!dragPick) {
        VtkOpenGLWidget::mouseReleaseEvent(event);
    }
    if (event->button() != Qt::LeftButton || !m_leftPressed) {
        return;
    }
    m_leftPressed = false;
    const QPoint pos = event->position().toPoint();
    if (!dragPick && (pos - m_pressPos).manhattanLength() > 3) {
        return; // a camera drag, not a click
    }
    if (const std::optional<qint64> vertex = pickVertex(pos)) {
        Q_EMIT vertexPicked(*vertex, m_lastPickPosition);
    }
}

void CortexView::resizeEvent(QResizeEvent* event) {
    VtkOpenGLWidget::resizeEvent(event);
    if (!m_cameraMoved) {
        setCameraPreset(m_preset);
    }
}

void CortexView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_R:
        resetCamera();
        break;
    case Qt::Key_L:
        setCameraPreset(CameraPreset::Lateral);
        break;
    case Qt::Key_M:
        setCameraPreset(CameraPreset::Medial);
        break;
    case Qt::Key_D:
        setCameraPreset(CameraPreset::Dorsal);
        break;
    default:
        VtkOpenGLWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace plexus::widgets
